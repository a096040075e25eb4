"""Tests of geo/xlsxcells.py: workbooks read by calamine give what openpyxl gives, or are left to openpyxl."""

import datetime
import warnings

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from geo import tablefiles
from geo.tablefiles import TableFileProblem, read_grids
from geo.xlsxcells import read_book


def _fast(path):
    return read_book(path, tablefiles._number_text, tablefiles._check_size, tablefiles._value_text)


def _by_openpyxl(path, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr("geo.xlsxcells.read_book", lambda *args: None)
        return read_grids(path)


def _read_both(path, monkeypatch):
    """(what calamine's path gives, what openpyxl's gives), each with the warnings it gave."""
    out = []
    for read in (lambda: read_grids(path), lambda: _by_openpyxl(path, monkeypatch)):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            out.append((read(), [str(w.message) for w in caught]))
    return out


def _register(path, sheets=1):
    """A workbook as an officer's register comes: text, numbers in formats, dates, merged cells, a hidden sheet."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "水源井"
    sheet.append(["批复文号", "县区", "水源编码", "井深（m）", "面积（km2）", "周长（m）", "批复日期", "备注"])
    for i in range(1, 120):
        sheet.append(
            [
                "吕政函〔2023〕92号",
                "离石区",
                f"S{i:04d}",
                120 + i,
                round(0.0028 * i, 4),
                1099.0 if i % 7 == 0 else 188.4,
                datetime.datetime(2023, 5, 6 + i % 20),
                "  前后有空格  " if i % 11 == 0 else ("第一行\n第二行" if i % 13 == 0 else None),
            ]
        )
        sheet.cell(row=i + 1, column=5).number_format = "0.0000"  # area shown to four places
        sheet.cell(row=i + 1, column=6).number_format = "0.0"  # 1099 shown as 1099.0
        sheet.cell(row=i + 1, column=7).number_format = "yyyy-mm-dd" if i % 2 else 'yyyy"年"m"月"d"日"'
    sheet["D20"].number_format = "#,##0.00"
    sheet["E30"] = 0.00284
    sheet["E30"].number_format = "0.000"  # shows fewer decimals than typed: warned in both
    sheet["B40"] = CellRichText(["离石", TextBlock(InlineFont(b=True), "区")])
    sheet["C50"] = "S\u200b0049"  # a zero-width space pasted from a web page
    sheet["H60"] = True
    sheet["H61"] = -0.0
    sheet["H62"] = 1e-7
    sheet["H63"] = 123456789012345
    sheet["H64"] = (
        "=文本"  # text that starts with '=' as a formula would, stored as a formula by openpyxl: its result kept? no
    )
    sheet["H64"].data_type = "s"
    sheet.merge_cells("B2:B10")  # 县区 merged down
    sheet.merge_cells("K130:L140")  # merged beyond the values: the grid reaches it
    sheet["K130"] = "合并"
    sheet["AB3"].number_format = "0.00"  # a styled empty cell: the grid reaches it, as openpyxl's does
    for n in range(1, sheets):
        other = book.create_sheet(f"附表{n}")
        other["A1"] = "说明"
        other["C5"] = n
        other.sheet_state = "hidden" if n == 1 else ("veryHidden" if n == 2 else "visible")
    book.create_sheet("空表")
    book.save(path)
    return path


def test_a_register_in_excel_is_read_as_openpyxl_reads_it(tmp_path, monkeypatch):
    path = _register(tmp_path / "wells.xlsx", sheets=4)
    assert _fast(path) is not None  # calamine read it
    (fast, fast_warned), (slow, slow_warned) = _read_both(path, monkeypatch)
    assert fast == slow
    assert fast_warned == slow_warned and len(fast_warned) == 1  # E30 shows 0.003 but holds 0.00284
    grid = dict((label.split(" [")[1][:-1], g) for label, g, _merged, _hidden in fast)["水源井"]
    assert grid[7][5] == "1099.0" and grid[1][5] == "188.4" and grid[1][4] == "0.0028"
    assert grid[1][6] == "2023-05-07" and grid[2][6] == "2023-05-08"
    assert grid[9][1] == "离石区" and grid[49][2] == "S0049"  # merged down; the zero-width space gone
    assert len(grid) == 140 and {len(row) for row in grid} == {28}  # to L140 merged and AB3 styled


@pytest.mark.parametrize(
    "cell, value, number_format",
    [
        ("D4", "#N/A", "General"),  # an error cell
        ("D4", datetime.time(12, 30, 15), "h:mm:ss"),  # a time of day
        ("D4", datetime.timedelta(hours=111, minutes=8, seconds=58.21), "[h]:mm:ss.00"),  # a coordinate typed as hours
        ("D4", "=3.14*30^2/1000000", "General"),  # a formula the file keeps no result of
        ("D4", datetime.datetime(1900, 1, 15), "yyyy-mm-dd"),  # before Excel's phantom 1900-02-29
        ("D4", 12345678901234567890, "General"),  # an integer no float holds, written whole by a program
    ],
)
def test_what_calamine_would_read_otherwise_is_left_to_openpyxl(tmp_path, monkeypatch, cell, value, number_format):
    book = openpyxl.Workbook()
    book.active["A1"] = "头"
    book.active[cell] = value
    book.active[cell].number_format = number_format
    if value == "#N/A":
        book.active[cell].data_type = "e"
    path = tmp_path / "t.xlsx"
    book.save(path)
    assert _fast(path) is None
    (fast, fast_warned), (slow, slow_warned) = _read_both(path, monkeypatch)
    assert (fast, fast_warned) == (slow, slow_warned)


def test_a_workbook_whose_one_cell_sits_at_the_last_column_and_row_is_refused_before_calamine_is_given_it(tmp_path):
    book = openpyxl.Workbook()
    book.active["A1"] = "头"
    book.active["XFD1048576"] = "x"  # calamine would allocate every cell up to it, 2^34 of them, and abort
    path = tmp_path / "far.xlsx"
    book.save(path)
    with pytest.raises(TableFileProblem) as info:
        _fast(path)
    assert str(info.value) == (
        "a sheet of at most 2000000 rows and 200 columns, but sheet 'Sheet' reaches row 1048576, column 16384"
    )


def test_a_merged_range_reaching_past_the_limit_is_refused_as_openpyxl_refuses_it(tmp_path, monkeypatch):
    book = openpyxl.Workbook()
    book.active["A1"] = "头"
    book.active.merge_cells("A1:GZ2")  # 208 columns
    path = tmp_path / "wide.xlsx"
    book.save(path)
    messages = []
    for read in (lambda: read_grids(path), lambda: _by_openpyxl(path, monkeypatch)):
        with pytest.raises(TableFileProblem) as info:
            read()
        messages.append(str(info.value))
    assert (
        messages[0]
        == messages[1]
        == ("a sheet of at most 2000000 rows and 200 columns, but sheet 'Sheet' reaches row 2, column 208")
    )


def test_a_file_that_is_no_workbook_is_left_to_openpyxl_to_name(tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"PK\x03\x04 not a zip at all")
    assert _fast(path) is None
