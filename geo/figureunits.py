"""Figure units: the unit of a zones table's area or perimeter column that prints none, from its notes or figures.

A unit stated around the table — in a title row above its header (``表1（面积单位：km²，周长单位：m）``)
or a note below it (``注：面积单位为公顷``) — is the unit of the column that prints none
(:func:`units_in_notes`, warned).  Else:

A header ``面积`` or ``周长`` with no unit, and cells without one, leaves the
unit to the reader: km² and m by default (:func:`geo.cells.parse_figure`).
Where the rows whose rules give radii say otherwise — ``2826`` beside a 30 m
circle is m², not km² — the column is read in the unit most of those rows
fit (their figure within a factor of 1.5 of the circles' πΣr² or 2πΣr; the
units are a factor of 15 or more apart), every figure of it, warned with the
rows that decided.  Used by :mod:`geo.zonespecs`.
"""

from __future__ import annotations

import math
import re
import unicodedata
import warnings
from collections import Counter
from dataclasses import replace

from geo.cells import Figure
from geo.columns import AREA_UNITS, LENGTH_UNITS
from geo.errors import SuspiciousInputWarning, warn_rows

__all__ = ["units_in_notes", "units_from_figures"]

#: The units tried for a column that prints none, one spelling each.
_TRIED = {"area": ("km²", "公顷", "亩", "m²"), "length": ("m", "km")}
_FIELDS = {"area": "stated_area", "length": "stated_perimeter"}
_TABLES = {"area": AREA_UNITS, "length": LENGTH_UNITS}
_WORDS = {"area": ("面积", "area"), "length": ("周长", "perimeter")}
#: How far a figure may be from its circles' and still tell its unit (a ring, overlapping circles).
_FIT = 1.5
#: A unit stated in words: "面积单位：km²", "单位：平方公里", "周长单位为米", "（单位：公顷）".
_STATED = re.compile(
    r"(面积|周长|长度)?(?:的)?(?:计量)?单位(?:为|是|:)?(km²|km2|平方公里|平方千米|公顷|hm²|hm2|亩|m²|m2|平方米|公里|千米|km|米|m)"
)
#: Rows looked at below the header's last data row for a note ("注：面积单位为公顷").
_NOTE_ROWS = 10


def units_in_notes(grid: list[list[str]], index: int, written: dict[str, str], units: dict[str, str], label: str):
    """Give the unitless area and perimeter columns of the table whose header ends on row ``index`` the units
    its title rows or closing notes state; ``units`` is changed in place, warned."""
    wanting = [f for f in _FIELDS.values() if f in written and not units.get(f)]
    if not wanting:
        return
    for cells in [*grid[:index], *grid[-_NOTE_ROWS:]]:
        text = "".join(unicodedata.normalize("NFKC", "".join(cells)).split())
        if "单位" not in text:
            continue
        for found in _STATED.finditer(text):
            what, unit = found[1] or "", found[2]
            kind = "area" if unit in AREA_UNITS else "length"
            field = _FIELDS[kind]
            if field not in wanting or (what and (what == "面积") != (kind == "area")):
                continue
            units[field] = unit
            wanting.remove(field)
            name = written[field]
            warnings.warn(
                SuspiciousInputWarning(
                    f"{label}: the column {name!r} prints no unit; read in {unit}, as the table states ({found[0]})",
                    zh=f"{label}：“{name}”列未注明单位，按表中的说明读作 {unit}（{found[0]}）",
                ),
                stacklevel=3,
            )


def units_from_figures(specs: list, label: str, column: dict[str, str]) -> list:
    """``specs`` with the figures of a unitless area or perimeter column in the unit their circles tell."""
    unitless = {"area": [], "length": []}  # one pass: a register's million rows all print their units
    for i, spec in enumerate(specs):
        if spec.stated_area is not None and spec.stated_area.assumed:
            unitless["area"].append(i)
        if spec.stated_perimeter is not None and spec.stated_perimeter.assumed:
            unitless["length"].append(i)
    for kind, field in _FIELDS.items():
        assumed = unitless[kind]
        if not assumed:
            continue
        votes: Counter = Counter()
        rows: dict[str, list[int]] = {}
        for i in assumed:
            spec = specs[i]
            unit = _fitting(getattr(spec, field), spec, kind)
            if unit is not None:
                votes[unit] += 1
                rows.setdefault(unit, []).append(spec.row)
        if not votes:
            continue
        unit, _ = votes.most_common(1)[0]
        if unit == _TRIED[kind][0]:
            continue
        per_unit = _TABLES[kind][unit]
        for i in assumed:
            figure = getattr(specs[i], field)
            specs[i] = replace(specs[i], **{field: Figure(figure.value, unit, per_unit, assumed=True)})
        zh, en = _WORDS[kind]
        name = column.get(field, zh)
        warn_rows(
            label,
            rows[unit],
            f"the column {name!r} prints no unit; its figures are read in {unit}, the unit in which these rows' "
            f"figures fit their rules' radii",
            f"“{name}”列未注明单位，按这些行的数字与划定方案的半径相符，全列读作 {unit}",
        )
    return specs


def _fitting(figure, spec, kind: str) -> str | None:
    """The unit in which ``figure`` fits the circles of ``spec``'s rule, or None (no radii, or no unit fits)."""
    if spec.rule.shape != "circles" or not spec.radii_m:
        return None
    radii = [float(r) for r in spec.radii_m]
    if kind == "area":
        inner = [float(r) for r in spec.inner_radii_m] or [0.0] * len(radii)
        expected = math.pi * sum(r * r - i * i for r, i in zip(radii, inner, strict=False))
    else:
        expected = 2 * math.pi * sum(radii)
    if expected <= 0:
        return None
    for unit in _TRIED[kind]:
        ratio = float(figure.value * _TABLES[kind][unit]) / expected
        if 1 / _FIT <= ratio <= _FIT:
            return unit
    return None
