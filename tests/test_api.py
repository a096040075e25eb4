"""The Python API as a script or a notebook uses it: typed columns, statuses, files read back."""

import json
import math

import pandas as pd
import pyogrio
import pytest

import geo
from geo.validation import STATUS_DTYPE, STATUSES

DATA = "data"


@pytest.fixture(scope="module")
def checked():
    return geo.check_zones(geo.build_zones(geo.read_approvals(DATA)))


def test_radii_and_wells_are_lists_a_script_can_compute_with(checked):
    assert all(isinstance(r, list) and all(isinstance(v, float) for v in r) for r in checked["radii_m"])
    assert all(isinstance(w, list) and all(isinstance(v, str) for v in w) for w in checked["wells"])
    # The largest radius of any zone: a number, not the string "75、75" compared as text.
    assert checked["radii_m"].explode().max() == max(v for r in checked["radii_m"] for v in r)
    first, second = checked[checked["source_name"] == "普家庄村集中供水工程"].itertuples()
    assert (first.wells, first.radii_m, first.inner_radii_m) == (["1#", "2#"], [30.0, 30.0], [])
    assert (second.wells, second.radii_m, second.inner_radii_m) == (["1#", "2#"], [239.0, 197.0], [30.0, 30.0])
    ring = checked[(checked["source_name"] == "北关村集中供水工程") & (checked["level"] == "二级")].iloc[0]
    assert (ring.radii_m, ring.inner_radii_m) == ([175.0], [30.0])


def test_statuses_are_a_categorical_of_the_four_verdicts_in_order(checked):
    for column in ("area_status", "perimeter_status", "status"):
        assert isinstance(checked[column].dtype, pd.CategoricalDtype)
        assert tuple(checked[column].cat.categories) == STATUSES == ("match", "mismatch", "not_derivable", "not_stated")
    counts = checked["status"].value_counts(sort=False)
    assert counts.to_dict() == {"match": 24, "mismatch": 0, "not_derivable": 2, "not_stated": 0}
    assert checked[checked["status"] != "match"]["level"].tolist() == ["二级", "准保护区"]


def test_project_area_status_is_the_same_categorical():
    projects = geo.read_projects(f"{DATA}/projects")
    assert projects["area_status"].dtype == STATUS_DTYPE
    assert set(projects["area_status"]) <= set(STATUSES)


def test_lists_are_json_arrays_in_geojson_and_text_in_a_geopackage(tmp_path, checked):
    geo.export(checked, tmp_path / "z.geojson")
    features = json.loads((tmp_path / "z.geojson").read_text(encoding="utf-8"))["features"]
    zone = next(f["properties"] for f in features if f["properties"].get("wells") == ["1#", "2#"])
    assert (zone["wells"], zone["radii_m"], zone["status"]) == (["1#", "2#"], [30.0, 30.0], "match")
    geo.export(checked, tmp_path / "z.gpkg")
    back = pyogrio.read_dataframe(tmp_path / "z.gpkg", layer="zones")
    assert "1#、2#" in back["wells"].tolist() and "239、197" in back["radii_m"].tolist()
    assert back["status"].tolist() == checked["status"].astype(str).tolist()


def test_a_notebook_shows_the_checked_zones(checked):
    html = checked[["source_name", "level", "status"]]._repr_html_()
    assert "北关村集中供水工程" in html and "not_derivable" in html
    assert not math.isnan(checked["area_m2"].sum())
