"""Zones against their source's wells: does each level of a source reach every well?

A level drawn through corner points should hold its source's wells
(:func:`check_wells_inside`); a level drawn around wells should name every
well of the source in one of its rows, or say that a well is left out
(:func:`check_wells_named`).  Both warn and keep the zones as read.  A zone
drawn around a well the table gives no coordinates for cannot be derived
(:func:`unlocated_wells`, :func:`without_position`).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

import shapely

from geo.records import ZoneSpec, warn
from geo.rules import Rule

__all__ = ["check_wells_inside", "check_wells_named", "unlocated_wells", "without_position"]

#: The levels a source's every well is expected in.
_EVERY_WELL_LEVELS = ("一级", "二级")
#: Rule shapes drawn around wells.
_AROUND_WELLS = ("circles", "squares", "hull")


def check_wells_inside(specs: list[ZoneSpec], wells_of) -> list[ZoneSpec]:
    """A level drawn through corner points should hold its source's wells: its parts (水域, 陆域) together."""
    by_level: dict[tuple, list[int]] = defaultdict(list)
    for i, spec in enumerate(specs):
        if spec.corners and all(len(r) >= 3 for r in spec.corners):
            by_level[(spec.doc_no, spec.source_code, spec.level)].append(i)
    out = list(specs)
    for (doc, code, level), members in by_level.items():
        polygon = shapely.union_all([shapely.Polygon(r) for i in members for r in specs[i].corners])
        outside = [
            w for w in wells_of.get((doc, code), ()) if not shapely.covers(polygon, shapely.Point(w.lon_deg, w.lat_deg))
        ]
        if not outside:
            continue
        names = "、".join(w.well_no or w.source_code for w in outside)
        _note_first(
            out,
            members[0],
            f"{level}拐点围成的范围未包含水源井{names}，请核对拐点坐标。",
            f"the corner points of {level} leave well(s) {names} of source {code} outside",
        )
    return out


def check_wells_named(specs: list[ZoneSpec], wells_of) -> list[ZoneSpec]:
    """A 一级 or 二级 drawn around wells whose rows name only some of the source's wells: say which are left out.

    "以1#取水井为中心，半径30米" in a source of wells 1# and 2# draws nothing
    around 2#: perhaps a standby well, perhaps a slip.  Rows naming no well
    are drawn around every well; levels with corner points are checked by
    :func:`check_wells_inside` instead.
    """
    by_level: dict[tuple, list[int]] = defaultdict(list)
    every_well: set[tuple] = set()  # levels with a row whose rule names no well, drawn around them all
    for i, spec in enumerate(specs):
        if spec.level in _EVERY_WELL_LEVELS:
            key = (spec.doc_no, spec.source_code, spec.level)
            if spec.rule.wells:
                by_level[key].append(i)
            else:
                every_well.add(key)
    out = list(specs)
    for (doc, code, level), members in by_level.items():
        if (doc, code, level) in every_well:
            continue
        rows = [specs[i] for i in members]
        if any(s.corners or s.rule.shape not in _AROUND_WELLS or not s.well_keys for s in rows):
            continue
        named = {k for s in rows for k in s.well_keys}
        missing = [w for w in wells_of.get((doc, code), ()) if w.key not in named]
        if not missing:
            continue
        left = "、".join(w.well_no or w.key for w in missing)
        said = "、".join(sorted(named, key=lambda k: (len(k), k)))
        _note_first(
            out,
            members[0],
            f"{level}的划定方案只提到{said}，本水源的{left}未划入{level}，请核对。",
            f"the 划定方案 of {level} names only {said}: well(s) {left} of source {code} get no {level} zone",
        )
    return out


def _note_first(out: list[ZoneSpec], i: int, zh: str, en: str) -> None:
    """Warn at zone row ``out[i]`` and add the note to its warnings (the level's first row carries a level's note)."""
    spec = out[i]
    out[i] = dataclasses.replace(spec, warnings=(*spec.warnings, warn(spec.file, spec.row, zh, en)))


def unlocated_wells(rule: Rule, located, unlocated) -> list:
    """The wells without a position that ``rule`` draws around (the wells it names, or every well of the source)."""
    if not unlocated or rule.shape not in (*_AROUND_WELLS, "outward"):
        return []
    named = list(rule.wells) + [k for k, _ in rule.exceptions] + [k for ws, _ in rule.groups for k in ws]
    if any(not ws for ws, _ in rule.groups) or not named:
        return list(unlocated)
    return [w for w in unlocated if w.key in named and w.key not in {x.key for x in located}]


def without_position(rule: Rule, missing) -> Rule:
    """``rule`` as a zone the table cannot give: the wells it is drawn around have no coordinates."""
    numbers = [w.well_no or w.key for w in missing]
    rows = "、".join(dict.fromkeys(str(w.row) for w in missing))
    notes = list(dict.fromkeys(w.note for w in missing if w.note))
    if notes:  # wells a count says there are, not listed
        zh = "；".join(n[0] for n in notes) + "，未列出的井没有坐标"
        en = "; ".join(n[1] for n in notes) + ": the others have no coordinates"
    elif any(numbers):
        zh = f"井表第{rows}行的{'、'.join(n or '取水井' for n in numbers)}井没有坐标"
        en = (
            f"well {', '.join(n or '(unnumbered)' for n in numbers)} has no coordinates in the wells table (row {rows})"
        )
    else:
        zh = f"井表第{rows}行的取水井没有坐标"
        en = f"the well has no coordinates in the wells table (row {rows})"
    reason = ("coordinates", zh, en)
    return dataclasses.replace(rule, terrain=(*rule.terrain, "井坐标"), reasons=(*rule.reasons, reason))
