"""Tests of geo/corners.py: corner-point tables (拐点坐标表) in degrees and Gauss–Krüger X/Y."""

from __future__ import annotations

import math

import pytest
import shapely
from conftest import CORNER_SQUARE, csv_text, well, write_approval, zone
from conftest import ZONE_HEADER as ZONE_HEADER_FOR_WELLS
from pyproj import Geod, Transformer

from geo import InputError, SuspiciousInputWarning, build_zones, check_zones, read_approvals
from geo.corners import crossing_edges, gk_crs

CORNER_HEADER = ["批复文号", "水源编码", "保护区级别", "分区", "环", "点号", "X", "Y", "坐标系"]
LONLAT_HEADER = ["批复文号", "水源编码", "保护区级别", "点号", "经度", "纬度"]
DOC = "测试〔2024〕1号"
#: The test well (111°42′11.58″, 38°23′30.36″) in CGCS2000 / 3-degree GK zone 37, by pyproj.
WELL_E, WELL_N = Transformer.from_crs("EPSG:4490", "EPSG:4525", always_xy=True).transform(
    111 + 42 / 60 + 11.58 / 3600, 38 + 23 / 60 + 30.36 / 3600
)


def _square(half: float, prefix: bool = True, ring: str = "", level: str = "二级", crs: str = "CGCS2000"):
    """A square of side 2·half metres around the test well, corner table rows J1…J4, counter-clockwise."""
    east = WELL_E if prefix else WELL_E - 37_000_000
    points = [(-half, -half), (half, -half), (half, half), (-half, half)]
    return [
        [DOC, "T001", level, "", ring, f"J{i}", f"{WELL_N + dy:.3f}", f"{east + dx:.3f}", crs]
        for i, (dx, dy) in enumerate(points, start=1)
    ]


def _folder(tmp_path, corner_rows, zones, header=CORNER_HEADER, name="c"):
    folder = write_approval(tmp_path / name, [well()], zones)
    (folder / "corners.csv").write_text(csv_text(header, corner_rows), encoding="utf-8")
    return folder


def _problems(folder) -> list[str]:
    with pytest.raises(InputError) as info:
        read_approvals(folder)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize("prefix", [True, False])
def test_gk_xy_with_or_without_the_zone_prefix(tmp_path, prefix):
    # A 400 m square: 0.1600 km², 1600.0 m; 一级 a 30 m circle removed (3.14 × 30² = 2826 m², drafters' π).
    folder = _folder(
        tmp_path,
        _square(200, prefix=prefix),
        [
            zone(),
            zone(level="二级", rule="由4个拐点依次连线围成的区域扣除一级保护区", area="0.1572", perimeter="1600.0"),
        ],
    )
    zones = build_zones(read_approvals(folder))
    check = check_zones(zones)
    assert check["status"].tolist() == ["match", "match"]
    row = zones.iloc[1]
    # On the ellipsoid the 400 m plane square is smaller by the projection's scale (0.7° off 111°E):
    to_lonlat = Transformer.from_crs("EPSG:4525", "EPSG:4490", always_xy=True)
    lon, lat = to_lonlat.transform(
        [WELL_E - 200, WELL_E + 200, WELL_E + 200, WELL_E - 200],
        [WELL_N - 200, WELL_N - 200, WELL_N + 200, WELL_N + 200],
    )
    square_m2, square_m = Geod(ellps="GRS80").polygon_area_perimeter(lon, lat)
    assert row["area_m2"] == pytest.approx(abs(square_m2) - math.pi * 30**2, rel=2e-5)
    assert row["outer_perimeter_m"] == pytest.approx(square_m, abs=0.01)
    # The stated figures are those of the plane, where the corners were printed.
    assert "按高斯–克吕格平面（EPSG:4546）计算，实测外边界周长1600.00 m，与批复1600.0 m一致" in check["note"].iloc[1]
    # Like with like: the stated perimeter is the outer boundary; the hole is named, not added.
    assert "外边界周长" in check["note"].iloc[1] and "含内圈的全部边界长1788.4" in check["note"].iloc[1]
    # J1 lies where pyproj puts that X/Y.
    lon, lat = Transformer.from_crs("EPSG:4525", "EPSG:4490", always_xy=True).transform(WELL_E - 200, WELL_N - 200)
    exterior = shapely.get_coordinates(shapely.get_exterior_ring(row.geometry))
    assert min(math.hypot(x - lon, y - lat) for x, y in exterior) < 1e-7


def test_lonlat_corner_table_in_dms(tmp_path):
    rows = [
        [DOC, "T001", "二级", "1", "111°42′00″", "38°23′20″"],
        [DOC, "T001", "二级", "2", "111°42′20″", "38°23′20″"],
        [DOC, "T001", "二级", "3", "111°42′20″", "38°23′40″"],
        [DOC, "T001", "二级", "4", "111°42′00″", "38°23′40″"],
    ]
    folder = _folder(
        tmp_path,
        rows,
        [zone(), zone(level="二级", rule="保护区边界坐标见附表", area="", perimeter="")],
        header=LONLAT_HEADER,
    )
    zones = build_zones(read_approvals(folder))
    expected = abs(
        Geod(ellps="GRS80").polygon_area_perimeter(
            [111.7, 111.7 + 20 / 3600, 111.7 + 20 / 3600, 111.7],
            [38 + 23 / 60 + 20 / 3600] * 2 + [38 + 23 / 60 + 40 / 3600] * 2,
        )[0]
    )
    assert zones["area_m2"].iloc[1] == pytest.approx(expected, rel=1e-6)


def test_corner_points_with_both_coordinates_in_one_cell_draw_the_same_polygon(tmp_path):
    corners = CORNER_SQUARE
    zones = [zone(), zone(level="二级", rule="保护区边界坐标见附表", area="", perimeter="")]
    apart = _folder(
        tmp_path, [[DOC, "T001", "二级", str(i), *p] for i, p in enumerate(corners, 1)], zones, LONLAT_HEADER
    )
    one = _folder(
        tmp_path,
        [[DOC, "T001", "二级", str(i), f"{lon}，{lat}"] for i, (lon, lat) in enumerate(corners, 1)],
        zones,
        header=[*LONLAT_HEADER[:4], "坐标"],
        name="one",
    )
    a, b = (build_zones(read_approvals(f)) for f in (apart, one))
    assert shapely.equals_exact(a.geometry.iloc[1], b.geometry.iloc[1], 0)


def test_points_are_joined_in_point_number_order(tmp_path):
    rows = _square(200)
    folder = _folder(
        tmp_path,
        [rows[2], rows[0], rows[3], rows[1]],
        [zone(), zone(level="二级", rule="由4个拐点连线围成", area="0.1600", perimeter="1600.0")],
    )
    assert check_zones(build_zones(read_approvals(folder)))["status"].tolist() == ["match", "match"]


def test_crossing_edges_are_named_by_their_points(tmp_path):
    rows = _square(200)
    rows[1][5], rows[2][5] = "J3", "J2"  # J2 and J3 swapped: the outline crosses itself
    folder = _folder(tmp_path, rows, [zone(), zone(level="二级", rule="拐点连线", area="", perimeter="")])
    assert _problems(folder) == [
        f"{folder / 'corners.csv'} row 2, column 点号: expected corner points that outline a simple polygon in 点号 order: edge J1–J2 crosses edge J3–J4, got 'J1 J2 J3 J4'"
    ]


def test_crossing_edges_of_a_ring():
    assert crossing_edges([(0, 0), (2, 0), (0, 2), (2, 2)], ["a", "b", "c", "d"]) == [("b", "c", "d", "a")]
    assert crossing_edges([(0, 0), (2, 0), (2, 2), (0, 2)], ["a", "b", "c", "d"]) == []


def test_a_rule_stating_a_different_number_of_points_is_an_error(tmp_path):
    folder = _folder(
        tmp_path, _square(200), [zone(), zone(level="二级", rule="由6个拐点依次连线围成的区域", area="", perimeter="")]
    )
    assert _problems(folder) == [
        f"{folder / 'zones.csv'} row 3, column 划定方案: expected as many corner points as the rule states (6), but 4 are given, got '由6个拐点依次连线围成的区域'"
    ]


def test_a_ring_printed_closed_counts_its_points_once(tmp_path):
    rows = _square(200)
    closing = [*rows[0][:5], "J5", *rows[0][6:]]
    folder = _folder(
        tmp_path,
        [*rows, closing],
        [zone(), zone(level="二级", rule="由4个拐点依次连线围成的区域", area="0.1600", perimeter="1600.0")],
    )
    assert check_zones(build_zones(read_approvals(folder)))["status"].tolist() == ["match", "match"]


def test_rings_make_parts_and_a_ring_inside_another_a_hole(tmp_path):
    outer, inner = _square(200, ring="1"), _square(50, ring="2")
    far = [[*r[:4], "3", *r[5:6], r[6], f"{float(r[7]) + 1000:.3f}", r[8]] for r in _square(100, ring="3")]
    folder = _folder(
        tmp_path, [*outer, *inner, *far], [zone(), zone(level="二级", rule="拐点坐标见附表", area="", perimeter="")]
    )
    geom = build_zones(read_approvals(folder)).geometry.iloc[1]
    assert geom.geom_type == "MultiPolygon" and len(geom.geoms) == 2
    assert [len(p.interiors) for p in geom.geoms] == [1, 0]


def test_corners_in_1980_xian_are_warned_with_what_pyproj_did(tmp_path):
    folder = _folder(
        tmp_path,
        _square(200, crs="1980西安坐标系"),
        [zone(), zone(level="二级", rule="拐点连线", area="", perimeter="")],
    )
    with pytest.warns(SuspiciousInputWarning) as caught:
        zones = build_zones(read_approvals(folder))
    [message] = [str(w.message) for w in caught if "1980西安" in str(w.message)]
    # Same X/Y on the Krassovsky-based 1980西安 ellipsoid (IAG-75) and on CGCS2000's GRS80, at 38°N:
    # pyproj moves them about 2 m; the real datum shift is not applied.
    shift = float(message.split("moving the points ")[1].split(" m")[0])
    assert 1.5 < shift < 2.5
    assert message.endswith("without the office's conversion parameters the position is good to tens of metres only")
    assert zones["derivable"].iloc[1]


def test_a_polygon_that_leaves_its_well_outside_is_warned(tmp_path):
    away = [[*r[:6], f"{float(r[6]) + 3000:.3f}", *r[7:]] for r in _square(200)]
    folder = _folder(tmp_path, away, [zone(), zone(level="二级", rule="拐点连线", area="", perimeter="")])
    with pytest.warns(
        SuspiciousInputWarning, match="the corner points of 二级 leave well\\(s\\) T001 of source T001 outside"
    ):
        read_approvals(folder)


def test_a_point_far_from_every_well_is_warned(tmp_path):
    rows = _square(200)
    rows[2][6] = f"{float(rows[2][6]) + 15000:.3f}"
    folder = _folder(tmp_path, rows, [zone(), zone(level="二级", rule="拐点连线", area="", perimeter="")])
    with pytest.warns(SuspiciousInputWarning, match="corner point J3 lies 15.2 km from the nearest well of the source"):
        read_approvals(folder)


def test_corner_points_of_a_zone_the_zones_table_lacks(tmp_path):
    folder = _folder(tmp_path, _square(200, level="准保护区"), [zone()])
    assert _problems(folder) == [
        f"{folder / 'corners.csv'} row 2: expected a zones row for these corner points ({DOC}, T001, 准保护区), got 'T001 准保护区'"
    ]


@pytest.mark.parametrize(
    ("geographic", "zone_no", "prefixed", "epsg"),
    [
        (4490, 37, True, 4525),
        (4490, 38, False, 4547),
        (4610, 37, True, 2361),
        (4214, 38, False, 2435),
        (4490, 19, True, 4497),
    ],
)
def test_gauss_kruger_codes(geographic, zone_no, prefixed, epsg):
    assert gk_crs(geographic, zone_no, prefixed) == epsg


def test_the_crs_as_an_epsg_code_or_in_the_header(tmp_path):
    rows = [[*r[:7], f"{float(r[7]) - 37_000_000:.3f}", "EPSG:4546"] for r in _square(200)]
    folder = _folder(tmp_path, rows, [zone(), zone(level="二级", rule="拐点连线", area="0.1600", perimeter="1600.0")])
    assert check_zones(build_zones(read_approvals(folder)))["status"].tolist() == ["match", "match"]
    header = [*CORNER_HEADER[:6], "X（1980西安）", "Y（1980西安）"]
    folder = _folder(
        tmp_path,
        [r[:8] for r in _square(200)],
        [zone(), zone(level="二级", rule="拐点连线", area="", perimeter="")],
        header=header,
        name="h",
    )
    with pytest.warns(SuspiciousInputWarning, match="corner points in 1980西安"):
        read_approvals(folder)
    rows = [[*r[:8], "EPSG:2382"] for r in _square(200, prefix=False)]
    folder = _folder(tmp_path, rows, [zone(), zone(level="二级", rule="拐点连线", area="", perimeter="")], name="x")
    with pytest.warns(
        SuspiciousInputWarning,
        match=r"corner points in Xian 1980 / 3-degree Gauss-Kruger CM 111E, .* \(moving the points 2\.0 m\)",
    ):
        read_approvals(folder)


def test_an_unknown_coordinate_system_names_the_known_ones(tmp_path):
    rows = [[*r[:8], "地方坐标系"] for r in _square(200)]
    folder = _folder(tmp_path, rows, [zone(), zone(level="二级", rule="拐点连线", area="", perimeter="")])
    with pytest.warns(SuspiciousInputWarning, match="no corner points are given"):
        problems = _problems(folder)
    assert problems[0] == (
        f"{folder / 'corners.csv'} row 2, column 坐标系: expected a coordinate system: CGCS2000 / WGS 84 / 1980西安 / 北京54, "
        "or an EPSG code such as EPSG:4546, got '地方坐标系'"
    )


def test_a_folder_of_zones_and_corners_needs_no_wells(tmp_path):
    """A surface-water approval may print only its corner table: the zones are drawn from it."""
    folder = tmp_path / "z"
    folder.mkdir()
    header = ["批复文号", "水源编码", "水源名称", "保护区级别", "保护区面积（km2）", "保护区周长（m）"]
    (folder / "zones.csv").write_text(
        csv_text(header, [[DOC, "T001", "某水库", "一级（水域）", "0.1600", "1600.0"]]), encoding="utf-8"
    )
    rows = [[*r[:2], "一级", "水域", *r[4:]] for r in _square(200)]
    (folder / "corners.csv").write_text(csv_text(CORNER_HEADER, rows), encoding="utf-8")
    [approval] = read_approvals(folder)
    assert approval.wells == ()
    zones = build_zones([approval])
    assert (zones["source_name"].iloc[0], zones["part"].iloc[0], zones["shape"].iloc[0]) == (
        "某水库",
        "水域",
        "corners",
    )
    assert check_zones(zones)["status"].tolist() == ["match"]


def test_wells_printed_in_gauss_kruger_metres(tmp_path):
    """Some approvals print the well itself as X/Y: read like a corner point, in the system named."""
    folder = tmp_path / "w"
    folder.mkdir()
    header = ["批复文号", "水源名称", "水源编码", "X", "Y", "坐标系"]
    rows = [[DOC, "测试村", "T001", f"{WELL_N:.3f}", f"{WELL_E:.3f}", "CGCS2000"]]
    (folder / "wells.csv").write_text(csv_text(header, rows), encoding="utf-8")
    (folder / "zones.csv").write_text(csv_text(ZONE_HEADER_FOR_WELLS, [zone()]), encoding="utf-8")
    [approval] = read_approvals(folder)
    w = approval.wells[0]
    # The test well's own DMS, 111°42′11.58″ 38°23′30.36″, back from its X/Y to within a millimetre.
    assert (w.lon_deg, w.lat_deg) == pytest.approx(
        (111 + 42 / 60 + 11.58 / 3600, 38 + 23 / 60 + 30.36 / 3600), abs=1e-8
    )
    assert (w.lon_text, w.lat_text) == (f"Y={WELL_E:.3f}", f"X={WELL_N:.3f}")
    assert check_zones(build_zones([approval]))["status"].tolist() == ["match"]
    rows = [[DOC, "测试村", "T001", f"{WELL_N:.3f}", f"{WELL_E - 37_000_000:.3f}", "1980西安坐标系"]]
    (folder / "wells.csv").write_text(csv_text(header, rows), encoding="utf-8")
    assert _problems(folder) == [
        f"{folder / 'wells.csv'} row 2, column Y: expected a Y with its zone number in front (such as 37560123.456), "
        f"or a 坐标系 naming the zone (EPSG:4546): no well of the source gives it, got '{WELL_E - 37_000_000:.3f}'"
    ]
    rows = [[DOC, "测试村", "T001", f"{WELL_N:.3f}", f"{WELL_E - 37_000_000:.3f}", "EPSG:2382"]]
    (folder / "wells.csv").write_text(csv_text(header, rows), encoding="utf-8")
    with pytest.warns(SuspiciousInputWarning, match="well coordinates in Xian 1980"):
        read_approvals(folder)


def test_corner_points_typed_as_degrees_dot_minutes_seconds_under_a_dms_header(tmp_path):
    # The square of CORNER_SQUARE typed 111.4200 38.2320 … under 经度（度分秒）: the same polygon, and said.
    zones = [zone(), zone(level="二级", rule="保护区边界坐标见附表", area="", perimeter="")]
    marked = _folder(
        tmp_path, [[DOC, "T001", "二级", str(i), *p] for i, p in enumerate(CORNER_SQUARE, 1)], zones, LONLAT_HEADER
    )

    def typed(text):  # 111°42′20″ → 111.4220
        d, m, s = text.rstrip("″").replace("°", " ").replace("′", " ").split()
        return f"{d}.{m}{s}"

    packed = _folder(
        tmp_path,
        [[DOC, "T001", "二级", str(i), typed(lon), typed(lat)] for i, (lon, lat) in enumerate(CORNER_SQUARE, 1)],
        zones,
        header=[*LONLAT_HEADER[:4], "经度（度分秒）", "纬度（度分秒）"],
        name="packed",
    )
    with pytest.warns(SuspiciousInputWarning) as caught:
        b = build_zones(read_approvals(packed))
    a = build_zones(read_approvals(marked))
    assert shapely.equals_exact(a.geometry.iloc[1], b.geometry.iloc[1], 0)
    assert [w.message.zh for w in caught] == [
        f"{packed / 'corners.csv'} 第2、3、4、5行：表头“经度（度分秒）”、“纬度（度分秒）”标明度分秒，"
        "不带度分秒符号的数值按度.分秒读（111.4200 → 111°42′00″；38.2320 → 38°23′20″），而非十进制度"
    ]
