"""Part cells: a zones row whose cells describe its level's 水域 and 陆域 parts one after the other.

"水域：取水口上游1000米至下游100米的河道；陆域：…两侧纵深50米的陆域" in the rule cell
and "水域0.12，陆域0.08" in the area cell are two zones of one level.  Used by
:mod:`geo.sheets` for zones tables: such a row becomes a row per part, each
with its own words and figures (a figure printed once for the level stays on
its first part, warned); a row whose words describe the level whole but whose
figures are given per part is checked against their sum, warned.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from geo.cells import fold, parse_part
from geo.errors import SuspiciousInputWarning, warn_rows

__all__ = ["split_parts", "warn_shared_figures"]

_PART = r"(水域|陆域)(?:保护区|部分|范围)?"
#: A part's label at the start of the cell or after a stop: "水域：", "；陆域范围:".
_LABEL = re.compile(rf"(?:^|(?<=[;；。\n]))\s*{_PART}\s*[:：]")
#: One part's figure: "水域0.12", "陆域面积：0.08km²".
_FIGURE = re.compile(rf"\s*{_PART}(?:面积|周长)?\s*[:]?\s*([0-9][0-9.]*\s*[^\d,;。\s]*)\s*")
_FIGURES = ("stated_area", "stated_perimeter")


def split_parts(rows: tuple, written: dict[str, str], label: str) -> tuple:
    """``rows`` with each row whose rule cell is labelled by part as a row per part (see the module)."""
    out = []
    shared: list[int] = []
    summed: list[tuple[int, str, str]] = []
    for row in rows:
        if row.values.get("part"):
            out.append(row)
            continue
        rule = row.values.get("rule", "")
        segments = _segments(rule) if ("水域" in rule or "陆域" in rule) else []
        figures = {name: _figures(row.values.get(name, "")) for name in _FIGURES if "域" in row.values.get(name, "")}
        if not segments:
            for name, by_part in figures.items():
                total = _sum(by_part) if by_part else None
                if total is not None:
                    summed.append((row.number, row.values[name], total))
                    row = replace(row, values={**row.values, name: total})
            out.append(row)
            continue
        for k, (part, words) in enumerate(segments):
            values = {**row.values, "rule": words, "part": part}
            for name in _FIGURES:
                by_part = figures.get(name)
                if by_part:
                    values[name] = by_part.get(part, "")
                elif k and values.get(name):
                    values[name] = ""  # a figure printed once for the level: kept on its first part
                    if row.number not in shared:
                        shared.append(row.number)
            out.append(replace(row, values=values))
    if shared:
        warn_shared_figures(label, shared, "、".join(written.get(f, f) for f in _FIGURES if f in written))
    for number, printed, total in summed:
        warnings.warn(
            SuspiciousInputWarning(
                f"{label} row {number}: the figure is given by part ({printed!r}): checked as their sum, {total}",
                zh=f"{label} 第{number}行：数值按分区列出（“{printed}”），按合计 {total} 核对",
            ),
            stacklevel=3,
        )
    return tuple(out)


def _segments(text: str) -> list[tuple[str, str]]:
    """(part, words as printed) of a rule cell labelled by part from its start, else []."""
    labels = list(_LABEL.finditer(text))
    if not labels or text[: labels[0].start()].strip():
        return []
    out = []
    for k, label in enumerate(labels):
        end = labels[k + 1].start() if k + 1 < len(labels) else len(text)
        words = text[label.end() : end].strip(" \t\n;；。")
        part = parse_part(label[1])
        if not words or any(p == part for p, _ in out):
            return []
        out.append((part, words))
    return out


def _figures(text: str) -> dict[str, str]:
    """Part → figure of a cell giving one per part ("水域0.12,陆域0.08"), else {}."""
    folded = fold(text).replace("；", ";")
    pieces = [p for p in re.split(r"[,;、]", folded) if p.strip()]
    out: dict[str, str] = {}
    for piece in pieces:
        match = _FIGURE.fullmatch(piece)
        if match is None:
            return {}
        out[parse_part(match[1])] = match[2].strip()
    return out if len(out) == len(pieces) else {}


def _sum(by_part: dict[str, str]) -> str | None:
    """The parts' figures added, as printed decimals, where they are plain numbers in one unit; else None."""
    units = {re.sub(r"[0-9.]", "", v) for v in by_part.values()}
    if len(units) != 1:
        return None
    unit = units.pop()
    try:
        total = sum(Decimal(v[: len(v) - len(unit)] if unit else v) for v in by_part.values())
    except InvalidOperation:
        return None
    return f"{total}{unit}"


def warn_shared_figures(label: str, rows: list[int], names: str, part: str = "") -> None:
    """Warn that the figures ``names`` of ``rows``, printed once for a level of several parts, stay on its first."""
    warn_rows(
        label,
        rows,
        f"{names} printed once for a level of several parts: kept on its first part{f' ({part})' if part else ''}, "
        "the level's total, not that part's",
        f"{names}为整级保护区的数值（各分区合计），记在第一个分区{f'（{part}）' if part else ''}一行，请核对",
    )
