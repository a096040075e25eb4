"""Tests of geo/projects.py and geo/conflicts.py: seed projects, every input form, conflicts, errors."""

from __future__ import annotations

import csv
import json
import re
import zipfile
from decimal import Decimal
from fractions import Fraction

import geopandas as gpd
import pyogrio
import pytest
import shapely
from conftest import DATA
from pyproj import Geod, Transformer

from geo import build_zones, parse_dms, read_approvals
from geo.conflicts import LAW, find_conflicts
from geo.errors import InputError, SuspiciousInputWarning
from geo.messages import problem_text
from geo.projects import read_projects

GEOD = Geod(ellps="GRS80")
PROJECTS = DATA / "projects"

# --- seed projects ---------------------------------------------------------------


def _seed_vertices(seeds, first, last):
    text = (seeds / "004_402f215055831547.txt").read_text(encoding="utf-8").splitlines()
    return [
        (Decimal(x), Decimal(y))
        for line in text[first - 1 : last]
        for x, y in re.findall(r"X\d+=([\d.]+),\s*Y\d+=([\d.]+)", line)
    ]


def _shoelace(points) -> Fraction:
    total = sum(
        Fraction(x1) * Fraction(y2) - Fraction(x2) * Fraction(y1)
        for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False)
    )
    return abs(total) / 2


@pytest.mark.parametrize(
    ("doc", "first", "last", "stated"),
    [("吕政发〔2022〕4号", 470, 478, "513.05"), ("吕政发〔2022〕5号", 519, 554, "6869.75")],
)
def test_seed_parcels_against_the_decision(seeds, doc, first, last, stated):
    parcels = read_projects(PROJECTS / "parcels-2022-4-5.csv")
    parcel = parcels[parcels.doc_no == doc].iloc[0]
    exact = _shoelace(_seed_vertices(seeds, first, last))  # exact arithmetic on the printed coordinates
    assert parcel.stated_area_text == stated
    assert parcel.plane_area_m2 == pytest.approx(float(exact), abs=1e-6)
    assert (parcel.area_status, parcel.gk_epsg) == ("match", 4525)
    # Placed by EPSG:4525 (zone 37 prefix): the first printed vertex lands on the polygon.
    x, y = _seed_vertices(seeds, first, first)[0]
    lon, lat = Transformer.from_crs(4525, 4490, always_xy=True).transform(float(y), float(x))
    assert shapely.distance(parcel.geometry.exterior, shapely.Point(lon, lat)) < 1e-9
    assert 111.13 < lon < 111.15 and 37.51 < lat < 37.52  # 离石区, by the decision's 四至


def test_seed_parcel_notes_say_how_the_area_was_checked():
    parcel = read_projects(PROJECTS / "parcels-2022-4-5.csv").iloc[0]
    assert (
        parcel.area_note
        == "按高斯-克吕格平面坐标计算面积513.022 m²，批复513.05 m²，差+0.028 m²，在坐标取位（1 mm）与面积取位所允许的±0.052 m²以内；椭球面积513.020 m²。"
    )


def test_every_parcel_vertex_cites_its_line(seeds):
    text = (seeds / "004_402f215055831547.txt").read_text(encoding="utf-8").splitlines()
    with open(PROJECTS / "parcels-2022-4-5.csv", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            line = text[int(row["来源行"]) - 1]
            assert f"X{row['点号']}={row['X']}" in line and f"Y{row['点号']}={row['Y']}" in line


def test_key_projects_are_the_142_rows_as_printed(seeds):
    text = (seeds / "004_402f215055831547.txt").read_text(encoding="utf-8").splitlines()
    with open(PROJECTS / "key-projects-2022.csv", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [int(r["序号"]) for r in rows] == list(range(1, 143))
    for r in rows:
        cells = [c.strip() for c in text[int(r["来源行"]) - 1].split("\t")]
        assert cells == [
            r["序号"],
            r["名称"],
            r["项目单位"],
            r["建设地点"],
            r["总投资（亿元）"],
            r["2022年计划投资（亿元）"],
        ]
    assert {r["类别"] for r in rows} == {
        "新型城镇化",
        "新基建",
        "新材料",
        "新装备",
        "新产品",
        "新业态",
        "工业技改",
        "其他产业",
        "重大传统基础设施",
    }


def test_hydrogen_sites_cite_lines_that_name_them(seeds):
    text = (seeds / "004_402f215055831547.txt").read_text(encoding="utf-8").splitlines()
    with open(PROJECTS / "hydrogen-2022.csv", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 27  # 7 production and transport projects, 20 stations
    for r in rows:
        line = text[int(r["来源行"]) - 1]
        assert r["名称"] in line and r["建设地点"] in line, r["来源行"]


def test_projects_without_coordinates_are_listed_not_drawn():
    projects = read_projects(PROJECTS)
    assert len(projects) == 142 + 27 + 1 + 2
    unlocated = projects[projects.geometry.isna()]
    assert unlocated.precision.value_counts().to_dict() == {"县（市、区）": 142, "村镇": 19, "园区": 8, "无": 1}
    road = projects[projects.doc_no == "吕政函〔2023〕88号"].iloc[0]
    assert (road.stated_area_text, road.stated_area_m2, road.area_status) == ("0.8740 公顷", 8740.0, "not_derivable")


def test_named_projects_never_conflict():
    zones = build_zones(read_approvals(DATA))
    found = find_conflicts(zones, read_projects(PROJECTS), near_m=100_000)
    assert set(found.project_doc_no) <= {"吕政发〔2022〕4号", "吕政发〔2022〕5号"}


# --- synthetic projects in every form ---------------------------------------------------

BEIGUAN = (parse_dms("111°42′11.58″"), parse_dms("38°23′30.36″"))  # 北关村: 一级 30 m, 二级 175 m
CASES = {  # name: (metres east of the well, half side in metres)
    "井旁泵房": (10, 5),  # wholly inside 一级
    "跨二级边界厂房": (175, 20),  # across the 二级 edge
    "二级外侧仓库": (215, 10),  # 30 m outside 二级
    "远处工地": (5000, 10),  # far away
}
EXPECTED = [("井旁泵房", "一级", "inside"), ("跨二级边界厂房", "二级", "intersects"), ("二级外侧仓库", "二级", "near")]


def _square(east_m, half_m):
    lon, lat, _ = GEOD.fwd(*BEIGUAN, 90, east_m)
    corners = [GEOD.fwd(lon, lat, az, half_m * 2**0.5)[:2] for az in (315, 225, 135, 45)]
    return shapely.Polygon(corners)


def _frame(crs="EPSG:4490"):
    frame = gpd.GeoDataFrame({"name": list(CASES)}, geometry=[_square(*v) for v in CASES.values()], crs="EPSG:4490")
    return frame.to_crs(crs)


def _relations(path, **kw):
    zones = build_zones(read_approvals(DATA / "lvzhenghan-2023-92"))
    found = find_conflicts(zones, read_projects(path, **kw), near_m=50)
    return [(r.project, r.level, r.relation) for r in found.itertuples() if r.source_code == "DC0200141127101G0001"]


@pytest.mark.parametrize("form", ["geojson", "gpkg", "kml", "kmz", "shp.zip", "gpkg-gk"])
def test_gis_files_in_any_crs(tmp_path, form):
    if form == "geojson":
        path = tmp_path / "p.geojson"
        pyogrio.write_dataframe(_frame("EPSG:4326"), path, driver="GeoJSON")
    elif form == "gpkg":
        path = tmp_path / "p.gpkg"
        pyogrio.write_dataframe(_frame(), path, driver="GPKG")
    elif form == "gpkg-gk":  # metres in zone 37 with the zone prefix
        path = tmp_path / "p.gpkg"
        pyogrio.write_dataframe(_frame("EPSG:4525"), path, driver="GPKG")
    elif form in ("kml", "kmz"):
        kml = tmp_path / "doc.kml"
        pyogrio.write_dataframe(_frame("EPSG:4326").rename(columns={"name": "Name"}), kml, driver="KML")
        path = kml
        if form == "kmz":
            path = tmp_path / "p.kmz"
            with zipfile.ZipFile(path, "w") as archive:
                archive.write(kml, "doc.kml")
    else:
        folder = tmp_path / "shp"
        folder.mkdir()
        pyogrio.write_dataframe(_frame("EPSG:4547"), folder / "p.shp", driver="ESRI Shapefile", encoding="UTF-8")
        path = tmp_path / "p.zip"
        with zipfile.ZipFile(path, "w") as archive:
            for part in folder.iterdir():
                archive.write(part, part.name)
    assert _relations(path) == EXPECTED


def test_csv_of_points_in_dms(tmp_path):
    path = tmp_path / "points.csv"
    lon, lat, _ = GEOD.fwd(*BEIGUAN, 45, 12)
    rows = [["名称", "经度", "纬度"], ["井边化粪池", lon, lat], ["村外", "111°44′00″", "38°23′30″"]]
    rows[1][1:] = [f"{lon:.8f}", f"{lat:.8f}"]
    with open(path, "w", encoding="gbk", newline="") as handle:
        csv.writer(handle).writerows(rows)
    zones = build_zones(read_approvals(DATA / "lvzhenghan-2023-92"))
    found = find_conflicts(zones, read_projects(path))
    assert [(r.project, r.level, r.relation) for r in found.itertuples()] == [("井边化粪池", "一级", "inside")]


def _vertex_csv(path, prefix=True):
    to_gk = Transformer.from_crs(4490, 4525 if prefix else 4546, always_xy=True)
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["名称", "点号", "X", "Y"])
        for name, (east, half) in CASES.items():
            ring = list(_square(east, half).exterior.coords)
            for k, (lon, lat) in enumerate(ring):
                e, n = to_gk.transform(lon, lat)
                writer.writerow([name, k + 1 if k < len(ring) - 1 else 1, f"{n:.3f}", f"{e:.3f}"])


def test_csv_of_vertex_lists_like_land_decisions(tmp_path):
    _vertex_csv(tmp_path / "parcels.csv")
    assert _relations(tmp_path / "parcels.csv") == EXPECTED


def test_vertex_lists_without_zone_prefix_need_the_crs(tmp_path):
    _vertex_csv(tmp_path / "plain.csv", prefix=False)
    with pytest.raises(InputError) as info:
        read_projects(tmp_path / "plain.csv")
    assert str(info.value.problems[0]).startswith(
        f"{tmp_path / 'plain.csv'} row 2, column Y: expected an easting with its Gauss–Krüger zone number in front (such as 37512342.575), or the CRS given with --epsg, got '"
    )
    assert _relations(tmp_path / "plain.csv", epsg=4546) == EXPECTED


# --- conflicts ---------------------------------------------------------------------------


def test_conflicts_carry_the_article_of_the_2017_law(tmp_path):
    path = tmp_path / "p.gpkg"
    pyogrio.write_dataframe(_frame(), path, driver="GPKG")
    zones = build_zones(read_approvals(DATA / "lvzhenghan-2023-92"))
    found = find_conflicts(zones, read_projects(path), near_m=50)
    # Near is not in: the 30 m-outside warehouse is cited no article (the law holds inside a zone only).
    assert found.law_article.tolist() == ["第六十五条", "第六十六条", "—"]
    assert found.law.iloc[2] == (
        "距二级保护区 30.0 m，未进入该区：《水污染防治法》（2017年修正）第六十四条至第六十七条只适用于保护区内，"
        "不因邻近而适用；当地另有距离要求的，按其办理。"
    )
    assert found.law_en.iloc[2].startswith("30.0 m from the 二级 zone, outside it: Articles 64–67")
    assert found.law.iloc[0].startswith(
        "《水污染防治法》（2017年修正）第六十五条：禁止在饮用水水源一级保护区内新建、改建、扩建与供水设施和保护水源无关的建设项目"
    )
    assert "第六十四条：在饮用水水源保护区内，禁止设置排污口" in found.law.iloc[1]
    # 10 m square wholly inside 一级; the crossing square: 40 m × 40 m, its inner half inside the 175 m circle.
    assert found.overlap_m2.iloc[0] == pytest.approx(100.0, abs=0.05)
    assert 780 < found.overlap_m2.iloc[1] < 800
    assert found.distance_m.iloc[2] == pytest.approx(30.0, abs=0.05)
    assert set(LAW) == {"一级", "二级", "准保护区"} and LAW["准保护区"]["article"] == "第六十七条"


def test_inside_the_ring_and_near_the_core_cites_the_ring_only(tmp_path):
    # A 10 m square 80–90 m east of 北关村's well: inside the 二级 ring, 50 m from the 30 m 一级 circle.
    frame = gpd.GeoDataFrame({"name": ["环内仓库"]}, geometry=[_square(85, 5)], crs="EPSG:4490")
    path = tmp_path / "p.gpkg"
    pyogrio.write_dataframe(frame, path, driver="GPKG")
    zones = build_zones(read_approvals(DATA / "lvzhenghan-2023-92"))
    found = find_conflicts(zones, read_projects(path), near_m=100)
    rows = found[found.source_code == "DC0200141127101G0001"]
    assert rows[["level", "relation", "law_article"]].values.tolist() == [
        ["一级", "near", "—"],
        ["二级", "inside", "第六十六条"],
    ]
    assert rows.distance_m.iloc[0] == pytest.approx(50.0, abs=0.05)
    assert rows.law.iloc[0].startswith("距一级保护区 50.0 m，未进入该区")


def test_without_near_only_touching_projects(tmp_path):
    path = tmp_path / "p.gpkg"
    pyogrio.write_dataframe(_frame(), path, driver="GPKG")
    zones = build_zones(read_approvals(DATA / "lvzhenghan-2023-92"))
    assert find_conflicts(zones, read_projects(path)).relation.tolist() == ["inside", "intersects"]


# --- errors ------------------------------------------------------------------------------


def _problems(*paths, **kw):
    with pytest.raises(InputError) as info:
        read_projects(*paths, **kw)
    return [str(p) for p in info.value.problems]


def test_parcel_errors_name_file_row_and_value(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "名称,点号,X,Y\n"
        "未闭合,1,4153957.597,37512342.575\n未闭合,2,4153956.613,37512342.825\n未闭合,3,4153962.727,37512366.122\n"
        "自交,1,0,99000000\n自交,2,0,99000010\n自交,3,10,99000000\n自交,4,10,99000010\n自交,1,0,99000000\n"
        "交叉,1,4153900,37512300\n交叉,2,4153910,37512310\n交叉,3,4153900,37512310\n交叉,4,4153910,37512300\n交叉,1,4153900,37512300\n"
        "坏值,1,四百万,37512300\n",
        encoding="utf-8",
    )
    assert _problems(path) == [
        f"{path} row 15, column X: expected a coordinate in metres such as X=4153957.597, Y=37512342.575, got '四百万'",
        f"{path} row 4, column 点号: expected parcel '未闭合' closed by repeating its first vertex as the last, with at least 3 vertices before it, got '3'",
        f"{path} row 5, column Y: expected a CGCS2000 3-degree zone number from 25 to 45 in front of the easting, got 99, got '99000000'",
        f"{path} row 10, column 名称: expected vertices that outline a simple polygon; Self-intersection[37512305 4153905], got '交叉'",
    ]


def test_files_without_crs_and_unknown_types(tmp_path):
    folder = tmp_path / "shp"
    folder.mkdir()
    pyogrio.write_dataframe(_frame(), folder / "p.shp", driver="ESRI Shapefile")
    (folder / "p.prj").unlink()
    archive = tmp_path / "noprj.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for part in folder.iterdir():
            z.write(part, part.name)
    (tmp_path / "notes.docx").write_bytes(b"PK")
    assert _problems(archive, tmp_path / "notes.docx", tmp_path / "missing.geojson") == [
        f"{archive}: expected a file that declares its CRS (layer 'p' has none; for a shapefile, the .prj beside it)",
        f"{tmp_path / 'notes.docx'}: expected a project file: .csv, .geojson, .json, .gpkg, .kml, .kmz, a zipped shapefile (.zip), .shp or .dxf",
        f"{tmp_path / 'missing.geojson'}: expected an existing project file or folder",
    ]


def test_projects_command_writes_geojson(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    out = tmp_path / "projects.geojson"
    done = subprocess.run(
        [sys.executable, "-m", "geo", "projects", str(PROJECTS), "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"已写出 {out}：172 个项目，2 个有坐标，170 个只有地名"
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    parcel = next(f for f in features if f["properties"]["doc_no"] == "吕政发〔2022〕5号")
    assert parcel["properties"]["stated_area_m2"] == 6869.75 and parcel["geometry"]["type"] == "Polygon"
    frame = pyogrio.read_dataframe(out)
    assert len(frame) == 172 and frame.geometry.notna().sum() == 2


def test_a_feature_without_a_geometry_is_kept_unlocated_and_said(tmp_path):
    """RFC 7946 §3.2: a null (or empty) geometry is an unlocated feature, not a broken file."""
    path = tmp_path / "p.geojson"
    features = [
        {"type": "Feature", "properties": {"name": "甲"}, "geometry": None},
        {
            "type": "Feature",
            "properties": {"name": "乙"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[111.70, 38.39], [111.701, 38.39], [111.701, 38.391], [111.70, 38.39]]],
            },
        },
        {"type": "Feature", "properties": {"name": "丙"}, "geometry": {"type": "Polygon", "coordinates": []}},
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    with pytest.warns(SuspiciousInputWarning) as caught:
        projects = read_projects(path)
    assert [str(w.message) for w in caught] == [
        f"{path} row {n} ({name}): the feature has no geometry; kept as a project without a location, not screened"
        for n, name in ((1, "甲"), (3, "丙"))
    ]
    assert projects["name"].tolist() == ["甲", "乙", "丙"]
    assert projects["precision"].tolist() == ["无", "坐标", "无"]
    assert projects.geometry.isna().tolist() == [True, False, True]
    assert projects["area_m2"].notna().tolist() == [False, True, False]


def _prefixed_square(name: str = "项目A"):
    """A 100 m square in CGCS2000 zone 37 with the zone in front of its eastings, as CAD and survey exports write."""
    ring = [[37512000, 4250000], [37512100, 4250000], [37512100, 4250100], [37512000, 4250100], [37512000, 4250000]]
    return {"type": "Feature", "properties": {"name": name}, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def test_a_geojson_in_zone_prefixed_metres_without_a_crs_is_read_in_its_zone(tmp_path):
    path = tmp_path / "gk.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [_prefixed_square()]}), encoding="utf-8")
    with pytest.warns(SuspiciousInputWarning) as caught:
        [project] = read_projects(path).itertuples()
    # The same square read from a vertex list in that zone, and its area on the ellipsoid (GK scale near 1 there).
    west, south = Transformer.from_crs("EPSG:4525", "EPSG:4490", always_xy=True).transform(37512000, 4250000)
    assert min(abs(x - west) + abs(y - south) for x, y in project.geometry.exterior.coords) < 1e-9
    assert project.area_m2 == pytest.approx(10_000, rel=2e-4)
    assert [w.message.zh for w in caught] == [
        f"{path} [gk]：文件未声明坐标系或声明的是经纬度，但坐标是东坐标前带带号的高斯–克吕格米制坐标"
        "（Y 37512000…37512100），按 CGCS2000 3度带第37带（EPSG:4525）读取，请核对"
    ]


def test_a_shapefile_without_its_prj_in_zone_prefixed_metres_is_read_in_its_zone(tmp_path):
    folder = tmp_path / "shp"
    folder.mkdir()
    square = shapely.geometry.shape(_prefixed_square()["geometry"])
    pyogrio.write_dataframe(gpd.GeoDataFrame({"name": ["项目A"]}, geometry=[square]), folder / "p.shp")
    assert not (folder / "p.prj").exists()
    with pytest.warns(SuspiciousInputWarning):
        [project] = read_projects(folder / "p.shp").itertuples()
    assert project.area_m2 == pytest.approx(10_000, rel=2e-4)


def test_metres_without_the_zone_in_front_are_still_refused(tmp_path):
    feature = _prefixed_square()
    feature["geometry"]["coordinates"] = [[[x - 37_000_000, y] for x, y in feature["geometry"]["coordinates"][0]]]
    path = tmp_path / "plain.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), encoding="utf-8")
    assert _problems(path)[0].startswith(f"{path} row 1, column geometry: expected coordinates in China")


SQUARE_NO_ZONE = [
    ("J1", "4154000.00", "513000.00"),
    ("J2", "4154000.00", "513100.00"),
    ("J3", "4154100.00", "513100.00"),
    ("J4", "4154100.00", "513000.00"),
    ("J1", "4154000.00", "513000.00"),
]


def _titled(tmp_path, title: str):
    path = tmp_path / "界址点.csv"
    lines = [title, "名称,点号,X,Y"] + [f"甲项目,{no},{x},{y}" for no, x, y in SQUARE_NO_ZONE]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_eastings_without_a_zone_take_the_crs_the_title_states(tmp_path):
    # Before: refused, "an easting with its Gauss–Krüger zone number in front, or the CRS given with --epsg".
    path = _titled(tmp_path, "甲项目用地界址点坐标表（坐标系：2000国家大地坐标系，3度带，中央子午线111°）")
    with pytest.warns(SuspiciousInputWarning) as caught:
        projects = read_projects(path)
    assert [w.message.zh for w in caught] == [
        f"{path}：东坐标不带带号，按表中写明的坐标系读作 EPSG:4546（甲项目用地界址点坐标表（坐标系：2000国家大地坐标系，3度带，中央子午线111°））"
    ]
    row = projects.iloc[0]
    assert (row.gk_epsg, row.plane_area_m2) == (4546, 10000.0)
    # The same square with the zone number in front, EPSG:4525: the same place.
    lon, lat = Transformer.from_crs("EPSG:4525", "EPSG:4490", always_xy=True).transform(37513000.0, 4154000.0)
    nearest = min(shapely.get_coordinates(row.geometry).tolist(), key=lambda p: abs(p[0] - lon) + abs(p[1] - lat))
    assert nearest == [pytest.approx(lon, abs=1e-9), pytest.approx(lat, abs=1e-9)]


def test_a_meridian_stated_without_its_datum_is_only_suggested(tmp_path):
    path = _titled(tmp_path, "甲项目用地界址点坐标表（3度带，中央子午线111°）")
    with pytest.raises(InputError) as info:
        read_projects(path)
    assert [problem_text(p) for p in info.value.problems] == [
        f"{path} 第3行，Y列：应为带高斯–克吕格带号的东坐标（如 37512342.575），或用 --epsg 指定坐标系"
        "（表中写有“甲项目用地界址点坐标表（3度带，中央子午线111°）”：若为2000国家大地坐标系，用 --epsg 4546），实际为 '513000.00'"
    ]


#: 水峪村's well (111°8′58.21″, 37°25′46.89″, of data/lvzhenghan-2023-93) in CGCS2000 / 3-degree GK zone 37, prefixed.
_WELL_XY = Transformer.from_crs("EPSG:4490", "EPSG:4525", always_xy=True).transform(
    parse_dms("111°8′58.21″"), parse_dms("37°25′46.89″")
)


def _dxf(path, entities, version="AC1021", codepage="ANSI_936", encoding="utf-8"):
    """A drawing as AutoCAD saves it: (layer, points, closed) polylines and (layer, text) texts at the well."""
    lines = ["0", "SECTION", "2", "HEADER", "9", "$ACADVER", "1", version, "9", "$DWGCODEPAGE", "3", codepage]
    lines += ["0", "ENDSEC", "0", "SECTION", "2", "ENTITIES"]
    for layer, *rest in entities:
        if isinstance(rest[0], str):
            lines += [
                "0",
                "TEXT",
                "8",
                layer,
                "10",
                f"{_WELL_XY[0]}",
                "20",
                f"{_WELL_XY[1]}",
                "40",
                "2.5",
                "1",
                rest[0],
            ]
            continue
        points, closed = rest
        lines += ["0", "LWPOLYLINE", "8", layer, "90", str(len(points)), "70", "1" if closed else "0"]
        for dx, dy in points:
            lines += ["10", f"{_WELL_XY[0] + dx:.3f}", "20", f"{_WELL_XY[1] + dy:.3f}"]
    lines += ["0", "ENDSEC", "0", "EOF"]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


_SQUARE = [(-50, -50), (50, -50), (50, 50), (-50, 50)]


@pytest.mark.parametrize(
    ("version", "codepage", "encoding"), [("AC1021", "ANSI_936", "utf-8"), ("AC1015", "ANSI_936", "gbk")]
)
def test_a_cad_drawings_red_line_is_a_footprint_read_in_its_zone(tmp_path, version, codepage, encoding):
    # Planners hand red lines (用地红线) over as CAD drawings; a DXF was refused as "not a project file". Only the
    # red-line layer's closed polyline is the footprint: the drawing's frame, roads and texts are not projects.
    drawing = _dxf(
        tmp_path / "某项目.dxf",
        [
            ("用地红线", _SQUARE, True),
            ("图框", [(-900, -900), (900, -900), (900, 900), (-900, 900)], True),
            ("道路", [(0, 0), (500, 500)], False),
            ("注记", "某项目用地"),
        ],
        version,
        codepage,
        encoding,
    )
    with pytest.warns(SuspiciousInputWarning) as caught:
        projects = read_projects(drawing)
    assert projects["name"].tolist() == ["某项目（用地红线）"]
    to_gk = Transformer.from_crs("EPSG:4490", "EPSG:4525", always_xy=True)
    x, y = to_gk.transform(*projects.geometry.iloc[0].exterior.xy)
    assert (min(x) - _WELL_XY[0], max(y) - _WELL_XY[1]) == (
        pytest.approx(-50, abs=5e-4),
        pytest.approx(50, abs=5e-4),
    )  # millimetres as drawn
    said = [getattr(w.message, "zh", "") for w in caught]
    assert (
        f"{drawing}：图中红线图层的 1 个多边形（图层 用地红线）作为项目范围读取；其余 3 个图元（线、点、文字及其他图层：图框、注记、道路）未读取"
        in said
    )
    assert any("按 CGCS2000 3度带第37带（EPSG:4525）读取" in text for text in said)
    [conflict] = find_conflicts(build_zones(read_approvals(DATA / "lvzhenghan-2023-93")), projects).itertuples()
    assert (conflict.level, conflict.relation) == ("一级", "intersects")  # the 100 m square covers the 45 m circle


def test_a_drawing_without_red_line_layers_gives_every_closed_polyline(tmp_path):
    drawing = _dxf(tmp_path / "b.dxf", [("0", _SQUARE, True), ("1", [(200, 0), (300, 0), (300, 100)], True)])
    projects = read_projects(drawing)
    assert projects["name"].tolist() == ["b（0） #1", "b（1） #2"]


def test_a_file_named_dxf_that_is_no_drawing_is_refused(tmp_path):
    path = tmp_path / "x.dxf"
    path.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_projects(path)
    assert [str(p) for p in info.value.problems] == [
        f"{path}: expected a DXF drawing (a group code 0 and SECTION first), found other content under a .dxf name"
    ]


def test_a_dwg_drawing_is_refused_saying_to_save_it_as_dxf(tmp_path):
    path = tmp_path / "红线.dwg"
    path.write_bytes(b"AC1032" + b"\x00" * 100)
    with pytest.raises(InputError) as info:
        read_projects(path)
    assert [problem_text(p) for p in info.value.problems] == [
        f"{path}：应为项目文件：.csv、.geojson、.json、.gpkg、.kml、.kmz、压缩的 shapefile（.zip）、.shp 或 .dxf"
        "（.dwg 图纸请在 CAD 中另存为 .dxf）"
    ]
