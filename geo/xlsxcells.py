"""Workbooks (.xlsx, .xlsm) read by calamine, each sheet first streamed once by expat: what openpyxl reads, faster.

Used by :mod:`geo.tablefiles`, which reads a workbook by openpyxl wherever
:func:`read_book` returns None.  openpyxl makes an object of every cell in
Python; calamine (Rust) reads the same sheet in a fraction of the time (a
register of 100,000 wells kept in Excel: see the README's Scale).  But
calamine does not say a cell's number format, which decides the decimals a
figure was printed with (1099 shown as ``1099.0``), and it allocates the
whole rectangle of a sheet at once, so a workbook whose one cell sits at
XFD1048576 would end the process.  So each sheet's XML is first streamed by
expat, in constant memory, for its extent, the formats of its numbers and
what calamine cannot give as openpyxl does.  Where it meets any of that —
an error cell (``#N/A``), a formula without its result, a time or hours
format, a date before 1900-03-01 or in the 1904 system, an integer past
2⁵³, a cell without its reference, a document type declaration — the
workbook is left to openpyxl.
"""

from __future__ import annotations

import datetime
import posixpath
import zipfile
from pathlib import Path
from xml.parsers import expat

__all__ = ["read_book"]

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
_RELATIONSHIP_IDS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships}id",
    "http://purl.oclc.org/ooxml/officeDocument/relationships}id",
)
#: Dates from here on are the same day in every reader (Excel's serial 61 and after: past its phantom 1900-02-29).
_FIRST_SAFE_DATE = datetime.date(1900, 3, 1)
#: Past this a float no longer holds every integer: ``<v>12345678901234567890</v>`` is an int to openpyxl.
_EXACT_INTEGERS = 2.0**53


class _NotHere(Exception):
    """Something this reader does not read as openpyxl does: the workbook is read by openpyxl."""


def read_book(path: Path, number_text, check_size, text_of) -> list[tuple[str, list[list[str]], dict, bool]] | None:
    """Each worksheet as (title, grid of texts, merged cells, hidden), in the workbook's order; None to use openpyxl.

    ``number_text(value, number_format, where)`` and ``text_of(value)`` make a cell's text as
    :mod:`geo.tablefiles` does for openpyxl's cells; ``check_size(rows, columns, title)`` refuses a sheet
    too big, before calamine is given it.
    """
    try:
        import python_calamine
    except ImportError:  # pragma: no cover - a dependency; openpyxl reads every workbook without it
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            sheets, date1904 = _worksheets(archive)
            if date1904:
                return None
            formats = _number_formats(archive)
            if "0" in formats.decimals or "0" in formats.dates or "0" in formats.hours:
                return None  # every cell without a style of its own takes that format
            scans = [(title, hidden, _scan(archive, part, formats)) for title, part, hidden in sheets]
        for title, _hidden, scan in scans:
            check_size(scan.rows, scan.columns, title)
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        try:
            out = [
                (
                    title,
                    *_grid(book.get_sheet_by_name(title), scan, path, title, number_text, text_of, check_size),
                    hidden,
                )
                for title, hidden, scan in scans
            ]
        finally:
            book.close()
    except (
        _NotHere,
        KeyError,
        ValueError,
        OSError,
        zipfile.BadZipFile,
        expat.ExpatError,
        python_calamine.CalamineError,
    ):
        return None  # openpyxl says what is wrong with the file, or reads what this does not
    return out


def _parser(start, end=None):
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = _refuse_doctype  # no entities: nothing to expand
    return parser


def _refuse_doctype(*_args):
    raise _NotHere("a document type declaration")


def _local(name: str) -> tuple[str, str]:
    space, _, local = name.rpartition("}")
    return space, local


def _parse(archive: zipfile.ZipFile, part: str, parser) -> None:
    with archive.open(part) as stream:
        parser.ParseFile(stream)


def _worksheets(archive: zipfile.ZipFile) -> tuple[list[tuple[str, str, bool]], bool]:
    """(title, part, hidden) of each worksheet, in order, and whether the workbook counts dates from 1904."""
    found: list[tuple[str, str, bool]] = []
    date1904 = [False]

    def start(name, attrs):
        _, local = _local(name)
        if local == "sheet":
            rid = next((attrs[k] for k in _RELATIONSHIP_IDS if k in attrs), None)
            if rid is None:
                raise _NotHere("a sheet without its relationship")
            found.append((attrs["name"], rid, attrs.get("state", "visible") != "visible"))
        elif local == "workbookPr" and attrs.get("date1904", "false").lower() in ("1", "true"):
            date1904[0] = True

    _parse(archive, "xl/workbook.xml", _parser(start))
    targets: dict[str, tuple[str, str]] = {}

    def relation(name, attrs):
        if _local(name)[1] == "Relationship":
            targets[attrs["Id"]] = (attrs["Target"], attrs.get("Type", ""))

    _parse(archive, "xl/_rels/workbook.xml.rels", _parser(relation))
    sheets = []
    for title, rid, hidden in found:
        target, kind = targets[rid]
        if not kind.endswith("/worksheet"):
            continue  # a chart sheet or a dialog sheet: no cells (openpyxl's worksheets leave them out too)
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        sheets.append((title, part, hidden))
    return sheets, date1904[0]


class _Formats:
    """What each cell style (``s``) does to a number: shows decimals (its format), shows a date, or shows hours."""

    def __init__(self, decimals: dict[str, str], dates: set[str], hours: set[str]):
        self.decimals, self.dates, self.hours = decimals, dates, hours


def _number_formats(archive: zipfile.ZipFile) -> _Formats:
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

    from geo.tablefiles import decimals_shown, shows_hours

    codes: dict[int, str] = dict(BUILTIN_FORMATS)
    styles: list[int] = []
    within = [False]

    def start(name, attrs):
        _, local = _local(name)
        if local == "numFmt":
            codes[int(attrs["numFmtId"])] = attrs.get("formatCode", "")
        elif local == "cellXfs":
            within[0] = True
        elif local == "xf" and within[0]:
            styles.append(int(attrs.get("numFmtId", "0")))

    def end(name):
        if _local(name)[1] == "cellXfs":
            within[0] = False

    if "xl/styles.xml" in archive.namelist():
        _parse(archive, "xl/styles.xml", _parser(start, end))
    decimals, dates, hours = {}, set(), set()
    for index, number_format in enumerate(styles):
        code = codes.get(number_format, "")
        if shows_hours(code):
            hours.add(str(index))
        elif is_date_format(code):
            dates.add(str(index))
        elif decimals_shown(code):
            decimals[str(index)] = code
    return _Formats(decimals, dates, hours)


class _Scan:
    """One sheet's extent (as openpyxl counts it: every cell element), and its cells of a date or decimals format."""

    def __init__(self):
        self.rows = 0
        self.columns = 0
        self.decimals: dict[tuple[int, int], str] = {}
        self.dates: set[tuple[int, int]] = set()
        #: Cells holding a formula: one whose result calamine reads as empty is left to openpyxl.
        self.formulas: list[tuple[int, int]] = []


_COLUMNS: dict[str, int] = {}


def _column(letters: str) -> int:
    """A column's number from its letters (A is 1), checked: one to three capitals."""
    if not (1 <= len(letters) <= 3 and letters.isascii() and letters.isupper() and letters.isalpha()):
        raise _NotHere(f"a cell reference of letters and a row number, not {letters!r}")
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    _COLUMNS[letters] = number
    return number


def _scan(archive: zipfile.ZipFile, part: str, formats: _Formats) -> _Scan:
    """One pass of expat over a sheet's XML with a callback for each element's start and none for text (4.5
    million for 100,000 wells), which does as little as it can: names compared as the sheet writes them."""
    scan = _Scan()
    decimals, dates, hours = formats.decimals, formats.dates, formats.hours
    parser = expat.ParserCreate()
    rows = columns = 0
    formula = False
    at = (0, 0)

    def root(name, attrs):  # <worksheet> or <x:worksheet>, in the spreadsheet's namespace
        prefix, _, local = name.rpartition(":")
        if local != "worksheet" or attrs.get(f"xmlns:{prefix}" if prefix else "xmlns") not in (_MAIN, _STRICT):
            raise _NotHere("a sheet whose root is not a worksheet of SpreadsheetML")
        names = [f"{prefix}:{local}" if prefix else local for local in ("c", "f", "mergeCell")]
        parser.StartElementHandler = cells(*names)

    def cells(c_name, f_name, merge_name):
        def start(name, attrs):
            nonlocal rows, columns, formula, at
            if name == c_name:
                reference = attrs["r"]  # none: KeyError, left to openpyxl
                letters = reference.rstrip("0123456789")
                column = _COLUMNS.get(letters) or _column(letters)
                row = int(reference[len(letters) :])
                if row > rows:
                    rows = row
                if column > columns:
                    columns = column
                if attrs.get("t") == "e":
                    raise _NotHere("an error cell")
                style = attrs.get("s")
                if style is not None:
                    if style in hours:
                        raise _NotHere("a time or hours format")
                    if style in decimals:
                        scan.decimals[(row - 1, column - 1)] = decimals[style]
                    elif style in dates:
                        scan.dates.add((row - 1, column - 1))
                formula, at = False, (row - 1, column - 1)
            elif name == f_name and not formula:
                formula = True
                scan.formulas.append(at)
            elif name == merge_name:  # merged cells count in the extent, as openpyxl counts them
                for corner in attrs["ref"].split(":"):
                    letters = corner.rstrip("0123456789")
                    rows = max(rows, int(corner[len(letters) :]))
                    columns = max(columns, _COLUMNS.get(letters) or _column(letters))

        return start

    parser.StartElementHandler = root
    parser.StartDoctypeDeclHandler = _refuse_doctype
    _parse(archive, part, parser)
    scan.rows, scan.columns = rows, columns
    return scan


def _grid(sheet, scan: _Scan, path: Path, title: str, number_text, text_of, check_size) -> tuple[list[list[str]], dict]:
    values = sheet.to_python(skip_empty_area=False)
    merged_ranges = sheet.merged_cell_ranges or []
    rows = max([scan.rows, 1, len(values), *(r1 + 1 for (_r0, _c0), (r1, _c1) in merged_ranges)])
    columns = max([scan.columns, 1, *map(len, values), *(c1 + 1 for (_r0, _c0), (_r1, c1) in merged_ranges)])
    check_size(rows, columns, title)  # merged cells count, as openpyxl counts them
    if not scan.rows and not merged_ranges and not any(values):
        return [], {}  # a sheet without a cell: no row, as openpyxl has it
    for r, c in scan.formulas:
        if r >= len(values) or c >= len(values[r]) or values[r][c] == "":
            raise _NotHere("a formula whose result the file does not keep (or keeps empty)")
    dates = scan.dates
    grid = []
    for r in range(rows):
        row = values[r] if r < len(values) else ()
        texts = [""] * columns
        for c, value in enumerate(row):
            if type(value) is str:
                texts[c] = text_of(value) if value else ""
                continue
            if isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
                if (r, c) not in dates or isinstance(value, (datetime.time, datetime.timedelta)):
                    raise _NotHere("a date or time where openpyxl reads a number")
                if value < _as_date(_FIRST_SAFE_DATE, value):
                    raise _NotHere("a date before 1900-03-01")
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                if (r, c) in dates:
                    raise _NotHere("a number where openpyxl reads a date")
                if not -_EXACT_INTEGERS < value < _EXACT_INTEGERS:
                    raise _NotHere("a number past 2^53, which openpyxl may read as the exact integer written")
            texts[c] = text_of(value)
        grid.append(texts)
    for (r, c), number_format in scan.decimals.items():
        value = values[r][c] if r < len(values) and c < len(values[r]) else ""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            grid[r][c] = number_text(value, number_format, f"{path} [{title}] {_a1(r, c)}")
    merged = {}
    for (r0, c0), (r1, c1) in merged_ranges:
        top = grid[r0][c0]
        span = f"{_a1(r0, c0)}:{_a1(r1, c1)}"
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                grid[r][c] = top
                if (r, c) != (r0, c0):
                    merged[(r + 1, c)] = span
    return grid, merged


def _a1(r: int, c: int) -> str:
    from openpyxl.utils.cell import get_column_letter

    return f"{get_column_letter(c + 1)}{r + 1}"


def _as_date(day: datetime.date, like: datetime.date) -> datetime.date:
    return datetime.datetime.combine(day, datetime.time()) if isinstance(like, datetime.datetime) else day
