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
    # A 30 m 一级 circle in metres: area π·30² (its polygon is drawn with the circle's area).
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
    wells = pyogrio.read_dataframe(out, layer="水源井")
    assert wells.crs.to_epsg() == 4326 and "普家庄村集中供水工程 2#" in set(wells.Name)


KML = "{http://www.opengis.net/kml/2.2}"


def test_kml_styles_zones_by_level_in_folders_by_approval(tmp_path, project_file):
    import xml.etree.ElementTree as ET

    from geo.mapdata import LEVEL_STYLES

    out = export(tmp_path, project_file, "all.kml")
    document = ET.parse(out).getroot().find(f"{KML}Document")  # well-formed KML 2.2
    styles = {
        s.get("id"): (s.findtext(f"{KML}LineStyle/{KML}color"), s.findtext(f"{KML}PolyStyle/{KML}color"))
        for s in document.findall(f"{KML}Style")
    }
    # The map's colours, as KML writes them (aabbggrr): 一级 #7f0000 outline, #d7301f fill at half opacity.
    assert styles["level-1"] == ("ff00007f", "801f30d7") and styles["level-2"] == ("ff0658b3", "8061aefd")
    assert len({styles[f"level-{s['key']}"] for s in LEVEL_STYLES}) == 3  # three levels, three looks
    folders = [f.findtext(f"{KML}name") for f in document.findall(f"{KML}Folder")]
    assert folders == ["吕政函〔2023〕92号", "吕政函〔2023〕93号", "建设项目", "冲突"]
    first = document.find(f"{KML}Folder")
    assert [f.findtext(f"{KML}name") for f in first.findall(f"{KML}Folder")] == ["一级", "二级", "水源井"]
    for folder in first.findall(f"{KML}Folder"):
        want = {"一级": "#level-1", "二级": "#level-2", "水源井": "#well"}[folder.findtext(f"{KML}name")]
        assert {p.findtext(f"{KML}styleUrl") for p in folder.findall(f"{KML}Placemark")} == {want}
    # Read back by GDAL: a layer per folder, the description table and the fields under ASCII names.
    zones = pyogrio.read_dataframe(out, layer="一级")
    beiguan = zones[zones.Name == "北关村集中供水工程 一级"].iloc[0]
    assert len(zones) == 13 and beiguan.source_code == "DC0200141127101G0001" and beiguan.status == "一致"
    for text in (
        "<th>划定方案</th><td>以取水井为中心，30m 为半径的圆形区域</td>",
        "<th>批复面积（km²）</th><td>0.0028</td>",
    ):
        assert text in beiguan.description
    assert "<th>实测面积（m²）</th><td>2,827.4</td>" in beiguan.description
    conflicts = pyogrio.read_dataframe(out, layer="冲突")
    assert conflicts.Name.tolist() == [
        "井旁泵房 → 北关村集中供水工程 一级",
        "跨二级边界厂房 → 北关村集中供水工程 二级",
        "二级外侧仓库 → 北关村集中供水工程 二级",
    ]
    assert "距二级保护区 30.0 m，未进入该区" in conflicts.description.iloc[2]


def test_conflicts_layer_holds_the_overlap_and_the_way_to_a_zone_near(tmp_path, project_file):
    out = export(tmp_path, project_file, "all.gpkg")
    conflicts = pyogrio.read_dataframe(out, layer="conflicts")
    metres = conflicts.geometry.to_crs(4525)  # CGCS2000 3° zone 37, where 北关村 lies
    assert conflicts.geometry.geom_type.tolist() == ["MultiPolygon", "MultiPolygon", "MultiLineString"]
    # The part inside the zone, its area the overlap; for the warehouse 30 m out, the line to the zone.
    assert metres.area.iloc[0] == pytest.approx(conflicts.overlap_m2.iloc[0], abs=0.05)
    assert metres.area.iloc[1] == pytest.approx(conflicts.overlap_m2.iloc[1], abs=0.05)
    assert metres.length.iloc[2] == pytest.approx(30.0, abs=0.05) == conflicts.distance_m.iloc[2]
    assert conflicts.part.tolist() == ["", "", ""] and conflicts.source_code.iloc[0] == "DC0200141127101G0001"


def test_reports_have_chinese_headers_words_and_figures_as_printed(tmp_path, project_file):
    out = export(tmp_path, project_file, "report.csv")
    with open(out, encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0])[:8] == [
        "批复文号",
        "县区",
        "水源名称",
        "水源编码",
        "保护区级别",
        "分区",
        "划定方案",
        "批复面积（km²）",
    ]
    second = rows[1]  # 北关村 二级: stated 0.0933 km², built 93,383.84 m² (π·(175²−30²), not 3.14)
    assert (second["批复面积（km²）"], second["实测面积（km²，按批复位数）"], second["实测面积（m²）"]) == (
        "0.0933",
        "0.0934",
        "93383.84",
    )
    assert (second["批复周长（m）"], second["实测外周长（m，按批复位数）"]) == ("1099.0", "1099.6")
    assert second["核对结论"] == "一致" and second["说明"].startswith("面积按π=3.14计算")
    assert {r["核对结论"] for r in rows} == {"一致", "无法推出"}
    with open(tmp_path / "report-conflicts.csv", encoding="utf-8-sig") as handle:
        conflicts = list(csv.DictReader(handle))
    assert [r["关系"] for r in conflicts] == ["位于", "压占/接触", "邻近（未进入）"]
    assert [r["条款"] for r in conflicts] == ["第六十五条", "第六十六条", "—"]

    english = tmp_path / "en.csv"
    done = run("export", str(DATA), "-o", str(english), "--lang", "en")
    assert done.returncode == 0, done.stderr
    with open(english, encoding="utf-8-sig") as handle:
        row = next(csv.DictReader(handle))
    assert (row["approval"], row["status"], row["measured area (km², decimals as stated)"]) == (
        "吕政函〔2023〕92号",
        "match",
        "0.0028",
    )
    assert row["note"].startswith("Area with π = 3.14")


def test_workbook_sheets_are_named_frozen_and_sized(tmp_path, project_file):
    book = openpyxl.load_workbook(export(tmp_path, project_file, "report.xlsx"))
    assert book.sheetnames == ["保护区核对", "水源井", "建设项目", "冲突"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2" and all(c.font.bold for c in sheet[1])
    zones = book["保护区核对"]
    widths = {c.value: zones.column_dimensions[c.column_letter].width for c in zones[1]}
    assert widths["水源编码"] == 22 and widths["划定方案"] == 60  # the code in full; long rules wrap at 60
    assert zones["G2"].alignment.wrap_text
    assert zones.max_row == 27 and zones["C2"].value == "北关村集中供水工程"


def test_geojson_holds_every_kind(tmp_path, project_file):
    out = export(tmp_path, project_file, "all.geojson")
    kinds = [f["properties"]["kind"] for f in json.loads(out.read_text(encoding="utf-8"))["features"]]
    assert {k: kinds.count(k) for k in set(kinds)} == {"zone": 26, "well": 18, "project": 176, "conflict": 3}
    assert len(pyogrio.read_dataframe(out)) == 223


def test_csv_and_xlsx_reports(tmp_path, project_file):
    out = export(tmp_path, project_file, "report.csv")
    with open(out, encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 26 and rows[0]["批复面积（km²）"] == "0.0028" and rows[1]["批复周长（m）"] == "1099.0"
    assert out.read_bytes()[:3] == b"\xef\xbb\xbf"  # Excel opens UTF-8 with BOM correctly
    with open(tmp_path / "report-conflicts.csv", encoding="utf-8-sig") as handle:
        assert [r["项目名称"] for r in csv.DictReader(handle)] == ["井旁泵房", "跨二级边界厂房", "二级外侧仓库"]
    book = openpyxl.load_workbook(export(tmp_path, project_file, "report.xlsx"), read_only=True)
    assert book.sheetnames == ["保护区核对", "水源井", "建设项目", "冲突"]
    assert book["保护区核对"].max_row == 27


def test_unknown_export_format(tmp_path):
    done = run("export", str(DATA), "-o", str(tmp_path / "out.dwg"), "--lang", "en")
    assert done.returncode == 2
    assert (
        done.stderr.strip()
        == f"error: -o: expected a file ending in .gpkg, .parquet, .geojson, .kml, .csv, .xlsx, got '{tmp_path / 'out.dwg'}'"
    )
    done = run("export", str(DATA), "-o", str(tmp_path / "out.dwg"))  # Chinese by default
    assert (
        done.stderr.strip()
        == f"错误: -o：应为以 .gpkg, .parquet, .geojson, .kml, .csv, .xlsx 结尾的文件，实际为 '{tmp_path / 'out.dwg'}'"
    )


def test_conflicts_command(project_file):
    done = run("conflicts", str(DATA), "--projects", str(project_file), str(DATA / "projects"), "--near", "50")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "井旁泵房：位于北关村集中供水工程（DC0200141127101G0001）一级保护区，重叠 100.0 m²。适用第六十五条。",
        "跨二级边界厂房：压占/接触北关村集中供水工程（DC0200141127101G0001）二级保护区，重叠 784.8 m²。适用第六十六条。",
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


@pytest.mark.parametrize("suffix", [".gpkg", ".geojson", ".kml", ".csv", ".xlsx"])
def test_geo_export_from_python(tmp_path, project_file, suffix):
    import geo

    approvals = geo.read_approvals(DATA)
    zones = geo.build_zones(approvals)  # unchecked: geo.export adds the check
    only = geo.export(zones, tmp_path / f"zones{suffix}")
    assert only == [tmp_path / f"zones{suffix}"]
    projects = geo.read_projects(project_file)
    written = geo.export(zones, tmp_path / f"all{suffix}", wells=geo.wells_frame(approvals), projects=projects)
    if suffix == ".gpkg":
        assert {name for name, _ in pyogrio.list_layers(only[0])} == {"zones", "zones_gk4546"}
        conflicts = pyogrio.read_dataframe(written[0], layer="conflicts")
        assert conflicts.relation.tolist() == ["inside", "intersects"]  # conflicts found when not given
    elif suffix == ".csv":
        assert [p.name for p in written] == ["all.csv", "all-conflicts.csv"]
    elif suffix == ".xlsx":
        assert openpyxl.load_workbook(only[0]).sheetnames == ["保护区核对"]
        assert openpyxl.load_workbook(written[0]).sheetnames == ["保护区核对", "水源井", "建设项目", "冲突"]
    else:
        assert len(pyogrio.read_dataframe(written[0], layer="冲突" if suffix == ".kml" else None)) >= 2


def test_wells_without_coordinates_are_in_every_export_with_their_cells_as_printed(tmp_path):
    # Nothing lost: a well whose row says 待测 is a row of the wells sheet and a feature with a null geometry in
    # GeoPackage, GeoJSON and GeoParquet (KML has nothing to place it at); its source's zones keep its 县区.
    import geopandas as gpd
    from conftest import well, write_approval, zone

    import geo

    wells = [well(), well(code="T002", name="无坐标村", lon="待测", lat="待测")]
    folder = write_approval(tmp_path / "u", wells, [zone(), zone(code="T002")])
    text = (folder / "wells.csv").read_text(encoding="utf-8-sig").replace("批复文号,", "批复文号,县区,", 1)
    lines = text.splitlines()
    (folder / "wells.csv").write_text(
        "\n".join([lines[0], *(line.replace(",", ",岚县,", 1) for line in lines[1:])]) + "\n", encoding="utf-8"
    )
    with pytest.warns(geo.SuspiciousInputWarning, match="the well has no coordinates"):
        approvals = geo.read_approvals(folder)
    frame = geo.wells_frame(approvals)
    assert frame[["source_code", "county", "lon_text", "lat_text"]].values.tolist() == [
        ["T001", "岚县", "111°42′11.58″", "38°23′30.36″"],
        ["T002", "岚县", "待测", "待测"],
    ]
    assert frame.geometry.isna().tolist() == [False, True] and frame["lon_deg"].isna().tolist() == [False, True]
    zones = geo.build_zones(approvals)
    assert zones["county"].tolist() == ["岚县", "岚县"]
    written = {
        suffix: geo.export(zones, tmp_path / f"all{suffix}", wells=frame)
        for suffix in (".gpkg", ".geojson", ".xlsx", ".kml", ".parquet")
    }
    gpkg = pyogrio.read_dataframe(written[".gpkg"][0], layer="wells")
    assert gpkg[["source_code", "lon_text"]].values.tolist() == [["T001", "111°42′11.58″"], ["T002", "待测"]]
    assert gpkg.geometry.isna().tolist() == [False, True]
    features = json.loads(written[".geojson"][0].read_text(encoding="utf-8"))["features"]
    assert [
        (f["properties"]["source_code"], f["geometry"] is None) for f in features if f["properties"]["kind"] == "well"
    ] == [
        ("T001", False),
        ("T002", True),
    ]
    sheet = openpyxl.load_workbook(written[".xlsx"][0])["水源井"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    assert [(r["水源编码"], r["纬度（批复）"], r["纬度（十进制度）"]) for r in rows] == [
        ("T001", "38°23′30.36″", 38.3917667),
        ("T002", "待测", None),
    ]
    [parquet] = [p for p in written[".parquet"] if p.name.endswith("-wells.parquet")]
    assert gpd.read_parquet(parquet).geometry.isna().tolist() == [False, True]
    assert written[".kml"][0].read_text(encoding="utf-8").count("<Placemark>") == 2  # the zone and the located well
