"""Sheets: table files as officers save them, read into rows of cells by canonical column.

The file's grids of text come from :mod:`geo.tablefiles` (CSV encodings,
``.xlsx``, ``.xls``, merged cells); its header row and what each column is
from :mod:`geo.headers`.  In a workbook the sheet whose headers fit is used
(a hidden one only with a warning).  Here the rows are made: a coordinate
printed in part columns joined into one cell, and a zones table with a
column per level turned into a row per level.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from geo.columns import REQUIRED, TABLES
from geo.errors import Problem, SuspiciousInputWarning, warn_rows
from geo.figureunits import units_in_notes
from geo.headers import duplicate_headers, find_header, rule_column_by_its_words
from geo.levelcells import IN_THE_RULE, split_levels, split_named_levels
from geo.partcells import split_parts, warn_shared_figures
from geo.tablefiles import TableFileProblem, read_grids

__all__ = ["SUFFIXES", "Row", "Sheet", "find_table", "read_sheet"]

#: Table files, in the order looked for.
SUFFIXES = (".csv", ".xlsx", ".xls", ".xlsm", ".ods")
#: The most a cell may hold (and see geo.tablefiles for a sheet's rows and columns).
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
    sheet: str | None = None,
) -> Sheet | None:
    """Read table ``path`` of ``kind`` (wells, zones, approval, corners); None after recording a problem.

    ``columns`` and ``required`` replace the tables of :mod:`geo.columns`
    for other kinds of table (project lists); ``sheet``, a label of
    :func:`geo.tablefiles.read_grids`, is the one sheet to read (else the first that fits).
    """
    name = str(path)
    columns = columns or TABLES[kind]
    required = REQUIRED[kind] if required is None else required
    try:
        grids = read_grids(path)
    except TableFileProblem as exc:
        problems.append(Problem(name, None, None, None, str(exc)))
        return None
    if sheet is not None:
        grids = [g for g in grids if g[0] == sheet] or grids
    first_missing: Problem | None = None
    for label, grid, merged, hidden in grids:
        found = find_header(grid, kind, columns, required)
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
                ending = {"lon": " / any ending in 经度", "lat": " / any ending in 纬度"}
                accepted = "; ".join(f"{c}: {' / '.join((c, *columns.get(c, ())))}{ending.get(c, '')}" for c in missing)
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
        for problem in duplicate_headers(cells, columns, label, index + 1):
            problems.append(problem)
        if kind == "zones":
            rule_column_by_its_words(cells, positions, written, units, label)
            units_in_notes(grid, index, written, units, label)
        rows = _rows(grid, index, positions, merged, label, problems)
        _joined_parts(rows, set(positions.values()))
        if kind in _SAME_AS_ABOVE:
            _filled_down(rows, kind, written, label)
        if levels:
            rows = _unpivoted(rows, levels, written, units, label)
        if kind == "zones" and written.get("level") == IN_THE_RULE:
            rows = split_levels(rows, written, label, problems)
        elif kind == "zones" and "level" in written:
            rows = split_named_levels(rows, written, label)
        if kind == "zones":
            rows = split_parts(rows, written, label)
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


#: The columns a row may leave empty to mean "as the row above", as a merged cell saved as CSV leaves them: the
#: source (and its approval and county) where the row names none; in a corner table also the zone and ring.
_SAME_AS_ABOVE = {
    "wells": ((), ("doc_no", "county")),
    "zones": ((), ("doc_no", "county")),
    "corners": (("level", "part", "ring"), ("doc_no",)),
}
_SOURCE = ("source_code", "source_name")


def _filled_down(rows: tuple[Row, ...], kind: str, written: dict[str, str], label: str) -> None:
    """Rows that name no source take the source of the row above (a merged cell saved as CSV), warned once.

    In a corner table a point row that names no level takes the level, part
    and ring of the row above within the same source.  Only where the
    column exists; a first row naming no source is left as it is.
    """
    zone_columns, with_source = _SAME_AS_ABOVE[kind]
    zone_columns = tuple(c for c in zone_columns if c in written)
    source_columns = tuple(c for c in (*_SOURCE, *with_source) if c in written)
    if not any(c in written for c in _SOURCE):
        return
    filled: list[int] = []
    names: set[str] = set()
    above = None
    for row in rows:
        values = row.values
        took = False
        if values.get("source_code") or values.get("source_name"):
            if not zone_columns:  # the most of any register: nothing to take
                above = values
                continue
            same = above is not None and all(values.get(c) == above.get(c) for c in _SOURCE)
        elif above is not None:
            for c in source_columns:
                if not values.get(c) and above.get(c):
                    values[c] = above[c]
                    names.add(c)
            same = took = True
        else:
            same = False
        if zone_columns and same and not values.get(zone_columns[0]):
            for c in zone_columns:
                if not values.get(c) and above.get(c):
                    values[c] = above[c]
                    names.add(c)
            took = True
        if took:
            filled.append(row.number)
        above = values
    if filled:
        columns = "、".join(written[c] for c in (*_SOURCE, *with_source, *zone_columns) if c in names)
        warn_rows(
            label,
            filled,
            f"{columns} empty, taken from the row above (a merged cell saved as CSV)",
            f"{columns}为空，沿用上一行（合并单元格另存为 CSV 时的写法），请核对",
        )


def _unpivoted(rows: tuple[Row, ...], levels, written, units, label: str) -> tuple[Row, ...]:
    """A row per level and source from a row per source with a column per level; levels left empty are none.

    Each row's level columns get their own headers and units, so that a
    message names the column as written ("二级保护区面积（km²）").
    """
    own = {k: [name for name in written if name.endswith(f"@{k}")] for k in range(len(levels))}
    common = [name for name in written if "@" not in name and name != "level"]
    by_part = "level" in written and all(not words for words, _ in levels)  # "水域范围 | 陆域范围" beside 级别
    if by_part:
        common.append("level")
    headers = []
    for k in range(len(levels)):
        h = {name.split("@")[0]: written[name] for name in own[k]}
        if not by_part:
            h["level"] = h.get("rule") or next(iter(h.values()))
        headers.append((h, {name.split("@")[0]: units.get(name, "") for name in own[k]}))
    figures = [name for name in ("stated_area", "stated_perimeter") if name in common]
    shared: list[int] = []  # rows whose level-wide figures stand on their first part only
    out = []
    for row in rows:
        made = 0
        filled = [k for k in range(len(levels)) if any(row.values.get(name, "") for name in own[k])]
        for k, (words, part) in enumerate(levels):
            cells = {name.split("@")[0]: row.values.get(name, "") for name in own[k]}
            if not any(cells.values()):
                continue  # the source has no such level
            values = {name: row.values[name] for name in common if name in row.values}
            values.update(cells, part=part)
            if words or not by_part:
                values["level"] = words
            if by_part and len(filled) > 1 and k != filled[0] and any(values.get(f) for f in figures):
                for name in figures:  # a figure printed once for the level: kept on its first part
                    values[name] = ""
                if row.number not in shared:
                    shared.append(row.number)
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
    if shared:
        warn_shared_figures(label, shared, "、".join(written[f] for f in figures), levels[0][1])
    for name in [n for n in written if "@" in n]:
        base = name.split("@")[0]
        written.setdefault(base, written[name])
        units.setdefault(base, units.get(name, ""))
        del written[name]
        units.pop(name, None)
    return tuple(out)


#: The marks a part's cells may carry already ("111°", "08′"), and the spaces around them.
_PART_MARKS = "°度′'分″\"秒 \t"


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


#: Rows looked at to tell whether a column repeats (批复文号, 县区, a rule's words) or not (names, coordinates).
_REPEAT_SAMPLE = 4096
_NO_SPANS: dict[str, str] = {}
#: Shared by every row with no cell at fault (an empty frozenset of its own is 216 bytes a row).
_CLEAN: frozenset[str] = frozenset()


#: A row whose first filled cell is one of these sums the table up (合计 0.0056) rather than giving a well or a zone.
_TOTALS = frozenset({"合计", "总计", "小计", "共计", "累计", "合計", "總計"})
#: A row whose one text (alone, or merged across the row) begins so is a note on the table, not a row of it.
_NOTE = re.compile(
    r"(注|备注|附注|说明|注释)\s*[：:\d①-⑩.．、（(]|(资料|数据)来源|填表|制表|审核人|编制单位|单位\s*[：:]"
)
#: The first characters of those, looked at before the exact test, so that a register's million rows cost little.
_ASIDE_STARTS = frozenset("合总小共累總注备附说资数填制审编单")


def _without_asides(body: list, label: str) -> list:
    """``body`` without its total rows (合计) and notes (注：坐标系为CGCS2000), warned once with their rows and texts."""
    asides = []
    for number, cells in body:
        cell = cells[0] if cells[0].strip() else next(c for c in cells if c.strip())
        first = cell.strip()
        if first[0] not in _ASIDE_STARTS:
            continue
        total = len(first) <= 8 and "".join(first.split()).rstrip("：:") in _TOTALS  # 合计, 合 计, 合计：
        if not total and not (_NOTE.match(first) and len({t for t in (c.strip() for c in cells) if t}) == 1):
            continue
        asides.append((number, cell.strip()))
    if not asides:
        return body
    skipped = {number for number, _ in asides}
    shown = "；".join(dict.fromkeys(text if len(text) <= 40 else text[:39] + "…" for _, text in asides))
    warn_rows(
        label,
        sorted(skipped),
        f"a total or a note ({shown}), not a row of the table; not read",
        f"合计或注释（{shown}），不是表中的数据行，未读取",
    )
    return [(number, cells) for number, cells in body if number not in skipped]


#: The year of a document number in whatever brackets it was typed in: GB/T 9704 prints it in 〔〕.
_DOC_YEAR = re.compile(r"[\[［(（【〔〈{｛]((?:19|20)\d{2})[\]］)）】〕〉}｝]")


def doc_number(text: str) -> str:
    """A 批复文号 as GB/T 9704 prints it: its year in 六角括号 〔〕, no spaces; any other text as it is.

    Examples
    --------
    >>> doc_number("吕政函[2023]92号"), doc_number("吕政函（2023） 92 号"), doc_number("吕政函〔2023〕92号")
    ('吕政函〔2023〕92号', '吕政函〔2023〕92号', '吕政函〔2023〕92号')
    """
    if not any(c in text for c in "[［(（【〔〈{｛"):
        return text
    folded = "".join(text.split())
    return _DOC_YEAR.sub(r"〔\1〕", folded) if _DOC_YEAR.search(folded) else text


def _doc_numbers(texts: list[str], label: str) -> list[str]:
    """The 批复文号 column with each number as GB/T 9704 prints it; what was typed otherwise is warned, once a table."""
    canonical = {t: doc_number(t) for t in set(texts)}
    changed = {t: c for t, c in canonical.items() if t != c}
    if not changed:
        return texts
    pairs = "；".join(f"{t} → {c}" for t, c in sorted(changed.items())[:5]) + ("…" if len(changed) > 5 else "")
    warnings.warn(
        SuspiciousInputWarning(
            f"{label}: 批复文号 read as GB/T 9704 prints them, the year in 〔〕 and no spaces ({pairs})",
            zh=f"{label}：批复文号按公文格式（年份用六角括号〔〕，不含空格）读取（{pairs}）",
        ),
        stacklevel=4,
    )
    return [canonical[t] for t in texts]


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
    body = _without_asides(body, label)
    columns = [_column(body, i) for i in positions]
    if "doc_no" in names:
        k = names.index("doc_no")
        columns[k] = _doc_numbers(columns[k], label)
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
                    column = next(i for i, name in positions.items() if name == canonical)
                    problems.append(
                        Problem(
                            label,
                            number,
                            grid[index][column].strip() or canonical,
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
