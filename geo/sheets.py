"""Sheets: table files as officers save them, read into rows of cells.

CSV in UTF-8 (with or without BOM), GBK/GB18030 or Excel's UTF-16 "Unicode
text"; ``.xlsx`` and legacy ``.xls`` workbooks.  In a workbook the sheet whose
headers fit is used (a hidden one only with a warning); title rows above the
header are skipped; a merged cell's value applies to every row it covers; a
number is the value typed, its cell format only restoring printed decimals
(1099 shown as ``1099.0``).  Headers are matched through the tables of
:mod:`geo.columns`, with a bracketed unit kept beside the column.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from geo.cells import fold, parse_level, split_header, split_part
from geo.columns import LEVELS, OTHER_LEVELS, REQUIRED, TABLES
from geo.errors import Problem, SuspiciousInputWarning, ValueProblem

__all__ = ["SUFFIXES", "Row", "Sheet", "find_table", "read_sheet"]

#: Table files, in the order looked for.
SUFFIXES = (".csv", ".xlsx", ".xls")
#: Rows searched for the header: title rows above it are skipped.
_HEADER_SEARCH_ROWS = 30
#: The most a sheet and a cell may hold: approval tables are far smaller, and a file
#: claiming more (a workbook whose one cell sits at XFD1048576) is refused, not read.
MAX_ROWS = 2_000_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 10_000


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its spreadsheet number (the header's row is counted), cells by canonical column."""

    number: int
    values: dict[str, str]
    merged: dict[str, str] = field(default_factory=dict)  # canonical column → "A2:A4"
    faulty: frozenset[str] = frozenset()  # columns whose cells were reported here (and blanked)
    #: Headers and units of this row's own columns where they are not the sheet's: the level's columns of a
    #: zones table with a column per level (see :func:`_unpivoted`).
    headers: dict[str, str] | None = None
    units: dict[str, str] | None = None


@dataclass(frozen=True)
class Sheet:
    """The rows of one table, with its headers as written and their bracketed units."""

    file: str
    rows: tuple[Row, ...]
    written: dict[str, str]
    units: dict[str, str]
    #: A zones table with a column per level, read as a row per level (:func:`_unpivoted`).
    by_level: bool = False

    def column(self, name: str, row: Row | None = None) -> str:
        """The header of column ``name`` as the user wrote it (in ``row``, where its columns are its own), for messages."""
        if row is not None and row.headers and name in row.headers:
            return row.headers[name]
        return self.written.get(name, name)

    def unit(self, name: str, row: Row | None = None) -> str:
        """The bracketed unit of column ``name``'s header (in ``row``, where its columns are its own)."""
        if row is not None and row.units and name in row.units:
            return row.units[name]
        return self.units.get(name, "")


class _FileProblem(Exception):
    pass


def find_table(folder: Path, stem: str, problems: list[Problem]) -> Path | None:
    """The ``stem`` table of ``folder``; two of them (wells.csv and wells.xlsx) is a problem."""
    if not folder.is_dir():
        return None
    found = [folder / f"{stem}{s}" for s in SUFFIXES if (folder / f"{stem}{s}").is_file()]
    if len(found) > 1:
        names = " and ".join(p.name for p in found)
        problems.append(
            Problem(str(found[1]), None, None, None, f"one {stem} table per folder, found {names} (remove one)")
        )
    return found[0] if found else None


def read_sheet(
    path: Path,
    kind: str,
    problems: list[Problem],
    columns: dict[str, tuple[str, ...]] | None = None,
    required: tuple[str, ...] | None = None,
) -> Sheet | None:
    """Read table ``path`` of ``kind`` (wells, zones, approval, corners); None after recording a problem.

    ``columns`` and ``required`` replace the tables of :mod:`geo.columns`
    for other kinds of table (project lists).
    """
    name = str(path)
    columns = columns or TABLES[kind]
    required = REQUIRED[kind] if required is None else required
    try:
        if path.suffix.lower() == ".csv":
            grids = [(name, _read_csv(path), {}, False)]
        else:
            grids = _read_book(path)
    except _FileProblem as exc:
        problems.append(Problem(name, None, None, None, str(exc)))
        return None
    first_missing: Problem | None = None
    for label, grid, merged, hidden in grids:
        found = _header(grid, kind, columns, required)
        if found is None:
            if first_missing is None:
                empty = not any(cell.strip() for cells in grid for cell in cells)
                first_missing = Problem(
                    label,
                    None,
                    None,
                    None,
                    f"a header row naming the {kind} columns, found {'an empty file' if empty else 'none'}",
                )
            continue
        index, cells, positions, written, units, levels, missing = found
        if missing:
            if first_missing is None:
                accepted = "; ".join(f"{c}: {' / '.join((c, *columns.get(c, ())))}" for c in missing)
                first_missing = Problem(
                    label,
                    index + 1,
                    None,
                    None,
                    f"the required column(s) {', '.join(missing)} (accepted headers — {accepted})",
                )
            continue
        if hidden:
            warnings.warn(
                SuspiciousInputWarning(
                    f"{label}: the table is read from a hidden sheet", zh=f"{label}：表格取自隐藏的工作表"
                ),
                stacklevel=2,
            )
        for problem in _duplicate_headers(cells, columns, label, index + 1):
            problems.append(problem)
        if kind == "zones":
            _rule_column_by_its_words(cells, positions, written, units, label)
        rows = _rows(grid, index, positions, merged, label, problems)
        _joined_parts(rows, set(positions.values()))
        if levels:
            rows = _unpivoted(rows, levels, written, units, label)
        return Sheet(label, rows, written, units, by_level=bool(levels))
    if len(grids) > 1 and first_missing is not None:
        tried = ", ".join(label.rsplit("[", 1)[-1].rstrip("]") for label, *_ in grids)
        first_missing = Problem(
            first_missing.file, first_missing.row, None, None, f"{first_missing.expected} (sheets tried: {tried})"
        )
    problems.append(
        first_missing or Problem(name, None, None, None, f"a header row naming the {kind} columns, found an empty file")
    )
    return None


def _header_map(columns: dict[str, tuple[str, ...]]) -> dict[str, str]:
    mapping = {}
    for name, aliases in columns.items():
        for alias in (name, *aliases):
            mapping[fold(alias)] = name
    return mapping


def _header(grid: list[list[str]], kind: str, columns, required):
    """The header row: the first that names every required column, else the one naming most."""
    mapping = _header_map(columns)
    best = None
    for index, cells in enumerate(grid[:_HEADER_SEARCH_ROWS]):
        parted = _parts_below(grid, index, mapping)
        if parted is not None:  # 经度 over 度 | 分 | 秒: the header is both rows, the data below them
            index, cells = index + 1, parted
        positions: dict[int, str] = {}
        written: dict[str, str] = {}
        units: dict[str, str] = {}
        for col, cell in enumerate(cells):
            canonical, unit = _column_of(cell, mapping)
            if canonical is None or canonical in written:
                continue
            positions[col] = canonical
            written[canonical] = cell.strip()
            units[canonical] = unit
        levels: list[tuple[str, str]] = []
        if kind == "zones" and "level" not in written:
            levels = _level_columns(cells, positions, written, units, mapping)
        if not positions:
            continue
        _join_parts(positions, written, units)
        missing = [c for c in required if c not in written]
        degrees = {"lon", "lat"} <= written.keys()
        if "lonlat" in written and not degrees:
            if _coordinates_below(grid, index, mapping):
                continue  # 坐标 over 经度 | 纬度 (or X | Y): the row below is the header
            degrees = True  # both in one cell, split by the readers
        if kind in ("corners", "wells") and not (degrees or {"x", "y"} <= written.keys()):
            if kind == "wells" and not written.keys() & {"x", "y"}:
                missing.extend(c for c in ("lon", "lat") if c not in written)  # degrees, as most tables print
            else:
                missing.append("lon/lat or x/y")
        if kind in ("wells", "zones", "corners") and not written.keys() & {"source_code", "source_name"}:
            # Sources are named by their code, or by their name where an approval prints no codes.
            missing.insert(0, "source_code")
        if not missing:
            return index, cells, positions, written, units, levels, []
        if best is None or len(positions) > len(best[2]):
            best = (index, cells, positions, written, units, levels, missing)
    return best


#: The columns a zones table may give once per level, "一级保护区面积（km²）", "二级保护区范围".
_LEVEL_FIELDS = ("stated_area", "stated_perimeter", "rule", "corners")
#: A header that is a level's name alone ("一级保护区", "准保护区") heads that level's description.
_LEVEL_NAMES = frozenset(
    fold(s) for table in (LEVELS, OTHER_LEVELS) for name, spells in table.items() for s in (name, *spells) if len(s) > 1
)


def _level_column(cell: str, mapping: dict[str, str]) -> tuple[str, str, str, str] | None:
    """(level words, part, column, unit) of a header that names a level and one of its columns, else None.

    "一级保护区面积（km²）" → ("一级", "", "stated_area", "km²"); "陆域二级保护区范围" →
    ("二级", "陆域", "rule", ""); "准保护区" alone is its description → ("准保护区", "", "rule", "").
    The level is the longest start of the header that names one and leaves
    a column's name ("准保护区" + "面积", not "准" + "保护区面积"); the whole
    header only where nothing is left.
    """
    base, unit = split_header(cell)
    base, part = split_part(base)
    base = base.replace("()", "")  # "一级保护区（陆域）面积" less its part
    found = None
    for end in range(len(base), 0, -1):
        try:
            parse_level(base[:end])
        except ValueProblem:
            continue
        rest = base[end:]
        if not rest and base not in _LEVEL_NAMES:
            continue  # "一级保护区内污染源" names a level inside other words, not a level's column
        canonical = "rule" if rest in ("", "保护区") and end > 1 else mapping.get(rest)
        if canonical in _LEVEL_FIELDS:
            found = (base[:end], part, canonical, unit)
            if rest:
                return found
    return found


def _level_columns(cells, positions, written, units, mapping) -> list[tuple[str, str]]:
    """A zones table with a column per level instead of a 级别 column: its levels (words, part), in header order.

    Each such column is read as ``<column>@<k>`` for the level's number k,
    to be turned into a row per level by :func:`_unpivoted`.
    """
    levels: list[tuple[str, str]] = []
    for col, cell in enumerate(cells):
        if col in positions:
            continue
        found = _level_column(cell, mapping)
        if found is None:
            continue
        words, part, canonical, unit = found
        key = (parse_level(words)[0], part)
        keys = [(parse_level(w)[0], p) for w, p in levels]
        if key not in keys:
            levels.append((words, part))
            keys.append(key)
        name = f"{canonical}@{keys.index(key)}"
        if name in written:
            continue  # the same level's column twice: reported by _duplicate_headers
        positions[col], written[name], units[name] = name, cell.strip(), unit
    if levels:
        written["level"] = "、".join(dict.fromkeys(f"{parse_level(w)[0]}{p}" for w, p in levels))
    return levels


def _unpivoted(rows: tuple[Row, ...], levels, written, units, label: str) -> tuple[Row, ...]:
    """A row per level and source from a row per source with a column per level; levels left empty are none.

    Each row's level columns get their own headers and units, so that a
    message names the column as written ("二级保护区面积（km²）").
    """
    own = {k: [name for name in written if name.endswith(f"@{k}")] for k in range(len(levels))}
    common = [name for name in written if "@" not in name and name != "level"]
    headers = []
    for k in range(len(levels)):
        h = {name.split("@")[0]: written[name] for name in own[k]}
        h["level"] = h.get("rule") or next(iter(h.values()))
        headers.append((h, {name.split("@")[0]: units.get(name, "") for name in own[k]}))
    out = []
    for row in rows:
        made = 0
        for k, (words, part) in enumerate(levels):
            cells = {name.split("@")[0]: row.values.get(name, "") for name in own[k]}
            if not any(cells.values()):
                continue  # the source has no such level
            values = {name: row.values[name] for name in common if name in row.values}
            values.update(cells, level=words, part=part)
            keep = set(own[k]) | set(common)
            merged = {n.split("@")[0]: span for n, span in row.merged.items() if n in keep}
            faulty = frozenset(n.split("@")[0] for n in row.faulty if n in keep)
            out.append(Row(row.number, values, merged or _NO_SPANS, faulty or _CLEAN, *headers[k]))
            made += 1
        if not made:
            warnings.warn(
                SuspiciousInputWarning(
                    f"{label} row {row.number}: no level's columns are filled in: no zone read",
                    zh=f"{label} 第{row.number}行：各级保护区的列都是空的，未读到保护区",
                ),
                stacklevel=3,
            )
    for name in [n for n in written if "@" in n]:
        base = name.split("@")[0]
        written.setdefault(base, written[name])
        units.setdefault(base, units.get(name, ""))
        del written[name]
        units.pop(name, None)
    return tuple(out)


#: A coordinate printed in columns of its own, 经度 over 度 | 分 | 秒 or 经度（度）, 经度（分）, 经度（秒）: each
#: part's header (folded), and the mark its cells are read with.
_DMS_PARTS = {"度": "°", "°": "°", "分": "′", "′": "′", "'": "′", "秒": "″", "″": "″", "′′": "″", '"': "″", "''": "″"}
_MARKS = {"°": "deg", "′": "min", "″": "sec"}
#: The marks a part's cells may carry already ("111°", "08′"), and the spaces around them.
_PART_MARKS = "°度′'分″\"秒 \t"


def _coordinates_below(grid: list[list[str]], index: int, mapping: dict[str, str]) -> bool:
    """Whether the row below ``index`` names a longitude, latitude, X or Y column: the lower row of a two-row header."""
    below = grid[index + 1] if index + 1 < len(grid) else []
    return any(_column_of(cell, mapping)[0] in ("lon", "lat", "x", "y") for cell in below)


def _part_of(canonical: str | None, part: str) -> str | None:
    """``lon_deg`` for a longitude's degrees column, and so on; None if ``part`` names no part of a coordinate."""
    if canonical not in ("lon", "lat") or part not in _DMS_PARTS:
        return None
    return f"{canonical}_{_MARKS[_DMS_PARTS[part]]}"


def _parts_below(grid: list[list[str]], index: int, mapping: dict[str, str]) -> list[str] | None:
    """Row ``index`` and the row below it as one header, where the lower row splits a coordinate into its parts.

    A merged 经度 over 度, 分 and 秒 (a CSV leaves the 经度 in the first cell
    only): each part's header is the coordinate's and the part's, "经度（分）".
    None when the row below holds no part under a longitude or latitude.
    """
    if index + 1 >= len(grid):
        return None
    upper, lower = grid[index], grid[index + 1]
    out = list(upper)
    above = ""
    found = False
    for col, cell in enumerate(upper):
        above = cell.strip() or above
        part = fold(lower[col]) if col < len(lower) else ""
        if part in _DMS_PARTS and _part_of(_column_of(above, mapping)[0], part):
            out[col] = f"{above}（{lower[col].strip()}）"
            found = True
    return out if found else None


def _join_parts(positions: dict[int, str], written: dict[str, str], units: dict[str, str]) -> None:
    """A coordinate in part columns is one column, ``lon`` or ``lat``, for the required columns and messages.

    Its degrees alone ("经度（°）" with no minutes or seconds beside it) are
    the coordinate itself, in decimal degrees.
    """
    for axis in ("lon", "lat"):
        parts = [f"{axis}_{p}" for p in ("deg", "min", "sec") if f"{axis}_{p}" in written]
        if not parts or axis in written:
            continue
        if parts == [f"{axis}_deg"]:
            col = next(c for c, name in positions.items() if name == parts[0])
            positions[col], written[axis], units[axis] = axis, written.pop(parts[0]), units.pop(parts[0], "")
            continue
        written[axis] = "、".join(written[p] for p in parts)


def _joined_parts(rows: tuple[Row, ...], names) -> None:
    """Each row's coordinate parts, "111" "08" "58.21", as the one cell "111°08′58.21″" the readers take."""
    for axis in ("lon", "lat"):
        parts = [
            (f"{axis}_{p}", mark) for p, mark in (("deg", "°"), ("min", "′"), ("sec", "″")) if f"{axis}_{p}" in names
        ]
        if not parts:
            continue
        for row in rows:
            texts = [(row.values.pop(name, "").strip().rstrip(_PART_MARKS), mark) for name, mark in parts]
            row.values[axis] = "".join(f"{text}{mark}" for text, mark in texts if text)


#: Words of a zones table's header that say it holds the zones' description, when no header names 划定方案 as such.
_RULE_HEADER_WORDS = ("方案", "范围", "边界", "描述")


def _rule_column_by_its_words(cells: list[str], positions, written, units, label: str) -> None:
    """A zones table whose 划定方案 column has a header of its own ("保护区划分范围", "保护区边界"): read it as the rule.

    Only when no column is the rule already; the first column not otherwise
    read whose header holds one of :data:`_RULE_HEADER_WORDS`.
    """
    if "rule" in written:
        return
    for col, cell in enumerate(cells):
        if col in positions or not any(word in fold(cell) for word in _RULE_HEADER_WORDS):
            continue
        positions[col], written["rule"], units["rule"] = "rule", cell.strip(), ""
        warnings.warn(
            SuspiciousInputWarning(
                f"{label}: the 划定方案 is read from the column '{cell.strip()}'",
                zh=f"{label}：划定方案取自“{cell.strip()}”列",
            ),
            stacklevel=3,
        )
        return


def _column_of(cell: str, mapping: dict[str, str]) -> tuple[str | None, str]:
    folded = fold(cell)
    if not folded:
        return None, ""
    if folded in mapping:
        return mapping[folded], ""
    base, unit = split_header(cell)
    if base in mapping:
        return _part_of(mapping[base], unit) or mapping[base], unit
    for tail in (2, 1):  # "经度分", "纬度秒", "经度′′"
        part = _part_of(mapping.get(folded[:-tail]), folded[-tail:])
        if part:
            return part, folded[-tail:]
    return None, ""


def _duplicate_headers(cells: list[str], columns, label: str, number: int) -> list[Problem]:
    mapping = _header_map(columns)
    out = []
    seen: dict[str, str] = {}
    for cell in cells:
        canonical, _ = _column_of(cell, mapping)
        if canonical is None:
            continue
        if canonical in seen:
            out.append(
                Problem(
                    label, number, cell, cell, f"each column once; {seen[canonical]!r} is the same column ({canonical})"
                )
            )
        seen.setdefault(canonical, cell.strip())
    return out


#: Rows looked at to tell whether a column repeats (批复文号, 县区, a rule's words) or not (names, coordinates).
_REPEAT_SAMPLE = 4096
_NO_SPANS: dict[str, str] = {}
#: Shared by every row with no cell at fault (an empty frozenset of its own is 216 bytes a row).
_CLEAN: frozenset[str] = frozenset()


def _column(body, i: int) -> list[str]:
    """Column ``i``'s cells, stripped; where texts repeat down the column, one object for each distinct text,
    so a register of a million rows keeps one copy of each."""
    texts = [cells[i].strip() if i < len(cells) else "" for _, cells in body]
    sample = texts[:_REPEAT_SAMPLE]
    if 2 * len(set(sample)) <= len(sample):
        seen: dict[str, str] = {}
        texts = [seen.setdefault(t, t) for t in texts]
    return texts


def _rows(grid, index, positions, merged, label, problems) -> tuple[Row, ...]:
    width = len(grid[index])
    names = tuple(positions.values())
    body = [(n, cells) for n, cells in enumerate(grid[index + 1 :], start=index + 2) if "".join(cells).strip()]
    columns = [_column(body, i) for i in positions]
    rows = []
    for (number, cells), texts in zip(body, zip(*columns, strict=True) if columns else ((),) * len(body), strict=True):
        if len(cells) > width:
            extra = [c for c in cells[width:] if c.strip()]
            if extra:
                problems.append(
                    Problem(label, number, None, extra[0], f"at most {width} cells, as many as the header has")
                )
        values = dict(zip(names, texts, strict=True))
        faulty: set[str] = set()
        if texts and max(map(len, texts)) > MAX_CELL_CHARS:
            for canonical, value in values.items():
                if len(value) > MAX_CELL_CHARS:
                    faulty.add(canonical)
                    problems.append(
                        Problem(
                            label,
                            number,
                            None,
                            value[:40] + "…",
                            f"a cell of at most {MAX_CELL_CHARS} characters, found {len(value)}",
                        )
                    )
                    values[canonical] = ""
        spans = (
            {canonical: merged[(number, i)] for i, canonical in positions.items() if (number, i) in merged}
            if merged
            else _NO_SPANS
        )
        rows.append(Row(number, values, spans, frozenset(faulty) if faulty else _CLEAN))
    return tuple(rows)


# --- CSV -------------------------------------------------------------------------


def _read_csv(path: Path) -> list[list[str]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _FileProblem(f"a readable file ({exc.strerror})") from exc
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise _FileProblem(f"well-formed CSV ({exc})") from exc


def _decode(data: bytes) -> str:
    """The text of a CSV file, decoded strictly in one encoding."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        # Excel's "Unicode text" is UTF-16 with a byte-order mark, separated by tabs.
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _FileProblem(f"UTF-16 text throughout (bytes at offset {exc.start} are not)") from exc
    if b"\x00" in data:
        raise _FileProblem(
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
            raise _FileProblem(
                f"one encoding throughout; the file is UTF-8 up to byte {exc.start} (row {row}), where bytes "
                f"{data[exc.start : exc.start + 4].hex(' ')} are not UTF-8 (a row pasted from a GBK file?)"
            ) from exc
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        raise _FileProblem(
            f"text in UTF-8, UTF-8 with BOM or GBK/GB18030 (byte {exc.start}, row {row}, is neither)"
        ) from exc


# --- workbooks -----------------------------------------------------------------


def _read_book(path: Path) -> list[tuple[str, list[list[str]], dict, bool]]:
    """Each sheet as (label, grid, merged cells, hidden), visible sheets first."""
    reader = _read_xls if path.suffix.lower() == ".xls" else _read_xlsx
    try:
        sheets = reader(path)
    except _FileProblem:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure to parse a foreign file is the user's input problem
        kind = "legacy Excel workbook (.xls)" if path.suffix.lower() == ".xls" else "Excel workbook (.xlsx)"
        raise _FileProblem(f"an {kind} that opens ({type(exc).__name__}: {exc})") from exc
    labelled = [
        (str(path) if len(sheets) == 1 else f"{path} [{title}]", grid, merged, hidden)
        for title, grid, merged, hidden in sheets
    ]
    return sorted(labelled, key=lambda s: s[3])


def _read_xlsx(path: Path):
    import openpyxl

    book = openpyxl.load_workbook(path, data_only=True)
    try:
        out = []
        for sheet in book.worksheets:
            _check_size(sheet.max_row, sheet.max_column, sheet.title)
            grid = [[_xlsx_text(cell, path, sheet.title) for cell in row] for row in sheet.iter_rows()]
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


def _check_size(rows: int, columns: int, title: str) -> None:
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise _FileProblem(
            f"a sheet of at most {MAX_ROWS} rows and {MAX_COLUMNS} columns, but sheet {title!r} reaches row {rows}, column {columns}"
        )


def _xlsx_text(cell, path: Path, sheet: str) -> str:
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return _number_text(value, getattr(cell, "number_format", "") or "", f"{path} [{sheet}] {cell.coordinate}")
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)


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
        return xlrd.xldate_as_datetime(cell.value, book.datemode).date().isoformat()
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        xf = book.xf_list[cell.xf_index]
        fmt = book.format_map.get(xf.format_key)
        return _number_text(cell.value, fmt.format_str if fmt else "", f"{path} [{sheet.name}] {_a1(r, c)}")
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return str(bool(cell.value))
    return str(cell.value)


def _a1(r: int, c: int) -> str:
    letters = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{r + 1}"
