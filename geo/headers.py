"""Headers: which row of a table is its header, and which column each of its cells names.

Used by :mod:`geo.sheets`.  Headers are matched through the tables of
:mod:`geo.columns` (NFKC-folded, a bracketed unit kept beside the column).
Besides one header row naming one column a cell, the layouts officers keep:

* title rows above the header (skipped);
* a coordinate in part columns, 经度 merged over 度 | 分 | 秒 or 经度（分）, and a
  row of units under the header (:func:`_parts_below`, :func:`_join_parts`);
* both coordinates in one column, 经纬度 or 坐标, unless a row of 经度 | 纬度
  (or X | Y) stands under it;
* a zones table with a column per level, 一级保护区面积, 二级保护区范围
  (:func:`_level_columns`; its rows are split by :func:`geo.sheets._unpivoted`);
* a zones table whose rule column is headed in the office's own words
  (:func:`rule_column_by_its_words`).
"""

from __future__ import annotations

import re
import warnings

from geo.cells import fold, parse_level, split_header, split_part
from geo.columns import LEVELS, OTHER_LEVELS
from geo.errors import Problem, SuspiciousInputWarning
from geo.levelcells import IN_THE_RULE, labelled_below

__all__ = ["duplicate_headers", "find_header", "header_map", "rule_column_by_its_words"]

#: Rows searched for the header: title rows above it are skipped.
_HEADER_SEARCH_ROWS = 30


def header_map(columns: dict[str, tuple[str, ...]]) -> dict[str, str]:
    mapping = {}
    for name, aliases in columns.items():
        for alias in (name, *aliases):
            mapping[fold(alias)] = name
    return mapping


def find_header(grid: list[list[str]], kind: str, columns, required):
    """The header row: the first that names every required column, else the one naming most.

    A row whose merged cells span columns named again in the row below
    ("一级保护区" over 面积 | 范围, "水源井" over 编号 | 经度 | 纬度) is tried first
    with that row as one header (:func:`_spanned_below`), and before it three rows
    (:func:`_three_rows`).
    """
    mapping = header_map(columns)
    best = None
    for index, cells in enumerate(grid[:_HEADER_SEARCH_ROWS]):
        for last, header in _readings(grid, index, cells, mapping, kind):
            found = _candidate(grid, last, header, kind, mapping, required)
            if found is None:
                continue
            if not found[-1]:
                return found
            if best is None or len(found[2]) > len(best[2]):
                best = found
    return best


def _readings(grid, index: int, cells: list[str], mapping, kind: str):
    """The headers row ``index`` may begin, in the order tried: (the header's last row, its cells)."""
    three = _three_rows(grid, index, mapping, kind)
    if three is not None:
        yield index + 2, three
    parted = _parts_below(grid, index, mapping)
    if parted is not None:  # 经度 over 度 | 分 | 秒: the header is both rows, the data below them
        yield index + 1, parted
        return
    spanned = _spanned_below(grid, index, mapping, kind)
    if spanned is not None:
        yield index + 1, spanned
    yield index, cells


def _candidate(grid, index: int, cells: list[str], kind: str, mapping, required):
    """``cells`` as the header on row ``index``: (index, cells, positions, written, units, levels, missing), or
    None where it names no column or stands above the row that does."""
    positions: dict[int, str] = {}
    written: dict[str, str] = {}
    units: dict[str, str] = {}
    for col, cell in enumerate(cells):
        canonical, unit = _column_of(cell, mapping)
        if canonical is not None and _in_another_unit(canonical, unit, units) and f"{canonical}_also" not in written:
            canonical = f"{canonical}_also"  # 面积（km²） and 面积（亩）: the same figure printed twice, compared
        if canonical is None or canonical in written:
            continue
        positions[col] = canonical
        written[canonical] = cell.strip()
        units[canonical] = unit
    levels: list[tuple[str, str]] = []
    if kind == "zones" and "level" not in written:
        levels = _level_columns(cells, positions, written, units, mapping)
    elif kind == "zones" and "rule" not in written:
        levels = _part_columns(cells, positions, written, units, mapping)
    if not positions:
        return None
    _join_parts(positions, written, units)
    missing = [c for c in required if c not in written]
    if kind == "zones" and "level" in missing and not levels and "rule" in written:
        # No level column, but rule cells that name their levels: a row per level (geo.levelcells).
        if labelled_below(grid, index, next(c for c, name in positions.items() if name == "rule")):
            missing.remove("level")
            written["level"] = IN_THE_RULE
    degrees = {"lon", "lat"} <= written.keys()
    if "lonlat" in written and not degrees:
        if _coordinates_below(grid, index, mapping):
            return None  # 坐标 over 经度 | 纬度 (or X | Y): the row below is the header
        degrees = True  # both in one cell, split by the readers
    if kind in ("corners", "wells") and not (degrees or {"x", "y"} <= written.keys()):
        if kind == "wells" and not written.keys() & {"x", "y"}:
            missing.extend(c for c in ("lon", "lat") if c not in written)  # degrees, as most tables print
        else:
            missing.append("lon/lat or x/y")
    if kind in ("wells", "zones", "corners") and not written.keys() & {"source_code", "source_name"}:
        # Sources are named by their code, or by their name where an approval prints no codes.
        missing.insert(0, "source_code")
    return index, cells, positions, written, units, levels, missing


def _spanned_below(grid: list[list[str]], index: int, mapping: dict[str, str], kind: str) -> list[str] | None:
    """Row ``index`` and the row below as one header, where a cell of the upper row spans columns the lower names.

    A merged cell repeats its text over the columns it spans (a CSV leaves
    them empty); under it each column's header is the two together where
    they name a column ("一级保护区" + "面积（km²）", "水源井" + "经度"). Other
    columns take the lower cell, or the upper where the lower is empty
    (merged down, or a CSV).  None when no two cells together name a column
    ("坐标" over "经度" is left to the row below, a title over the header to
    the header).
    """
    if index + 1 >= len(grid):
        return None
    upper, lower = grid[index], grid[index + 1]

    def names(cell: str) -> bool:
        return _column_of(cell, mapping)[0] is not None or (
            kind == "zones" and (_level_column(cell, mapping) is not None or _part_column(cell, mapping) is not None)
        )

    width = max(len(upper), len(lower))
    above = [(upper[c].strip() if c < len(upper) else "") for c in range(width)]
    below = [(lower[c].strip() if c < len(lower) else "") for c in range(width)]
    # The text over each column, a CSV's empty cells after a spanning one taking its text where the lower names one.
    over = list(above)
    for c in range(1, width):
        if not over[c] and below[c] and over[c - 1]:
            over[c] = over[c - 1]
    spans = [
        bool(over[c]) and ((c > 0 and over[c - 1] == over[c]) or (c + 1 < width and over[c + 1] == over[c]))
        for c in range(width)
    ]
    out = []
    found = False
    for c in range(width):
        if spans[c] and below[c] and below[c] != over[c] and names(over[c] + below[c]):
            out.append(over[c] + below[c])
            found = True
        else:
            out.append(below[c] or above[c])
    return out if found else None


def _three_rows(grid: list[list[str]], index: int, mapping: dict[str, str], kind: str) -> list[str] | None:
    """Rows ``index`` to ``index + 2`` as one header: columns named on the top row, a group of them spanned below.

    "水源名称 | 保护区范围划分" over "一级保护区 | 二级保护区 | 准保护区" over "水域范围 |
    陆域范围 | …": the lower two rows are one header by :func:`_spanned_below`, and a
    column they leave empty takes the top row's name (merged down, or a CSV).
    None unless the top row names a column the lower two do not.
    """
    if index + 2 >= len(grid):
        return None
    lower = _spanned_below(grid, index + 1, mapping, kind)
    if lower is None:
        return None
    top = [cell.strip() for cell in grid[index]]
    cells = [low or (top[c] if c < len(top) else "") for c, low in enumerate(lower)]
    cells += top[len(cells) :]
    named_below = {_column_of(cell, mapping)[0] for cell in lower} - {None}
    named_top = {_column_of(cell, mapping)[0] for cell in top} - {None}
    return cells if named_top - named_below else None


#: The columns a zones table may give once per level, "一级保护区面积（km²）", "二级保护区范围".
_LEVEL_FIELDS = ("stated_area", "stated_perimeter", "rule", "corners", "radius")
#: The spellings of each level (folded), and the words a level's name may stand after in a header.
_LEVEL_SPELLINGS = frozenset(
    fold(s) for table in (LEVELS, OTHER_LEVELS) for name, spells in table.items() for s in (name, *spells)
)
_QUALIFIERS = re.compile(r"^(?:饮用水水源地?|水源地|地下水|地表水|水源)")
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
        if _QUALIFIERS.sub("", base[:end]) not in _LEVEL_SPELLINGS:
            continue  # a level's own name only: "某县台账一级" names none
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

    def read(cell: str):
        found = _level_column(cell, mapping)
        if found is None:
            return None
        words, part, canonical, unit = found
        return (parse_level(words)[0], part), (words, part), canonical, unit

    levels = _columns_by_group(cells, positions, written, units, read)
    if levels:
        written["level"] = "、".join(dict.fromkeys(f"{parse_level(w)[0]}{p}" for w, p in levels))
    return levels


def _part_columns(cells, positions, written, units, mapping) -> list[tuple[str, str]]:
    """A zones table with a 级别 column and a column per part instead of a rule column: "水域范围 | 陆域范围".

    Returned as levels ("", part) for :func:`geo.sheets._unpivoted`: each row
    becomes a row per part filled in, keeping its own level.
    """

    def read(cell: str):
        found = _part_column(cell, mapping)
        return None if found is None else (found[0], ("", found[0]), found[1], found[2])

    return _columns_by_group(cells, positions, written, units, read)


def _columns_by_group(cells, positions, written, units, read) -> list:
    """Columns ``read`` assigns to a group (a level, a part), named ``<column>@<k>`` for the group's number k.

    ``read(cell)`` gives (key, group, column, unit) or None; the groups are returned in header order.
    """
    groups: list = []
    keys: list = []
    for col, cell in enumerate(cells):
        if col in positions:
            continue
        found = read(cell)
        if found is None:
            continue
        key, group, canonical, unit = found
        if key not in keys:
            keys.append(key)
            groups.append(group)
        name = f"{canonical}@{keys.index(key)}"
        if name in written:
            continue  # the same group's column twice: reported by _duplicate_headers
        positions[col], written[name], units[name] = name, cell.strip(), unit
    return groups


def _part_column(cell: str, mapping: dict[str, str]) -> tuple[str, str, str] | None:
    """(part, column, unit) of a header naming a part and a zone's column: "陆域面积（km²）" → ("陆域", "stated_area", "km²")."""
    base, unit = split_header(cell)
    rest, part = split_part(fold(base))
    canonical = "rule" if rest in ("", "范围", "划定范围", "保护范围") else mapping.get(rest)
    return (part, canonical, unit) if part and canonical in _LEVEL_FIELDS else None


#: A coordinate printed in columns of its own, 经度 over 度 | 分 | 秒 or 经度（度）, 经度（分）, 经度（秒）: each
#: part's header (folded), and the mark its cells are read with.
_DMS_PARTS = {"度": "°", "°": "°", "分": "′", "′": "′", "'": "′", "秒": "″", "″": "″", "′′": "″", '"': "″", "''": "″"}
_MARKS = {"°": "deg", "′": "min", "″": "sec"}


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


#: Words of a zones table's header that say it holds the zones' description, when no header names 划定方案 as such.
_RULE_HEADER_WORDS = ("方案", "范围", "边界", "描述")


def rule_column_by_its_words(cells: list[str], positions, written, units, label: str) -> None:
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
    # Any header that ends in 经度 or 纬度 names it: "中心点经度", "井位纬度", "水源地经度（°）".
    if "lon" in mapping.values() and "经纬" not in folded:
        for axis, word in (("lon", "经度"), ("lat", "纬度")):
            if base.endswith(word):
                return axis, unit
    return None, ""


#: Figures a table may print twice, in two units (保护区面积（km²） and 保护区面积（亩）).
_TWICE = ("stated_area", "stated_perimeter")


def _in_another_unit(canonical: str, unit: str, units: dict[str, str]) -> bool:
    """Whether a figure column named again is the same figure in another unit than its first column's."""
    return (
        canonical in _TWICE
        and canonical in units
        and bool(unit)
        and bool(units[canonical])
        and unit != units[canonical]
    )


def duplicate_headers(cells: list[str], columns, label: str, number: int) -> list[Problem]:
    mapping = header_map(columns)
    out = []
    seen: dict[str, str] = {}
    units: dict[str, str] = {}
    for cell in cells:
        canonical, unit = _column_of(cell, mapping)
        if canonical is None:
            continue
        if _in_another_unit(canonical, unit, units) and f"{canonical}_also" not in seen:
            seen[f"{canonical}_also"] = cell.strip()
            continue
        units.setdefault(canonical, unit)
        if canonical in seen:
            out.append(
                Problem(
                    label, number, cell, cell, f"each column once; {seen[canonical]!r} is the same column ({canonical})"
                )
            )
        seen.setdefault(canonical, cell.strip())
    return out
