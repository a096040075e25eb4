"""Level cells: a zones table with no level column, whose rule cell describes each level after its label.

"一级保护区：以取水井为中心，半径30米的圆形区域；二级保护区：……" in the rule cell, with
"一级0.0028；二级0.2798" (or "0.0028/0.2798", the levels in the order the rule
names them) in the area cell, is a row per level.  Used by :mod:`geo.headers`
(:func:`labelled_below`: such a table needs no level column) and
:mod:`geo.sheets` (:func:`split_levels`).  A figure printed once for several
levels belongs to none of them: it is left out, warned; a row whose rule names
no level is a problem of its rule cell.  A table with a level column whose
cell names several levels ("一、二级") and whose rule cell labels each is read
the same way, those rows only (:func:`split_named_levels`).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import replace

from geo.cells import TWO_LEVELS_RE, fold
from geo.errors import Problem, SuspiciousInputWarning, warn_rows
from geo.rules import LEVEL_LABEL

__all__ = ["IN_THE_RULE", "labelled_below", "split_levels", "split_named_levels"]

#: The "header" of the level column of such a table: the levels are in the rule's words.
IN_THE_RULE = "（划定方案中的级别）"
_NAMES = {"准": "准保护区"}
_FIGURES = ("stated_area", "stated_perimeter")
#: A level's label in a figure cell: "一级0.0028", "二级保护区面积：0.2798km²".
_FIGURE_LABEL = re.compile(
    r"(一级|二级|三级|准)(?:保护区)?[(（]?(水域|陆域)?[)）]?(?:保护区)?(?:面积|周长)?\s*[:：为]?"
)
#: Figures printed one after the other, the levels' in the rule's order: "0.0028/0.2798", "0.0028；0.2798".
_SEPARATED = re.compile(r"\s*[/／;；、]\s*")


def labelled_below(grid: list[list[str]], index: int, column: int) -> bool:
    """Whether the rule cells under header row ``index`` (column ``column``) name their levels, the first of them."""
    for cells in grid[index + 1 : index + 6]:
        text = cells[column].strip() if column < len(cells) else ""
        if text:
            return LEVEL_LABEL.search(text) is not None
    return False


def split_levels(rows: tuple, written: dict[str, str], label: str, problems: list[Problem]) -> tuple:
    """``rows`` as a row per level their rule cells name (see the module); figures shared by levels left out."""
    out = []
    shared: list[int] = []
    for row in rows:
        rule = row.values.get("rule", "")
        if not LEVEL_LABEL.search(rule):
            problems.append(
                Problem(
                    label,
                    row.number,
                    written.get("rule", "rule"),
                    rule,
                    "a rule that names its levels (一级保护区：…；二级保护区：…), as the table has no 保护区级别 column",
                )
            )
            continue
        out.extend(_per_level(row, written, shared))
    if out:
        column = written.get("rule", "rule")
        warnings.warn(
            SuspiciousInputWarning(
                f"{label}: no 保护区级别 column; each level is read from its label in the column {column!r}",
                zh=f"{label}：没有保护区级别列，各级保护区按“{column}”列中的标注（一级保护区：…）分行读取",
            ),
            stacklevel=3,
        )
    _warn_shared(label, shared)
    return tuple(out)


def split_named_levels(rows: tuple, written: dict[str, str], label: str) -> tuple:
    """Rows whose level cell names several levels ("一、二级") and whose rule cell labels each: a row per level.

    Such a row elsewhere stays as it is, for its level cell to be refused ("one level a row").
    """
    several = {t for t in {row.values.get("level", "") for row in rows} if TWO_LEVELS_RE.search(fold(t))}
    if not several:
        return rows
    out, split, shared = [], [], []
    for row in rows:
        if row.values.get("level", "") in several and LEVEL_LABEL.search(row.values.get("rule", "")):
            out.extend(_per_level(row, written, shared))
            split.append(row.number)
        else:
            out.append(row)
    if split:
        level, rule = written.get("level", "level"), written.get("rule", "rule")
        warn_rows(
            label,
            split,
            f"the {level!r} cell names several levels: each is read from its label in {rule!r}",
            f"“{level}”一格写有多个级别，各级保护区按“{rule}”列中的标注（一级保护区：…）分行读取",
        )
    _warn_shared(label, shared)
    return tuple(out)


def _per_level(row, written: dict[str, str], shared: list[int]) -> list:
    """A row per level its rule cell labels, each with its words and its figures; ``shared`` gets the row's
    number where a figure is printed once for several levels."""
    rule = row.values.get("rule", "")
    labels = list(LEVEL_LABEL.finditer(rule))
    levels = [(_NAMES.get(m[1], m[1]), m[2] or "") for m in labels]
    figures = {name: _figures(row.values.get(name, ""), levels) for name in _FIGURES}
    out = []
    for k, (level, part) in enumerate(levels):
        end = labels[k + 1].start() if k + 1 < len(labels) else len(rule)
        words = rule[labels[k].end() : end].strip().rstrip(";；。,，").strip()
        values = {**row.values, "level": level, "rule": words}
        if part:
            values["part"] = part
        for name in _FIGURES:
            by_level = figures[name]
            if by_level is not None:
                values[name] = by_level[k]
            elif len(levels) > 1 and values.get(name):
                values[name] = ""
                if row.number not in shared:
                    shared.append(row.number)
        out.append(replace(row, values=values, headers={**(row.headers or {}), "level": written.get("rule", "")}))
    return out


def _warn_shared(label: str, shared: list[int]) -> None:
    if shared:
        warn_rows(
            label,
            shared,
            "a figure printed once for the several levels the rule names is no level's own; not checked",
            "面积或周长只写了一个数字，而划定方案写有多个级别，不知属于哪一级，未核对",
        )


def _figures(cell: str, levels: list[tuple[str, str]]) -> list[str] | None:
    """Each level's figure in a cell that gives them by label or in the rule's order; None for one figure (or none)."""
    text = cell.strip()
    if not text:
        return None
    found = list(_FIGURE_LABEL.finditer(text))
    if found:
        by = {}
        for k, m in enumerate(found):
            end = found[k + 1].start() if k + 1 < len(found) else len(text)
            by[(_NAMES.get(m[1], m[1]), m[2] or "")] = text[m.end() : end].strip().strip(";；,，、/／").strip()
        return [by.get(level, by.get((level[0], ""), "")) for level in levels]
    pieces = [p for p in _SEPARATED.split(text) if p]
    return pieces if len(pieces) == len(levels) > 1 else None
