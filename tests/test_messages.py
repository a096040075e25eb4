"""Tests of geo/messages.py: every input problem has its Chinese, and the English stays beside it."""

from __future__ import annotations

import pytest
from conftest import csv_text, well, write_approval, zone

from geo import InputError, read_approvals
from geo.errors import Problem
from geo.messages import MESSAGES, problem_text, translate


def _hostile(tmp_path):
    """Folders that between them raise most of the problems the readers know."""
    yield write_approval(
        tmp_path / "a",
        [
            well(code="A", lat="111°42′11.58″"),
            well(code="B", lon="111°62′00″"),
            well(code="C", depth="深"),
            well(code="C"),
            well(code="D", lon=""),
            well(code="E", lat="38°23′61″"),
            well(code="F", no="1#"),
            well(code="F", no="2#", name="另一个名字", lon="111°52′11.58″", supply="9"),
        ],
        [
            zone(code="X"),
            zone(code="A", level="一及"),
            zone(code="A", area="0,003"),
            zone(code="A", rule="以取水井为中心，0m为半径的圆形区域"),
            zone(code="A", rule="以取水井为中心，30为半径的圆形区域"),
            zone(code="F", rule="以1#、3#取水井为中心，30m为半径"),
            zone(code="F", rule="以取水井为中心，半径分别为30m、40m、50m"),
            zone(code="F", rule="由4个拐点依次连线", corners="111.70 38.39; 111.71 38.39"),
        ],
    )
    empty = tmp_path / "b"
    empty.mkdir()
    (empty / "wells.csv").write_bytes(b"\x00\x01")
    (empty / "zones.csv").write_text(csv_text(["水源编码"], []), encoding="utf-8")
    yield empty


def test_every_problem_of_hostile_tables_has_its_chinese(tmp_path):
    problems = []
    for folder in _hostile(tmp_path):
        with pytest.raises(InputError) as info:
            read_approvals(folder)
        problems += info.value.problems
    assert len(problems) >= 12
    untranslated = [p.expected for p in problems if translate(p.expected) == p.expected]
    assert untranslated == []
    for p in problems:
        text = problem_text(p, "zh")
        assert text.startswith(p.file) and "应为" in text and (p.value is None or repr(p.value) in text)
        assert problem_text(p, "en") == str(p)


def test_every_row_fills_its_chinese_from_its_own_groups():
    import re
    import string

    for english, chinese in MESSAGES:
        groups = set(re.compile(english).groupindex)
        fields = {name for _, name, _, _ in string.Formatter().parse(chinese) if name}
        assert fields <= groups | {f"{g}_zh" for g in groups}, (english, fields - groups)


def test_a_message_without_a_row_stays_english():
    problem = Problem("x.csv", 2, "列", "v", "something new")
    assert problem_text(problem) == "x.csv 第2行，列列：应为something new，实际为 'v'"
    assert translate("something new") == "something new"


@pytest.mark.parametrize(
    "english",
    [
        "GeoJSON: JSON text in UTF-8 (Expecting value: line 1 column 1 (char 0))",
        'GeoJSON: a "crs" of type "name" such as EPSG:4547 (a linked CRS is not followed)',
        "GeoJSON without NaN (JSON has no such number)",
        "KML without NetworkLink (linked documents are not fetched)",
        "KML: a document whose root is <kml>, found <OGRVRTDataSource>",
        "a zip of shapefile parts (.shp .shx .dbf .prj .cpg), found 'a.vrt'",
        "a zip of at most 100 shapefiles, found 101",
        "a GeoPackage (an SQLite database), found other content under a .gpkg name",
        "-o /x/wells.csv: expected a new output file, but /x/wells.csv is one of the input tables",
        "-o /x: expected a file to write, found a folder",
        "--epsg: expected a projected CRS in metres such as 4546 (CGCS2000 / 3-degree Gauss-Kruger CM 111E), not EPSG:4326 (WGS 84), which is in degrees",
        "a cell of at most 10000 characters, found 120000",
        "a radius of at most 100 km, not 9999m",
    ],
)
def test_gis_and_command_line_messages_have_their_chinese(english):
    assert translate(english) != english


def test_a_source_code_of_an_approval_whose_wells_table_lists_none_says_so_in_chinese():
    from geo.messages import translate

    assert (
        translate("a 水源编码 listed in the wells table for 测试〔2024〕1号 (none)")
        == "井表中 测试〔2024〕1号 所列的水源编码（无）"
    )


def test_what_was_expected_is_chinese_inside_a_longer_message():
    # "应为an area above zero such as 0.0028 (km²)，单位为 …": the inner words were left in English.
    from geo.messages import translate

    assert (
        translate("an area above zero such as 0.0028 (km²), in km² / 公顷")
        == "大于零的面积，如 0.0028（km²），单位为 km² / 公顷"
    )
