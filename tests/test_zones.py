"""Tests of geo/zones.py: circle accuracy, rings, unions, hulls, corners, frames.

Expected values come from closed forms (πr², lens and hull formulas) and from
pyproj's geodesic routines (Karney), never from the code under test.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
import shapely
from conftest import DATA, well, write_approval, zone
from pyproj import Geod, Transformer

from geo import SuspiciousInputWarning, build_zones, check_zones, parse_dms, read_approvals

GEOD = Geod(ellps="GRS80")


def _one_zone(tmp_path, rule, wells=None, corners=""):
    wells = wells or [well()]
    folder = write_approval(tmp_path / "z", wells, [zone(area="", perimeter="", rule=rule, corners=corners)])
    return build_zones(read_approvals(folder)).iloc[0]


def _boundary_points(ring: shapely.LinearRing) -> np.ndarray:
    """Vertices and points at 1/4, 1/2 and 3/4 of every edge."""
    xy = np.asarray(ring.coords)
    parts = [xy] + [xy[:-1] + t * (xy[1:] - xy[:-1]) for t in (0.25, 0.5, 0.75)]
    return np.vstack(parts)


def _distances(lon, lat, points):
    n = len(points)
    return GEOD.inv(np.full(n, lon), np.full(n, lat), points[:, 0], points[:, 1])[2]


@pytest.mark.parametrize("radius", [30, 175, 500, 2000, 10000])
@pytest.mark.parametrize("lon_text", ["111°42′11.58″", "112°29′00″", "109°31′00″", "113°10′00″", "115°29′00″"])
def test_circle_area_and_radius_within_budget(tmp_path, radius, lon_text):
    # 112°29′ and 109°31′ lie near the edges of zone 37; 113°10′ and 115°29′ (its edge) are in zone 38.
    z = _one_zone(tmp_path, f"以取水井为中心，{radius}m为半径的圆形区域", [well(lon=lon_text)])
    area, _ = GEOD.geometry_area_perimeter(z.geometry)
    assert abs(area - math.pi * radius**2) <= 1e-4 * math.pi * radius**2
    d = _distances(parse_dms(lon_text), parse_dms("38°23′30.36″"), _boundary_points(z.geometry.exterior))
    assert np.max(np.abs(d - radius)) <= 0.05


@pytest.mark.parametrize("radius, budget_m", [(30, 0.0005), (1000, 0.002), (2000, 0.008)])
def test_circles_drawn_in_the_plane_keep_their_vertices_on_the_geodesic_circle(tmp_path, radius, budget_m):
    """Circles up to 2 km are drawn in the Gauss–Krüger plane: at the edge of the zone (1.48° off its meridian)
    every vertex stays within r²·x/(2R²) of where it belongs on the ellipsoid, 2 mm at 1 km.  It belongs at
    the radius of the regular N-gon whose area is πr²: r·√((2π/N)/sin(2π/N))."""
    z = _one_zone(tmp_path, f"以取水井为中心，{radius}m为半径的圆形区域", [well(lon="112°29′00″")])
    vertices = np.asarray(z.geometry.exterior.coords)
    n = len(vertices) - 1
    placed = radius * math.sqrt((2 * math.pi / n) / math.sin(2 * math.pi / n))
    d = _distances(parse_dms("112°29′00″"), parse_dms("38°23′30.36″"), vertices)
    assert np.max(np.abs(d - placed)) <= budget_m


@pytest.mark.parametrize("epsg, meridian", [(4546, 111), (4547, 114)])
def test_outlines_return_to_lonlat_as_epsgs_exact_operation_does(epsg, meridian):
    """The zones go back to longitude/latitude by PROJ's faster series (+approx); against EPSG's own operation
    (PROJ's exact algorithm), every point 0–3° from the meridian, 18°–53° N, lands within 1e-5 m."""
    from geo.circles import inverse_gk

    lon, lat = np.meshgrid(meridian + np.linspace(-3, 3, 25), np.linspace(18, 53, 15))
    lon, lat = lon.ravel(), lat.ravel()
    x, y = Transformer.from_crs(4490, epsg, always_xy=True).transform(lon, lat)
    fast = inverse_gk(epsg)
    assert "+approx" in fast.to_proj4()
    got_lon, got_lat = fast.transform(x, y)
    want_lon, want_lat = Transformer.from_crs(epsg, 4490, always_xy=True).transform(x, y)
    assert np.max(GEOD.inv(got_lon, got_lat, want_lon, want_lat)[2]) <= 1e-5
    assert np.max(GEOD.inv(got_lon, got_lat, lon, lat)[2]) <= 1e-5


@pytest.mark.parametrize("epsg, meridian", [(4546, 111), (4547, 114)])
def test_lonlat_goes_into_the_frame_as_epsgs_exact_operation_takes_it(epsg, meridian):
    """Projects and zones are screened in the frame after PROJ's faster series (+approx): within 1e-5 m of EPSG's
    own operation at every point 0–3° from the meridian, 18°–53° N."""
    from geo.circles import forward_gk

    lon, lat = np.meshgrid(meridian + np.linspace(-3, 3, 25), np.linspace(18, 53, 15))
    fast = forward_gk(epsg)
    assert "+approx" in fast.to_proj4()
    got = np.column_stack(fast.transform(lon.ravel(), lat.ravel()))
    want = np.column_stack(Transformer.from_crs(4490, epsg, always_xy=True).transform(lon.ravel(), lat.ravel()))
    assert np.max(np.hypot(*(got - want).T)) <= 1e-5


@pytest.mark.parametrize("epsg, meridian", [(4546, 111), (4547, 114)])
def test_circles_come_back_to_lonlat_as_every_vertex_projected_would(epsg, meridian):
    """A circle drawn in the plane comes back to lon/lat with every 16th vertex projected and the rest
    interpolated: against every vertex projected back, 30 m to 2 km, 0–3° off the meridian, 18°–53° N,
    within 2e-8 m; the same vertices in the same order; circles past 2 km are left to be projected."""
    from geo.circles import circles_gk, to_lonlat

    lon, lat = np.meshgrid(meridian + np.linspace(-3, 3, 7), np.linspace(18, 53, 6))
    lon, lat = np.tile(lon.ravel(), 5), np.tile(lat.ravel(), 5)
    radius = np.repeat([30.0, 80.0, 300.0, 1999.0, 2500.0], lon.size // 5)
    plane, back = circles_gk(lon, lat, radius, epsg, lonlat=True)
    large = radius > 2000
    assert shapely.is_missing(back[large]).all() and not shapely.is_missing(back[~large]).any()
    want = to_lonlat(plane[~large], np.full((~large).sum(), epsg))
    got = back[~large]
    assert (shapely.get_num_coordinates(got) == shapely.get_num_coordinates(want)).all()
    got_xy, want_xy = shapely.get_coordinates(got), shapely.get_coordinates(want)
    apart = GEOD.inv(got_xy[:, 0], got_xy[:, 1], want_xy[:, 0], want_xy[:, 1])[2]
    assert np.max(apart) <= 2e-8  # 5e-9 here; 5e-8 if only every 32nd vertex were projected


def test_frame_follows_the_longitude(tmp_path):
    assert _one_zone(tmp_path / "a", "以取水井为中心，30m为半径的圆形区域", [well(lon="111°42′11.58″")]).gk_epsg == 4546
    assert _one_zone(tmp_path / "b", "以取水井为中心，30m为半径的圆形区域", [well(lon="113°10′00″")]).gk_epsg == 4547


def test_measured_figures_are_geodesic_for_every_seed_zone():
    zones = build_zones(read_approvals(DATA))
    drawn = zones[zones.geometry.notna()]
    assert len(drawn) == 24
    for z in drawn.itertuples():
        area, outer = GEOD.geometry_area_perimeter(z.geometry)  # pyproj: exterior rings only
        assert z.area_m2 == pytest.approx(area, rel=1e-6)
        assert z.outer_perimeter_m == pytest.approx(outer, rel=1e-6)


def test_ring_has_its_hole_at_the_level1_radius():
    zones = build_zones(read_approvals(DATA / "lvzhenghan-2023-92"))
    ring = zones.iloc[1]  # 北关村 二级: 175 m less 30 m
    assert (ring.level, ring.geometry.geom_type, len(ring.geometry.interiors)) == ("二级", "Polygon", 1)
    centre = (parse_dms("111°42′11.58″"), parse_dms("38°23′30.36″"))
    inner = _distances(*centre, _boundary_points(ring.geometry.interiors[0]))
    outer = _distances(*centre, _boundary_points(ring.geometry.exterior))
    assert np.max(np.abs(inner - 30)) <= 0.05 and np.max(np.abs(outer - 175)) <= 0.05
    area, _ = GEOD.geometry_area_perimeter(ring.geometry)
    assert area == pytest.approx(math.pi * (175**2 - 30**2), rel=1e-4)
    # Full boundary = both circles.
    assert ring.perimeter_m == pytest.approx(2 * math.pi * (175 + 30), rel=1e-4)


def test_level1_and_level2_do_not_overlap():
    zones = build_zones(read_approvals(DATA))
    to_gk = Transformer.from_crs(4490, 4546, always_xy=True)

    def gk(geom):
        return shapely.transform(geom, lambda xy: np.column_stack(to_gk.transform(*xy.T)))

    for code in zones.source_code.unique():
        levels = zones[(zones.source_code == code) & zones.geometry.notna()].set_index("level")
        if {"一级", "二级"} <= set(levels.index):
            a, b = gk(levels.loc["一级", "geometry"]), gk(levels.loc["二级", "geometry"])
            assert shapely.intersection(a, b).area < 1e-3, code


def test_nearly_touching_circles_stay_separate():
    # 普家庄 二级: wells 436.34 m apart (pyproj), radii 239 m and 197 m: a gap of 0.34 m.
    zones = build_zones(read_approvals(DATA / "lvzhenghan-2023-92"))
    z = zones[(zones.source_code == "DC0200141127102G0002") & (zones.level == "二级")].iloc[0]
    _, _, apart = GEOD.inv(
        parse_dms("111°32′04.38″"), parse_dms("38°14′59.12″"), parse_dms("111°32′10.15″"), parse_dms("38°14′45.72″")
    )
    assert apart - 436 == pytest.approx(0.342, abs=0.001)
    parts = shapely.get_parts(z.geometry)
    assert len(parts) == 2
    to_gk = Transformer.from_crs(4490, 4546, always_xy=True)
    gk = shapely.transform(parts, lambda xy: np.column_stack(to_gk.transform(*xy.T)))
    assert 0.30 < shapely.distance(gk[0], gk[1]) < 0.35


def _two_wells(distance_m: float, azimuth=90.0):
    lon0, lat0 = parse_dms("111°42′11.58″"), parse_dms("38°23′30.36″")
    lon1, lat1, _ = GEOD.fwd(lon0, lat0, azimuth, distance_m)
    return [well(no="1#"), well(no="2#", lon=f"{lon1:.10f}", lat=f"{lat1:.10f}", supply="")]


def test_overlapping_circles_merge_into_one_polygon(tmp_path):
    z = _one_zone(tmp_path, "分别以1#、2#取水井为中心，以30m为半径的圆形区域", _two_wells(40))
    r, d = 30.0, 40.0
    lens = 2 * r * r * math.acos(d / (2 * r)) - (d / 2) * math.sqrt(4 * r * r - d * d)  # 619.5 m²
    assert z.geometry.geom_type == "Polygon"
    assert z.area_m2 == pytest.approx(2 * math.pi * r * r - lens, rel=2e-4)


@pytest.mark.parametrize(
    "distance_m, azimuth, parts", [(700, 90.0, 2), (350, 90.0, 1), (350, 37.0, 1), (150, 200.0, 1), (59.9, 0.0, 1)]
)
def test_two_wells_rings_keep_each_level1_circle_as_a_hole(tmp_path, distance_m, azimuth, parts):
    """二级 of two wells less their 一级 circles: apart, the two 一级 circles are the holes (no overlay); the
    figure is the overlay's, the area the closed form's (two 300 m circles less their lens, less two 30 m
    circles); when the 一级 circles meet (59.9 m apart) their union is the one hole."""
    folder = write_approval(
        tmp_path / "z",
        _two_wells(distance_m, azimuth),
        [
            zone(area="", perimeter="", rule="分别以1#、2#取水井为中心，以30m为半径的圆形区域"),
            zone(
                level="二级",
                area="",
                perimeter="",
                rule="分别以1#、2#取水井为中心，以300m为半径的圆形区域扣除一级保护区范围所形成的环形区域",
            ),
        ],
    )
    first, second = build_zones(read_approvals(folder)).itertuples()
    assert second.geometry.is_valid
    polygons = list(getattr(second.geometry, "geoms", [second.geometry]))
    assert len(polygons) == parts
    assert sum(len(p.interiors) for p in polygons) == (2 if distance_m > 60 else 1)
    overlay = second.geometry.union(first.geometry).difference(first.geometry)  # what the overlay would cut
    assert second.geometry.symmetric_difference(overlay).area <= 1e-14  # degrees²: under 1e-4 m²
    r, d = 300.0, min(distance_m, 600.0)
    lens = 2 * r * r * math.acos(d / (2 * r)) - (d / 2) * math.sqrt(4 * r * r - d * d)
    assert second.area_m2 == pytest.approx(2 * math.pi * r * r - lens - first.area_m2, rel=1e-4)
    assert second.removed_area_m2 == pytest.approx(first.area_m2, rel=1e-9)


def test_hull_of_two_equal_circles(tmp_path):
    z = _one_zone(tmp_path, "以1#、2#取水井为中心，以30m为半径的圆的外接多边形", _two_wells(100))
    # Stadium: πr² + 2rd, perimeter 2πr + 2d.
    assert z.area_m2 == pytest.approx(math.pi * 900 + 2 * 30 * 100, rel=2e-4)
    assert z.perimeter_m == pytest.approx(2 * math.pi * 30 + 200, rel=2e-4)


def test_ring_between_two_radii(tmp_path):
    z = _one_zone(tmp_path, "以取水井为中心，30至175米为半径所划的环形区域")
    assert len(z.geometry.interiors) == 1
    assert z.area_m2 == pytest.approx(math.pi * (175**2 - 30**2), rel=1e-4)


def test_zone_by_corner_points(tmp_path):
    corners = "111.70 38.39; 111.71 38.39; 111.71 38.40; 111.70 38.40"
    z = _one_zone(tmp_path, "以拐点坐标连线所围的区域", corners=corners)
    area, perimeter = GEOD.polygon_area_perimeter([111.70, 111.71, 111.71, 111.70], [38.39, 38.39, 38.40, 38.40])
    assert z.area_m2 == pytest.approx(area, rel=1e-6)
    assert z.perimeter_m == pytest.approx(perimeter, rel=1e-6)


def test_output_is_lonlat_with_rfc7946_orientation():
    zones = build_zones(read_approvals(DATA))
    assert zones.crs.to_epsg() == 4490
    for geom in zones.geometry.dropna():
        for part in shapely.get_parts(geom):
            assert part.exterior.is_ccw
            assert all(not hole.is_ccw for hole in part.interiors)
            assert 111 < part.exterior.coords[0][0] < 112 and 37 < part.exterior.coords[0][1] < 39


def _rfc7946(geom) -> bool:
    return all(
        part.exterior.is_ccw and not any(hole.is_ccw for hole in part.interiors) for part in shapely.get_parts(geom)
    )


@pytest.mark.parametrize(
    "zones, wells",
    [
        # one circle; a ring of two radii; a 二级 circle less its 一级 circle (drawn as one ring, not oriented again)
        ([zone(), zone(level="二级", rule="以取水井为中心，300m为半径的圆形区域（不含一级保护区）")], None),
        ([zone(rule="以取水井为中心，30至175米为半径所划的环形区域")], None),
        # circles that merge, circles apart, their hull; a level pushed out from the one inside it
        ([zone(rule="分别以1#、2#取水井为中心，以30m为半径的圆形区域")], "two"),
        ([zone(rule="分别以1#、2#取水井为中心，以30m为半径的圆形区域")], "apart"),
        ([zone(rule="以1#、2#取水井为中心，以30m为半径的圆的外接多边形")], "apart"),
        ([zone(), zone(level="二级", rule="一级保护区边界外延270米的区域")], None),
        # corner points listed clockwise
        (
            [zone(rule="以拐点坐标连线所围的区域", corners="111.70 38.39; 111.70 38.40; 111.71 38.40; 111.71 38.39")],
            None,
        ),
    ],
)
def test_every_kind_of_zone_is_counter_clockwise_with_clockwise_holes(tmp_path, zones, wells):
    wells = {None: None, "two": _two_wells(40), "apart": _two_wells(200)}[wells]
    folder = write_approval(tmp_path / "z", wells or [well()], zones)
    built = build_zones(read_approvals(folder))
    assert built.geometry.notna().all()
    assert [_rfc7946(g) for g in built.geometry] == [True] * len(built)


def test_terrain_zones_are_kept_without_geometry():
    zones = build_zones(read_approvals(DATA))
    kept = zones[~zones.derivable]
    assert kept[["source_code", "level"]].values.tolist() == [
        ["DC0200141127102G0003", "二级"],
        ["DB1801141129101G0003", "准保护区"],
    ]
    assert kept.geometry.isna().all()
    # 瓦窑 二级 before the terrain cut: the hull of circles of 86 m (1#) and 112 m (2#), less the
    # two 30 m 一级 circles inside it.  Hull of two circles: two tangent trapezoids plus two sectors.
    _, _, d = GEOD.inv(
        parse_dms("111°35′46.29″"), parse_dms("38°13′50.52″"), parse_dms("111°35′45.62″"), parse_dms("38°13′53.24″")
    )
    r1, r2 = 86.0, 112.0
    alpha = math.asin((r2 - r1) / d)
    tangent = math.sqrt(d * d - (r2 - r1) ** 2)
    hull = (r1 + r2) * tangent + 0.5 * r2 * r2 * (math.pi + 2 * alpha) + 0.5 * r1 * r1 * (math.pi - 2 * alpha)
    assert kept.iloc[0].bound_area_m2 == pytest.approx(hull - 2 * math.pi * 30**2, rel=2e-4)


def test_a_level_pushed_out_from_the_one_inside_it(tmp_path):
    from conftest import well, write_approval, zone

    from geo import check_zones

    folder = write_approval(
        tmp_path / "o",
        [well()],
        [
            zone(),
            zone(level="二级", rule="一级保护区边界外延270米的区域", area="0.2798", perimeter="1884.0"),
            zone(level="准保护区", rule="二级保护区边界外延700米的区域", area="2.8574", perimeter="6280"),
        ],
    )
    zones = build_zones(read_approvals(folder))
    # 二级: circles of 30 + 270 m less 一级; 准: the ring from 300 to 1000 m.  π = 3.14 by the drafters.
    assert zones["area_m2"].tolist() == pytest.approx(
        [math.pi * 30**2, math.pi * (300**2 - 30**2), math.pi * (1000**2 - 300**2)], rel=1e-4
    )
    assert check_zones(zones)["status"].tolist() == ["match", "match", "match"]


@pytest.mark.parametrize(
    "rule",
    [
        "以取水井为中心，半径1000米范围内二级保护区以外的区域",
        "以取水井为中心，半径1000米的圆形区域扣除一级、二级保护区",
    ],
)
def test_a_quasi_zone_outside_level2_leaves_level1_and_level2_out(tmp_path, rule):
    """准保护区 '二级保护区以外' is the ring from the 二级 circle to its own, not a disc over the two levels."""
    folder = write_approval(
        tmp_path / "z",
        [well()],
        [
            zone(area="0.0028", perimeter="188.4"),
            zone(
                level="二级", area="0.2798", perimeter="1884", rule="以取水井为中心，300m为半径的圆形区域扣除一级保护区"
            ),
            zone(level="准保护区", area="2.8574", perimeter="6280", rule=rule),
        ],
    )
    zones = build_zones(read_approvals(folder))
    quasi = zones.iloc[2]
    assert quasi.area_m2 == pytest.approx(math.pi * (1000**2 - 300**2), rel=1e-6)
    assert quasi.inner_radii_m == [300.0]
    assert len(quasi.geometry.interiors) == 1
    assert quasi.geometry.intersection(zones.iloc[1].geometry).area < 1e-12  # degrees²: they only touch
    from geo import check_zones

    assert check_zones(zones)["status"].tolist() == ["match", "match", "match"]


@pytest.mark.parametrize("lon_text", ["111°42′11.58″", "112°29′00″"])  # near zone 37's meridian, and 1.48° off it
def test_squares_and_rectangles_have_their_sides_along_true_north_and_east(tmp_path, lon_text):
    """Corners measured from the well with pyproj's geodesic: at the sides' half-lengths east and north,
    whatever the frame's grid north (1° from true north at 112°29′)."""
    lon, lat = parse_dms(lon_text), parse_dms("38°23′30.36″")
    for rule, ew, ns in [
        ("以取水井为中心，东西南北各30米的正方形区域", 30, 30),
        ("以取水井为中心，东西各30米、南北各50米的矩形区域", 30, 50),
    ]:
        z = _one_zone(tmp_path, rule, [well(lon=lon_text)])
        corners = np.asarray(z.geometry.exterior.coords)[:-1]
        azimuth, _, distance = GEOD.inv(np.full(4, lon), np.full(4, lat), corners[:, 0], corners[:, 1])
        expected = math.degrees(math.atan2(ew, ns))
        assert sorted(azimuth) == pytest.approx(sorted([expected, -expected, 180 - expected, expected - 180]), abs=1e-5)
        assert distance == pytest.approx(np.full(4, math.hypot(ew, ns)), abs=1e-4)
        area, perimeter = GEOD.geometry_area_perimeter(z.geometry)
        assert (area, perimeter) == pytest.approx((4 * ew * ns, 4 * (ew + ns)), rel=1e-6)
        assert (z.area_m2, z.perimeter_m) == pytest.approx((4 * ew * ns, 4 * (ew + ns)), rel=1e-6)


def test_a_square_level2_less_its_square_level1_matches_its_stated_figures(tmp_path):
    from geo import check_zones

    folder = write_approval(
        tmp_path / "s",
        [well()],
        [
            zone(area="0.0036", perimeter="240", rule="以取水井为中心，东西南北各30米的正方形区域"),
            zone(
                level="二级",
                area="0.3564",
                perimeter="2400",
                rule="以取水井为中心，东西南北各300米的正方形区域，扣除一级保护区",
            ),
        ],
    )
    zones = build_zones(read_approvals(folder))
    assert zones["shape"].tolist() == ["squares", "squares"]
    assert zones["area_m2"].tolist() == pytest.approx([3600, 600**2 - 60**2], rel=1e-6)
    assert len(zones.geometry.iloc[1].interiors) == 1
    assert check_zones(zones)["status"].tolist() == ["match", "match"]


def test_a_square_whose_directions_are_not_printed_is_drawn_so_and_warned(tmp_path):
    from geo import SuspiciousInputWarning

    english = "the rule does not say which way the square's sides run ('以取水井为中心，边长60米的正方形区域'): drawn east–west and north–south"
    with pytest.warns(SuspiciousInputWarning, match=re.escape(english)):
        z = _one_zone(tmp_path, "以取水井为中心，边长60米的正方形区域")
    said = (
        "划定方案未写明方形的边朝向（“以取水井为中心，边长60米的正方形区域”），按边沿正东西、正南北方向绘制，请核对。"
    )
    assert said in z.warnings
    assert z.area_m2 == pytest.approx(3600, rel=1e-6)


def test_a_rule_with_several_unexplained_radii_is_kept_undrawn_and_says_why(tmp_path):
    """ "半径30米，半径300米" was drawn as a 30 m circle; now kept, not drawn, and the warning says why."""
    from geo import SuspiciousInputWarning

    text = "以取水井为中心，半径30米，半径300米的区域"
    english = f"the 划定方案 cannot be read ({text!r}): it gives several radii (30 m; 300 m) without saying what each is; the zone is kept, not drawn"
    with pytest.warns(SuspiciousInputWarning, match=re.escape(english)):
        z = _one_zone(tmp_path, text)
    assert (z["shape"], z.derivable) == ("unread", False)
    assert f"划定方案无法解读：“{text}”（写有几个半径（30米、300米），未说明各自的含义），未绘制。" in z.warnings


def test_wells_named_with_letters_before_their_numbers_are_those_wells(tmp_path):
    """ "以J1、J2井为中心" was read as naming 2# alone (J1 lost); wells J1–J3 are keyed 1#–3#."""
    wells = [well(no="J1"), well(no="J2", lon="111°42′21.58″"), well(no="J3", lon="111°42′41.58″")]
    z = _one_zone(tmp_path, "以J1、J2井为中心，半径30米的圆形区域", wells=wells)
    assert z.wells == ["1#", "2#"]
    assert z.area_m2 == pytest.approx(2 * math.pi * 30**2, rel=1e-4)


def test_circles_joined_by_their_outer_tangents_are_their_hull(tmp_path):
    """ "…的圆形区域，及两圆外切线所围区域" drew the two circles apart (the area between them lost)."""
    wells = [well(no="1#"), well(no="2#", lon="111°42′15.58″")]
    z = _one_zone(tmp_path, "以1#井为中心半径30米、以2#井为中心半径50米的圆形区域，及两圆外切线所围区域", wells=wells)
    lon = [111 + 42 / 60 + s / 3600 for s in (11.58, 15.58)]
    lat = 38 + 23 / 60 + 30.36 / 3600
    d = GEOD.inv(lon[0], lat, lon[1], lat)[2]
    r1, r2 = 30.0, 50.0
    phi = math.asin((r2 - r1) / d)
    tangent = math.sqrt(d * d - (r2 - r1) ** 2)
    hull = (r1 + r2) * tangent + r1 * r1 * (math.pi - 2 * phi) / 2 + r2 * r2 * (math.pi + 2 * phi) / 2
    assert (z["shape"], z.derivable) == ("hull", True)
    assert z.area_m2 == pytest.approx(hull, rel=1e-4)


def test_figures_printed_in_the_rule_s_words_are_the_stated_figures(tmp_path):
    # Before, "批复未列面积与周长": the figures the approval printed in the 划定方案 were not read.
    rows = [
        zone(area="", perimeter="", rule="以水源井为中心，半径30米的区域，面积0.0028km2，周长188.4米"),
        zone(
            level="二级",
            area="",
            perimeter="",
            rule="以水源井为中心，半径300米的区域（扣除一级保护区），面积为0.28平方公里",
        ),
        zone(
            code="T001", level="准保护区", area="0.9", perimeter="", rule="半径1000米，扣除面积0.28平方公里的二级保护区"
        ),
    ]
    folder = write_approval(tmp_path / "w", [well()], rows)
    with pytest.warns(SuspiciousInputWarning) as caught:
        check = check_zones(build_zones(read_approvals(folder)))
    assert check[["stated_area_km2", "stated_perimeter_m", "status"]].values.tolist() == [
        [0.0028, 188.4, "match"],
        [0.28, pytest.approx(math.nan, nan_ok=True), "match"],
        [0.9, pytest.approx(math.nan, nan_ok=True), "mismatch"],  # "面积…的二级保护区" is the 二级's, not its own
    ]
    assert [w.message.zh for w in caught if "划定方案的文字" in w.message.zh] == [
        f"{folder / 'zones.csv'} 第2行：面积取自划定方案的文字（面积0.0028km2）",
        f"{folder / 'zones.csv'} 第2行：周长取自划定方案的文字（周长188.4米）",
        f"{folder / 'zones.csv'} 第3行：面积取自划定方案的文字（面积为0.28平方公里）",
    ]


def test_a_figure_in_the_words_that_differs_from_its_column_is_warned(tmp_path):
    rows = [zone(area="0.0028", rule="以水源井为中心，半径30米的区域，面积0.0030平方公里")]
    folder = write_approval(tmp_path / "d", [well()], rows)
    with pytest.warns(SuspiciousInputWarning) as caught:
        check = check_zones(build_zones(read_approvals(folder)))
    assert check["stated_area_km2"].tolist() == [0.0028]
    assert [w.message.zh for w in caught] == [
        f"{folder / 'zones.csv'} 第2行：“保护区面积（km2）”列为0.0028 km²，划定方案的文字写面积0.0030平方公里，按该列核对，请确认"
    ]


def _mixed_circles(count: int, seed: int = 3):
    """Circles of 30 m to 2.5 km (256 to 800 vertices, the largest geodesic) in lon/lat and Gauss–Krüger."""
    from geo.circles import circles_gk

    rng = np.random.default_rng(seed)
    lon, lat = 111 + rng.random(count), 37 + rng.random(count)
    shells = circles_gk(lon, lat, rng.choice([175.0, 300.0, 1000.0, 2500.0], count), 4546, lonlat=True)
    holes = circles_gk(lon, lat, rng.choice([30.0, 50.0, 80.0], count), 4546, lonlat=True)
    return shells, holes


def test_rings_made_all_at_once_are_the_rings_made_one_by_one():
    from geo.circles import holed

    (shells, shells_lonlat), (holes, holes_lonlat) = _mixed_circles(40)
    assert len(set(shapely.get_num_coordinates(shells))) > 2  # rings of different lengths side by side
    made = holed(shells, holes)
    assert [g.wkb for g in made] == [
        shapely.Polygon(s.exterior, [h.exterior]).wkb for s, h in zip(shells, holes, strict=True)
    ]
    # In lon/lat, with the holes turned: what orient_polygons makes of them, and RFC 7946's orientation.
    planar = ~shapely.is_missing(shells_lonlat)
    assert 0 < planar.sum() < len(planar)
    turned = holed(shells_lonlat[planar], holes_lonlat[planar], reverse_holes=True)
    one_by_one = [
        shapely.orient_polygons(shapely.Polygon(s.exterior, [h.exterior]), exterior_cw=False).wkb
        for s, h in zip(shells_lonlat[planar], holes_lonlat[planar], strict=True)
    ]
    assert [g.wkb for g in turned] == one_by_one
    assert all(g.exterior.is_ccw and not g.interiors[0].is_ccw for g in turned)
    assert len(holed(shells[:0], holes[:0], reverse_holes=True)) == 0


@pytest.mark.parametrize(
    "shells, holes, message",
    [
        ([shapely.box(0, 0, 4, 4)], [], "holed takes a hole for each shell, not 0 for 1"),
        (
            [shapely.box(0, 0, 4, 4).difference(shapely.box(1, 1, 2, 2))],
            [shapely.box(2, 2, 3, 3)],
            "holed takes polygons without holes",
        ),
        ([shapely.MultiPolygon([shapely.box(0, 0, 4, 4)])], [shapely.box(1, 1, 2, 2)], "holed takes polygons"),
        (
            [shapely.box(0, 0, 4, 4)],
            [shapely.Polygon([(1, 1, 0), (2, 1, 0), (2, 2, 0)])],
            "holed takes polygons without Z",
        ),
    ],
)
def test_rings_made_all_at_once_refuse_what_they_cannot_make(shells, holes, message):
    from geo.circles import holed

    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        holed(np.array(shells, dtype=object), np.array(holes, dtype=object))


def test_circles_are_made_from_flat_coordinates_as_shapely_makes_them_ring_by_ring():
    from geo.circles import _polygons

    xy = np.random.default_rng(5).random((30, 48, 2))
    assert [g.wkb for g in _polygons(xy)] == [g.wkb for g in shapely.polygons(xy)]


def test_a_registers_zones_are_oriented_as_rfc7946_wants_though_only_some_are_turned(tmp_path):
    """Circles, their rings and circles apart come back oriented and are not turned again: orienting changes none."""
    import sys

    from conftest import ROOT

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synthetic

    folder = synthetic.write(tmp_path / "register", 400, level2_share=1.0)
    zones = build_zones(read_approvals(folder))
    kinds = {
        (int(shapely.get_type_id(g)), len(getattr(g, "interiors", ())), level)
        for g, level in zones[["geometry", "level"]].values
    }
    # circles, rings, rings of two wells' circles merged, circles apart, and rings of circles apart
    assert kinds == {(3, 0, "一级"), (3, 1, "二级"), (3, 2, "二级"), (6, 0, "一级"), (6, 0, "二级")}
    turned = shapely.orient_polygons(zones.geometry.values, exterior_cw=False)
    assert [g.wkb for g in zones.geometry] == [g.wkb for g in turned]


def test_a_ring_whose_circles_are_not_both_in_lon_lat_as_single_polygons_is_left_to_be_projected_back():
    from geo.holes import make_rings

    (shells, shells_lonlat), (holes, holes_lonlat) = _mixed_circles(12, seed=8)
    planar = np.flatnonzero(~shapely.is_missing(shells_lonlat))[:3]
    outline = np.concatenate([shells[planar], holes[planar]])
    outline_lonlat = np.concatenate([shells_lonlat[planar], holes_lonlat[planar]])
    outline_lonlat[1] = shapely.MultiPolygon([outline_lonlat[1]])  # as if its circles were apart
    outline_lonlat[5] = None  # its hole not drawn in the plane
    drawn, drawn_lonlat = np.full(6, None, dtype=object), np.full(6, None, dtype=object)
    rings = [(0, 3), (1, 4), (2, 5)]
    make_rings(rings, outline, outline_lonlat, drawn, drawn_lonlat)
    assert rings == []
    assert [g.wkb for g in drawn[:3]] == [
        shapely.Polygon(outline[k].exterior, [outline[k + 3].exterior]).wkb for k in range(3)
    ]
    assert drawn_lonlat[0] is not None and _rfc7946(drawn_lonlat[0])
    assert drawn_lonlat[1] is None and drawn_lonlat[2] is None
