"""Zone rules: the 划定方案 of a zone row, from its words, its level's part of them, or a radius column.

Used by :mod:`geo.zonespecs`.  :func:`zone_rule` reads the rule cell by
:func:`geo.rules.parse_rule` (a cell describing several levels is read for the
row's level only); a row with no words but a radius (``半径（m）``, or
``一级保护区半径`` in a table with a column per level) is a circle around each well,
outside the levels inside it.  :func:`check_rule` notes what a reader should check.
"""

from __future__ import annotations

import re
import unicodedata

from geo.cells import agree, parse_figure
from geo.errors import Problem, RuleError, ValueProblem
from geo.records import figure, warn
from geo.rules import Rule, level_segment, parse_rule

__all__ = ["check_rule", "figures_in_words", "figures_printed_twice", "zone_rule"]


def zone_rule(sheet, row, has_corners: bool, level: str, part: str, problems) -> tuple[Rule, list[tuple[str, str]]]:
    """The row's rule and notes on how it was read; with none printed, a radius column, its corner points, else a
    zone kept as unread.

    A cell describing several levels, each after its label ("一级保护区：…；
    二级保护区：…"), is read for the row's level only, with a warning.
    """
    text = row.values.get("rule", "")
    if not text.strip() and row.values.get("radius", "").strip() and not has_corners:
        return _radius_rule(sheet, row, level, problems)
    if not text.strip():
        return Rule(text="", shape="corners" if has_corners else "unread"), []
    if "：" in text or ":" in text:
        segment = level_segment(text, level, part)
        if segment is not None:
            words, label, labels = segment
            if labels > 1:  # more in the cell than this level's own words
                warn(
                    sheet.file,
                    row.number,
                    f"划定方案写有多级保护区，本行（{level}{part}）按“{label}”一段读取：{words}",
                    f"the rule describes several levels; this row ({level}{part}) reads the words after '{label}': {words}",
                )
            text = words
    try:
        rule = parse_rule(text)
    except RuleError as exc:
        problems.append(Problem.of(exc, sheet.file, row.number, sheet.column("rule", row)))
        return Rule(text=text, shape="unread"), []
    if row.values.get("radius", "").strip() and rule.shape == "circles":
        return rule, _radius_beside(sheet, row, rule, problems)
    return rule, []


def _radius_beside(sheet, row, rule: Rule, problems) -> list[tuple[str, str]]:
    """A radius column beside the rule's words: the words are drawn; a radius they do not give is noted."""
    radius = figure(sheet, row, "radius", "length", "a radius above zero such as 30 (m)", problems)
    if radius is None or radius.base in rule.radii_m:
        return []
    column = sheet.column("radius", row)
    given = "、".join(f"{r.normalize():f}" for r in rule.radii_m)
    return [
        warn(
            sheet.file,
            row.number,
            f"“{column}”列为{radius.base.normalize():f} m，划定方案的半径为{given} m，按划定方案绘制，请核对。",
            f"the column {column!r} gives {radius.base.normalize():f} m, the rule's radius is {given} m: drawn as the rule says",
        )
    ]


def _radius_rule(sheet, row, level: str, problems) -> tuple[Rule, list[tuple[str, str]]]:
    """The rule of a row that gives a radius and no words: a circle around each well, outside the levels inside.

    By law the levels do not overlap, so a 二级 radius is the ring outside 一级
    and a 准保护区 radius the ring outside 二级; warned, with the words read.
    """
    radius = figure(sheet, row, "radius", "length", "a radius above zero such as 30 (m)", problems)
    if radius is None:
        return Rule(text="", shape="unread"), []
    less = {"一级": "", "二级": "，扣除一级保护区"}.get(level, "，扣除一级、二级保护区")
    text = f"以取水井为中心，半径{radius.value}{radius.unit or 'm'}的圆形区域{less}"
    column = sheet.column("radius", row)
    note = warn(
        sheet.file,
        row.number,
        f"表中没有划定方案，按“{column}”列读作：{text}",
        f"no 划定方案 in the table; read from the column {column!r} as: {text}",
    )
    return parse_rule(text), [note]


def check_rule(sheet, row, rule: Rule, corners, labels, problems) -> list[tuple[str, str]]:
    """Notes on a rule read: unread words, squares of assumed orientation, corner points missing or miscounted."""
    notes = []
    if rule.shape == "unread" and not rule.text.strip():
        notes.append(
            warn(
                sheet.file,
                row.number,
                "表中没有划定方案，也没有拐点坐标，未绘制。",
                "the row gives no 划定方案 and no corner points; the zone is kept, not drawn",
            )
        )
    elif rule.shape == "unread":
        why_zh, why_en = (f"（{rule.doubt[0]}）", f": {rule.doubt[1]}") if rule.doubt else ("", "")
        notes.append(
            warn(
                sheet.file,
                row.number,
                f"划定方案无法解读：“{rule.text}”{why_zh}，未绘制。",
                f"the 划定方案 cannot be read ({rule.text!r}){why_en}; the zone is kept, not drawn",
            )
        )
    if rule.shape == "squares" and not rule.square_oriented:
        notes.append(
            warn(
                sheet.file,
                row.number,
                f"划定方案未写明方形的边朝向（“{rule.text}”），按边沿正东西、正南北方向绘制，请核对。",
                f"the rule does not say which way the square's sides run ({rule.text!r}): drawn east–west and north–south",
            )
        )
    if rule.shape == "corners" and not corners:
        notes.append(
            warn(
                sheet.file,
                row.number,
                "划定方案以拐点坐标划定，但表中没有拐点坐标（拐点坐标列或拐点坐标表），未绘制。",
                "the rule is drawn through corner points, but no corner points are given; the zone is kept, not drawn",
            )
        )
    if rule.shape == "corners" and corners and rule.corner_count is not None:
        given = sum(len(r) for r in corners)
        if given != rule.corner_count:
            problems.append(
                Problem(
                    sheet.file,
                    row.number,
                    sheet.column("rule", row),
                    rule.text,
                    f"as many corner points as the rule states ({rule.corner_count}), but {given} are given",
                )
            )
    return notes


#: A stated figure printed in the rule's own words: "…的圆形区域，面积0.0028平方公里，周长188.4米".
_IN_WORDS = {
    "area": re.compile(
        r"面积(?:为|约为|约|是|:)?([0-9]+(?:\.[0-9]+)?)(平方公里|平方千米|km2|km²|平方米|m2|m²|公顷|hm2|hm²|亩)(?!的)"
    ),
    "length": re.compile(r"周长(?:为|约为|约|是|:)?([0-9]+(?:\.[0-9]+)?)(公里|千米|km|米|m)(?![2²]|的)"),
}
_FIGURE_WORDS = {"area": ("stated_area", "面积", "area"), "length": ("stated_perimeter", "周长", "perimeter")}


def figures_in_words(sheet, row, text: str, area, perimeter) -> tuple:
    """The row's stated area and perimeter, from their columns or else the rule's words, and notes on them.

    An approval often prints a zone's figures in its 划定方案 ("…，面积0.0028平方公里"): where the row's
    column gives none, that is the stated figure (noted); where both give one and they differ, the column's
    is checked, warned.
    """
    if "面积" not in text and "周长" not in text:  # most rules: nothing to look for, at no cost to a register
        return area, perimeter, []
    folded = "".join(unicodedata.normalize("NFKC", text).split())
    notes: list[tuple[str, str]] = []
    out = {"area": area, "length": perimeter}
    for kind, regex in _IN_WORDS.items():
        found = regex.search(folded)
        if found is None:
            continue
        try:
            in_words = parse_figure(found[1] + found[2], "", kind, "a figure")
        except ValueProblem:
            continue
        column, zh, en = _FIGURE_WORDS[kind]
        given = out[kind]
        if given is None:
            out[kind] = in_words
            notes.append(
                warn(
                    sheet.file,
                    row.number,
                    f"{zh}取自划定方案的文字（{found[0]}）",
                    f"the {en} is the one the rule's words print ({found[0]})",
                )
            )
        elif given.base != in_words.base:
            notes.append(
                warn(
                    sheet.file,
                    row.number,
                    f"“{sheet.column(column, row)}”列为{given.value} {given.unit}，划定方案的文字写{found[0]}，按该列核对，请确认",
                    f"the column {sheet.column(column, row)!r} gives {given.value} {given.unit}, the rule's words "
                    f"{found[0]}: the column's is checked",
                )
            )
    return out["area"], out["length"], notes


def figures_printed_twice(sheet, row, area, perimeter, problems) -> tuple:
    """The row's stated figures where its table prints each twice, in two units (面积（km²） and 面积（亩）).

    The first column's figure is checked (the second's where the first is empty); a second that is not the
    same to the precision either is printed to is warned.
    """
    out = {"area": area, "length": perimeter}
    notes: list[tuple[str, str]] = []
    for kind, (column, _, en) in _FIGURE_WORDS.items():
        if f"{column}_also" not in row.values:
            continue
        also = figure(sheet, row, f"{column}_also", kind, f"an {en} above zero", problems)
        first = out[kind]
        if also is None:
            continue
        if first is None:
            out[kind] = also
        elif not agree(first, also):
            one, two = sheet.column(column, row), sheet.column(f"{column}_also", row)
            notes.append(
                warn(
                    sheet.file,
                    row.number,
                    f"“{two}”列为{also.value} {also.unit}，与“{one}”列的{first.value} {first.unit}不是同一数字，按“{one}”列核对",
                    f"the column {two!r} gives {also.value} {also.unit}, not the same {en} as {first.value} "
                    f"{first.unit} in {one!r}: the latter is checked",
                )
            )
    return out["area"], out["length"], notes
