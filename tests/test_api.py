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


def test_conflicts_are_typed_empty_or_not(checked):
    from geo.conflicts import RELATIONS

    empty = geo.find_conflicts(checked, geo.read_projects(f"{DATA}/projects").iloc[:0])
    assert len(empty) == 0 and empty["relation"].dtype == pd.CategoricalDtype(list(RELATIONS))
    assert (empty["zone_index"].dtype, empty["overlap_m2"].dtype, empty["project"].dtype) == (
        "int64",
        "float64",
        object,
    )


README = open("README.md", encoding="utf-8").read()


def _readme_columns(heading: str) -> set[str]:
    """The column names the README's table under ``heading`` lists (first cell of each row)."""
    import re

    table = README.split(heading, 1)[1].split("\n\n", 2)[1]
    names = set()
    for line in table.splitlines()[2:]:
        names |= set(re.findall(r"`([a-z_0-9]+)`", line.split("|")[1]))
    return names


def test_the_readme_lists_every_column_of_every_frame(checked, tmp_path):
    from test_projects import _frame

    approvals = geo.read_approvals(DATA)
    path = tmp_path / "p.gpkg"
    pyogrio.write_dataframe(_frame(), path, driver="GPKG")
    projects = geo.read_projects(path, f"{DATA}/projects")
    conflicts = geo.find_conflicts(checked, projects, near_m=100)
    assert len(conflicts) >= 3
    frames = {
        "**Zones**": checked,
        "**Wells**": geo.wells_frame(approvals),
        "**Projects**": projects,
        "**Conflicts**": conflicts,
    }
    for heading, frame in frames.items():
        assert _readme_columns(heading) == set(frame.columns), heading


def test_the_readme_notebook_example_runs_as_pasted(tmp_path, monkeypatch):
    import os

    block = README.split("## Python API", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "data").symlink_to(os.path.abspath(DATA))
    monkeypatch.chdir(tmp_path)
    printed = []
    monkeypatch.setattr("builtins.print", lambda *a, **k: printed.append(" ".join(map(str, a))))
    exec(compile(block, "README.md", "exec"), {})
    assert printed[0].split("\n")[1:5] == [
        "match            24",
        "mismatch          0",
        "not_derivable     2",
        "not_stated        0",
    ]
    assert printed[2] == "500.0"
    back = pyogrio.read_dataframe(tmp_path / "保护区.gpkg", layer="zones")
    assert len(back) == 26
    import openpyxl

    sheet = openpyxl.load_workbook(tmp_path / "不一致.xlsx")["保护区核对"]
    assert sheet.max_row == 3  # header and the two zones not derivable
    assert "geoMapReady" in (tmp_path / "保护区.html").read_text(encoding="utf-8")
