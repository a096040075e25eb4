"""Tests of geo/cells.py: numbers, stated figures and their units, levels and parts, as officers type them."""

from decimal import Decimal as D

import pytest
from conftest import well, write_approval, zone

from geo import InputError
from geo.cells import parse_figure, parse_level, parse_number, parse_part, split_header
from geo.errors import Problem, ValueProblem
from geo.messages import problem_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.0028", D("0.0028")),
        ("1099.0", D("1099.0")),  # decimals kept as printed
        ("1,099.0", D("1099.0")),  # valid thousands grouping
        ("12,345,678", D("12345678")),
        ("约0.0028", D("0.0028")),
        ("≈188.4", D("188.4")),
        ("０.００２８", D("0.0028")),  # full-width digits
        (" 283 ", D("283")),
        ("", None),
    ],
)
def test_numbers_as_typed(text, expected):
    assert parse_number(text, "a number") == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "0,0157",
            "expected an area, got '0,0157' (a comma inside a number: write a decimal point, 0.0157, or group thousands as 1,234.5)",
        ),
        (
            "1,09",
            "expected an area, got '1,09' (a comma inside a number: write a decimal point, 1.09, or group thousands as 1,234.5)",
        ),
        (
            "0,003",
            "expected an area, got '0,003' (a comma inside a number: write a decimal point, 0.003, or group thousands as 1,234.5)",
        ),
        ("1_20", "expected an area, got '1_20'"),  # Python's underscores are no number here
        ("0.00_28", "expected an area, got '0.00_28'"),
        ("nan", "expected an area, got 'nan'"),
        ("-1", "expected an area, got '-1'"),
        ("1e3", "expected an area, got '1e3'"),
    ],
)
def test_numbers_that_are_refused(text, message):
    with pytest.raises(ValueProblem) as info:
        parse_number(text, "an area")
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("text", "header_unit", "kind", "value", "unit", "base"),
    [
        ("0.0028", "", "area", D("0.0028"), "km²", D("2800")),
        ("0.0028", "km2", "area", D("0.0028"), "km²", D("2800")),  # one name per unit
        ("0.28", "公顷", "area", D("0.28"), "公顷", D("2800")),
        ("2827", "m²", "area", D("2827"), "m²", D("2827")),
        ("2827平方米", "km2", "area", D("2827"), "平方米", D("2827")),  # the cell's unit wins over the header's
        ("4.24亩", "", "area", D("4.24"), "亩", D("4.24") * D(10000) / D(15)),
        ("0.0028平方公里", "", "area", D("0.0028"), "平方公里", D("2800")),
        ("188.4", "", "length", D("188.4"), "m", D("188.4")),
        ("1.099km", "", "length", D("1.099"), "km", D("1099")),
        ("3.14", "千米", "length", D("3.14"), "千米", D("3140")),
        ("2826平米", "", "area", D("2826"), "平米", D("2826")),
        ("0.2827", "万m²", "area", D("0.2827"), "万m²", D("2827")),  # 万平方米, ten thousand square metres
        ("0.28万平方米", "", "area", D("0.28"), "万平方米", D("2800")),
        ("188.4（m）", "", "length", D("188.4"), "m", D("188.4")),  # the unit in brackets in the cell
        # The same figure in other units in brackets, as some tables print both: the first is the figure.
        ("0.0028km²（2826m²）", "", "area", D("0.0028"), "km²", D("2800")),
        ("0.0028（2826平方米）", "", "area", D("0.0028"), "km²", D("2800")),
        ("188.4（0.1884km）", "", "length", D("188.4"), "m", D("188.4")),
    ],
)
def test_figures_carry_their_unit(text, header_unit, kind, value, unit, base):
    figure = parse_figure(text, header_unit, kind, "a figure")
    assert (figure.value, figure.unit, figure.base) == (value, unit, base)


def test_a_figure_in_an_unknown_unit_names_the_units():
    with pytest.raises(ValueProblem) as info:
        parse_figure("12", "英亩", "area", "an area")
    assert str(info.value) == (
        "expected an area, in km² / km2 / 平方公里 / 平方千米 / 公顷 / ha / hm² / hm2 / 亩 / m² / m2 / 平方米 / 平米 / 万m² / 万m2 / 万平方米 / 万平米, got '12 (英亩)'"
    )


def test_a_figure_whose_bracketed_equivalent_differs_is_refused_in_both_languages():
    with pytest.raises(ValueProblem) as info:
        parse_figure("0.0028km²（3826m²）", "", "area", "an area above zero such as 0.0028 (km²)")
    assert str(info.value) == (
        "expected an area above zero such as 0.0028 (km²), got '0.0028km²（3826m²）' "
        "(the figure in brackets, 3826m2, differs from 0.0028km2 before them)"
    )
    problem = Problem.of(info.value, "zones.csv", 2, "保护区面积")
    assert problem_text(problem, "zh") == (
        "zones.csv 第2行，保护区面积列：应为大于零的面积，如 0.0028（km²），实际为 '0.0028km²（3826m²）'"
        "（括号中的 3826m2 与括号前的 0.0028km2 换算后不一致）"
    )


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("0.0O28", "0.0O28"),  # a capital O typed for a nought: not the lower-case one read
        ("０.００2８Ｘ", "０.００2８Ｘ"),  # full-width, as typed
        ("ABC km²", "ABC km²"),  # the unit and the space kept
        ("0.0O28（2826m²）", "0.0O28（2826m²）"),  # the figure before brackets wrong: the whole cell
        ("1" * 40 + "X", "1" * 30 + "…"),
    ],
)
def test_a_figure_that_is_no_number_is_named_as_the_cell_has_it(text, shown):
    with pytest.raises(ValueProblem) as info:
        parse_figure(text, "", "area", "an area")
    assert info.value.value == shown


def test_a_zones_row_whose_area_is_no_number_names_the_cell_as_typed(tmp_path):
    from geo import read_approvals

    folder = write_approval(tmp_path / "a", [well()], [zone(area="0.0O28")])
    with pytest.raises(InputError) as info:
        read_approvals(folder)
    assert [problem_text(p, "zh") for p in info.value.problems] == [
        f"{folder / 'zones.csv'} 第2行，保护区面积（km2）列：应为大于零的面积，如 0.0028（km²），实际为 '0.0O28'"
    ]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("保护区面积（km2）", ("保护区面积", "km2")),
        ("面积(公顷)", ("面积", "公顷")),
        ("经度(°)", ("经度", "°")),
        ("纬度", ("纬度", "")),
    ],
)
def test_headers_and_their_units(header, expected):
    assert split_header(header) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一级", ("一级", "")),
        ("一级保护区", ("一级", "")),
        ("一级（陆域）", ("一级", "陆域")),
        ("陆域一级保护区", ("一级", "陆域")),
        ("一级保护区水域", ("一级", "水域")),
        ("二级保护区(水域)", ("二级", "水域")),
        ("水域二级保护区", ("二级", "水域")),
        ("准保护区", ("准保护区", "")),
        ("监控区", ("监控区", "")),
        ("缓冲区", ("缓冲区", "")),
        ("三级保护区", ("三级", "")),
    ],
)
def test_levels_and_parts_from_the_level_cell(text, expected):
    assert parse_level(text) == expected


def test_an_unknown_level_names_every_accepted_one():
    with pytest.raises(ValueProblem) as info:
        parse_level("特级")
    assert str(info.value) == (
        "expected a 保护区级别: 一级 / 二级 / 准保护区 / 三级 / 监控区 / 缓冲区 / 过渡区 / 控制区 / 补给区 / 涵养区 "
        "(with 水域 or 陆域 where the level is split), got '特级'"
    )


@pytest.mark.parametrize(
    ("text", "expected"), [("水域", "水域"), ("陆域部分", "陆域"), ("land", "陆域"), ("东片", "东片")]
)
def test_parts_from_their_column(text, expected):
    assert parse_part(text) == expected
