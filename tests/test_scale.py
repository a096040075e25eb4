"""Tests of the forms for big inputs: projects read in batches, conflicts found batch by batch, footprints measured at once.

The figures of benchmarks/conflicts.py come from these code paths; here they are checked against
the plain definitions on inputs small enough to compute those one pair at a time.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from conftest import ROOT
from pyproj import Geod, Transformer

import geo
from geo.conflicts import find_conflicts, iter_conflicts
from geo.errors import InputError
from geo.projects import footprint_areas, iter_projects, read_projects

sys.path.insert(0, str(ROOT / "benchmarks"))
import synthetic  # noqa: E402

GEOD = Geod(ellps="GRS80")
#: A small register spread over Shanxi (Gauss–Krüger zones 37 and 38) and a cadastre over it.
BOX = (110.5, 37.0, 113.5, 37.6)


@pytest.fixture(scope="module")
def register_zones(tmp_path_factory):
    folder = synthetic.write(tmp_path_factory.mktemp("register"), 300, level2_share=1.0, box=BOX)
    return geo.build_zones(geo.read_approvals(folder))


@pytest.fixture(scope="module")
def cadastre(register_zones):
    """Parcels over the same box, and some placed on wells so that every relation occurs."""
    parcels = synthetic.parcels(6000, box=BOX)
    zones = register_zones[register_zones["level"] == "一级"]
    centre = shapely.centroid(np.asarray(zones.geometry.array, dtype=object)[:200])
    x, y = shapely.get_x(centre), shapely.get_y(centre)
    on = shapely.box(x - 2e-4, y - 2e-4, x + 2e-4, y + 2e-4)  # about 35 m by 45 m: inside a 一级 circle or across it
    placed = synthetic.parcels(len(on), box=BOX, start=len(parcels)).set_geometry(on)
    return pd.concat([parcels, placed])


def _one_pair_at_a_time(zones, projects, near):
    """The definition: every zone against every project, each pair projected to the zone's frame."""
    rows = []
    for zi, zone in enumerate(zones.itertuples()):
        there = Transformer.from_crs("EPSG:4490", f"EPSG:{zone.gk_epsg}", always_xy=True)

        def move(xy, t=there):
            return np.column_stack(t.transform(xy[:, 0], xy[:, 1]))

        zone_gk = shapely.transform(zone.geometry, move)
        box = shapely.buffer(shapely.envelope(zone_gk), near + 1)
        for pi, project in enumerate(projects.itertuples()):
            if not shapely.intersects(box, shapely.transform(shapely.envelope(project.geometry), move)):
                continue
            project_gk = shapely.transform(project.geometry, move)
            if shapely.within(project_gk, zone_gk):
                relation = "inside"
            elif shapely.intersects(project_gk, zone_gk):
                relation = "intersects"
            elif shapely.distance(project_gk, zone_gk) <= near:
                relation = "near"
            else:
                continue
            area = shapely.area(shapely.intersection(project_gk, zone_gk))
            rows.append((int(projects.index[pi]), int(zones.index[zi]), relation, round(area, 2)))
    return rows


def _lon(frame) -> np.ndarray:
    return shapely.get_x(shapely.centroid(np.asarray(frame.geometry.array, dtype=object)))


def test_conflicts_are_those_of_the_definition_pair_by_pair(register_zones, cadastre):
    # A band of the cadastre across the meridian 112.5°E, where zones of both frames lie.
    band = cadastre[np.abs(_lon(cadastre) - 112.5) < 0.3]
    zones = register_zones[np.abs(_lon(register_zones) - 112.5) < 0.35]
    assert set(zones["gk_epsg"]) == {4546, 4547}  # CGCS2000 3-degree Gauss–Krüger, CM 111°E and 114°E
    found = find_conflicts(zones, band, near_m=80)
    expected = _one_pair_at_a_time(zones, band, 80)
    # 一级 wholly holding a project hides that source's 二级 ring for it.
    first = {
        (p, zones.loc[z, "source_code"]) for p, z, r, _ in expected if r == "inside" and zones.loc[z, "level"] == "一级"
    }
    expected = [
        e for e in expected if zones.loc[e[1], "level"] == "一级" or (e[0], zones.loc[e[1], "source_code"]) not in first
    ]
    got = list(found[["project_index", "zone_index", "relation", "overlap_m2"]].itertuples(index=False, name=None))
    assert sorted((p, z, str(r), a) for p, z, r, a in got) == sorted(expected)
    assert set(found["relation"]) == {"inside", "intersects", "near"}


def test_conflicts_in_batches_are_the_conflicts_at_once(register_zones, cadastre):
    whole = find_conflicts(register_zones, cadastre, near_m=50)
    batches = [cadastre.iloc[k : k + 1000] for k in range(0, len(cadastre), 1000)]
    pieces = list(iter_conflicts(register_zones, batches, near_m=50))
    assert len(pieces) == len(batches)
    assert pd.concat(pieces, ignore_index=True).equals(whole)
    assert len(whole) > 200


def test_a_geopackage_read_in_batches_is_read_projects_of_it(tmp_path, cadastre):
    path = tmp_path / "cadastre.gpkg"
    pyogrio.write_dataframe(cadastre.reset_index(drop=True), path, layer="parcels")
    whole = read_projects(path)
    batches = list(iter_projects(path, batch_size=2500))
    assert [len(b) for b in batches] == [2500, 2500, 1200]
    assert batches[1].index[0] == 2500
    assert pd.concat(batches).equals(whole)
    assert whole["cite"].iloc[-1] == "cadastre.gpkg:parcels:6200"


def test_a_bad_feature_in_a_later_batch_is_named_by_its_number_in_the_file(tmp_path, cadastre):
    parcels = cadastre.reset_index(drop=True).iloc[:3000].copy()
    bow_tie = shapely.Polygon([(111.0, 37.1), (111.001, 37.101), (111.001, 37.1), (111.0, 37.101)])
    parcels.loc[2600, "geometry"] = bow_tie
    path = tmp_path / "cadastre.gpkg"
    pyogrio.write_dataframe(parcels, path, layer="parcels")
    got = []
    with pytest.raises(InputError) as caught:
        for batch in iter_projects(path, batch_size=1000):
            got.append(len(batch))
    assert got == [1000, 1000]
    assert caught.value.problems[0].row == 2601
    assert caught.value.report("zh") == (
        "输入有 1 处问题：\n"
        f"  {path} 第2601行，geometry列：应为有效的用地范围（GEOS：Self-intersection[111.0005 37.1005]），实际为 '宗地2600'"
    )


def test_a_geopackage_is_not_read_into_memory_whatever_its_size(tmp_path, monkeypatch, cadastre):
    import geo.gisfiles

    path = tmp_path / "cadastre.gpkg"
    pyogrio.write_dataframe(cadastre.reset_index(drop=True).iloc[:50], path, layer="parcels")
    geojson = tmp_path / "cadastre.geojson"
    pyogrio.write_dataframe(cadastre.reset_index(drop=True).iloc[:50], geojson, driver="GeoJSON")
    monkeypatch.setattr(geo.gisfiles, "MAX_FILE_BYTES", 1000)
    assert len(read_projects(path)) == 50
    with pytest.raises(InputError, match=r"expected a project file of at most 0 MB, found 0 MB"):
        read_projects(geojson)


@pytest.mark.parametrize("lon", [111.0, 112.49, 113.9])  # on, 1.49° off and 0.1° off a central meridian
@pytest.mark.parametrize("side_deg", [1e-4, 1e-3, 0.006])  # 9 m to 530 m
def test_footprints_measured_in_the_plane_have_their_geodesic_area(lon, side_deg):
    square = shapely.box(lon, 37.0, lon + side_deg, 37.0 + side_deg * 0.8)
    triangle = shapely.Polygon([(lon, 37.2), (lon + side_deg, 37.2), (lon, 37.2 + side_deg)])
    got = footprint_areas([square, triangle, shapely.Point(lon, 37.0)])
    for geom, area in zip((square, triangle), got[:2], strict=True):
        assert area == pytest.approx(abs(GEOD.geometry_area_perimeter(geom)[0]), rel=1e-6)
    assert np.isnan(got[2])


def test_a_large_footprint_is_measured_on_the_ellipsoid():
    county = shapely.box(111.0, 37.0, 111.5, 37.4)  # 44 km by 44 km
    strip = shapely.box(112.0, 37.0, 112.008, 37.0001)  # 700 m by 11 m: wider than the plane's 600 m
    got = footprint_areas([county, strip])
    assert got.tolist() == [abs(GEOD.geometry_area_perimeter(g)[0]) for g in (county, strip)]


def _layers(path):
    return {name: pyogrio.read_dataframe(path, layer=name) for name, _ in pyogrio.list_layers(path)}


def test_a_geopackage_written_block_by_block_holds_what_the_whole_export_holds(tmp_path, register_zones, cadastre):
    from geo.exports import export_blocks

    folder = synthetic.write(tmp_path / "register", 300, level2_share=1.0, box=BOX)
    approvals = geo.read_approvals(folder)
    wells = geo.wells_frame(approvals)
    pyogrio.write_dataframe(cadastre.reset_index(drop=True), tmp_path / "cadastre.gpkg", layer="parcels")
    projects = read_projects(tmp_path / "cadastre.gpkg")
    whole = tmp_path / "whole.gpkg"
    zones = geo.build_zones(approvals)
    geo.export(zones, whole, wells, projects, find_conflicts(zones, projects, 50))
    blocks = tmp_path / "blocks.gpkg"
    export_blocks(blocks, geo.iter_zones(approvals, block_zones=64), wells, projects, near_m=50)
    a, b = _layers(whole), _layers(blocks)
    assert list(a) == list(b)
    assert {"zones", "wells", "projects", "conflicts", "zones_gk4546", "zones_gk4547"} <= set(a)
    for name in a:
        key = [
            c for c in ("doc_no", "source_code", "level", "table_row", "name", "project", "relation") if c in a[name]
        ]
        left = a[name].sort_values(key).reset_index(drop=True)
        right = b[name].sort_values(key).reset_index(drop=True)
        pd.testing.assert_frame_equal(left, right, check_like=False)
    assert len(a["conflicts"]) > 100
    assert list(b["conflicts"]["project"]) == list(a["conflicts"]["project"])  # the conflicts in their own order


@pytest.mark.parametrize("suffix", [".gpkg", ".parquet"])
def test_an_export_killed_between_blocks_leaves_the_previous_file(tmp_path, suffix):
    """SIGKILL while blocks are being written: the old file stays whole; the next export sweeps the temporary."""
    import hashlib
    import signal
    import subprocess
    import time

    folder = synthetic.write(tmp_path / "register", 2000, level2_share=1.0, box=BOX)
    out = tmp_path / f"zones{suffix}"
    # The run to be killed holds still after writing three blocks, asking for the fourth: killed between blocks, always.
    script = (
        "import sys, time, geo; from geo.exports import export_blocks; a = geo.read_approvals(sys.argv[1])\n"
        "def blocks():\n"
        "    for k, block in enumerate(geo.iter_zones(a, block_zones=int(sys.argv[3]))):\n"
        "        if k == 3 and len(sys.argv) > 4:\n"
        "            open(sys.argv[4], 'w').close()\n"
        "            time.sleep(600)\n"
        "        yield block\n"
        "export_blocks(sys.argv[2], blocks(), geo.wells_frame(a))"
    )
    marker = tmp_path / "three-blocks-written"

    def export(block_zones, wait=True):
        args = [sys.executable, "-c", script, str(folder), str(out), str(block_zones)]
        if not wait:
            return subprocess.Popen([*args, str(marker)], cwd=ROOT)
        return subprocess.run(args, cwd=ROOT, check=True)

    export(4000)
    before = hashlib.sha1(out.read_bytes()).hexdigest()
    process = export(100, wait=False)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert marker.exists() and process.poll() is None, "the export did not reach its fourth block"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert hashlib.sha1(out.read_bytes()).hexdigest() == before
    assert list(tmp_path.glob(f".zones.*.tmp{suffix}"))  # what the killed run left …
    export(4000)
    assert not list(tmp_path.glob(".zones*.tmp*"))  # … swept by the next
    if suffix == ".gpkg":
        assert pyogrio.read_info(out, layer="zones")["features"] == 4000
    else:
        import pyarrow.parquet as pq

        assert (
            pq.read_metadata(out).num_rows == 4000 and pq.read_metadata(out.with_name("zones-wells.parquet")).num_rows
        )


def test_a_register_of_more_zones_than_a_block_is_built_as_in_one_pass(tmp_path):
    # build_zones builds blocks of 5,000 zones and joins them: the same frame as one pass over all.
    folder = synthetic.write(tmp_path / "register", 2_900, level2_share=1.0, box=BOX)
    approvals = geo.read_approvals(folder)
    zones = geo.build_zones(approvals)
    (one_pass,) = geo.iter_zones(approvals, block_zones=10**9)
    assert len(zones) == 5_800
    assert list(zones.index) == list(range(5_800))
    assert zones.equals(one_pass)
    assert (zones.dtypes == one_pass.dtypes).all()
    assert zones.crs == one_pass.crs


def test_the_garbage_collector_is_on_again_after_reading_building_and_checking_even_when_reading_fails(tmp_path):
    import gc

    folder = synthetic.write(tmp_path / "register", 3, box=BOX)
    assert gc.isenabled()
    geo.check_zones(geo.build_zones(geo.read_approvals(folder)))
    assert gc.isenabled()
    wells = folder / "wells.csv"
    wells.write_text(wells.read_text(encoding="utf-8").replace("°", "度度", 1), encoding="utf-8")
    with pytest.raises(InputError):
        geo.read_approvals(folder)
    assert gc.isenabled()


def test_projects_are_screened_with_the_collector_off_and_it_is_on_between_batches(monkeypatch):
    import gc

    zones = geo.build_zones(geo.read_approvals(ROOT / "data"))
    projects = ROOT / "data" / "projects"
    during = []
    real = shapely.intersects

    def intersects(*args, **kwargs):
        during.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(shapely, "intersects", intersects)
    found = geo.find_conflicts(zones, geo.read_projects(projects), near_m=10_000)  # data/ has none nearer
    assert len(found) and during == [False] and gc.isenabled()
    between = [gc.isenabled() for _ in geo.iter_conflicts(zones, [geo.read_projects(projects)] * 2, near_m=10_000)]
    assert between == [True, True] and during == [False] * 3


@pytest.fixture(scope="module")
def small_register(tmp_path_factory):
    return geo.read_approvals(synthetic.write(tmp_path_factory.mktemp("small"), 120, level2_share=1.0, box=BOX))


def _zone_threads():
    import threading

    return [t for t in threading.enumerate() if t.name.startswith("geo-zones")]


def test_blocks_built_in_threads_are_the_blocks_built_one_by_one_in_the_same_order(small_register):
    one_by_one = list(geo.iter_zones(small_register, block_zones=30, threads=1))
    threaded = list(geo.iter_zones(small_register, block_zones=30, threads=3))
    assert len(one_by_one) == len(threaded) == 8  # 240 zones, two to a source
    for a, b in zip(one_by_one, threaded, strict=True):
        assert a.equals(b)
    assert not _zone_threads()


def test_a_block_that_fails_in_a_thread_fails_the_caller_with_its_own_error(small_register, monkeypatch):
    from geo import zones as zones_module

    built = zones_module._build
    calls = []

    def fail_on_the_third(specs, wells_by_source, names, index):
        calls.append(index[0])
        if index[0] == 60:  # the third block: zones 60–89
            raise RuntimeError("block 3 failed")
        return built(specs, wells_by_source, names, index)

    monkeypatch.setattr(zones_module, "_build", fail_on_the_third)
    seen = []
    with pytest.raises(RuntimeError, match="^block 3 failed$"):
        for block in geo.iter_zones(small_register, block_zones=30, threads=2):
            seen.append(len(block))
    assert seen == [30, 30]  # the blocks before the failed one were handed over
    assert len(calls) <= 5  # at most three blocks ahead of the caller were begun, of eight
    assert not _zone_threads()


def test_a_caller_that_stops_early_leaves_no_thread_building_blocks(small_register):
    import gc

    blocks = geo.iter_zones(small_register, block_zones=30, threads=2)
    first = next(blocks)
    assert len(first) == 30 and _zone_threads()
    blocks.close()
    assert not _zone_threads()
    assert gc.isenabled()


def test_a_thread_count_below_one_is_refused():
    with pytest.raises(ValueError, match=r"^threads must be 1 or more, not 0$"):
        next(geo.iter_zones([], threads=0))


def test_the_collector_stays_off_until_the_last_of_two_threads_leaves_its_pause():
    import gc
    import threading

    from geo.collector import collector_paused

    inside, leave_first, first_left = threading.Event(), threading.Event(), threading.Event()

    def first():
        with collector_paused():
            inside.set()
            leave_first.wait(5)
        first_left.set()

    thread = threading.Thread(target=first)
    thread.start()
    inside.wait(5)
    with collector_paused():
        leave_first.set()
        first_left.wait(5)
        assert not gc.isenabled()  # the first thread left, this one is still within
    thread.join(5)
    assert gc.isenabled()


@pytest.mark.parametrize("processes", [1, 2])
def test_a_register_checked_block_by_block_in_processes_is_the_check_of_the_whole(tmp_path, processes):
    """``geo check`` held every polygon of a register (a million wells needed some 30 GB); check_register builds and
    checks a block at a time, in forked workers, and drops the polygons: the same table."""
    from geo.registercheck import check_register
    from geo.validation import checked_zones

    folder = synthetic.write(tmp_path / "register", 600, level2_share=1.0, box=BOX)
    approvals = geo.read_approvals(folder)
    whole = pd.DataFrame(checked_zones(geo.build_zones(approvals)).drop(columns="geometry"))
    table = check_register(approvals, processes=processes, block_zones=150)
    assert "geometry" not in table.columns
    pd.testing.assert_frame_equal(table, whole)


def test_check_register_takes_processes_where_memory_allows():
    from geo.registercheck import MAX_PROCESSES, check_register, processes_for

    assert processes_for(1) == 1  # one block: nothing to share out
    assert 1 <= processes_for(1000) <= MAX_PROCESSES
    with pytest.raises(ValueError, match="processes must be 1 or more, not 0"):
        check_register(geo.read_approvals(ROOT / "data"), processes=0)


def test_geo_check_prints_what_it_printed_when_it_held_every_polygon():
    from geo.checkprint import table_text
    from geo.validation import checked_zones

    approvals = geo.read_approvals(ROOT / "data")
    done = subprocess.run(
        [sys.executable, "-m", "geo", "check", str(ROOT / "data")], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.rstrip("\n") == table_text(checked_zones(geo.build_zones(approvals)), "zh")


def _same_files(here, there, suffix):
    """The two exports hold the same layers, rows, values, geometries and (GeoParquet) metadata, in the same order."""
    if suffix == ".geojson":
        assert here.read_bytes() == there.read_bytes()
        return
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        for a in sorted(here.parent.glob(f"{here.stem}*.parquet")):
            b = there.with_name(a.name.replace(here.stem, there.stem, 1))
            left, right = pq.read_table(a), pq.read_table(b)
            assert left.equals(right) and left.schema.metadata == right.schema.metadata, a.name
            assert pq.read_metadata(a).num_row_groups == pq.read_metadata(b).num_row_groups
        return
    a, b = _layers(here), _layers(there)
    assert list(a) == list(b)
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name])


@pytest.mark.parametrize("suffix", [".parquet", ".gpkg", ".geojson"])
def test_a_file_of_blocks_made_in_worker_processes_is_the_file_of_blocks_made_here(tmp_path, cadastre, suffix):
    """geo export and geo zones: blocks built, checked, screened and made into the file's form in two workers."""
    from geo.exports import export_blocks, zone_block
    from geo.files import write_zone_blocks_geojson
    from geo.registercheck import iter_checked_zones
    from geo.validation import checked_zones

    folder = synthetic.write(tmp_path / "register", 300, level2_share=1.0, box=BOX)
    approvals = geo.read_approvals(folder)
    wells = geo.wells_frame(approvals)
    here, there = tmp_path / f"here{suffix}", tmp_path / f"there{suffix}"
    if suffix == ".geojson":
        write_zone_blocks_geojson(here, (checked_zones(b) for b in geo.iter_zones(approvals, block_zones=64)), wells)
        made = iter_checked_zones(approvals, processes=2, block_zones=64, then=zone_block(suffix))
        write_zone_blocks_geojson(there, made, wells)
    else:
        pyogrio.write_dataframe(cadastre.reset_index(drop=True), tmp_path / "cadastre.gpkg", layer="parcels")
        projects = read_projects(tmp_path / "cadastre.gpkg")
        export_blocks(here, geo.iter_zones(approvals, block_zones=64), wells, projects, near_m=50)
        made = iter_checked_zones(approvals, processes=2, block_zones=64, then=zone_block(suffix, projects, 50))
        export_blocks(there, made, wells, projects, near_m=50)
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            assert pq.read_metadata(there.with_name("there-conflicts.parquet")).num_rows > 100
        else:
            assert pyogrio.read_info(there, layer="conflicts")["features"] > 100
    _same_files(here, there, suffix)


def test_blocks_checked_in_worker_processes_keep_their_polygons(small_register):
    from geo.registercheck import iter_checked_zones
    from geo.validation import checked_zones

    here = [checked_zones(b) for b in geo.iter_zones(small_register, block_zones=30, threads=1)]
    there = list(iter_checked_zones(small_register, processes=2, block_zones=30))
    assert len(here) == len(there) > 2
    for a, b in zip(here, there, strict=True):
        pd.testing.assert_frame_equal(
            pd.DataFrame(a.drop(columns="geometry")), pd.DataFrame(b.drop(columns="geometry"))
        )
        assert shapely.equals_exact(np.asarray(a.geometry.array), np.asarray(b.geometry.array), tolerance=0).all()


def test_a_block_made_for_another_file_or_without_the_projects_is_refused(tmp_path, cadastre):
    from geo.exports import export_blocks, zone_block

    with pytest.raises(ValueError, match=r"^suffix must be one of \.geojson, \.parquet, \.gpkg, not '\.kml'$"):
        zone_block(".kml")
    block = zone_block(".parquet")(geo.build_zones(geo.read_approvals(ROOT / "data" / "lvzhenghan-2023-93")))
    with pytest.raises(ValueError, match=r"^a block made for a \.parquet file cannot be written to a \.gpkg file$"):
        export_blocks(tmp_path / "z.gpkg", [block])
    projects = cadastre.iloc[:10]
    with pytest.raises(ValueError, match=r"^a block made without the projects cannot be written with them$"):
        export_blocks(tmp_path / "z.parquet", [block], projects=projects)
    assert not list(tmp_path.iterdir())  # nothing written, no temporary left


def test_ctrl_c_while_workers_build_an_export_stops_them_all_and_writes_nothing(tmp_path):
    """Ctrl-C reaches the parent and its workers (the terminal's process group): one line, no file, no process left."""
    import os
    import signal
    import time
    from pathlib import Path

    folder = synthetic.write(tmp_path / "register", 3000, level2_share=1.0, box=BOX)  # 6,000 zones: two blocks
    out = tmp_path / "out"
    out.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "geo", "export", str(folder), "-o", str(out / "z.gpkg")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own group, as a terminal gives a command
    )

    def group() -> list[int]:
        """The processes of the export's group, from /proc (field 5 of stat, after the command's brackets)."""
        members = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # ended while read
            if fields[0] != "Z" and int(fields[2]) == process.pid:
                members.append(int(stat.parent.name))
        return members

    try:
        deadline = time.monotonic() + 120
        while len(group()) < 3 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(group()) >= 3, "the export's two workers did not start"
        os.killpg(process.pid, signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130 and stdout == "" and stderr.strip() == "中断：未写入任何文件。"
    assert not list(out.iterdir())
    deadline = time.monotonic() + 10
    while group() and time.monotonic() < deadline:  # workers end as their pipe closes
        time.sleep(0.05)
    assert group() == []
