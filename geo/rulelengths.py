"""The lengths a 划定方案's words give: numbers with their units in metres, lists of radii, rings.

Used by :mod:`geo.rules` once its patterns have found the words; every
length is checked here (a unit, above zero, at most :data:`MAX_RADIUS_M`).
"""

from __future__ import annotations

import re
from decimal import Decimal

from geo.errors import RuleError
from geo.grammar import MACROS

__all__ = ["MAX_RADIUS_M", "radii_words", "radius_list", "ring", "spread", "to_metres"]

#: The largest radius or distance read, in metres: zones of drinking-water sources are far smaller.
MAX_RADIUS_M = 100_000
_UNITS = {"m": 1, "米": 1, "km": 1000, "公里": 1000, "千米": 1000}
_NUMBER = re.compile(rf"({MACROS['NUM']})({MACROS['UNIT']})?")


def ring(match: re.Match, text: str, outer_first: bool = False) -> tuple[Decimal, Decimal]:
    """The inner and outer radius of a ring; a unit printed once holds for both."""
    first, second = (3, 1) if outer_first else (1, 3)
    inner = to_metres(match[first], match[first + 1] or match[second + 1], text)
    outer = to_metres(match[second], match[second + 1] or match[first + 1], text)
    if inner >= outer:
        raise RuleError(f"the inner radius of a ring below its outer radius ({inner} m to {outer} m)", text)
    return inner, outer


def radius_list(listed: str, text: str) -> tuple[Decimal, ...]:
    items = _NUMBER.findall(listed)
    last_unit = next((unit for _, unit in reversed(items) if unit), None)
    return tuple(to_metres(number, unit or last_unit, text) for number, unit in items)


def to_metres(number: str, unit: str | None, text: str) -> Decimal:
    if not unit:
        raise RuleError(f"a unit (m, 米, km, 公里) after the radius {number}", text)
    value = Decimal(number) * _UNITS[unit]
    if value <= 0:
        raise RuleError(f"a radius above zero, not {number}{unit}", text)
    if value > MAX_RADIUS_M:
        shown = number if len(number) <= 12 else number[:12] + "…"
        raise RuleError(f"a radius of at most {MAX_RADIUS_M // 1000} km, not {shown}{unit}", text)
    return value


def radii_words(radii: tuple[Decimal, ...], unit: str, sep: str) -> str:
    """Radii as printed for a reader: (30, 50) → "30米、50米" or "30 m, 50 m"."""
    return sep.join(f"{r.normalize():f}{unit}" for r in radii)


def spread(values: tuple[Decimal, ...], count: int) -> tuple[Decimal, ...]:
    if len(values) == 1:
        return values * count
    if len(values) != count:
        raise ValueError(f"the rule gives {len(values)} radii for {count} wells")
    return values
