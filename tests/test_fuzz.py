"""Property-based tests: whatever arrives ends in a result or in one of the package's own errors.

The number of examples each test runs is set here; `pytest --hypothesis-show-statistics`
prints how many ran.
"""

from __future__ import annotations

import math
import tempfile
import warnings
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from geo import (
    CoordinateError,
    InputError,
    RuleError,
    SuspiciousInputWarning,
    build_zones,
    check_zones,
    parse_dms,
    parse_rule,
    read_approvals,
)
from geo.projects import read_projects
from geo.rulelengths import MAX_RADIUS_M

SETTINGS = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FILES = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)

DMS_CHARS = st.sampled_from(list("0123456789.°′″'\"度分秒 -+NSEW东西南北１２３．") + ["\n", "\x00", "𝟘", "٣"])


@SETTINGS
@given(
    st.one_of(st.text(), st.text(DMS_CHARS), st.floats(allow_nan=True), st.integers()),
    st.sampled_from(["lon", "lat", None]),
)
def test_parse_dms_returns_degrees_or_its_own_error(text, axis):
    try:
        value = parse_dms(text, axis=axis)
    except CoordinateError as exc:
        assert str(exc).startswith("expected ")
    else:
        assert math.isfinite(value)


@SETTINGS
@given(
    st.integers(0, 179),
    st.integers(0, 59),
    st.decimals(0, "59.99", places=2),
    st.sampled_from(["°′″", "°'\"", "度分秒"]),
)
def test_parse_dms_reads_what_it_writes(d, m, s, marks):
    text = f"{d}{marks[0]}{m}{marks[1]}{s}{marks[2]}"
    assert parse_dms(text) == float(Decimal(d) + Decimal(m) / 60 + Decimal(s) / 3600)


RULE_WORDS = st.sampled_from(
    [
        "以",
        "取水井",
        "为中心",
        "，",
        "半径为",
        "为半径",
        "m",
        "米",
        "km",
        "公里",
        "、",
        "分别",
        "1#",
        "2#",
        "扣除一级保护区",
        "至",
        "外接多边形",
        "山脊线",
        "拐点",
        "的圆形区域",
        "30",
        "0",
        "0.5",
        "175",
        " ",
        "-",
    ]
)


@SETTINGS
@given(st.one_of(st.text(), st.lists(RULE_WORDS, max_size=14).map("".join)))
def test_parse_rule_returns_a_rule_or_its_own_error(text):
    try:
        rule = parse_rule(text)
    except RuleError as exc:
        assert str(exc).startswith("expected ")
    else:
        assert rule.shape in {"circles", "hull", "outward", "corners", "terrain", "unread"}
        assert all(r > 0 for r in rule.radii_m)


@SETTINGS
@given(
    st.lists(st.integers(1, 5000), min_size=1, max_size=4),
    st.sampled_from([("m", 1), ("米", 1), ("km", 1000), ("公里", 1000)]),
)
def test_parse_rule_reads_generated_radii(radii, unit):
    name, factor = unit
    assume(max(radii) * factor <= MAX_RADIUS_M)  # beyond it, a RuleError (tested in test_hostile2)
    text = (
        "以取水井为中心，"
        + ("分别以" if len(radii) > 1 else "")
        + "、".join(f"{r}{name}" for r in radii)
        + "为半径的圆形区域"
    )
    assert parse_rule(text).radii_m == tuple(Decimal(r) * factor for r in radii)


def _folder(wells: bytes, zones: bytes, suffix: str = ".csv") -> Path:
    folder = Path(tempfile.mkdtemp())
    (folder / f"wells{suffix}").write_bytes(wells)
    (folder / f"zones{suffix}").write_bytes(zones)
    return folder


HEADER = "水源名称,水源编码,水源井编号,经度,纬度\n".encode()
ZONES = "水源编码,保护区级别,保护区面积（km2）,划定方案\n".encode()
CELL = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "111°42′11.58″",
            "38°23′30.36″",
            "T1",
            "一级",
            "二级",
            "以取水井为中心，30m为半径的圆形区域",
            "0.0028",
            "1#",
            "",
        ]
    ),
)


@FILES
@given(st.binary(max_size=300), st.binary(max_size=300))
def test_table_reader_on_arbitrary_bytes(wells, zones):
    try:
        read_approvals(_folder(wells, zones))
    except InputError as exc:
        assert exc.problems


@FILES
@given(
    st.lists(st.lists(CELL, min_size=5, max_size=6), max_size=4),
    st.lists(st.lists(CELL, min_size=4, max_size=4), max_size=4),
    st.sampled_from(["utf-8", "gb18030"]),
)
def test_table_reader_on_arbitrary_cells(wells, zones, encoding):
    def table(header: bytes, rows) -> bytes:
        text = header.decode() + "".join(",".join('"' + c.replace('"', '""') + '"' for c in row) + "\n" for row in rows)
        return text.encode(encoding, errors="replace")

    try:
        approvals = read_approvals(_folder(table(HEADER, wells), table(ZONES, zones)))
    except InputError as exc:
        assert all(str(p) for p in exc.problems)
    else:
        assert len(approvals) == 1


@FILES
@given(st.binary(max_size=300))
def test_xlsx_reader_on_arbitrary_bytes(data):
    try:
        read_approvals(_folder(b"PK\x03\x04" + data, b"PK\x03\x04" + data, ".xlsx"))
    except InputError as exc:
        assert exc.problems


@FILES
@given(
    st.lists(
        st.lists(
            st.one_of(st.text(max_size=10), st.sampled_from(["4153957.597", "37512342.575", "99000000", "1", "X"])),
            min_size=4,
            max_size=4,
        ),
        max_size=6,
    )
)
@example(rows=[["", "", "", ""], ["", "", "4153957.597", "INF"]])  # found by a 3,000-example run: float("INF")
def test_project_reader_on_arbitrary_vertex_lists(rows):
    folder = Path(tempfile.mkdtemp())
    path = folder / "parcels.csv"
    text = "名称,点号,X,Y\n" + "".join(",".join('"' + c.replace('"', '""') + '"' for c in row) + "\n" for row in rows)
    path.write_text(text, encoding="utf-8")
    try:
        read_projects(path)
    except InputError as exc:
        assert exc.problems


CORNER_CELL = st.one_of(
    st.text(max_size=10),
    st.sampled_from(
        [
            "T1",
            "一级",
            "二级（水域）",
            "J1",
            "2",
            "4250000.123",
            "37560000.5",
            "560000.5",
            "1980西安",
            "EPSG:4546",
            "",
            "北京54",
        ]
    ),
)


@FILES
@given(st.lists(st.lists(CORNER_CELL, min_size=6, max_size=6), max_size=7))
def test_corner_table_reader_and_zones_on_arbitrary_cells(rows):
    """Corner tables of any content end in zones or in the package's own error, never a traceback."""
    folder = _folder(
        HEADER + "甲,T1,,111°42′11.58″,38°23′30.36″\n".encode(),
        ZONES + "T1,一级,0.0028,以取水井为中心，30m为半径的圆形区域\nT1,二级,,界线坐标见附表\n".encode(),
    )
    text = "水源编码,保护区级别,点号,X,Y,坐标系\n" + "".join(
        ",".join('"' + c.replace('"', '""') + '"' for c in row) + "\n" for row in rows
    )
    (folder / "corners.csv").write_text(text, encoding="utf-8")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SuspiciousInputWarning)
            approvals = read_approvals(folder)
            check_zones(build_zones(approvals))
    except InputError as exc:
        assert all(str(p) for p in exc.problems)
