"""Bad and hostile input: clear errors, nothing lost, nothing injected, no network."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

import pyogrio
import pytest
from conftest import DATA, ROOT, ZONE_HEADER, csv_text, well, write_approval, zone
from test_maps import Page

from geo import InputError, SuspiciousInputWarning, build_zones, read_approvals, wells_frame
from geo.exports import export
from geo.maps import build_maps
from geo.validation import checked_zones

XSS_NAME = '<img src=x onerror="window.__xss=1">'
XSS_CODE = 'X"><svg onload=window.__xss=4>'
XSS_DOC = "<b onmouseover=window.__xss=3>批复</b>"
XSS_RULE = "以取水井为中心，30m为半径的圆形区域</script><script>window.__xss=2</script>"
TEMPLATE = "{{ 7*7 }}{% if true %}模板{% endif %}"


@pytest.fixture
def hostile(tmp_path):
    folder = write_approval(
        tmp_path / "evil approval<>",
        [well(code=XSS_CODE, name=XSS_NAME, doc=XSS_DOC)[:4] + [TEMPLATE] + well()[5:]],
        [zone(code=XSS_CODE, rule=XSS_RULE, doc=XSS_DOC)],
    )
    approvals = read_approvals(folder)
    return approvals, checked_zones(build_zones(approvals)), wells_frame(approvals)


def test_hostile_names_are_shown_as_text_and_run_nothing(tmp_path, hostile, browser):
    approvals, zones, wells = hostile
    written = build_maps(approvals, zones, wells, tmp_path / "out", offline=True)
    assert sorted(p.name for p in written) == [
        "evil-approval.geojson",
        "evil-approval.html",
        "index.html",
        "zones.geojson",
    ]
    page = Page(browser, tmp_path / "out" / "index.html", shot="hostile.png")
    p = page.page
    assert page.errors == []
    panel = p.inner_text(".geo-panel")
    assert XSS_NAME in panel and XSS_CODE in panel and XSS_DOC in panel
    p.fill("input.geo-search", "<img")
    assert p.locator("li.geo-source:visible").count() == 1
    p.click("li.geo-source")
    p.wait_for_timeout(300)
    popup = page.popup_text()
    assert XSS_NAME in popup and XSS_RULE in popup and XSS_DOC in popup
    page.close_popup()
    p.locator("path.geo-well").first.click()
    assert TEMPLATE in page.popup_text()  # shown, not rendered as a template (49)
    p.locator("path.geo-zone").first.hover(force=True)
    assert p.evaluate("window.__xss") is None
    assert p.evaluate("document.querySelectorAll('img[src=\"x\"], svg[onload], b[onmouseover]').length") == 0
    assert XSS_DOC in p.title()
    page.close()


def test_hostile_names_survive_geojson_and_kml(tmp_path, hostile):
    approvals, zones, wells = hostile
    export(tmp_path / "out.geojson", zones, wells)
    features = json.loads((tmp_path / "out.geojson").read_text(encoding="utf-8"))["features"]
    assert features[0]["properties"]["source_name"] == XSS_NAME and features[0]["properties"]["rule"] == XSS_RULE
    export(tmp_path / "out.kml", zones, wells)
    root = ET.parse(tmp_path / "out.kml").getroot()  # well-formed XML: the names were escaped
    names = [e.text for e in root.iter("{http://www.opengis.net/kml/2.2}name")]
    assert f"{XSS_NAME} 一级" in names
    assert pyogrio.read_dataframe(tmp_path / "out.kml", layer="水源井").Name.iloc[0] == XSS_NAME


def test_building_makes_no_network_request(tmp_path, monkeypatch):
    calls = []

    def refuse(self, address):
        calls.append(address)
        raise OSError("network refused by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    approvals = read_approvals(DATA)
    zones = checked_zones(build_zones(approvals))
    build_maps(approvals, zones, wells_frame(approvals), tmp_path, offline=False)
    export(tmp_path / "all.gpkg", zones, wells_frame(approvals))
    assert calls == []


def test_a_failed_build_leaves_the_previous_maps(tmp_path):
    out = tmp_path / "maps"
    assert subprocess.run([sys.executable, "-m", "geo", "build", str(DATA), "-o", str(out)], cwd=ROOT).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    bad = write_approval(tmp_path / "bad", [well(lat="91°")], [zone()])
    done = subprocess.run(
        [sys.executable, "-m", "geo", "build", str(bad), "-o", str(out)], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_build_killed_midway_leaves_the_previous_maps(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synthetic

    source = synthetic.write(tmp_path / "syn" / "a", 400)
    out = tmp_path / "maps"
    assert (
        subprocess.run(
            [sys.executable, "-m", "geo", "build", str(source), "-o", str(out)], cwd=ROOT, capture_output=True
        ).returncode
        == 0
    )
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    wells_csv = tmp_path / "syn" / "a" / "wells.csv"
    wells_csv.write_text(
        wells_csv.read_text(encoding="utf-8-sig").replace("村集中供水工程", "村供水站"), encoding="utf-8"
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "geo", "build", str(source), "-o", str(out)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None and not list(tmp_path.glob(".maps.build-*/*")):
        time.sleep(0.0005)
    process.send_signal(signal.SIGKILL)  # killed while the new files are being written
    process.wait()
    assert process.returncode == -signal.SIGKILL
    after = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    assert after == before
    # The next build clears what the killed one left behind.
    assert (
        subprocess.run(
            [sys.executable, "-m", "geo", "build", str(source), "-o", str(out)], cwd=ROOT, capture_output=True
        ).returncode
        == 0
    )
    assert not list(out.glob(".*")) and not list(tmp_path.glob(".maps.*"))


# --- bad input: every error with its exact message ------------------------------------------


def _problems(folder):
    with pytest.raises(InputError) as info:
        read_approvals(folder)
    return [str(p) for p in info.value.problems]


def test_radii_that_do_not_fit_the_wells(tmp_path):
    wells = [well(no="1#"), well(no="2#", lon="111°42′12.58″", supply="")]
    folder = write_approval(
        tmp_path / "r",
        wells,
        [
            zone(rule="分别以30m、40m、50m为半径的圆形区域"),
            zone(level="二级", rule="以1#、3#取水井为中心，以100m为半径的圆形区域"),
        ],
    )
    z = folder / "zones.csv"
    assert _problems(folder) == [
        f"{z} row 2, column 划定方案: expected one radius for every well or one per well (2 wells), not 3 radii, got '分别以30m、40m、50m为半径的圆形区域'",
        f"{z} row 3, column 划定方案: expected wells of this source (1#、2#); the rule names 3#, got '以1#、3#取水井为中心，以100m为半径的圆形区域'",
    ]


def test_level2_radius_must_exceed_the_level1_radius_it_removes(tmp_path):
    folder = write_approval(
        tmp_path / "n",
        [well()],
        [
            zone(rule="以取水井为中心，50m为半径的圆形区域"),
            zone(level="二级", rule="以取水井为中心，50m为半径的圆形区域扣除一级保护区范围所形成的环形区域"),
        ],
    )
    assert _problems(folder) == [
        f"{folder / 'zones.csv'} row 3, column 划定方案: expected a 二级 radius larger than the 一级 radius it removes (50 m at the well), not 50 m, got '以取水井为中心，50m为半径的圆形区域扣除一级保护区范围所形成的环形区域'"
    ]


def test_corner_lists(tmp_path):
    rule = "以拐点坐标连线所围的区域"
    folder = write_approval(
        tmp_path / "c",
        [well(), well(code="T2"), well(code="T3")],
        [
            zone(rule=rule, corners="111.70 38.39; 111.71 38.39"),
            zone(code="T2", rule=rule, corners="111.70 38.39; 111.71 38.40; 111.71 38.39; 111.70 38.40"),
            zone(code="T3", rule=rule, corners=""),
        ],
    )
    z = folder / "zones.csv"
    with pytest.warns(
        SuspiciousInputWarning, match="row 4: the rule is drawn through corner points, but no corner points"
    ):
        problems = _problems(folder)
    assert problems == [
        f"{z} row 2, column 拐点坐标: expected at least 3 corner points, got 2, got '111.70 38.39; 111.71 38.39'",
        f"{z} row 3, column 拐点坐标: expected corner points that outline a simple polygon in 点号 order: edge 1–2 crosses edge 3–4, got '111.70 38.39; 111.71 38.40; 111.71 38.39; 111.70 38.40'",
    ]
    # A rule drawn through corner points with none given is kept, not drawn, and warned about.
    with pytest.warns(SuspiciousInputWarning, match="no corner points are given"):
        zones = build_zones(read_approvals(write_approval(tmp_path / "d", [well()], [zone(rule=rule)])))
    assert zones.geometry.isna().all() and not zones["derivable"].any()


def test_a_well_far_from_its_siblings(tmp_path):
    folder = write_approval(tmp_path / "f", [well(no="1#"), well(no="2#", lon="111°52′11.58″", supply="")], [zone()])
    assert _problems(folder) == [
        f"{folder / 'wells.csv'} row 3, column 经度/纬度: expected a well within 10 km of another well of source T001; the nearest, row 2, lies 14.6 km away (typing error?), got '111°52′11.58″ 38°23′30.36″'",
    ]


def test_files_that_are_empty_binary_or_in_an_unknown_encoding(tmp_path):
    for name, data in {
        "empty": b"",
        "binary": b"\x00\x01\x02PK",
        "encoding": "水源名称".encode("gbk") + b"\x80\x80,\xff\xff",
    }.items():
        folder = tmp_path / name
        folder.mkdir()
        (folder / "wells.csv").write_bytes(data)
        (folder / "zones.csv").write_text(csv_text(ZONE_HEADER, []), encoding="utf-8")
    problems = _problems(tmp_path)
    assert problems == [
        f"{tmp_path / 'binary' / 'wells.csv'}: expected a text file (CSV in UTF-8 or GBK), found binary data (a NUL byte at offset 0)",
        f"{tmp_path / 'empty' / 'wells.csv'}: expected a header row naming the wells columns, found an empty file",
        f"{tmp_path / 'encoding' / 'wells.csv'}: expected text in UTF-8, UTF-8 with BOM or GBK/GB18030 (byte 8, row 1, is neither)",
    ]


def test_missing_columns_are_named_with_the_accepted_headers(tmp_path):
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "wells.csv").write_text("备注,经度\nA,111.5\n", encoding="utf-8")
    (folder / "zones.csv").write_text(csv_text(ZONE_HEADER, []), encoding="utf-8")
    assert _problems(folder) == [
        f"{folder / 'wells.csv'} row 1: expected the required column(s) source_code, lat (accepted headers — source_code: source_code / 水源编码 / 水源地编码 / 水源编号 / 编码 / 水源代码 / 水源地代码 / 水源地编号; lat: lat / 纬度 / 北纬 / 纬度（n） / n / latitude / 取水口纬度 / 取水井纬度 / 水源井纬度 / 井口纬度 / 纬度坐标 / any ending in 纬度)"
    ]


def test_a_broken_xlsx(tmp_path):
    folder = tmp_path / "x"
    folder.mkdir()
    (folder / "wells.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    (folder / "zones.csv").write_text(csv_text(ZONE_HEADER, []), encoding="utf-8")
    [problem] = _problems(folder)
    assert problem.startswith(f"{folder / 'wells.xlsx'}: expected an Excel workbook (.xlsx) that opens (BadZipFile: ")
