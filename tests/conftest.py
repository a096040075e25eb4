"""Shared helpers: write small approval folders for tests."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

# The command line speaks the locale's language when --lang is not given: the tests run in a neutral one,
# so they say the same on every machine (tests that need another locale pass their own environment).
for _name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEEDS = ROOT.parent / "shared" / "seeds"

WELL_HEADER = [
    "批复文号",
    "水源名称",
    "水源编码",
    "水源井编号",
    "位置",
    "井深（m）",
    "经度",
    "纬度",
    "设计供水量（万m3/年）",
]
ZONE_HEADER = ["批复文号", "水源编码", "保护区级别", "保护区面积（km2）", "保护区周长（m）", "划定方案", "拐点坐标"]


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


#: A 20″ × 20″ square of corner points north-west of the test well (lon, lat as printed), counter-clockwise.
CORNER_SQUARE = (
    ("111°42′00″", "38°23′20″"),
    ("111°42′20″", "38°23′20″"),
    ("111°42′20″", "38°23′40″"),
    ("111°42′00″", "38°23′40″"),
)


def write_approval(folder: Path, wells: list[list[str]], zones: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    """An approval folder with wells.csv and zones.csv in the given encoding."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "wells.csv").write_bytes(csv_text(WELL_HEADER, wells).encode(encoding))
    (folder / "zones.csv").write_bytes(csv_text(ZONE_HEADER, zones).encode(encoding))
    return folder


def well(
    code="T001",
    no="",
    lon="111°42′11.58″",
    lat="38°23′30.36″",
    name="测试村集中供水工程",
    doc="测试〔2024〕1号",
    depth="120",
    supply="1.5",
):
    return [doc, name, code, no, "某村东", depth, lon, lat, supply]


def zone(
    code="T001",
    level="一级",
    area="0.0028",
    perimeter="188.4",
    rule="以取水井为中心，30m为半径的圆形区域",
    corners="",
    doc="测试〔2024〕1号",
):
    return [doc, code, level, area, perimeter, rule, corners]


@pytest.fixture
def seeds() -> Path:
    """The bulletin texts; CI has shared/ beside the clone, so missing there is a failure."""
    if not SEEDS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the seed texts are missing: {SEEDS}")
        pytest.skip(f"the seed texts are not beside this checkout: {SEEDS}")
    return SEEDS


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (.ci/run does)")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
