"""Tests of GeoParquet output (geo/parquet.py): every layer read back exactly, its metadata, blocks as row groups."""

from __future__ import annotations

import json
import subprocess
import sys

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pyogrio
import pytest
import shapely
from conftest import DATA, ROOT
from test_projects import _frame

import geo
from geo.conflicts import find_conflicts
from geo.exports import _flat, _layers, export, export_blocks
from geo.projects import read_projects
from geo.validation import checked_zones


def run(*args):
    return subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """The approvals of data/, their checked zones and wells, projects (some with no coordinates) and conflicts."""
    path = tmp_path_factory.mktemp("projects") / "projects.gpkg"
    pyogrio.write_dataframe(_frame(), path, driver="GPKG")
    approvals = geo.read_approvals(DATA)
    zones = checked_zones(geo.build_zones(approvals))
    projects = read_projects(path, DATA / "projects")
    return approvals, zones, geo.wells_frame(approvals), projects, find_conflicts(zones, projects, near_m=50)


def _same(back: gpd.GeoDataFrame, expected: gpd.GeoDataFrame) -> None:
    """The file's table is the layer: the same columns in order, values, missing cells, geometries to the bit."""
    expected = _flat(expected)
    assert list(back.columns) == list(expected.columns)
    left = pd.DataFrame(back.drop(columns="geometry"))
    right = pd.DataFrame(expected.drop(columns="geometry"))
    for column in right.columns:
        if isinstance(right[column].dtype, pd.CategoricalDtype):
            right[column] = right[column].astype(object)
    pd.testing.assert_frame_equal(left, right, check_dtype=False)
    a, b = np.asarray(back.geometry.array, dtype=object), np.asarray(expected.geometry.array, dtype=object)
    assert (shapely.is_missing(a) == shapely.is_missing(b)).all()
    drawn = ~shapely.is_missing(b)
    assert shapely.equals_exact(a[drawn], b[drawn], tolerance=0).all()


def test_every_layer_is_read_back_exactly_in_cgcs2000(tmp_path, inputs):
    _, zones, wells, projects, conflicts = inputs
    out = tmp_path / "保护区.parquet"
    written = export(out, zones, wells, projects, conflicts)
    names = ["zones", "wells", "projects", "conflicts"]
    assert [p.name for p in written] == ["保护区.parquet"] + [f"保护区-{n}.parquet" for n in names[1:]]
    layers = _layers(zones, wells, projects, conflicts)
    for path, name in zip(written, names, strict=True):
        back = gpd.read_parquet(path)
        assert back.crs.to_epsg() == 4490
        _same(back, layers[name])
        metadata = pq.read_metadata(path).metadata
        assert metadata[b"water-source-zones"].decode() == name
        column = json.loads(metadata[b"geo"])["columns"]["geometry"]
        assert json.loads(metadata[b"geo"])["version"] == "1.1.0" and column["encoding"] == "WKB"
        geoms = np.asarray(layers[name].geometry.array, dtype=object)
        drawn = geoms[~shapely.is_missing(geoms)]
        assert column["geometry_types"] == sorted({g.geom_type for g in drawn})
        assert column["bbox"] == list(shapely.total_bounds(drawn))
    assert len(gpd.read_parquet(written[2])) == len(projects) and projects.geometry.isna().any()  # unlocated kept
    assert len(gpd.read_parquet(written[3])) == len(conflicts) > 0


def test_blocks_are_row_groups_of_the_same_tables(tmp_path, inputs):
    approvals, zones, wells, projects, conflicts = inputs
    whole, blocks = tmp_path / "whole.parquet", tmp_path / "blocks.parquet"
    export(whole, zones, wells, projects, conflicts)
    export_blocks(blocks, geo.iter_zones(approvals, block_zones=10), wells, projects, near_m=50)
    assert [pq.ParquetFile(p).num_row_groups for p in (whole, blocks)] == [1, 3]  # blocks of 10, 10 and 6 zones
    for name in ("", "-wells", "-projects", "-conflicts"):  # the conflicts in their own order too
        a, b = gpd.read_parquet(tmp_path / f"whole{name}.parquet"), gpd.read_parquet(tmp_path / f"blocks{name}.parquet")
        pd.testing.assert_frame_equal(a, b)


def test_geo_zones_writes_geoparquet_with_the_wells_beside(tmp_path):
    out = tmp_path / "z.parquet"
    done = run("zones", str(DATA), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"已写出 {out}、{tmp_path / 'z-wells.parquet'}：26 个保护区，18 眼水源井"
    assert len(gpd.read_parquet(out)) == 26 and len(gpd.read_parquet(tmp_path / "z-wells.parquet")) == 18


def test_a_file_beside_that_no_export_wrote_is_kept(tmp_path):
    out, beside = tmp_path / "x.parquet", tmp_path / "x-wells.parquet"
    beside.write_text("井的台账", encoding="utf-8")
    done = run("export", str(DATA), "-o", str(out))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip() == f"错误: -o：{beside} 已存在且不是导出生成的（其中没有 wells 图层）；请移走它或另选 -o"
    assert beside.read_text(encoding="utf-8") == "井的台账" and not out.exists()
    beside.unlink()
    assert run("export", str(DATA), "-o", str(out)).returncode == 0
    assert run("export", str(DATA), "-o", str(out)).returncode == 0  # what an export wrote is replaced


def test_zones_refuse_other_formats_in_chinese(tmp_path):
    done = run("zones", str(DATA), "-o", str(tmp_path / "x.gpkg"))
    assert done.returncode == 2 and not (tmp_path / "x.gpkg").exists()
    assert done.stderr.strip() == (
        f"错误: -o {tmp_path / 'x.gpkg'}：应为 .geojson 或 .parquet 文件（python -m geo export 可写 .gpkg、.kml、.csv、.xlsx）"
    )


@pytest.mark.parametrize(
    "values", [[b"\x01\x03ab", None, b"", b"xyz", None], [], [None], [b"q"], [b"\x00" * 7] * 9, [None, b"1"]]
)
def test_wkb_joined_into_one_arrow_buffer_is_the_array_pyarrow_makes(values):
    import pyarrow as pa

    from geo.parquet import _binary

    cells = np.empty(len(values), dtype=object)
    cells[:] = values
    out = _binary(cells)
    out.validate(full=True)
    assert out.equals(pa.array(cells, type=pa.binary(), from_pandas=True))
    assert out.to_pylist() == list(values) and out.null_count == values.count(None)


def test_a_control_character_in_a_text_column_is_escaped_in_the_file_and_the_rest_kept(tmp_path):
    from conftest import well, write_approval, zone

    folder = write_approval(tmp_path / "h", [well(name="北关\x1b[31m村\x07站")], [zone()])
    out = tmp_path / "z.parquet"
    export_blocks(out, geo.iter_zones(geo.read_approvals(folder)), geo.wells_frame(geo.read_approvals(folder)))
    zones = pq.read_table(out).to_pandas()
    wells = pq.read_table(tmp_path / "z-wells.parquet").to_pandas()
    assert zones["source_name"].tolist() == wells["source_name"].tolist() == ["北关\\x1b[31m村\\x07站"]
    assert zones["doc_no"].tolist() == ["测试〔2024〕1号"]


def test_a_control_character_in_a_well_number_is_escaped_in_the_zones_list_of_wells(tmp_path):
    """A well number with no digit is its own key: the zones' ``wells`` list, joined for the file, is escaped too."""
    from conftest import well, write_approval, zone

    folder = write_approval(tmp_path / "h", [well(no="东\x1b井")], [zone()])
    approvals = geo.read_approvals(folder)
    export_blocks(tmp_path / "z.parquet", geo.iter_zones(approvals), geo.wells_frame(approvals))
    export_blocks(tmp_path / "z.gpkg", geo.iter_zones(approvals), geo.wells_frame(approvals))
    assert pq.read_table(tmp_path / "z.parquet").to_pandas()["wells"].tolist() == ["东\\x1b井"]
    assert pyogrio.read_dataframe(tmp_path / "z.gpkg", layer="zones")["wells"].tolist() == ["东\\x1b井"]
