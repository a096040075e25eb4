"""Arithmetic: how the drafters of approvals worked out their figures, as exact decimals.

Used by :mod:`geo.validation`, which compares these figures with the zones as
built.  π is taken as 3.14 (:data:`DRAFTERS_PI`), rounding is half-up to the
decimals printed, and the figures a rule's circles can give are listed with the
sentence that says how each is reached (:func:`area_candidates`).

Examples
--------
The seed approvals' 一级 zone of 30 m (吕政函〔2023〕92号): 0.0028 km² and 188.4 m.

>>> from decimal import Decimal
>>> circles_area("0.0028", (Decimal(30),), (Decimal(0),), "km²", Decimal(10**6))[2]
Decimal('0.0028')
>>> circles_perimeter(1, (Decimal(30),))[0]
Decimal('188.4')
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

__all__ = [
    "DRAFTERS_PI",
    "area_candidates",
    "area_expression",
    "circles_area",
    "circles_perimeter",
    "decimals",
    "from_the_wells",
    "places_of",
    "plain",
    "radii_decimals",
    "radii_text",
    "round_half_up",
    "stated_figure",
    "within",
]

#: The value of π the drafters of the seed approvals used.
DRAFTERS_PI = Decimal("3.14")


@lru_cache(maxsize=65_536)
def radii_decimals(
    radii: tuple[float, ...], inner: tuple[float, ...]
) -> tuple[tuple[Decimal, ...], tuple[Decimal, ...]]:
    """A zone's radii and inner radii as exact decimals (inner radii 0 where nothing is taken out).

    Registers repeat a few radii over thousands of wells: the decimals are made once for each.
    """
    out = tuple(decimals(radii))
    return out, tuple(decimals(inner)) or (Decimal(0),) * len(out)


def decimals(values) -> list[Decimal]:
    """Radii (the zones' lists of floats in metres) as exact decimals: 30.0 → 30, 30.5 → 30.5."""
    out = [Decimal(repr(float(value))) for value in values]
    return [d.to_integral_value() if d == d.to_integral_value() else d for d in out]


def radii_text(values) -> str:
    return "、".join(str(d) for d in decimals(values))


def round_half_up(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@lru_cache(maxsize=65_536)
def stated_figure(text: str) -> tuple[Decimal, int]:
    """A stated figure's text as a decimal and its printed decimals ("0.00280" has 5: Decimals equal to 0.0028 hash alike, texts do not)."""
    stated = Decimal(text)
    return stated, places_of(stated)


def places_of(stated: Decimal) -> int:
    return max(0, -stated.as_tuple().exponent)


def within(stated: Decimal, value: float, places: int, extra: float = 0.0) -> bool:
    return abs(float(stated) - value) <= 0.5 * 10.0**-places + extra + 1e-12


@lru_cache(maxsize=65_536)
def circles_area(stated_text: str, radii: tuple, inner: tuple, unit: str, scale: Decimal) -> tuple:
    """The rule's arithmetic for circles' area: π = 3.14 figure (m²), its expression, the direct rounded figure,
    the true-π figure (m²) and the candidate that gives the stated figure (None if none does).

    It depends on the printed figure and the radii only, which a register repeats, so it is worked out once for each.
    """
    stated, places = stated_figure(stated_text)
    squares = sum(r * r - i * i for r, i in zip(radii, inner, strict=True))
    formula_m2 = DRAFTERS_PI * squares
    expr = area_expression(radii, inner)
    candidates = area_candidates(radii, inner, places, expr, formula_m2, scale, unit)
    found = next((c for c in candidates if c[0] == stated), None)
    return formula_m2, expr, candidates[0][0], math.pi * float(squares), found


def area_candidates(
    radii, inner, places: int, expr: str, formula_m2: Decimal, scale: Decimal, unit: str
) -> list[tuple]:
    """The figures the drafters' arithmetic can give, with how each is reached.

    First the direct sum; then each well rounded before adding (岚县's two-well
    一级 zones: 0.0028 + 0.0028 = 0.0056, where 5652 m² would give 0.0057); then
    outer circles and 一级 rounded before subtracting (中阳 二级: 0.7850 − 0.0079).
    """
    direct = round_half_up(formula_m2 / scale, places)
    out = [
        (
            direct,
            f"面积按π=3.14计算：{expr}={formula_m2} m²≈{direct} {unit}",
            f"Area with π = 3.14: {expr} = {formula_m2} m² ≈ {direct} {unit}",
        )
    ]
    if len(radii) > 1:
        each = [round_half_up(DRAFTERS_PI * (r * r - i * i) / scale, places) for r, i in zip(radii, inner, strict=True)]
        total = sum(each, Decimal(0))
        if total != direct:
            parts = "+".join(str(e) for e in each)
            out.append(
                (
                    total,
                    f"面积按π=3.14逐井计算并先四舍五入再相加：{parts}={total} {unit}（直接计算{expr}={formula_m2} m²应为{direct} {unit}）",
                    f"Area with π = 3.14, each well rounded first, then added: {parts} = {total} {unit} (computed directly, {expr} = {formula_m2} m² would round to {direct} {unit})",
                )
            )
    if any(inner):
        outer_km2 = round_half_up(DRAFTERS_PI * sum(r * r for r in radii) / scale, places)
        inner_km2 = round_half_up(DRAFTERS_PI * sum(i * i for i in inner) / scale, places)
        if outer_km2 - inner_km2 != direct:
            value = outer_km2 - inner_km2
            out.append(
                (
                    value,
                    f"面积为外圆面积与一级面积各自按π=3.14计算并四舍五入后相减：{outer_km2}−{inner_km2}={value} {unit}（直接计算{expr}={formula_m2} m²应为{direct} {unit}）",
                    f"Area is the outer circle and the 一级 area, each computed with π = 3.14 and rounded first, then subtracted: {outer_km2} − {inner_km2} = {value} {unit} (computed directly, {expr} = {formula_m2} m² would round to {direct} {unit})",
                )
            )
    return out


@lru_cache(maxsize=65_536)
def circles_perimeter(places: int, radii: tuple) -> tuple:
    """The rule's arithmetic for circles' perimeter: the π = 3.14 figure rounded to ``places``, the true-π figure, the expression and the π = 3.14 figure as text."""
    formula_m = 2 * DRAFTERS_PI * sum(radii)
    expr = "2×3.14×" + (f"({'+'.join(plain(r) for r in radii)})" if len(radii) > 1 else plain(radii[0]))
    return round_half_up(formula_m, places), 2 * math.pi * float(sum(radii)), expr, plain(formula_m)


def area_expression(radii, inner) -> str:
    terms = [f"{plain(r)}²" + (f"−{plain(i)}²" if i else "") for r, i in zip(radii, inner, strict=True)]
    body = "+".join(terms)
    return f"3.14×({body})" if len(terms) > 1 or "−" in body else f"3.14×{body}"


def plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def from_the_wells(rule_text: str, radii: tuple, inner: tuple) -> tuple | None:
    """The other reading of a level pushed out by d around circles ("一级保护区外300米"), which geo.zonespecs draws
    as circles r + d less r: circles of d from the wells less r, as drafters sometimes computed it — (radii, inner,
    d, the level pushed out), where d > r; None for any other rule.
    """
    from geo.rules import parse_rule

    rule = parse_rule(rule_text)
    if rule.shape != "outward" or len(rule.radii_m) != 1 or not inner or len(inner) != len(radii):
        return None
    distance = Decimal(rule.radii_m[0])
    if any(r - i != distance or not distance > i > 0 for r, i in zip(radii, inner, strict=True)):
        return None
    return tuple(distance for _ in radii), tuple(inner), distance, rule.outward_from
