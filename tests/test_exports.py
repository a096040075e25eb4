"""Tests of geo/exports.py and the conflicts command: files read back by GDAL (pyogrio) and openpyxl."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import openpyxl
import pyogrio
import pytest
from conftest import DATA, ROOT
from test_projects import _frame


@pytest.fixture
def project_file(tmp_path):
    path = tmp_path / "projects.gpkg"
    pyogrio.write_dataframe(_frame(), path, driver="GPKG")
    return path


def run(*args):
    return subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def export(tmp_path, project_file, name):
    out = tmp_path / name
    done = run(
        "export", str(DATA), "--projects", str(project_file), str(DATA / "projects"), "--near", "50", "-o", str(out)
    )
    assert done.returncode == 0, done.stderr
    return out


def test_geopackage_layers_in_cgcs2000_and_gauss_kruger(tmp_path, project_file):
    out = export(tmp_path, project_file, "all.gpkg")
    layers = dict(pyogrio.list_layers(out))
    assert set(layers) == {"zones", "wells", "projects", "conflicts", "zones_gk4546", "projects_gk4546"}
    zones = pyogrio.read_dataframe(out, layer="zones")
    assert (len(zones), zones.crs.to_epsg(), zones.geometry.isna().sum()) == (26, 4490, 2)
    gk = pyogrio.read_dataframe(out, layer="zones_gk4546")
    assert gk.crs.to_epsg() == 4546 and len(gk) == 24
    # A 30 m 一级 circle in metres: area π·30² (less the 512-gon's 2.5e-5).
    assert gk.geometry.iloc[0].area == pytest.approx(3.14159265 * 900, rel=2e-4)
    conflicts = pyogrio.read_dataframe(out, layer="conflicts")
    assert conflicts[["project", "level", "relation", "law_article"]].values.tolist() == [
        ["井旁泵房", "一级", "inside", "第六十五条"],
        ["跨二级边界厂房", "二级", "intersects", "第六十六条"],
        ["二级外侧仓库", "二级", "near", "—"],
    ]
    projects = pyogrio.read_dataframe(out, layer="projects")
    assert len(projects) == 176 and projects.geometry.notna().sum() == 6


def test_kml_keeps_chinese_names(tmp_path, project_file):
    out = export(tmp_path, project_file, "all.kml")
    text = out.read_text(encoding="utf-8")
    assert "<name>北关村集中供水工程 一级</name>" in text and "<name>井旁泵房</name>" in text
    wells = pyogrio.read_dataframe(out, layer="wells")
    assert wells.crs.to_epsg() == 4326 and "普家庄村集中供水工程 2#" in set(wells.Name)


def test_geojson_holds_every_kind(tmp_path, project_file):
    out = export(tmp_path, project_file, "all.geojson")
    kinds = [f["properties"]["kind"] for f in json.loads(out.read_text(encoding="utf-8"))["features"]]
    assert {k: kinds.count(k) for k in set(kinds)} == {"zone": 26, "well": 18, "project": 176, "conflict": 3}
    assert len(pyogrio.read_dataframe(out)) == 223


def test_csv_and_xlsx_reports(tmp_path, project_file):
    out = export(tmp_path, project_file, "report.csv")
    with open(out, encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 26 and rows[0]["stated_area_text"] == "0.0028" and rows[1]["stated_perimeter_text"] == "1099.0"
    assert out.read_bytes()[:3] == b"\xef\xbb\xbf"  # Excel opens UTF-8 with BOM correctly
    with open(tmp_path / "report-conflicts.csv", encoding="utf-8-sig") as handle:
        assert [r["project"] for r in csv.DictReader(handle)] == ["井旁泵房", "跨二级边界厂房", "二级外侧仓库"]
    book = openpyxl.load_workbook(export(tmp_path, project_file, "report.xlsx"), read_only=True)
    assert book.sheetnames == ["zones", "wells", "projects", "conflicts"]
    assert book["zones"].max_row == 27


def test_unknown_export_format(tmp_path):
    done = run("export", str(DATA), "-o", str(tmp_path / "out.dwg"), "--lang", "en")
    assert done.returncode == 2
    assert (
        done.stderr.strip()
        == f"error: -o: expected a file ending in .gpkg, .geojson, .kml, .csv, .xlsx, got '{tmp_path / 'out.dwg'}'"
    )
    done = run("export", str(DATA), "-o", str(tmp_path / "out.dwg"))  # Chinese by default
    assert (
        done.stderr.strip()
        == f"错误: -o：应为以 .gpkg, .geojson, .kml, .csv, .xlsx 结尾的文件，实际为 '{tmp_path / 'out.dwg'}'"
    )


def test_conflicts_command(project_file):
    done = run("conflicts", str(DATA), "--projects", str(project_file), str(DATA / "projects"), "--near", "50")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "井旁泵房：位于北关村集中供水工程（DC0200141127101G0001）一级保护区，重叠 100.0 m²。适用第六十五条。",
        "跨二级边界厂房：压占/接触北关村集中供水工程（DC0200141127101G0001）二级保护区，重叠 784.7 m²。适用第六十六条。",
        "二级外侧仓库：邻近北关村集中供水工程（DC0200141127101G0001）二级保护区，距离 30.0 m。未进入保护区，不适用第六十四条至第六十七条。",
        "",
        "3 条；170 个项目只有地名，未参与判断。",
    ]
    records = json.loads(run("conflicts", str(DATA), "--projects", str(project_file), "--json").stdout)
    assert [(r["project"], r["relation"]) for r in records] == [
        ("井旁泵房", "inside"),
        ("跨二级边界厂房", "intersects"),
    ]
    assert set(records[0]) >= {
        "project",
        "source_code",
        "source_name",
        "level",
        "relation",
        "overlap_m2",
        "distance_m",
        "law_article",
        "law",
    }
