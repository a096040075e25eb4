"""What a map carries: zone outlines thinned for display (geo.mapshapes.thinned), features made once for every page."""

from __future__ import annotations

import json
import sys

import numpy as np
import pytest
import shapely
from conftest import DATA, ROOT

from geo import build_zones, read_approvals, wells_frame
from geo.mapdata import map_features, map_payload
from geo.mapshapes import DISPLAY_SIMPLIFY_DEG, thinned
from geo.validation import checked_zones

sys.path.insert(0, str(ROOT / "benchmarks"))
import synthetic  # noqa: E402


def _slow(shapes, tolerance):
    return shapely.simplify(np.asarray(shapes, dtype=object), tolerance, preserve_topology=True)


def _wkb(shapes) -> list:
    return [None if g is None else g.wkb for g in shapes]


@pytest.fixture(scope="module")
def outlines(tmp_path_factory):
    """The drawn zones of a synthetic register (circles, rings, two wells' unions) and of the corner register."""
    folder = synthetic.write(tmp_path_factory.mktemp("register"), 400, level2_share=1.0)
    zones = [build_zones(read_approvals(f)) for f in (folder, ROOT / "tests" / "fixtures" / "register")]
    shapes = np.concatenate([np.asarray(z.geometry.array, dtype=object) for z in zones])
    return shapes[~shapely.is_missing(shapes)]


def test_zones_are_thinned_exactly_as_the_topology_preserving_simplifier_thins_them(outlines):
    assert {g.geom_type for g in outlines} == {"Polygon", "MultiPolygon"}
    assert any(len(g.interiors) for g in outlines if g.geom_type == "Polygon")  # rings of 二级 with their hole
    fast = shapely.simplify(outlines, DISPLAY_SIMPLIFY_DEG, preserve_topology=False)
    slow = _slow(outlines, DISPLAY_SIMPLIFY_DEG)
    started_elsewhere = sum(a.wkb != b.wkb for a, b in zip(fast, slow, strict=True))
    assert started_elsewhere > 10  # Douglas–Peucker alone starts some rings at another vertex
    assert _wkb(thinned(outlines, DISPLAY_SIMPLIFY_DEG)) == _wkb(slow)
    assert shapely.get_num_coordinates(slow).sum() < shapely.get_num_coordinates(outlines).sum() / 2


def test_a_ring_whose_first_vertex_is_dropped_starts_at_the_last_vertex_kept_before_it():
    square = shapely.Polygon(
        [(0.5, 0), (1, 0), (1, 1), (0, 1), (0, 0)], [[(0.2, 0.2), (0.2, 0.8), (0.5, 0.8), (0.8, 0.8), (0.8, 0.2)]]
    )
    out = thinned([square], 0.01)[0]
    assert out.wkt == "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0), (0.2 0.2, 0.2 0.8, 0.8 0.8, 0.8 0.2, 0.2 0.2))"
    assert out.wkb == _slow([square], 0.01)[0].wkb


def test_a_hole_douglas_peucker_would_drop_is_kept():
    # The shell dips under y = 0 around a hole; thinned by 0.2 the dip goes, and the hole is outside.
    dip = shapely.Polygon([(0, 0), (0.5, -0.1), (1, 0), (1, 1), (0, 1)], [[(0.45, -0.06), (0.55, -0.06), (0.5, -0.02)]])
    assert shapely.simplify(dip, 0.2, preserve_topology=False).wkt == "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"
    out = thinned([dip, shapely.MultiPolygon([dip, shapely.box(2, 0, 3, 1)])], 0.2)
    assert _wkb(out) == _wkb(_slow([dip, shapely.MultiPolygon([dip, shapely.box(2, 0, 3, 1)])], 0.2))
    assert [len(p.interiors) for p in out[1].geoms] == [1, 0]


def test_what_is_not_a_flat_polygon_is_thinned_by_the_topology_preserving_simplifier():
    shapes = [
        shapely.Polygon([(0, 0, 1), (1, 0, 1), (1, 1, 1), (0.5, 1.0001, 1), (0, 1, 1)]),
        None,
        shapely.GeometryCollection([shapely.box(0, 0, 1, 1)]),
        shapely.Polygon(),
        shapely.LineString([(0, 0), (0.5, 0.0001), (1, 0)]),
    ]
    out = thinned(shapes, 0.01)
    assert out[1] is None
    assert _wkb(out) == _wkb(_slow(shapes, 0.01))
    assert out[0].has_z and shapely.get_num_coordinates(out[0]) == 5


def test_noisy_outlines_stay_valid_with_their_parts_and_holes():
    rng = np.random.default_rng(7)
    shapes = []
    for k in range(600):
        n = int(rng.integers(8, 300))
        angle = np.sort(rng.uniform(0, 2 * np.pi, n))
        radius = 1e-4 * (1 + [0.0, 0.01, 0.05, 0.3][k % 4] * rng.standard_normal(n))
        shell = shapely.Polygon(np.c_[np.cos(angle) * radius, np.sin(angle) * radius] + [111, 37])
        if not shell.is_valid:
            continue
        hole = shapely.Point(111 + rng.uniform(-3e-5, 3e-5), 37).buffer(float(rng.choice([2e-6, 1e-5, 9e-5])), 8)
        shapes.append(
            [
                shell,
                shapely.Polygon(shell.exterior, [hole.exterior]),
                shapely.MultiPolygon([shell, shapely.affinity.translate(shell, 2.1e-4)]),
            ][k % 3]
        )
    shapes = np.array([g for g in shapes if g.is_valid], dtype=object)
    assert len(shapes) > 300
    for tolerance in (1e-6, 5e-6, 2e-5):
        out, slow = thinned(shapes, tolerance), _slow(shapes, tolerance)
        assert shapely.is_valid(out).all()
        assert (shapely.get_type_id(out) == shapely.get_type_id(shapes)).all()
        parts = lambda g: [len(p.interiors) for p in shapely.get_parts(g)]  # noqa: E731
        assert [parts(g) for g in out] == [parts(g) for g in shapes]
        far = shapely.hausdorff_distance(shapes, out) / np.maximum(tolerance, shapely.hausdorff_distance(shapes, slow))
        assert far.max() < 1.1
        assert sum(a.wkb != b.wkb for a, b in zip(out, slow, strict=True)) < len(shapes) * 0.05


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_approvals_features_are_its_rows_of_the_features_of_every_approval(tmp_path, lang):
    from conftest import well, write_approval, zone

    from geo.conflicts import find_conflicts
    from geo.projects import read_projects

    no_position = write_approval(
        tmp_path / "u",
        [well(), well(code="T002", name="无坐标村", lon="待测", lat="待测")],
        [zone(), zone(code="T002")],
    )
    with pytest.warns(Warning):
        approvals = read_approvals(DATA, ROOT / "tests" / "fixtures" / "register", no_position)
    zones, wells = checked_zones(build_zones(approvals)), wells_frame(approvals)
    inside = tmp_path / "inside.csv"  # a project on the first well, besides data/projects
    inside.write_text(f"名称,经度,纬度\n井上的项目,{wells.lon_deg[0]:.6f},{wells.lat_deg[0]:.6f}\n", encoding="utf-8")
    projects = read_projects(DATA / "projects", inside)
    options = {"projects": projects, "conflicts": find_conflicts(zones, projects)}
    every = map_features(zones, wells, **options, lang=lang)
    options["lang"] = lang
    assert len(approvals) == 5 and wells.geometry.isna().any() and len(options["conflicts"])
    assert map_payload(approvals, zones, wells, title="t", features=every, **options) == map_payload(
        approvals, zones, wells, title="t", **options
    )
    unplaced = []
    for approval in approvals:
        in_z, in_w = (zones.doc_no == approval.doc_no).to_numpy(), (wells.doc_no == approval.doc_no).to_numpy()
        alone = map_payload([approval], zones[in_z], wells[in_w], title="t", **options)
        unplaced += [s["code"] for s in json.loads(alone)["unplaced"]]
        shared = map_payload(
            [approval], zones[in_z], wells[in_w], title="t", features=every.rows(in_z, in_w), **options
        )
        assert shared == alone
        # The same rows by their positions, as geo build takes them
        positions = every.rows(np.flatnonzero(in_z), np.flatnonzero(in_w))
        assert map_payload([approval], zones[in_z], wells[in_w], title="t", features=positions, **options) == alone
        assert (
            len(json.loads(alone)["sources"]) == wells[in_w & wells.geometry.notna().to_numpy()].source_code.nunique()
        )
    assert unplaced == ["T002"]  # the source whose one well has no position: in the panel, not drawn


def test_features_made_for_other_rows_are_refused():
    approvals = read_approvals(DATA)
    zones, wells = checked_zones(build_zones(approvals)), wells_frame(approvals)
    features = map_features(zones.iloc[:3], wells)
    with pytest.raises(ValueError) as caught:
        map_payload(approvals, zones, wells, title="t", features=features)
    assert (
        str(caught.value)
        == f"features made for 3 zones and {len(wells)} wells, not for these {len(zones)} zones and {len(wells)} wells"
    )
    with pytest.raises(ValueError) as caught:
        map_payload(approvals, zones, wells, title="t", features=map_features(zones, wells, lang="en"))
    assert str(caught.value) == "features made for a map in 'en', not in 'zh'"


def test_rows_of_features_are_a_mask_over_the_frame_or_ascending_positions():
    approvals = read_approvals(DATA)
    zones, wells = checked_zones(build_zones(approvals)), wells_frame(approvals)
    features = map_features(zones, wells)
    every_well = np.arange(len(wells))
    with pytest.raises(ValueError) as caught:
        features.rows(np.ones(3, dtype=bool), every_well)
    assert str(caught.value) == f"a mask of 3 rows for {len(zones)} zones"
    for wrong in ([1, 0], [0, 0], [-1], [len(zones)]):
        with pytest.raises(ValueError) as caught:
            features.rows(np.array(wrong), every_well)
        assert str(caught.value) == f"positions of zones must be ascending and each in 0..{len(zones) - 1}"
    none = features.rows(np.zeros(0, dtype=int), np.zeros(0, dtype=int))
    assert (len(none.zones), len(none.wells), none.sources, none.unplaced) == (0, 0, (), ())
    whole = features.rows(np.arange(len(zones)), every_well)
    assert whole.sources == features.sources and (whole.source_well == features.source_well).all()


def test_members_of_a_few_positions_are_those_of_a_pass_over_every_value():
    from geo.mapdata import _members

    rng = np.random.default_rng(3)
    values = rng.permutation(5000)[:800]  # distinct rows, in no order
    order = np.argsort(values, kind="stable")
    for size in (0, 1, 7, 99, 100, 101, 3000, 5000):  # below and above the one-pass threshold (800 / 8)
        positions = np.sort(rng.choice(5000, size, replace=False))
        expected = np.flatnonzero(np.isin(values, positions))
        assert _members(values, order, positions).tolist() == expected.tolist()
    assert _members(values, order, np.array([5000, 6000])).tolist() == []  # beyond every value


def test_no_text_of_the_tables_takes_the_place_of_the_maps_features_or_counties():
    from geo.geography import counties_near
    from geo.mapdata import _extent

    approvals = read_approvals(DATA)
    zones, wells = checked_zones(build_zones(approvals)), wells_frame(approvals)
    forged = '@@FEATURES@@ "counties":"@@COUNTIES@@" "features":"@@FEATURES@@" @@COUNTIES@@'
    plain = json.loads(map_payload(approvals, zones, wells, title="t"))
    payload = json.loads(map_payload(approvals, zones, wells, title=forged))
    assert payload["title"] == forged  # before, the first "@@FEATURES@@" anywhere took the features' place
    assert payload["features"] == plain["features"] and payload["features"]["type"] == "FeatureCollection"
    assert payload["counties"] == plain["counties"] and len(plain["counties"]) > 0
    assert plain["counties"] == json.loads(json.dumps(counties_near(_extent(zones, wells))))
