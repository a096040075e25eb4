"""Tests of geo/tablekinds.py: tables under the names officers give them, told apart by their headers."""

from __future__ import annotations

import csv
import shutil
import warnings

import openpyxl
import pytest
from conftest import CORNER_SQUARE, DATA, csv_text, well, write_approval, zone

from geo import InputError, SuspiciousInputWarning, build_zones, check_zones, read_approvals
from geo.messages import problem_text
from geo.tablefiles import read_heads
from geo.tables import holds_approvals

SEED = DATA / "lvzhenghan-2023-92"


def _checked(folder) -> list[tuple]:
    """What a folder reads to, without the file names: each zone's source, level, figures and result."""
    check = check_zones(build_zones(read_approvals(folder)))
    return check[["source_code", "level", "area_m2", "status"]].fillna(-1.0).values.tolist()


def _rows(name: str) -> list[list[str]]:
    with open(SEED / name, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def _warned(folder) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        read_approvals(folder)
    return [str(w.message) for w in caught if issubclass(w.category, SuspiciousInputWarning)]


def test_tables_named_as_the_approval_printed_them_are_read_by_their_headers(tmp_path):
    folder = tmp_path / "岚县"
    folder.mkdir()
    shutil.copy(SEED / "wells.csv", folder / "附表1 水源井坐标表.csv")
    shutil.copy(SEED / "zones.csv", folder / "附表2 保护区划分表.csv")
    shutil.copy(SEED / "approval.csv", folder / "批复信息.csv")
    approvals = read_approvals(folder)
    assert [(a.doc_no, a.title[:9], len(a.wells), len(a.zones)) for a in approvals] == [
        ("吕政函〔2023〕92号", "吕梁市人民政府关于", 16, 22)
    ]
    assert approvals[0].wells[0].file == str(folder / "附表1 水源井坐标表.csv")
    assert _checked(folder) == _checked(SEED)
    assert holds_approvals(folder) and holds_approvals(tmp_path)


def test_one_workbook_with_a_sheet_of_zones_one_of_wells_and_one_of_the_approval(tmp_path):
    folder = tmp_path / "book"
    folder.mkdir()
    book = openpyxl.Workbook()
    book.active.title = "保护区"  # the zones first: a sheet is read as the kind its header makes, not by its place
    for name, title in (("zones.csv", "保护区"), ("wells.csv", "水源井"), ("approval.csv", "批复")):
        sheet = book[title] if title in book.sheetnames else book.create_sheet(title)
        for row in _rows(name):
            sheet.append(row)
    book.save(folder / "岚县饮用水水源保护区.xlsx")
    approvals = read_approvals(folder)
    assert [(len(a.wells), len(a.zones), a.issuer) for a in approvals] == [(16, 22, "吕梁市人民政府")]
    assert approvals[0].zones[0].file == f"{folder / '岚县饮用水水源保护区.xlsx'} [保护区]"
    assert _checked(folder) == _checked(SEED)


def test_a_corner_table_under_any_name(tmp_path):
    folder = write_approval(
        tmp_path / "a", [well()], [zone(level="二级", area="", perimeter="", rule="由4个拐点依次连线围成的区域")]
    )
    (folder / "wells.csv").rename(folder / "井.csv")
    (folder / "zones.csv").rename(folder / "保护区.csv")
    corners = [["测试〔2024〕1号", "T001", "二级", f"J{i}", lon, lat] for i, (lon, lat) in enumerate(CORNER_SQUARE, 1)]
    header = ["批复文号", "水源编码", "保护区级别", "点号", "经度", "纬度"]
    (folder / "附表3 拐点坐标.csv").write_text(csv_text(header, corners), encoding="utf-8")
    zones = build_zones(read_approvals(folder))
    assert zones["shape"].tolist() == ["corners"]
    assert zones["derivable"].tolist() == [True]


def test_two_unnamed_tables_of_one_kind_are_one_error_naming_both(tmp_path):
    folder = tmp_path / "两表"
    folder.mkdir()
    shutil.copy(SEED / "wells.csv", folder / "附表1.csv")
    shutil.copy(SEED / "zones.csv", folder / "附表2.csv")
    shutil.copy(SEED / "zones.csv", folder / "附表3.csv")
    with pytest.raises(InputError) as info:
        read_approvals(folder)
    assert [str(p) for p in info.value.problems] == [
        f"{folder}: expected one zones table per folder, found 附表2.csv and 附表3.csv (each has the header of a "
        "zones table; name the one to read zones.csv, .xlsx or .xls)"
    ]
    assert problem_text(info.value.problems[0]) == (
        f"{folder}：应为每个文件夹只有一张zones表，实际有 附表2.csv and 附表3.csv（表头都是zones表的表头；"
        "请把要读取的一张命名为 zones.csv、.xlsx 或 .xls）"
    )


def test_what_is_not_read_beside_the_tables_is_said(tmp_path):
    folder = tmp_path / "s"
    folder.mkdir()
    for name in ("wells.csv", "zones.csv"):
        shutil.copy(SEED / name, folder / name)
    shutil.copy(SEED / "zones.csv", folder / "核对结果.csv")  # a copy kept beside the named one
    (folder / "说明.csv").write_text("项目,内容\n说明,见批复\n", encoding="utf-8")
    (folder / "坏.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    (folder / "~$岚县.xlsx").write_bytes(b"an Excel lock file")  # not a table: passed over in silence
    (folder / "notes.txt").write_text("not a table file", encoding="utf-8")
    assert _warned(folder) == [
        f"{folder / '坏.xlsx'}: not read: expected an Excel workbook (.xlsx) that opens (BadZipFile: File is not a "
        "zip file)",
        f"{folder / '核对结果.csv'}: a zones table too, but the folder's is zones.csv; not read",
        f"{folder / '说明.csv'}: not read: its header is not one of an approval's tables (wells: coordinates, 经度 "
        "and 纬度 or X and Y, and a source, 水源编码 or 水源名称; zones: a source and 保护区级别 or a column per "
        "level; corner points: 点号, a level, a source and coordinates; the approval: 批复文号 with 标题, 发文机关 "
        "or 日期)",
    ]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        read_approvals(folder)
    assert [w.message.zh for w in caught][:2] == [
        f"{folder / '坏.xlsx'}：未读取：应为能打开的 Excel workbook (.xlsx)（BadZipFile: File is not a zip file）",
        f"{folder / '核对结果.csv'}：也是保护区表，但本文件夹的保护区表是 zones.csv，未读取",
    ]
    assert _checked(folder) == _checked(SEED)


def test_a_folder_whose_only_table_does_not_open_names_it(tmp_path):
    folder = tmp_path / "坏"
    folder.mkdir()
    (folder / "保护区.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    with pytest.raises(InputError) as info:
        read_approvals(folder)
    assert [str(p) for p in info.value.problems] == [
        f"{folder / '保护区.xlsx'}: expected an Excel workbook (.xlsx) that opens (BadZipFile: File is not a zip file)"
    ]


def test_project_lists_are_not_approval_tables():
    assert not holds_approvals(DATA / "projects")
    assert holds_approvals(DATA)


def test_a_big_csv_is_read_only_to_its_header_when_its_kind_is_looked_for(tmp_path):
    path = tmp_path / "big.csv"
    rows = [["批复文号", "水源编码", "经度", "纬度"]] + [
        ["A号", f"S{i}", "111°08′58.21″", "37°30′12.5″"] for i in range(20_000)
    ]
    path.write_text(csv_text(rows[0], rows[1:]), encoding="utf-8")
    assert path.stat().st_size > 256 * 1024
    heads = read_heads(path, 40)
    assert [len(grid) for _, grid in heads] == [40]
    assert heads[0][1][0] == rows[0] and heads[0][1][39] == rows[39]
    path.write_text(csv_text(rows[0], rows[1:]).replace(",", "\t"), encoding="utf-16")  # cut inside a character
    assert read_heads(path, 40)[0][1][:2] == rows[:2]


def test_folders_of_folders_at_any_depth_are_read_in_name_order(tmp_path):
    for county, seed in (("岚县", SEED), ("中阳县", DATA / "lvzhenghan-2023-93")):
        folder = tmp_path / "山西省" / "吕梁市" / county
        folder.mkdir(parents=True)
        for name in ("approval.csv", "wells.csv", "zones.csv"):
            shutil.copy(seed / name, folder / name)
    (tmp_path / "山西省" / ".git").mkdir()  # hidden folders are passed over
    approvals = read_approvals(tmp_path)
    assert [(a.doc_no, len(a.zones)) for a in approvals] == [("吕政函〔2023〕93号", 4), ("吕政函〔2023〕92号", 22)]
    assert holds_approvals(tmp_path / "山西省")


def test_table_files_given_one_by_one_are_read_together_as_their_folder(tmp_path):
    folder = tmp_path / "岚县"
    folder.mkdir()
    shutil.copy(SEED / "wells.csv", folder / "附表1 水源井坐标表.csv")
    shutil.copy(SEED / "zones.csv", folder / "附表2 保护区划分表.csv")
    shutil.copy(SEED / "zones.csv", folder / "附表2（旧）.csv")  # not given: not read, not an error
    wells, zones = folder / "附表1 水源井坐标表.csv", folder / "附表2 保护区划分表.csv"
    approvals = read_approvals(wells, zones)
    assert [(len(a.wells), len(a.zones)) for a in approvals] == [(16, 22)]
    assert read_approvals([zones, wells, wells]) == approvals  # each file once, in any order
    assert holds_approvals(wells) and not holds_approvals(DATA / "projects" / "parcels-2022-4-5.csv")
    with pytest.raises(InputError) as info:
        read_approvals(wells)
    assert [str(p) for p in info.value.problems] == [
        f"{wells}: expected a zones table (zones.csv, .xlsx or .xls) beside wells, or a level column or a column per "
        "level in this table"
    ]


def test_a_file_given_by_name_that_is_no_approval_table_is_an_error(tmp_path):
    notes = tmp_path / "说明.csv"
    notes.write_text("项目,内容\n说明,见批复\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_approvals(notes)
    assert [problem_text(p) for p in info.value.problems] == [
        f"{notes}：应为批复表格的表头（井表：经度、纬度或 X、Y 坐标列，及水源编码或水源名称列；保护区表：水源列，及保护区级别列"
        "或各级保护区的列；拐点坐标表：点号、级别、水源和坐标列；批复表：批复文号，及标题、发文机关或日期列）"
    ]


def test_a_spreadsheet_in_a_format_not_read_is_named_not_skipped(tmp_path):
    # WPS saves .et by default: the folder's wells.et was skipped without a word, and each zone then named a
    # source "not listed in the wells table".
    from conftest import ZONE_HEADER

    folder = tmp_path / "et"
    folder.mkdir()
    (folder / "wells.et").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 508)
    (folder / "zones.csv").write_text(csv_text(ZONE_HEADER, [zone()]), encoding="utf-8")
    with pytest.warns(SuspiciousInputWarning) as caught, pytest.raises(InputError):
        read_approvals(folder)
    assert f"{folder / 'wells.et'}：未读取：WPS 表格文件（.et）不是本工具能读取的格式，请另存为 .xlsx 或 .csv" in [
        getattr(w.message, "zh", "") for w in caught
    ]
    with pytest.raises(InputError) as info:
        read_approvals(folder / "wells.et")
    assert [problem_text(p) for p in info.value.problems] == [
        f"{folder / 'wells.et'}：应为表格文件（.csv、.xlsx、.xlsm、.xls 或 .ods；WPS 表格文件（.et）不是本工具能读取的格式，"
        "请另存为 .xlsx 或 .csv）"
    ]
