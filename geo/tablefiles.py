"""Table files: a CSV file or a workbook's sheets read into grids of cell texts.

Used by :mod:`geo.sheets`.  CSV in UTF-8 (with or without BOM), GBK/GB18030
or Excel's UTF-16 "Unicode text"; ``.xlsx`` and legacy ``.xls`` workbooks,
every sheet, visible ones first, a merged cell's value in every cell it
covers.  A number is the value typed, its cell format only restoring
printed decimals (1099 shown as ``1099.0``).
"""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import re
import warnings
from pathlib import Path

from geo.errors import SuspiciousInputWarning

__all__ = ["MAX_COLUMNS", "MAX_ROWS", "TableFileProblem", "read_grids", "read_heads"]

#: The most a sheet may hold: approval tables are far smaller, and a file
#: claiming more (a workbook whose one cell sits at XFD1048576) is refused, not read.
MAX_ROWS = 2_000_000
MAX_COLUMNS = 200


class TableFileProblem(Exception):
    """A table file that cannot be read as a table; its message is what was expected."""


def read_grids(path: Path) -> list[tuple[str, list[list[str]], dict, bool]]:
    """The file's tables as (label, grid of texts, merged cells, hidden): one for a CSV, one a sheet for a workbook.

    Raises
    ------
    TableFileProblem
        For a file that does not open, decode or parse.
    """
    if path.suffix.lower() == ".csv":
        return [(str(path), _read_csv(path), {}, False)]
    return _read_book(path)


def _read_csv(path: Path) -> list[list[str]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TableFileProblem(f"a readable file ({exc.strerror})") from exc
    return _csv_rows(_decode(data))


#: Characters no one sees that stick to cells: a byte-order mark inside the text (two CSV files joined with
#: ``copy a.csv+b.csv`` or ``cat``), zero-width spaces and joiners (text pasted from a web page).
_INVISIBLE = ("\ufeff", "\u200b", "\u200c", "\u200d", "\u2060")
#: A cell may be long (every corner point of a zone in one cell): far above the csv module's 128 KiB default.
csv.field_size_limit(2**31 - 1)


def visible(text: str) -> str:
    """``text`` without the invisible characters of :data:`_INVISIBLE` (they made "吕政函…" another approval)."""
    for char in _INVISIBLE:
        if char in text:
            text = text.replace(char, "")
    return text


def _csv_rows(text: str, most: int | None = None) -> list[list[str]]:
    """The rows of a CSV text (tab-separated where its first line has tabs and no comma), at most ``most``."""
    text = visible(text)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    try:
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return list(rows if most is None else itertools.islice(rows, most))
    except csv.Error as exc:
        raise TableFileProblem(f"well-formed CSV ({exc})") from exc


def read_heads(path: Path, rows: int, most_bytes: int = 256 * 1024) -> list[tuple[str, list[list[str]]]]:
    """The first ``rows`` rows of each of the file's tables, as (label, grid): enough to find a header.

    A CSV bigger than ``most_bytes`` is read only that far (whole where the cut falls inside a character);
    a workbook is read whole (merged cells make its headers).

    Raises
    ------
    TableFileProblem
        For a file that does not open, decode or parse.
    """
    if path.suffix.lower() == ".csv":
        try:
            with open(path, "rb") as handle:
                data = handle.read(most_bytes + 1)
        except OSError as exc:
            raise TableFileProblem(f"a readable file ({exc.strerror})") from exc
        if len(data) > most_bytes:
            try:
                return [(str(path), _csv_rows(_decode(data[: data.rfind(b"\n") + 1]), rows))]
            except TableFileProblem:
                pass  # cut inside a character (UTF-16): read whole below
        return [(str(path), _read_csv(path)[:rows])]
    return [(label, grid[:rows]) for label, grid, _merged, _hidden in _read_book(path)]


def _decode(data: bytes) -> str:
    """The text of a CSV file, decoded strictly in one encoding."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        # Excel's "Unicode text" is UTF-16 with a byte-order mark, separated by tabs.
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise TableFileProblem(f"UTF-16 text throughout (bytes at offset {exc.start} are not)") from exc
    if b"\x00" in data:
        raise TableFileProblem(
            f"a text file (CSV in UTF-8 or GBK), found binary data (a NUL byte at offset {data.index(0)})"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        decoded = before.decode("utf-8", errors="ignore")
        if sum(1 for ch in decoded if "\u4e00" <= ch <= "\u9fff") >= 4:
            # Valid UTF-8 with Chinese text up to here: the file mixes encodings.
            row = before.count(b"\n") + 1
            raise TableFileProblem(
                f"one encoding throughout; the file is UTF-8 up to byte {exc.start} (row {row}), where bytes "
                f"{data[exc.start : exc.start + 4].hex(' ')} are not UTF-8 (a row pasted from a GBK file?)"
            ) from exc
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        raise TableFileProblem(
            f"text in UTF-8, UTF-8 with BOM or GBK/GB18030 (byte {exc.start}, row {row}, is neither)"
        ) from exc


#: Each workbook suffix: its reader and what it is, for the message when it does not open.
_BOOKS = {
    ".xls": ("_read_xls", "legacy Excel workbook (.xls)"),
    ".xlsx": ("_read_xlsx", "Excel workbook (.xlsx)"),
    ".xlsm": ("_read_xlsx", "Excel workbook (.xlsm)"),
    ".ods": ("_read_ods", "OpenDocument spreadsheet (.ods)"),
}


def _read_book(path: Path) -> list[tuple[str, list[list[str]], dict, bool]]:
    """Each sheet as (label, grid, merged cells, hidden), visible sheets first."""
    name, kind = _BOOKS[path.suffix.lower()]
    if name == "_read_ods":
        from geo.odsfiles import read_ods as reader
    else:
        reader = globals()[name]
    try:
        sheets = reader(path)
    except TableFileProblem:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure to parse a foreign file is the user's input problem
        raise TableFileProblem(f"an {kind} that opens ({type(exc).__name__}: {exc})") from exc
    labelled = [
        (str(path) if len(sheets) == 1 else f"{path} [{title}]", grid, merged, hidden)
        for title, grid, merged, hidden in sheets
    ]
    return sorted(labelled, key=lambda s: s[3])


def _read_xlsx(path: Path):
    from geo.xlsxcells import read_book

    fast = read_book(path, _number_text, _check_size, _value_text)
    if fast is not None:
        return fast
    import openpyxl

    book = openpyxl.load_workbook(path, data_only=True)
    formulas = _unsaved_formulas(path)
    try:
        out = []
        for sheet in book.worksheets:
            _check_size(sheet.max_row, sheet.max_column, sheet.title)
            grid = [[_xlsx_text(cell, path, sheet.title) for cell in row] for row in sheet.iter_rows()]
            _show_formulas(grid, formulas.get(sheet.title, {}), path, sheet.title)
            merged = {}
            for span in sheet.merged_cells.ranges:
                top = grid[span.min_row - 1][span.min_col - 1] if span.min_row <= len(grid) else ""
                for r in range(span.min_row, span.max_row + 1):
                    for c in range(span.min_col, span.max_col + 1):
                        if r <= len(grid) and c <= len(grid[r - 1]):
                            grid[r - 1][c - 1] = top
                            if (r, c) != (span.min_row, span.min_col):
                                merged[(r, c - 1)] = span.coord
            out.append((sheet.title, grid, merged, sheet.sheet_state != "visible"))
        return out
    finally:
        book.close()


def _unsaved_formulas(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Cells holding a formula whose result the file does not keep (a workbook written by a program, never
    opened in Excel or WPS): sheet title → (row, column) from 0 → formula.  Empty, at the cost of one pass
    over the sheets' XML, when the workbook has no formula at all."""
    import zipfile

    import openpyxl

    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        if not any(_holds(archive, name, b"<f") for name in names):
            return {}
    found: dict[str, dict[tuple[int, int], str]] = {}
    cached = openpyxl.load_workbook(path, data_only=True, read_only=True)
    written = openpyxl.load_workbook(path, data_only=False, read_only=True)
    try:
        for sheet in written.worksheets:
            values = cached[sheet.title].iter_rows(values_only=True)
            for r, (row, kept) in enumerate(zip(sheet.iter_rows(values_only=True), values, strict=False)):
                for c, value in enumerate(row):
                    if isinstance(value, str) and value.startswith("=") and (c >= len(kept) or kept[c] is None):
                        found.setdefault(sheet.title, {})[(r, c)] = value
    finally:
        cached.close()
        written.close()
    return found


def _holds(archive, name: str, needle: bytes, chunk: int = 1 << 20) -> bool:
    """Whether a member of the archive holds ``needle``, read a chunk at a time."""
    tail = b""
    with archive.open(name) as member:
        while block := member.read(chunk):
            if needle in tail + block:
                return True
            tail = block[-len(needle) :]
    return False


def _show_formulas(grid: list[list[str]], formulas: dict[tuple[int, int], str], path: Path, title: str) -> None:
    """Each formula without its result as the cell's text, so the reader reports it where it matters; warned once."""
    if not formulas:
        return
    for (r, c), formula in formulas.items():
        if r < len(grid) and c < len(grid[r]):
            grid[r][c] = formula
    (r, c), formula = next(iter(formulas.items()))
    cell = f"{_a1(r, c)}"
    warnings.warn(
        SuspiciousInputWarning(
            f"{path} [{title}]: {len(formulas)} cell(s) hold a formula the file keeps no result of, such as {cell} "
            f"{formula} (open and save the workbook in Excel or WPS to keep the results)",
            zh=f"{path} [{title}]：{len(formulas)} 个单元格是公式而文件中没有保存其计算结果，如 {cell} {formula}"
            "（请在 Excel 或 WPS 中打开并保存一次）",
        ),
        stacklevel=4,
    )


def _check_size(rows: int, columns: int, title: str) -> None:
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise TableFileProblem(
            f"a sheet of at most {MAX_ROWS} rows and {MAX_COLUMNS} columns, but sheet {title!r} reaches row {rows}, column {columns}"
        )


def _value_text(value) -> str:
    """A cell's text from its value alone: what :func:`_xlsx_text` makes of it where the format adds nothing."""
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return _number_text(value, "", "")
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]  # a date
    return visible(str(value))


def decimals_shown(number_format: str) -> bool:
    """Whether a cell's number format shows decimals, which :func:`_number_text` then gives the number."""
    return _DECIMALS_FORMAT.fullmatch(number_format.split(";")[0]) is not None


def _xlsx_text(cell, path: Path, sheet: str) -> str:
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    number_format = getattr(cell, "number_format", "") or ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _number_text(value, number_format, f"{path} [{sheet}] {cell.coordinate}")
    hours = _hours(value, number_format)
    if hours is not None:
        return _hours_text(hours)
    return _value_text(value)


#: Day 0 of Excel's 1900 date system, for serials below 60 (before its phantom 1900-02-29).
_EXCEL_DAY_ZERO = datetime.datetime(1899, 12, 31)


def _hours(value, number_format: str) -> float | None:
    """Hours of a time cell: a coordinate typed 111:08:58.21 is to Excel 111 hours 8 minutes 58.21 seconds.

    A duration, a time of day, or a date-time whose format shows hours and
    no date (a serial of a few days); None for dates.
    """
    if isinstance(value, datetime.timedelta):
        return value.total_seconds() / 3600
    if isinstance(value, datetime.time):
        return value.hour + value.minute / 60 + (value.second + value.microsecond / 1e6) / 3600
    if isinstance(value, datetime.datetime) and shows_hours(number_format) and value < datetime.datetime(1900, 3, 1):
        return (value - _EXCEL_DAY_ZERO).total_seconds() / 3600
    return None


def shows_hours(number_format: str) -> bool:
    """Whether a cell's number format shows hours and no date: a coordinate typed 111:08:58.21 is Excel's hours."""
    shows = number_format.lower()
    return "h" in shows and not any(t in shows for t in "yd")


def _hours_text(hours: float) -> str:
    """``111:08:58.21``: hours, minutes and seconds (to 1e-4 s, trailing zeros dropped), as the cell shows them."""
    seconds = round(hours * 3600, 4)
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{int(h)}:{int(m):02d}:" + f"{s:07.4f}".rstrip("0").rstrip(".")


_DECIMALS_FORMAT = re.compile(r"[#,0]*0\.(0+)(?:[^0#].*)?")


def _number_text(value: float | int, number_format: str, where: str) -> str:
    """The number typed; the format only adds the decimals it shows (1099 → "1099.0")."""
    typed = str(int(value)) if isinstance(value, int) or float(value).is_integer() else repr(float(value))
    match = _DECIMALS_FORMAT.fullmatch(number_format.split(";")[0])
    if not match:
        return typed
    shown = len(match[1])
    decimals = len(typed.split(".")[1]) if "." in typed else 0
    if decimals > shown:
        warnings.warn(
            SuspiciousInputWarning(
                f"{where}: the cell shows {float(value):.{shown}f} (format {number_format}) but holds {typed}; {typed} is used",
                zh=f"{where}：单元格显示为 {float(value):.{shown}f}（格式 {number_format}），实际输入的是 {typed}，按 {typed} 读取",
            ),
            stacklevel=2,
        )
        return typed
    return f"{float(value):.{shown}f}"


def _read_xls(path: Path):
    import xlrd

    book = xlrd.open_workbook(str(path), formatting_info=True)
    out = []
    for sheet in book.sheets():
        _check_size(sheet.nrows, sheet.ncols, sheet.name)
        grid = []
        for r in range(sheet.nrows):
            grid.append([_xls_text(book, sheet, r, c, path) for c in range(sheet.ncols)])
        merged = {}
        for rlo, rhi, clo, chi in sheet.merged_cells:
            top = grid[rlo][clo]
            for r in range(rlo, rhi):
                for c in range(clo, chi):
                    grid[r][c] = top
                    if (r, c) != (rlo, clo):
                        merged[(r + 1, c)] = f"{_a1(rlo, clo)}:{_a1(rhi - 1, chi - 1)}"
        out.append((sheet.name, grid, merged, sheet.visibility != 0))
    return out


def _xls_text(book, sheet, r: int, c: int, path: Path) -> str:
    import xlrd

    cell = sheet.cell(r, c)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if cell.ctype == xlrd.XL_CELL_DATE:
        xf = book.xf_list[cell.xf_index]
        fmt = (book.format_map.get(xf.format_key).format_str or "") if xf.format_key in book.format_map else ""
        if shows_hours(fmt):
            return _hours_text(cell.value * 24)
        return xlrd.xldate_as_datetime(cell.value, book.datemode).date().isoformat()
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        xf = book.xf_list[cell.xf_index]
        fmt = book.format_map.get(xf.format_key)
        return _number_text(cell.value, fmt.format_str if fmt else "", f"{path} [{sheet.name}] {_a1(r, c)}")
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return str(bool(cell.value))
    return visible(str(cell.value))


def _a1(r: int, c: int) -> str:
    letters = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{r + 1}"
