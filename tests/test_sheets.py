"""Tests of geo/sheets.py: table files as officers save them (title rows, merged cells, other sheets, .xls)."""

from __future__ import annotations

import re
import warnings

import openpyxl
import pytest
import xlwt
from conftest import CORNER_SQUARE, WELL_HEADER, ZONE_HEADER, csv_text, well, write_approval, zone

from geo import InputError, SuspiciousInputWarning, build_zones, check_zones, read_approvals
from geo.messages import problem_text

TWO_WELLS = [well(no="1#"), well(no="2#", lon="111°42′12.58″", supply="")]


def _problems(folder) -> list[str]:
    with pytest.raises(InputError) as info:
        read_approvals(folder)
    return [str(p) for p in info.value.problems]


def _book(path, sheets: dict[str, list[list]], hidden=(), merged=None):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        if title in hidden:
            sheet.sheet_state = "hidden"
        for span in (merged or {}).get(title, ()):
            sheet.merge_cells(span)
    book.save(path)
    return path


def test_title_rows_above_the_header_are_skipped(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    title = "某县饮用水水源保护区台账（2024年）\r\n单位：km²、m,,,\r\n"
    (folder / "wells.csv").write_text(title + csv_text(WELL_HEADER, [well()]), encoding="utf-8-sig")
    (folder / "zones.csv").write_text(title + csv_text(ZONE_HEADER, [zone()]), encoding="utf-8-sig")
    [approval] = read_approvals(folder)
    # Row numbers stay those a spreadsheet shows: two title rows, the header on row 3.
    assert [(w.row, w.source_code) for w in approval.wells] == [(4, "T001")]
    assert [(z.row, z.level) for z in approval.zones] == [(4, "一级")]


def test_the_sheet_whose_headers_fit_is_read(tmp_path):
    folder = tmp_path / "s"
    folder.mkdir()
    _book(folder / "wells.xlsx", {"说明": [["本表由县生态环境局整理"]], "水源井": [WELL_HEADER, well()]})
    _book(folder / "zones.xlsx", {"封面": [["保护区"]], "保护区": [ZONE_HEADER, zone()]})
    [approval] = read_approvals(folder)
    assert (approval.wells[0].file, approval.zones[0].file) == (
        f"{folder / 'wells.xlsx'} [水源井]",
        f"{folder / 'zones.xlsx'} [保护区]",
    )


def test_a_hidden_sheet_is_read_only_with_a_warning(tmp_path):
    folder = tmp_path / "h"
    folder.mkdir()
    _book(folder / "wells.xlsx", {"封面": [["无数据"]], "隐藏": [WELL_HEADER, well()]}, hidden=("隐藏",))
    _book(folder / "zones.xlsx", {"保护区": [ZONE_HEADER, zone()]})
    with pytest.warns(SuspiciousInputWarning, match=r"wells.xlsx \[隐藏\]: the table is read from a hidden sheet"):
        [approval] = read_approvals(folder)
    assert len(approval.wells) == 1


def test_no_sheet_fits_names_the_sheets_tried(tmp_path):
    folder = tmp_path / "n"
    folder.mkdir()
    _book(folder / "wells.xlsx", {"甲": [["备注", "经度"]], "乙": [["无关"]]})
    _book(folder / "zones.xlsx", {"保护区": [ZONE_HEADER, zone()]})
    problems = _problems(folder)
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.startswith(f"{folder / 'wells.xlsx'} [甲] row 1: expected the required column(s) source_code, lat")
    assert problem.endswith("(sheets tried: 甲, 乙)")


def test_merged_cells_apply_to_every_row_they_cover(tmp_path):
    folder = tmp_path / "m"
    folder.mkdir()
    rows = [WELL_HEADER, TWO_WELLS[0], [None, None, None, "2#", "某村东", "130", "111°42′12.58″", "38°23′30.36″", None]]
    # 批复文号, 水源名称 and 水源编码 merged down over both wells, as approvals print them.
    _book(folder / "wells.xlsx", {"Sheet1": rows}, merged={"Sheet1": ["A2:A3", "B2:B3", "C2:C3"]})
    _book(folder / "zones.xlsx", {"Sheet1": [ZONE_HEADER, zone(area="0.0056", perimeter="376.8")]})
    [approval] = read_approvals(folder)
    assert [(w.source_code, w.well_no, w.source_name) for w in approval.wells] == [
        ("T001", "1#", "测试村集中供水工程"),
        ("T001", "2#", "测试村集中供水工程"),
    ]


def test_a_problem_in_a_merged_cell_says_so(tmp_path):
    folder = tmp_path / "mp"
    folder.mkdir()
    rows = [
        WELL_HEADER,
        well(no="1#", depth="深"),
        [None, None, None, "2#", "某村东", None, "111°42′12.58″", "38°23′30.36″"],
    ]
    _book(folder / "wells.xlsx", {"Sheet1": rows}, merged={"Sheet1": ["A2:A3", "B2:B3", "C2:C3", "F2:F3"]})
    _book(folder / "zones.xlsx", {"Sheet1": [ZONE_HEADER, zone()]})
    assert _problems(folder) == [
        f"{folder / 'wells.xlsx'} row 2, column 井深（m）: expected a depth in metres such as 120, got '深'",
        f"{folder / 'wells.xlsx'} row 3, column 井深（m）: expected a depth in metres such as 120, got '深' (from the merged cell F2:F3, which applies to every row it covers)",
    ]


def test_in_xlsx_the_value_typed_is_the_value(tmp_path):
    folder = tmp_path / "x"
    folder.mkdir()
    _book(folder / "wells.xlsx", {"Sheet1": [WELL_HEADER, well()]})
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(ZONE_HEADER)
    sheet.append(["测试〔2024〕1号", "T001", "一级", 0.0157, 1099, "以取水井为中心，30m为半径的圆形区域", None])
    sheet["D2"].number_format = "0.00"  # shows 0.02: the digits typed are kept, with a warning
    sheet["E2"].number_format = "0.0"  # shows 1099.0: the printed decimal is restored
    book.save(folder / "zones.xlsx")
    with pytest.warns(
        SuspiciousInputWarning, match=r"D2: the cell shows 0.02 \(format 0.00\) but holds 0.0157; 0.0157 is used"
    ):
        [approval] = read_approvals(folder)
    z = approval.zones[0]
    assert (str(z.stated_area_km2), str(z.stated_perimeter_m)) == ("0.0157", "1099.0")


def test_legacy_xls_with_merged_cells(tmp_path):
    folder = tmp_path / "xls"
    folder.mkdir()
    book = xlwt.Workbook()
    sheet = book.add_sheet("水源")
    for c, text in enumerate(WELL_HEADER):
        sheet.write(0, c, text)
    for c in (0, 1, 2):
        sheet.write_merge(1, 2, c, c, TWO_WELLS[0][c])
    for r, w in ((1, TWO_WELLS[0]), (2, TWO_WELLS[1])):
        for c in range(3, len(w)):
            sheet.write(r, c, w[c])
    book.save(str(folder / "wells.xls"))
    zones = xlwt.Workbook()
    zsheet = zones.add_sheet("保护区")
    for c, text in enumerate(ZONE_HEADER):
        zsheet.write(0, c, text)
    style = xlwt.easyxf(num_format_str="0.0")
    for c, value in enumerate(zone(area="0.0056")):
        if c != 4:
            zsheet.write(1, c, value)
    zsheet.write(1, 4, 376.8, style)
    zones.save(str(folder / "zones.xls"))
    [approval] = read_approvals(folder)
    assert [(w.source_code, w.well_no) for w in approval.wells] == [("T001", "1#"), ("T001", "2#")]
    assert (str(approval.zones[0].stated_area_km2), str(approval.zones[0].stated_perimeter_m)) == ("0.0056", "376.8")


def test_two_tables_of_one_kind_in_a_folder_is_an_error(tmp_path):
    folder = write_approval(tmp_path / "two", [well()], [zone()])
    _book(folder / "wells.xlsx", {"Sheet1": [WELL_HEADER, well()]})
    assert _problems(folder) == [
        f"{folder / 'wells.xlsx'}: expected one wells table per folder, found wells.csv and wells.xlsx (remove one)"
    ]


def test_header_variants_with_units_and_hemisphere_letters(tmp_path):
    folder = tmp_path / "v"
    folder.mkdir()
    header = ["批复文号", "水源名称", "水源编码", "东经(°)", "北纬（°）"]
    rows = [["测试〔2024〕1号", "测试村", "T001", "E111°42′11.58″", "N38°23′30.36″"]]
    (folder / "wells.csv").write_text(csv_text(header, rows), encoding="utf-8")
    zheader = ["批复文号", "水源编码", "级别", "面积(公顷)", "周长（km）", "划定方案"]
    zrows = [["测试〔2024〕1号", "T001", "一级保护区", "0.28", "0.1884", "以取水井为中心，30m为半径的圆形区域"]]
    (folder / "zones.csv").write_text(csv_text(zheader, zrows), encoding="utf-8")
    [approval] = read_approvals(folder)
    w, z = approval.wells[0], approval.zones[0]
    assert (round(w.lon_deg, 6), round(w.lat_deg, 6)) == (111.703217, 38.391767)
    assert (str(z.stated_area.value), z.stated_area.unit, z.stated_perimeter.unit) == ("0.28", "公顷", "km")
    assert (float(z.stated_area_km2), float(z.stated_perimeter_m)) == (0.0028, 188.4)


def test_a_utf8_file_with_one_gbk_row_names_the_row(tmp_path):
    folder = tmp_path / "g"
    folder.mkdir()
    text = csv_text(WELL_HEADER, [well(), well(code="T002")]).encode("utf-8")
    gbk_row = ",".join(well(code="T003", name="北关水源")).encode("gbk") + b"\r\n"
    (folder / "wells.csv").write_bytes(text + gbk_row)
    (folder / "zones.csv").write_text(csv_text(ZONE_HEADER, [zone()]), encoding="utf-8")
    problems = _problems(folder)
    assert len(problems) == 1, problems
    problem = problems[0]
    offset = len(text)  # the first byte of the GBK row
    assert problem.startswith(
        f"{folder / 'wells.csv'}: expected one encoding throughout; the file is UTF-8 up to byte {offset} (row 4)"
    )


def test_a_text_repeated_down_a_column_is_held_once(tmp_path):
    # A register of a million rows repeats its 批复文号 and its rules: one object each, not one a row.
    wells = [well(code=f"T{i:03d}", name=f"测试{i}村集中供水工程", lat=f"38°23′{i:02d}.36″") for i in range(40)]
    zones = [zone(code=f"T{i:03d}") for i in range(40)]
    approval = read_approvals(write_approval(tmp_path / "t", wells, zones))[0]
    assert len({id(w.doc_no) for w in approval.wells}) == 1
    assert len({id(z.rule.text) for z in approval.zones}) == 1
    assert [w.source_name for w in approval.wells] == [f"测试{i}村集中供水工程" for i in range(40)]
    assert [w.lat_text for w in approval.wells] == [f"38°23′{i:02d}.36″" for i in range(40)]


# --- a coordinate printed in columns of its own: degrees, minutes, seconds ----------

_FRONT = WELL_HEADER[:6]  # 批复文号 … 井深（m）: the columns before the coordinates
_PARTS = [["111", "42", "11.58", "38", "23", "30.36"], ["111", "42", "12.58", "38", "23", "30.36"]]


def _parted_wells(header_rows: list[list[str]], parts=_PARTS) -> list[list[str]]:
    return header_rows + [well(no=f"{i + 1}#")[:6] + p for i, p in enumerate(parts)]


def _read_positions(folder) -> list[tuple[int, float, float]]:
    [approval] = read_approvals(folder)
    return [(w.row, round(w.lon_deg, 8), round(w.lat_deg, 8)) for w in approval.wells]


#: The two wells of _PARTS, as read from 111°42′11.58″ / 38°23′30.36″ and 111°42′12.58″ / 38°23′30.36″.
_AT = [(111.70321667, 38.39176667), (111.70349444, 38.39176667)]


def test_longitude_merged_over_degrees_minutes_and_seconds_in_xlsx(tmp_path):
    folder = tmp_path / "x"
    folder.mkdir()
    upper = _FRONT + ["经度", "", "", "纬度", "", ""]
    lower = [""] * len(_FRONT) + ["度", "分", "秒"] * 2
    # The columns before the coordinates merged over both header rows, 经度 and 纬度 each over three columns.
    spans = [f"{c}1:{c}2" for c in "ABCDEF"] + ["G1:I1", "J1:L1"]
    _book(folder / "wells.xlsx", {"水源井": _parted_wells([upper, lower])}, merged={"水源井": spans})
    (folder / "zones.csv").write_text(
        csv_text(ZONE_HEADER, [zone(rule="以1#、2#取水井为中心，30m为半径的圆形区域", area="0.0057")]), encoding="utf-8"
    )
    assert _read_positions(folder) == [(3, *_AT[0]), (4, *_AT[1])]


@pytest.mark.parametrize(
    "header",
    [
        ["经度（度）", "经度（分）", "经度（秒）", "纬度（度）", "纬度（分）", "纬度（秒）"],
        ["经度度", "经度分", "经度秒", "纬度度", "纬度分", "纬度秒"],
        ["东经(°)", "东经(′)", "东经(″)", "北纬(°)", "北纬(′)", "北纬(″)"],
        ["经度°", "经度′", "经度″", "纬度°", "纬度′", "纬度″"],
    ],
)
def test_degrees_minutes_and_seconds_columns_in_one_header_row(tmp_path, header):
    folder = write_approval(tmp_path / "p", [], [zone(rule="以1#、2#取水井为中心，30m为半径的圆形区域", area="0.0057")])
    (folder / "wells.csv").write_text(csv_text(_FRONT + header, _parted_wells([])), encoding="utf-8")
    assert _read_positions(folder) == [(2, *_AT[0]), (3, *_AT[1])]


def test_parts_below_a_csv_header_with_the_marks_in_the_cells(tmp_path):
    # A CSV saved from the merged sheet keeps 经度 in the first of its three cells only; cells may carry their marks.
    upper = _FRONT + ["经度", "", "", "纬度", "", ""]
    lower = [""] * len(_FRONT) + ["°", "′", "″"] * 2
    parts = [["111°", "42′", "11.58″", "38°", "23′", "30.36″"], ["111", "42", "12.58", "38", "23", "30.36"]]
    folder = write_approval(tmp_path / "c", [], [zone(rule="以1#、2#取水井为中心，30m为半径的圆形区域", area="0.0057")])
    rows = _parted_wells([lower], parts)
    (folder / "wells.csv").write_text(csv_text(upper, rows), encoding="utf-8")
    assert _read_positions(folder) == [(3, *_AT[0]), (4, *_AT[1])]


def test_a_wrong_part_is_reported_in_the_coordinate_it_makes(tmp_path):
    header = _FRONT + ["经度（度）", "经度（分）", "经度（秒）", "纬度（度）", "纬度（分）", "纬度（秒）"]
    parts = [["111", "62", "11.58", "38", "23", "30.36"], ["111", "42", "", "38", "", "30.36"]]
    folder = write_approval(tmp_path / "w", [], [zone(rule="以1#、2#取水井为中心，30m为半径的圆形区域")])
    (folder / "wells.csv").write_text(csv_text(header, _parted_wells([], parts)), encoding="utf-8")
    w = folder / "wells.csv"
    assert _problems(folder) == [
        f"{w} row 2, column 经度（度）、经度（分）、经度（秒）: expected minutes below 60, got '111°62′11.58″'",
        f"{w} row 3, column 纬度（度）、纬度（分）、纬度（秒）: expected minutes (′) before the seconds, got '38°30.36″'",
    ]


def test_degrees_alone_under_a_unit_row_are_decimal_degrees(tmp_path):
    # A units row under the header (° under 经度 and 纬度) is part of the header; degrees alone are decimal degrees.
    upper = _FRONT + ["经度", "纬度"]
    lower = [""] * len(_FRONT) + ["°", "°"]
    folder = write_approval(tmp_path / "d", [], [zone()])
    rows = [lower, well()[:6] + ["111.70321667", "38.39176667"]]
    (folder / "wells.csv").write_text(csv_text(upper, rows), encoding="utf-8")
    assert _read_positions(folder) == [(3, *_AT[0])]


# --- both coordinates in one cell ------------------------------------------------


def test_a_wells_table_with_both_coordinates_in_one_column(tmp_path):
    header = [*_FRONT, "经纬度"]
    rows = [
        well(no="1#")[:6] + ["东经111°42′11.58″，北纬38°23′30.36″"],
        well(no="2#")[:6] + ["38°23′30.36″ 111°42′12.58″"],
    ]
    folder = write_approval(tmp_path / "b", [], [zone(rule="以1#、2#取水井为中心，30m为半径的圆形区域", area="0.0057")])
    (folder / "wells.csv").write_text(csv_text(header, rows), encoding="utf-8")
    [approval] = read_approvals(folder)
    assert [(round(w.lon_deg, 8), round(w.lat_deg, 8)) for w in approval.wells] == _AT
    # Each half is kept as printed, for the reports and KML.
    assert [(w.lon_text, w.lat_text) for w in approval.wells] == [
        ("东经111°42′11.58″", "北纬38°23′30.36″"),
        ("111°42′12.58″", "38°23′30.36″"),
    ]


def test_a_one_cell_coordinate_that_is_not_two_is_reported_once_in_its_column(tmp_path):
    header = [*_FRONT, "坐标"]
    rows = [well(no="1#")[:6] + ["111°42′11.58″"], well(no="2#")[:6] + ["38°23′30.36″，111°62′12.58″"]]
    folder = write_approval(tmp_path / "e", [], [zone(rule="以1#、2#取水井为中心，30m为半径的圆形区域")])
    (folder / "wells.csv").write_text(csv_text(header, rows), encoding="utf-8")
    w = folder / "wells.csv"
    with pytest.raises(InputError) as info:
        read_approvals(folder)
    assert [problem_text(p, "zh") for p in info.value.problems] == [
        f"{w} 第2行，坐标列：应为同一格中的经度和纬度，如 111°42′11.58″, 38°23′30.36″，实际为 '111°42′11.58″'",
        f"{w} 第3行，坐标列：应为小于60的分，实际为 '111°62′12.58″'",
    ]


def test_coordinates_merged_over_longitude_and_latitude_are_still_two_columns(tmp_path):
    # 坐标 (also a one-cell header) merged over 经度 | 纬度: the row below is the header.
    folder = tmp_path / "m"
    folder.mkdir()
    upper = [*_FRONT, "坐标", ""]
    lower = [*_FRONT, "经度", "纬度"]
    spans = [f"{c}1:{c}2" for c in "ABCDEF"] + ["G1:H1"]
    rows = [upper, lower] + [well(no=f"{i + 1}#")[:6] + [f"111°42′{11.58 + i:.2f}″", "38°23′30.36″"] for i in range(2)]
    _book(folder / "wells.xlsx", {"水源井": rows}, merged={"水源井": spans})
    (folder / "zones.csv").write_text(
        csv_text(ZONE_HEADER, [zone(rule="以1#、2#取水井为中心，30m为半径的圆形区域", area="0.0057")]), encoding="utf-8"
    )
    assert _read_positions(folder) == [(3, *_AT[0]), (4, *_AT[1])]


# --- a zones table with a column per level (a register's row per source) -------------

_WIDE = [
    "批复文号",
    "水源编码",
    "一级保护区面积（km²）",
    "一级保护区周长（m）",
    "一级保护区范围",
    "二级保护区面积（km²）",
    "二级保护区周长（m）",
    "二级保护区范围",
    "准保护区",  # a level's name alone heads its description
    "一级保护区内污染源",  # a level inside other words: not a level's column
]
_RING = "以取水井为中心，半径为300m的圆形区域扣除一级保护区范围所形成的环形区域"


def _wide_row(code="T001", second=("0.2798", "1884", _RING), third="以西部山脊线为界"):
    return ["测试〔2024〕1号", code, "0.0028", "188.4", "以取水井为中心，30m为半径的圆形区域", *second, third, "无"]


def test_a_zones_table_with_a_column_per_level_is_a_row_per_level(tmp_path):
    long = write_approval(
        tmp_path / "long",
        [well(), well(code="T002", lon="111°52′11.58″")],
        [
            zone(),
            zone(level="二级", area="0.2798", perimeter="1884", rule=_RING),
            zone(level="准保护区", area="", perimeter="", rule="以西部山脊线为界"),
            zone(code="T002"),
        ],
    )
    wide = write_approval(tmp_path / "wide", [well(), well(code="T002", lon="111°52′11.58″")], [])
    rows = [_wide_row(), _wide_row("T002", second=("", "", ""), third="")]
    (wide / "zones.csv").write_text(csv_text(_WIDE, rows), encoding="utf-8")
    a, b = (build_zones(read_approvals(f)) for f in (long, wide))
    columns = ["source_code", "level", "part", "stated_area_text", "stated_perimeter_text", "rule", "table_row"]
    assert b[columns].to_dict("records") == [
        {**r, "table_row": row} for r, row in zip(a[columns].to_dict("records"), [2, 2, 2, 3], strict=True)
    ]
    assert all(x.equals(y) for x, y in zip(a.geometry, b.geometry, strict=True) if x is not None)
    assert check_zones(b)["status"].tolist() == ["match", "match", "not_derivable", "match"]


def test_a_level_column_at_fault_is_named_as_written(tmp_path):
    folder = write_approval(tmp_path / "w", [well()], [])
    bad = _wide_row(second=("0,28", "1884", "以取水井为中心，半径为0m的圆形区域"))
    (folder / "zones.csv").write_text(csv_text(_WIDE, [bad]), encoding="utf-8")
    z = folder / "zones.csv"
    assert _problems(folder) == [
        f"{z} row 2, column 二级保护区面积（km²）: expected an area above zero such as 0.0028 (km²), got '0,28' "
        "(a comma inside a number: write a decimal point, 0.28, or group thousands as 1,234.5)",
        f"{z} row 2, column 二级保护区范围: expected a radius above zero, not 0m, got '以取水井为中心，半径为0m的圆形区域'",
    ]


def test_parts_of_a_level_in_columns_of_their_own(tmp_path):
    header = [
        "批复文号",
        "水源编码",
        "一级保护区水域范围",
        "一级保护区陆域范围",
        "陆域二级保护区面积（km²）",
        "陆域二级保护区范围",
    ]
    row = [
        "测试〔2024〕1号",
        "T001",
        "取水口上游1000米至下游100米的水域",
        "一级保护区水域两侧纵深50米的陆域",
        "1.2",
        "二级保护区水域两侧纵深1000米的陆域",
    ]
    folder = write_approval(tmp_path / "p", [well()], [])
    (folder / "zones.csv").write_text(csv_text(header, [row]), encoding="utf-8")
    [approval] = read_approvals(folder)
    assert [(z.level, z.part, z.rule.shape) for z in approval.zones] == [
        ("一级", "水域", "terrain"),
        ("一级", "陆域", "terrain"),
        ("二级", "陆域", "terrain"),
    ]


def test_a_source_row_with_every_level_empty_is_warned_about(tmp_path):
    folder = write_approval(tmp_path / "e", [well(), well(code="T002", lon="111°52′11.58″")], [])
    rows = [_wide_row(), ["测试〔2024〕1号", "T002", *[""] * 8]]
    (folder / "zones.csv").write_text(csv_text(_WIDE, rows), encoding="utf-8")
    with pytest.warns(SuspiciousInputWarning) as caught:
        [approval] = read_approvals(folder)
    assert [z.source_code for z in approval.zones] == ["T001"] * 3
    assert f"{folder / 'zones.csv'} 第3行：各级保护区的列都是空的，未读到保护区" in [w.message.zh for w in caught]


def test_a_register_keeping_its_zones_in_the_wells_table(tmp_path):
    # One workbook, a row per source: the wells' columns and each level's; no zones table beside it.
    folder = tmp_path / "r"
    folder.mkdir()
    header = ["水源名称", "经度", "纬度", *_WIDE]
    row = ["测试村", "111°42′11.58″", "38°23′30.36″", *_wide_row()]
    _book(folder / "wells.xlsx", {"台账": [["某县饮用水水源保护区台账"], header, row]}, merged={"台账": ["A1:M1"]})
    with pytest.warns(SuspiciousInputWarning) as caught:
        [approval] = read_approvals(folder)
    assert [(z.level, z.row) for z in approval.zones] == [("一级", 3), ("二级", 3), ("准保护区", 3)]
    assert f"{folder / 'wells.xlsx'}：没有 zones 表，保护区取自本表各级保护区的列（一级、二级、准保护区）" in [
        w.message.zh for w in caught
    ]


def test_a_wells_table_without_level_columns_still_needs_its_zones_table(tmp_path):
    folder = tmp_path / "n"
    folder.mkdir()
    (folder / "wells.csv").write_text(csv_text(WELL_HEADER, [well()]), encoding="utf-8")
    assert _problems(folder) == [
        f"{folder / 'zones.csv'}: expected a zones table (zones.csv, .xlsx or .xls) beside wells, "
        "or a level column or a column per level in this table"
    ]


def test_a_one_file_register_of_a_zone_a_row_repeats_its_wells(tmp_path):
    """水源 | 经度 | 纬度 | 保护区级别 | 划定方案, the well repeated on each level's row, was refused (no zones
    table; the well listed twice)."""
    header = ["批复文号", "水源名称", "水源编码", "经度", "纬度", "保护区级别", "保护区面积（km²）", "划定方案"]
    at = ["111°42′11.58″", "38°23′30.36″"]
    rows = [
        ["测试〔2024〕1号", "甲村", "T001", *at, "一级", "0.0028", "以取水井为中心，30m为半径的圆形区域"],
        ["测试〔2024〕1号", "甲村", "T001", *at, "二级", "0.2798", "以取水井为中心，半径300米，扣除一级保护区"],
    ]
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "wells.csv").write_text(csv_text(header, rows), encoding="utf-8")
    with pytest.warns(SuspiciousInputWarning) as caught:
        [approval] = read_approvals(folder)
    assert f"{folder / 'wells.csv'}：没有 zones 表，保护区取自本表，每行一个保护区（级别见“保护区级别”列）" in [
        getattr(w.message, "zh", "") for w in caught
    ]
    assert [(w.row, w.lon_text) for w in approval.wells] == [(2, at[0])]
    zones = build_zones([approval])
    assert [(z.level, z.table_row) for z in zones.itertuples()] == [("一级", 2), ("二级", 3)]
    assert check_zones(zones)["status"].tolist() == ["match", "match"]
    # The same well at another position on a later row is no repeat: which is it?
    rows[1][3] = "111°42′12.58″"
    (folder / "wells.csv").write_text(csv_text(header, rows), encoding="utf-8")
    assert _problems(folder) == [
        f"{folder / 'wells.csv'} row 3, column 水源编码: expected each well once, but row 2 already lists a single "
        "unnumbered well of source T001, got 'T001'"
    ]


# --- cells a spreadsheet turned into something else --------------------------------

#: 111°42′11.58″ and 38°23′30.36″ typed as 111:42:11.58 and 38:23:30.36: to Excel, hours of a duration.
_LON_DAYS = (111 + 42 / 60 + 11.58 / 3600) / 24
_LAT_DAYS = (38 + 23 / 60 + 30.36 / 3600) / 24


def test_coordinates_typed_with_colons_that_excel_took_for_times(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    lon, lat = WELL_HEADER.index("经度"), WELL_HEADER.index("纬度")
    rows = [WELL_HEADER, well(), well(code="T002")]
    _book(folder / "wells.xlsx", {"水源井": rows})
    book = openpyxl.load_workbook(folder / "wells.xlsx")
    sheet = book["水源井"]
    # A duration ([h]:mm:ss) on row 2; on row 3 a date-time shown as h:mm:ss (Excel keeps 4.65 days either way).
    for row, shown in ((2, "[h]:mm:ss.00"), (3, "h:mm:ss.00")):
        for col, days in ((lon, _LON_DAYS), (lat, _LAT_DAYS)):
            cell = sheet.cell(row, col + 1, days)
            cell.number_format = shown
    book.save(folder / "wells.xlsx")
    (folder / "zones.csv").write_text(csv_text(ZONE_HEADER, [zone(), zone(code="T002")]), encoding="utf-8")
    wells = read_approvals(folder)[0].wells
    assert [(w.lon_text, w.lat_text) for w in wells] == [("111:42:11.58", "38:23:30.36")] * 2
    assert [(round(w.lon_deg, 8), round(w.lat_deg, 8)) for w in wells] == [_AT[0]] * 2


def test_coordinates_typed_as_times_in_a_legacy_xls(tmp_path):
    folder = tmp_path / "x"
    folder.mkdir()
    book = xlwt.Workbook()
    sheet = book.add_sheet("水源")
    shown = xlwt.easyxf(num_format_str="[h]:mm:ss.00")
    for c, text in enumerate(WELL_HEADER):
        sheet.write(0, c, text)
    for c, text in enumerate(well()):
        if WELL_HEADER[c] == "经度":
            sheet.write(1, c, _LON_DAYS, shown)
        elif WELL_HEADER[c] == "纬度":
            sheet.write(1, c, _LAT_DAYS, shown)
        else:
            sheet.write(1, c, text)
    book.save(str(folder / "wells.xls"))
    (folder / "zones.csv").write_text(csv_text(ZONE_HEADER, [zone()]), encoding="utf-8")
    [w] = read_approvals(folder)[0].wells
    assert (w.lon_text, w.lat_text, round(w.lon_deg, 8), round(w.lat_deg, 8)) == (
        "111:42:11.58",
        "38:23:30.36",
        *_AT[0],
    )


def test_a_formula_saved_without_its_result_is_shown_and_reported_not_read_as_empty(tmp_path):
    # A workbook written by a program keeps =3.14*30^2/1000000 but no result: read as empty, the zone would
    # silently lose its stated area.
    folder = write_approval(tmp_path / "f", [well()], [])
    rows = [ZONE_HEADER, zone(area="=3.14*30^2/1000000")]
    _book(folder / "zones.xlsx", {"保护区": rows})
    (folder / "zones.csv").unlink()
    z = folder / "zones.xlsx"
    with pytest.warns(SuspiciousInputWarning) as caught:
        problems = _problems(folder)
    assert problems == [
        f"{z} row 2, column 保护区面积（km2）: expected an area above zero such as 0.0028 (km²), got '=3.14*30^2/1000000'"
    ]
    assert (
        f"{z} [保护区]：1 个单元格是公式而文件中没有保存其计算结果，如 D2 =3.14*30^2/1000000（请在 Excel 或 WPS 中打开并保存一次）"
        in [w.message.zh for w in caught]
    )


# --- a merged cell saved as CSV: empty below its first row ---------------------------


def test_rows_naming_no_source_are_the_source_above_as_a_merged_cell_saved_as_csv(tmp_path):
    full = write_approval(
        tmp_path / "full",
        [well(no="1#"), well(no="2#", lon="111°42′14.58″")],
        [zone(rule="以1#、2#取水井为中心，30m为半径的圆形区域", area=""), zone(level="二级", area="", rule=_RING)],
    )
    blank = write_approval(
        tmp_path / "blank",
        [well(no="1#"), well(no="2#", lon="111°42′14.58″", code="", name="", doc="")],
        [
            zone(rule="以1#、2#取水井为中心，30m为半径的圆形区域", area=""),
            zone(level="二级", area="", rule=_RING, code=""),
        ],
    )
    with pytest.warns(SuspiciousInputWarning) as caught:
        b = build_zones(read_approvals(blank))
    a = build_zones(read_approvals(full))
    assert b[["source_code", "level", "area_m2"]].equals(a[["source_code", "level", "area_m2"]])
    assert [w.message.zh for w in caught if "沿用上一行" in w.message.zh] == [
        f"{blank / 'wells.csv'} 第3行：水源编码、水源名称、批复文号为空，沿用上一行（合并单元格另存为 CSV 时的写法），请核对",
        f"{blank / 'zones.csv'} 第3行：水源编码为空，沿用上一行（合并单元格另存为 CSV 时的写法），请核对",
    ]


def test_a_corner_table_printing_its_source_and_level_once(tmp_path):
    header = ["批复文号", "水源编码", "保护区级别", "点号", "经度", "纬度"]
    points = CORNER_SQUARE
    zones = [zone(), zone(level="二级", rule="保护区边界坐标见附表", area="", perimeter="")]
    shapes = []
    for name, first_only in (("full", False), ("once", True)):
        folder = write_approval(tmp_path / name, [well()], zones)
        rows = [["测试〔2024〕1号", "T001", "二级"] if i == 1 or not first_only else ["", "", ""] for i in range(1, 5)]
        rows = [r + [str(i), *p] for i, (r, p) in enumerate(zip(rows, points, strict=True), start=1)]
        (folder / "corners.csv").write_text(csv_text(header, rows), encoding="utf-8")
        shapes.append(build_zones(read_approvals(folder)).geometry.iloc[1])
    assert shapes[0].equals(shapes[1]) and shapes[0].area > 0


def test_a_first_row_naming_no_source_is_still_reported(tmp_path):
    folder = write_approval(tmp_path / "n", [well(code="", name="")], [zone()])
    assert (
        _problems(folder)[0]
        == f"{folder / 'wells.csv'} row 2, column 水源编码: expected a 水源编码 (source code), got ''"
    )


def _two_row_register():
    """A county register as offices lay it out: a title, then 水源井 over 编号 | 经度 | 纬度 and each level over
    面积 | 范围; the first columns merged down over both header rows."""
    title = ["某县集中式饮用水水源保护区台账"] + [""] * 9
    upper = ["序号", "水源名称", "水源编码", "水源井", "", "", "一级保护区", "", "二级保护区", ""]
    lower = ["", "", "", "编号", "经度", "纬度", "面积（km²）", "范围", "面积（km²）", "范围"]
    row = ["1", "测试村", "T001", "1#", "111°42′11.58″", "38°23′30.36″", "0.0028", zone()[5], "0.2798", _RING]
    return title, upper, lower, row


def test_a_register_with_a_two_row_header_of_merged_cells(tmp_path):
    title, upper, lower, row = _two_row_register()
    folder = tmp_path / "x"
    folder.mkdir()
    spans = ["A1:J1", "A2:A3", "B2:B3", "C2:C3", "D2:F2", "G2:H2", "I2:J2"]
    _book(folder / "wells.xlsx", {"台账": [title, upper, lower, row]}, merged={"台账": spans})
    with pytest.warns(SuspiciousInputWarning):
        zones = build_zones(read_approvals(folder))
    assert [(z.level, z.stated_area_text, z.table_row) for z in zones.itertuples()] == [
        ("一级", "0.0028", 4),
        ("二级", "0.2798", 4),
    ]
    assert check_zones(zones)["status"].tolist() == ["match", "match"]
    [well] = read_approvals(folder)[0].wells
    assert (well.well_no, well.row, round(well.lon_deg, 8)) == ("1#", 4, _AT[0][0])


def test_the_same_register_saved_as_csv(tmp_path):
    # Saved as CSV the merged cells keep their text in their first cell only.
    title, upper, lower, row = _two_row_register()
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "wells.csv").write_text(csv_text(title, [upper, lower, row]), encoding="utf-8")
    with pytest.warns(SuspiciousInputWarning):
        zones = build_zones(read_approvals(folder))
    assert check_zones(zones)["status"].tolist() == ["match", "match"]


def _three_row_zones() -> list[list[str]]:
    """A zones table as provincial lists print it: the levels, then their parts, under one spanning title."""
    return [
        ["批复文号", "水源编码", "保护区范围划分", "", "", "", ""],
        ["", "", "一级保护区", "", "二级保护区", "", "准保护区"],
        ["", "", "范围", "面积（km²）", "范围", "面积（km²）", ""],
        [
            "测试〔2024〕1号",
            "T001",
            "以取水井为中心，30m为半径的圆形区域",
            "0.0028",
            "以取水井为中心，半径300米，扣除一级保护区",
            "0.2798",
            "",
        ],
    ]


def test_a_zones_table_with_a_three_row_header(tmp_path):
    """批复文号 | 水源编码 | 保护区范围划分 over the levels over their columns: was refused (第3行：应为必需的列 source_code)."""
    upper, middle, lower, row = _three_row_zones()
    folder = tmp_path / "x"
    folder.mkdir()
    (folder / "wells.csv").write_text(csv_text(WELL_HEADER, [well()]), encoding="utf-8")
    spans = ["C1:G1", "C2:D2", "E2:F2", "G2:G3", "A1:A3", "B1:B3"]
    _book(folder / "zones.xlsx", {"保护区": [upper, middle, lower, row]}, merged={"保护区": spans})
    zones = build_zones(read_approvals(folder))
    assert [(z.level, z.stated_area_text, z.table_row) for z in zones.itertuples()] == [
        ("一级", "0.0028", 4),
        ("二级", "0.2798", 4),
    ]
    assert check_zones(zones)["status"].tolist() == ["match", "match"]
    # Saved as CSV, merged cells keep their text in their first cell only; and the levels' parts as columns.
    csv_folder = tmp_path / "c"
    csv_folder.mkdir()
    (csv_folder / "wells.csv").write_text(csv_text(WELL_HEADER, [well()]), encoding="utf-8")
    parts = ["", "", "水域范围", "陆域范围", "水域范围", "陆域范围", ""]
    water = ["测试〔2024〕1号", "T001", "取水口上游1000米至下游100米的河道水域", "一级保护区水域两侧纵深50米的陆域"]
    water += ["一级保护区水域上边界向上游延伸2000米的水域", "二级保护区水域两侧纵深1000米的陆域", ""]
    (csv_folder / "zones.csv").write_text(csv_text(upper, [middle, parts, water]), encoding="utf-8")
    zones = build_zones(read_approvals(csv_folder))
    assert [(z.level, z.part, z.derivable, z.table_row) for z in zones.itertuples()] == [
        ("一级", "水域", False, 4),
        ("一级", "陆域", False, 4),
        ("二级", "水域", False, 4),
        ("二级", "陆域", False, 4),
    ]


def test_wells_without_coordinates_are_kept_and_their_zones_not_derivable(tmp_path):
    """A register with some wells whose coordinates are blank or "待测" was refused whole; now every other
    source is drawn, and the zones around those wells are kept, not derivable, saying why."""
    wells = [
        well(code="T001"),
        well(code="T002", lon="", lat=""),
        well(code="T003", lon="待测", lat="待测"),
        well(code="T004", no="1#"),
        well(code="T004", no="2#", lon="/", lat="—"),
    ]
    zones = [
        zone(code="T001"),
        zone(code="T002"),
        zone(code="T003"),
        zone(code="T004", rule="以1#井为中心，30m为半径的圆形区域"),
        zone(code="T004", level="二级", area="", perimeter="", rule="以取水井为中心，半径300米，扣除一级保护区"),
    ]
    folder = write_approval(tmp_path / "u", wells, zones)
    said = f"{folder / 'wells.csv'} 第3、4、6行：井没有坐标（为空或为“/”“待测”等），井保留、不绘制，以其为中心的保护区无法由本表推出"
    with pytest.warns(SuspiciousInputWarning) as caught:
        [approval] = read_approvals(folder)
    assert said in [getattr(w.message, "zh", "") for w in caught]
    assert [(w.source_code, w.well_no, w.row) for w in approval.unlocated] == [
        ("T002", "", 3),
        ("T003", "", 4),
        ("T004", "2#", 6),
    ]
    assert [w.source_code for w in approval.wells] == ["T001", "T004"]
    checked = check_zones(build_zones([approval]))
    assert checked["status"].tolist() == ["match", "not_derivable", "not_derivable", "match", "not_derivable"]
    assert checked["note"].tolist()[1:3] == [
        "边界依据井坐标划定（井表第3行的取水井没有坐标），无法由本表推出，未绘制。",
        "边界依据井坐标划定（井表第4行的取水井没有坐标），无法由本表推出，未绘制。",
    ]
    assert checked["note"].iloc[4] == "边界依据井坐标划定（井表第6行的2#井没有坐标），无法由本表推出，未绘制。"
    assert checked["source_name"].iloc[1] == "测试村集中供水工程"


def test_half_a_position_is_still_refused(tmp_path):
    folder = write_approval(tmp_path / "h", [well(lat="待测")], [zone()])
    assert _problems(folder) == [
        f"{folder / 'wells.csv'} row 2, column 纬度: expected degrees-minutes-seconds such as 38°23′30.36″ or decimal degrees, got '待测'"
    ]


def _radius_register(tmp_path, header: list[str], rows: list[list[str]]):
    folder = tmp_path / "r"
    folder.mkdir(parents=True)
    (folder / "wells.csv").write_text(csv_text(WELL_HEADER, [well()]), encoding="utf-8")
    (folder / "zones.csv").write_text(csv_text(header, rows), encoding="utf-8")
    return folder


def test_a_radius_column_without_rule_words_draws_circles_outside_the_levels_inside(tmp_path):
    """A register giving 保护半径（m） and no 划定方案 had every zone "表中没有划定方案", undrawn."""
    header = ["批复文号", "水源编码", "保护区级别", "保护半径（m）", "保护区面积（km²）"]
    doc = "测试〔2024〕1号"
    folder = _radius_register(
        tmp_path, header, [[doc, "T001", "一级", "30", "0.0028"], [doc, "T001", "二级", "0.3km", "0.2798"]]
    )
    with pytest.warns(SuspiciousInputWarning) as caught:
        zones = build_zones(read_approvals(folder))
    said = [getattr(w.message, "zh", "") for w in caught]
    assert (
        f"{folder / 'zones.csv'} 第2行：表中没有划定方案，按“保护半径（m）”列读作：以取水井为中心，半径30m的圆形区域"
        in said
    )
    assert (
        f"{folder / 'zones.csv'} 第3行：表中没有划定方案，按“保护半径（m）”列读作：以取水井为中心，半径0.3km的圆形区域，扣除一级保护区"
        in said
    )
    assert zones["radii_m"].tolist() == [[30.0], [300.0]]
    assert zones["inner_radii_m"].tolist() == [[], [30.0]]
    assert check_zones(zones)["status"].tolist() == ["match", "match"]
    # A column per level, as one-file registers print them.
    header = [
        "批复文号",
        "水源编码",
        "一级保护区半径（m）",
        "一级保护区面积（km²）",
        "二级保护区半径（m）",
        "二级保护区面积（km²）",
    ]
    folder = _radius_register(tmp_path / "l", header, [[doc, "T001", "30", "0.0028", "300", "0.2798"]])
    with pytest.warns(SuspiciousInputWarning):
        zones = build_zones(read_approvals(folder))
    assert [(z.level, z.radii_m, z.inner_radii_m) for z in zones.itertuples()] == [
        ("一级", [30.0], []),
        ("二级", [300.0], [30.0]),
    ]


def test_a_radius_column_beside_rule_words_that_disagree_is_noted_and_a_bad_one_refused(tmp_path):
    header = ["批复文号", "水源编码", "保护区级别", "半径（m）", "保护区面积（km²）", "划定方案"]
    doc = "测试〔2024〕1号"
    folder = _radius_register(
        tmp_path, header, [[doc, "T001", "一级", "50", "0.0028", "以取水井为中心，30m为半径的圆形区域"]]
    )
    with pytest.warns(
        SuspiciousInputWarning, match=re.escape("the column '半径（m）' gives 50 m, the rule's radius is 30 m")
    ):
        zones = build_zones(read_approvals(folder))
    assert zones["radii_m"].tolist() == [[30.0]]
    assert (
        check_zones(zones)["note"]
        .iloc[0]
        .endswith("注意：“半径（m）”列为50 m，划定方案的半径为30 m，按划定方案绘制，请核对。")
    )
    folder = _radius_register(tmp_path / "b", header[:5], [[doc, "T001", "一级", "30/50", "0.0028"]])
    assert _problems(folder) == [
        f"{folder / 'zones.csv'} row 2, column 半径（m）: expected a radius above zero such as 30 (m), got '30/50'"
    ]


_WATER = "取水口上游1000米至下游100米的河道水域"
_LAND = "一级保护区水域两侧纵深50米的陆域"


def test_a_zones_table_with_a_column_per_part_beside_its_levels(tmp_path):
    """级别 | 水域范围 | 陆域范围: the 陆域 column was silently dropped (水域范围 read as the rule)."""
    doc = "测试〔2024〕1号"
    header = ["批复文号", "水源编码", "保护区级别", "水域范围", "陆域范围", "面积（km²）"]
    folder = _radius_register(
        tmp_path, header, [[doc, "T001", "一级", _WATER, _LAND, "0.12"], [doc, "T001", "二级", "二级水域", "", "1.5"]]
    )
    with pytest.warns(SuspiciousInputWarning) as caught:
        zones = build_zones(read_approvals(folder))
    assert [(z.level, z.part, z.rule, z.stated_area_text, z.table_row) for z in zones.itertuples()] == [
        ("一级", "水域", _WATER, "0.12", 2),
        ("一级", "陆域", _LAND, "", 2),
        ("二级", "水域", "二级水域", "1.5", 3),
    ]
    said = (
        f"{folder / 'zones.csv'} 第2行：面积（km²）为整级保护区的数值（各分区合计），记在第一个分区（水域）一行，请核对"
    )
    assert said in [getattr(w.message, "zh", "") for w in caught]
    # Each part's own figures; and 保护区范围 over 水域 | 陆域 as a two-row header.
    header = ["批复文号", "水源编码", "保护区级别", "水域范围", "水域面积（km²）", "陆域范围", "陆域面积（km²）"]
    folder = _radius_register(tmp_path / "f", header, [[doc, "T001", "一级", _WATER, "0.05", _LAND, "0.07"]])
    zones = build_zones(read_approvals(folder))
    assert [(z.part, z.stated_area_text) for z in zones.itertuples()] == [("水域", "0.05"), ("陆域", "0.07")]
    rows = [["", "", "", "水域", "陆域", ""], [doc, "T001", "一级", _WATER, _LAND, "0.12"]]
    folder = _radius_register(
        tmp_path / "t", ["批复文号", "水源编码", "保护区级别", "保护区范围", "", "面积（km²）"], rows
    )
    with pytest.warns(SuspiciousInputWarning):
        zones = build_zones(read_approvals(folder))
    assert [(z.level, z.part, z.rule, z.table_row) for z in zones.itertuples()] == [
        ("一级", "水域", _WATER, 3),
        ("一级", "陆域", _LAND, 3),
    ]


def test_a_well_count_above_the_wells_listed_leaves_zones_around_every_well_undrawn(tmp_path):
    """井数 2 with one well listed refused the whole register; the wells not listed have no position."""
    header = ["批复文号", "水源名称", "水源编码", "井数", "水源井编号", "经度", "纬度"]
    rows = [["测试〔2024〕1号", "甲村", "T001", "2", "1#", "111°42′11.58″", "38°23′30.36″"]]
    folder = tmp_path / "n"
    folder.mkdir()
    (folder / "wells.csv").write_text(csv_text(header, rows), encoding="utf-8")
    zones = [
        zone(rule="以1#井为中心，30m为半径的圆形区域"),
        zone(level="二级", area="", perimeter="", rule="以取水井为中心，半径300米，扣除一级保护区"),
    ]
    (folder / "zones.csv").write_text(csv_text(ZONE_HEADER, zones), encoding="utf-8")
    said = "第2行：井数为2，井表只列出1眼井，未列出的井没有坐标，以所有井为中心的保护区无法由本表推出"
    with pytest.warns(SuspiciousInputWarning) as caught:
        [approval] = read_approvals(folder)
    assert any(getattr(w.message, "zh", "").endswith(said) for w in caught)
    checked = check_zones(build_zones([approval]))
    assert checked["status"].tolist() == ["match", "not_derivable"]
    assert (
        checked["note"].iloc[1]
        == "边界依据井坐标划定（井数为2，井表只列出1眼井，未列出的井没有坐标），无法由本表推出，未绘制。"
    )
    # Fewer wells counted than listed stays a contradiction between cells.
    rows.append(["测试〔2024〕1号", "甲村", "T001", "1", "2#", "111°42′12.58″", "38°23′30.36″"])
    rows[0][3] = "1"
    (folder / "wells.csv").write_text(csv_text(header, rows), encoding="utf-8")
    assert _problems(folder) == [
        f"{folder / 'wells.csv'} row 2, column 井数: expected the number of wells listed for source T001, 2, got '1'"
    ]


def test_a_rule_and_figures_labelled_by_part_are_a_zone_per_part(tmp_path):
    """ "水域：…；陆域：…" in the rule cell and "水域0.12，陆域0.08" in the area cell: the area was refused."""
    doc = "测试〔2024〕1号"
    header = ["批复文号", "水源编码", "保护区级别", "面积（km²）", "划定方案"]
    rows = [
        [doc, "T001", "一级", "水域0.12，陆域0.08", f"水域：{_WATER}；陆域：{_LAND}"],
        [doc, "T001", "二级", "水域0.5，陆域1.0", "二级水域及两侧纵深1000米的陆域"],
        [doc, "T001", "准保护区", "2.5", f"水域：{_WATER}；陆域：{_LAND}"],
    ]
    folder = _radius_register(tmp_path, header, rows)
    with pytest.warns(SuspiciousInputWarning) as caught:
        zones = build_zones(read_approvals(folder))
    assert [(z.level, z.part, z.rule, z.stated_area_text, z.table_row) for z in zones.itertuples()] == [
        ("一级", "水域", _WATER, "0.12", 2),
        ("一级", "陆域", _LAND, "0.08", 2),
        ("二级", "", "二级水域及两侧纵深1000米的陆域", "1.5", 3),
        ("准保护区", "水域", _WATER, "2.5", 4),
        ("准保护区", "陆域", _LAND, "", 4),
    ]
    said = [getattr(w.message, "zh", "") for w in caught]
    assert f"{folder / 'zones.csv'} 第3行：数值按分区列出（“水域0.5，陆域1.0”），按合计 1.5 核对" in said
    assert (
        f"{folder / 'zones.csv'} 第4行：面积（km²）为整级保护区的数值（各分区合计），记在第一个分区一行，请核对" in said
    )


def test_total_rows_and_notes_under_a_table_are_not_wells_or_zones(tmp_path):
    # Before, 合计 and 注 took the source of the row above (a merged cell saved as CSV): the wells table got two
    # wells without coordinates, and every zone of T001 was left undrawn; the zones table's 合计 was refused.
    folder = write_approval(
        tmp_path / "t",
        [well(), ["合计", "", "", "", "", "", "", "", ""], ["注：坐标系为CGCS2000。"] * 9],  # the note merged across
        [zone(), ["", "合 计", "", "0.0028", "", "", ""], ["注1：面积单位为平方公里", "", "", "", "", "", ""]],
    )
    (tmp_path / "t" / "zones.csv").write_text(
        (tmp_path / "t" / "zones.csv").read_text(encoding="utf-8-sig") + "制表人：张三,,,,,,\r\n", encoding="utf-8"
    )
    with pytest.warns(SuspiciousInputWarning) as caught:
        approvals = read_approvals(folder)
    assert [(len(a.wells), len(a.unlocated), len(a.zones)) for a in approvals] == [(1, 0, 1)]
    assert [str(w.message) for w in caught] == [
        f"{folder / 'wells.csv'} rows 3, 4: a total or a note (合计；注：坐标系为CGCS2000。), not a row of the table; "
        "not read",
        f"{folder / 'zones.csv'} rows 3, 4, 5: a total or a note (合 计；注1：面积单位为平方公里；制表人：张三), not a row of "
        "the table; not read",
    ]
    assert caught[0].message.zh == (
        f"{folder / 'wells.csv'} 第3、4行：合计或注释（合计；注：坐标系为CGCS2000。），不是表中的数据行，未读取"
    )
    assert check_zones(build_zones(approvals))["status"].tolist() == ["match"]


def test_a_row_that_only_mentions_a_total_or_a_note_is_a_row(tmp_path):
    # 注水村 and 说明 are words in cells, not a total row or a note.
    folder = write_approval(
        tmp_path / "r",
        [well(name="注水村集中供水工程")],
        [zone(rule="以取水井为中心，30m为半径的圆形区域（说明：井口）")],
    )
    approvals = read_approvals(folder)
    assert [(len(a.wells), len(a.zones)) for a in approvals] == [(1, 1)]


def test_document_numbers_typed_with_other_brackets_are_one_approval(tmp_path):
    # Before, 吕政函[2023]92号 in the zones table was another approval than 吕政函〔2023〕92号 in the wells table:
    # "expected a 水源编码 listed in the wells table for 吕政函[2023]92号 (none)".
    folder = write_approval(
        tmp_path / "b",
        [well(doc="测试〔2024〕1号")],
        [
            zone(doc="测试[2024]1号"),
            zone(
                level="二级",
                doc="测试（2024） 1 号",
                area="0.28",
                rule="以取水井为中心，半径300米的圆形区域，扣除一级保护区",
            ),
        ],
    )
    with pytest.warns(SuspiciousInputWarning) as caught:
        approvals = read_approvals(folder)
    assert [(a.doc_no, len(a.wells), len(a.zones)) for a in approvals] == [("测试〔2024〕1号", 1, 2)]
    assert [w.message.zh for w in caught] == [
        f"{folder / 'zones.csv'}：批复文号按公文格式（年份用六角括号〔〕，不含空格）读取"
        "（测试[2024]1号 → 测试〔2024〕1号；测试（2024） 1 号 → 测试〔2024〕1号）"
    ]


LABELLED = (
    "一级保护区：以取水井为中心，半径30米的圆形区域；二级保护区：以取水井为中心，半径300米的圆形区域，扣除一级保护区"
)


def _labelled(tmp_path, rows: list[list[str]]):
    folder = write_approval(tmp_path / "l", [well()], [])
    header = ["批复文号", "水源编码", "划定方案", "保护区面积（km2）", "保护区周长（m）"]
    (folder / "zones.csv").write_text(csv_text(header, rows), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("area", "perimeter"),
    [("一级0.0028；二级0.2798", "一级：188.4，二级：1884"), ("0.0028/0.2798", "188.4/1884")],
)
def test_a_zones_table_without_levels_whose_rule_names_them_is_a_row_per_level(tmp_path, area, perimeter):
    # Before: "expected the required column(s) level".
    folder = _labelled(tmp_path, [["测试〔2024〕1号", "T001", LABELLED, area, perimeter]])
    with pytest.warns(SuspiciousInputWarning) as caught:
        check = check_zones(build_zones(read_approvals(folder)))
    assert check[["level", "rule", "stated_area_km2", "stated_perimeter_m", "status"]].values.tolist() == [
        ["一级", "以取水井为中心，半径30米的圆形区域", 0.0028, 188.4, "match"],
        ["二级", "以取水井为中心，半径300米的圆形区域，扣除一级保护区", 0.2798, 1884.0, "match"],
    ]
    assert [w.message.zh for w in caught] == [
        f"{folder / 'zones.csv'}：没有保护区级别列，各级保护区按“划定方案”列中的标注（一级保护区：…）分行读取"
    ]


def test_a_figure_printed_once_for_the_levels_is_none_of_theirs_and_a_rule_without_levels_is_refused(tmp_path):
    folder = _labelled(tmp_path, [["测试〔2024〕1号", "T001", LABELLED, "0.2826", ""]])
    with pytest.warns(SuspiciousInputWarning) as caught:
        approvals = read_approvals(folder)
    assert [(z.level, z.stated_area) for z in approvals[0].zones] == [("一级", None), ("二级", None)]
    assert caught[-1].message.zh == (
        f"{folder / 'zones.csv'} 第2行：面积或周长只写了一个数字，而划定方案写有多个级别，不知属于哪一级，未核对"
    )
    folder = _labelled(
        tmp_path, [["测试〔2024〕1号", "T001", LABELLED, "", ""], ["测试〔2024〕1号", "T001", "半径30米", "", ""]]
    )
    with pytest.raises(InputError) as info, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        read_approvals(folder)
    assert [problem_text(p) for p in info.value.problems] == [
        f"{folder / 'zones.csv'} 第3行，划定方案列：应为标明各级保护区的划定方案（一级保护区：…；二级保护区：…），"
        "因表中没有保护区级别列，实际为 '半径30米'"
    ]


def _ods(path, rows, merge_first_columns=0):
    """An OpenDocument spreadsheet as LibreOffice and WPS save it: typed cells whose text is what they show, the
    first columns of rows 2–3 merged over both rows, and empty cells and rows stored as repeats."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="井表")
    for r, values in enumerate(rows):
        row = TableRow()
        for c, value in enumerate(values):
            if merge_first_columns and r == 2 and c < merge_first_columns:
                row.addElement(CoveredTableCell())
                continue
            kind = {"valuetype": "float", "value": value} if value.replace(".", "", 1).isdigit() else {}
            spans = {"numberrowsspanned": 2} if merge_first_columns and r == 1 and c < merge_first_columns else {}
            cell = TableCell(**kind, **spans)
            if value:
                cell.addElement(P(text=value))
            row.addElement(cell)
        row.addElement(TableCell(numbercolumnsrepeated=1000))  # the rest of the row, empty
        table.addElement(row)
    table.addElement(TableRow(numberrowsrepeated=1_000_000))  # the rest of the sheet, empty
    doc.spreadsheet.addElement(table)
    doc.save(str(path))


def test_opendocument_spreadsheets_are_read_with_merged_cells_and_numbers_as_shown(tmp_path):
    # WPS and LibreOffice save .ods: the folder's wells.ods was skipped without a word, and every zone then
    # named a source "not listed in the wells table".
    folder = tmp_path / "ods"
    folder.mkdir()
    _ods(folder / "wells.ods", [WELL_HEADER, *TWO_WELLS], merge_first_columns=3)
    _ods(folder / "zones.ods", [ZONE_HEADER, zone(area="0.0056", perimeter="376.80")])
    [approval] = read_approvals(folder)
    assert [(w.source_code, w.well_no, w.lon_text) for w in approval.wells] == [
        ("T001", "1#", TWO_WELLS[0][6]),
        ("T001", "2#", TWO_WELLS[1][6]),
    ]
    assert str(approval.zones[0].stated_perimeter.value) == "376.80"  # as shown, not the float 376.8


def test_an_ods_row_repeated_past_the_row_limit_is_refused_by_size(tmp_path):
    folder = tmp_path / "big"
    folder.mkdir()
    rows = [WELL_HEADER, well()]
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="井表")
    for r, values in enumerate(rows):
        row = TableRow(numberrowsrepeated=3_000_000) if r == 1 else TableRow()
        for value in values:
            cell = TableCell()
            cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    doc.spreadsheet.addElement(table)
    doc.save(str(folder / "wells.ods"))
    (folder / "zones.csv").write_text(csv_text(ZONE_HEADER, [zone()]), encoding="utf-8")
    assert _problems(folder) == [
        f"{folder / 'wells.ods'}: expected a sheet of at most 2000000 rows and 200 columns, but sheet '井表' reaches "
        "row 3000001, column 9"
    ]


def test_macro_enabled_workbooks_are_read_as_workbooks(tmp_path):
    folder = tmp_path / "xlsm"
    folder.mkdir()
    _book(folder / "wells.xlsm", {"井表": [WELL_HEADER, well()]})
    (folder / "zones.csv").write_text(csv_text(ZONE_HEADER, [zone()]), encoding="utf-8")
    [approval] = read_approvals(folder)
    assert [w.source_code for w in approval.wells] == ["T001"]


def test_ods_numbers_are_the_numbers_typed_as_in_xlsx(tmp_path):
    # As for .xlsx: a format that hides typed digits (0.0157 shown 0.02) is warned and the typed number used, and
    # 111:08:58.21 typed into a cell (a time of 111 hours to LibreOffice) is the coordinate it was typed as.
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    def book(path, header, cells):
        doc = OpenDocumentSpreadsheet()
        table = Table(name="表")
        for values in (header, cells):
            row = TableRow()
            for value in values:
                attrs, shown = value if isinstance(value, tuple) else ({}, value)
                cell = TableCell(**attrs)
                cell.addElement(P(text=shown))
                row.addElement(cell)
            table.addElement(row)
        doc.spreadsheet.addElement(table)
        doc.save(str(path))

    folder = tmp_path / "typed"
    folder.mkdir()
    lon = ({"valuetype": "time", "timevalue": "PT111H42M11.58S"}, "111:42:12")
    book(folder / "wells.ods", WELL_HEADER, [*well()[:6], lon, *well()[7:]])
    area = ({"valuetype": "float", "value": "0.0028"}, "0.00")
    book(folder / "zones.ods", ZONE_HEADER, [*zone()[:3], area, *zone()[4:]])
    with pytest.warns(SuspiciousInputWarning) as caught:
        [approval] = read_approvals(folder)
    assert approval.wells[0].lon_text == "111:42:11.58"
    assert str(approval.zones[0].stated_area.value) == "0.0028"
    assert f"{folder / 'zones.ods'} [表] D2：单元格显示为 0.00，实际输入的是 0.0028，按 0.0028 读取" in [
        getattr(w.message, "zh", "") for w in caught
    ]
