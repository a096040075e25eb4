"""Figures checked by measuring the zone as built, and hulls by Steiner's formula (used by :mod:`geo.validation`).

A zone the rule's arithmetic does not describe (corners, terrain, squares) is
checked by its measured figure, at π and scaled to the drafters' π = 3.14,
and for corner tables also in the Gauss–Krüger plane; a hull of wells pushed
out by R by A + P·R + πR² and P + 2πR, or, where the approval added up its
wells' circles instead, said so.
"""

from __future__ import annotations

import math
from decimal import Decimal
from functools import lru_cache

import numpy as np

from geo.arithmetic import DRAFTERS_PI, circles_area, circles_perimeter, decimals, places_of, round_half_up, within
from geo.columns import AREA_UNITS, LENGTH_UNITS

#: The built zone must agree with the closed-form figure to this fraction
#: (a circle's polygon has its area and exceeds its perimeter 2πr by at most
#: 2.5e-5, at 256 vertices) before the formula's figure is taken to describe it.
GEOMETRY_TOLERANCE = 1e-4
#: Half of 0.01″ of arc, the precision of printed coordinates, in metres.
COORDINATE_HALF_STEP_M = 0.15


def stated_unit(row, kind: str) -> tuple[str, Decimal]:
    """The unit a figure was printed in, and its size in m² (areas) or m (lengths)."""
    if kind == "area":
        return _unit_of(getattr(row, "stated_area_unit", "") or "km²", kind)
    return _unit_of(getattr(row, "stated_perimeter_unit", "") or "m", kind)


@lru_cache(maxsize=256)
def _unit_of(unit: str, kind: str) -> tuple[str, Decimal]:
    if kind == "area":
        return ("km²" if unit in ("km2", "平方公里", "平方千米") else unit), AREA_UNITS[unit]
    return unit, LENGTH_UNITS[unit]


def hull_figure(stated: Decimal, row, kind: str) -> tuple:
    """A hull of wells pushed out by R, by Steiner's formula: area A + P·R + πR², perimeter P + 2πR.

    Both π = 3.14 and true π are tried; a removed 一级 zone is taken at its
    area as built.  The built zone must agree with the true-π figure, else
    the groups overlap and the formula overstates the zone.
    """
    places = places_of(stated)
    unit, scale = stated_unit(row, kind)
    if kind == "area":
        core, sq, removed = row.hull_core_area_m2, row.hull_radius_sq_sum_m2, row.removed_area_m2
        built = row.area_m2
        terms = f"A+P·R+πR²（A+P·R={core:.1f} m²，ΣR²={sq:g} m²）" + (f"−一级{removed:.1f} m²" if removed else "")
        terms_en = f"A + P·R + πR² (A + P·R = {core:.1f} m², ΣR² = {sq:g} m²)" + (
            f" − 一级 {removed:.1f} m²" if removed else ""
        )
        value = {pi: core + pi * sq - removed for pi in (3.14, math.pi)}
        zh, en, shown = "面积", "area", f"{built:.1f} m²"
    else:
        core, total_r = row.hull_core_perimeter_m, row.hull_radius_sum_m
        built = row.outer_perimeter_m
        terms = f"P+2πR（P={core:.2f} m，ΣR={total_r:g} m）"
        terms_en = f"P + 2πR (P = {core:.2f} m, ΣR = {total_r:g} m)"
        value = {pi: core + 2 * pi * total_r for pi in (3.14, math.pi)}
        zh, en, shown = "外边界周长", "outer perimeter", f"{built:.2f} m"
    geometry_ok = abs(value[math.pi] - built) <= GEOMETRY_TOLERANCE * value[math.pi]
    rounded = {pi: round_half_up(Decimal(repr(v)) / scale, places) for pi, v in value.items()}
    found = next((pi for pi in (3.14, math.pi) if rounded[pi] == stated), None)
    pi_zh = {3.14: "π取3.14", math.pi: "π取真值"}
    base = "m²" if kind == "area" else "m"
    if found is not None and geometry_ok:
        v = value[found]
        return (
            float(rounded[found]),
            "match",
            f"{zh}按井群外包多边形外扩公式{terms}，{pi_zh[found]}得{v:.2f} {base}≈{rounded[found]} {unit}；实测{shown}。",
            f"{en.capitalize()} by the formula for a hull pushed out by R, {terms_en}, with π = {'3.14' if found == 3.14 else 'π'}: {v:.2f} {base} ≈ {rounded[found]} {unit}; as built {shown}.",
        )
    if found is not None:
        return (
            float(stated),
            "mismatch",
            f"批复{zh}{stated} {unit}按外扩公式{terms}计算，但各井群外扩范围相互重叠，实测仅{shown}，批复数字大于区域实际。",
            f"The stated {en} {stated} {unit} follows the formula {terms_en}, but the groups overlap: as built {shown}, less than stated.",
        )
    result = measured_only(stated, built / float(scale), places, zh, en, unit, 0.0)
    circles = _as_circles(stated, row, kind, unit, scale) if result[1] == "mismatch" else None
    if circles is None:
        return result
    return (
        result[0],
        result[1],
        f"{result[2][:-1]}；批复数字是各井圆形区域按π=3.14相加的结果（{circles[0]}），未计井间的外包范围。",
        f"{result[3][:-1]}; the stated figure adds up the wells' circles with π = 3.14 ({circles[1]}), leaving out "
        "the hull between the wells.",
    )


def _as_circles(stated: Decimal, row, kind: str, unit: str, scale: Decimal) -> tuple[str, str] | None:
    """How a hull's stated figure follows from its wells' circles added up, where it does and nothing is taken out."""
    if row.removed_area_m2 or not len(row.radii_m):
        return None
    radii = decimals(row.radii_m)
    if kind == "area":
        found = circles_area(str(stated), tuple(radii), (Decimal(0),) * len(radii), unit, scale)[4]
        return None if found is None else (found[1].split("：", 1)[-1], found[2].split(": ", 1)[-1])
    value, _, expr, text = circles_perimeter(places_of(stated), tuple(radii))
    return (f"{expr}={text} m≈{value} m", f"{expr} = {text} m ≈ {value} m") if value == stated else None


def with_inner_level(
    stated: Decimal, text: str, row, radii, unit: str, scale: Decimal, places: int
) -> tuple[str, str] | None:
    """Why a stated area that misses is the zone's with the level inside it left in (3.14×300² for a 二级 ring less
    一级), where it is: drafters often print the whole circle or polygon; None otherwise."""
    removed = getattr(row, "removed_area_m2", 0.0)
    if not removed or not math.isfinite(removed):
        return None
    inner = "一级、二级保护区" if getattr(row, "level", "") == "准保护区" else "一级保护区"
    inner_en = "一级 and 二级" if getattr(row, "level", "") == "准保护区" else "一级"
    if row.shape == "circles" and radii:
        found = circles_area(text, radii, (Decimal(0),) * len(radii), unit, scale)[4]
        if found is None:
            return None
        how_zh, how_en = found[1].split("：", 1)[-1], found[2].split(": ", 1)[-1]
    else:
        whole = (row.area_m2 + removed) / float(scale)
        if not within(stated, whole, places):
            return None
        how_zh = f"实测{row.area_m2:.1f} m²加{inner}{removed:.1f} m²为{whole:.{places + 1}f} {unit}"
        how_en = f"{row.area_m2:.1f} m² as built plus {removed:.1f} m² of {inner_en} is {whole:.{places + 1}f} {unit}"
    return (
        f"；批复面积是未扣除{inner}的面积（{how_zh}），而划定方案扣除{inner}，按扣除后绘制",
        f"; the stated area is the zone's with {inner_en} left in ({how_en}), while the rule takes {inner_en} out, as drawn",
    )


def unstated(zh: str, en: str) -> tuple:
    return (math.nan, "not_stated", f"批复未列{zh}。", f"The approval states no {en}.")


def measured_only(stated: Decimal, measured: float, places: int, zh: str, en: str, unit: str, extra: float) -> tuple:
    scaled = measured * float(DRAFTERS_PI) / math.pi
    if within(stated, measured, places, extra):
        return (
            round(measured, places),
            "match",
            f"实测{zh}{measured:.{places + 1}f} {unit}，与批复{stated} {unit}一致。",
            f"The {en} as built, {measured:.{places + 1}f} {unit}, agrees with the stated {stated} {unit}.",
        )
    if within(stated, scaled, places, extra):
        return (
            round(scaled, places),
            "match",
            f"实测{zh}{measured:.{places + 1}f} {unit}，按π=3.14折算为{scaled:.{places + 1}f} {unit}，与批复一致。",
            f"The {en} as built is {measured:.{places + 1}f} {unit}; scaled to π = 3.14 it is {scaled:.{places + 1}f} {unit}, as stated.",
        )
    return (
        round(measured, places),
        "mismatch",
        f"批复{zh}{stated} {unit}与实测{measured:.{places + 1}f} {unit}不符，相差{float(stated) - measured:+.{places + 1}f} {unit}。",
        f"Stated {en} {stated} {unit} differs from the {en} as built, {measured:.{places + 1}f} {unit}, by {float(stated) - measured:+.{places + 1}f} {unit}.",
    )


def or_in_the_plane(result, stated, row, column, scale, places, zh, en, unit, extra) -> tuple:
    """A corner zone's figure that misses on the ellipsoid may be what the Gauss–Krüger plane gives."""
    plane = getattr(row, column, math.nan)
    if result[1] == "match" or not math.isfinite(plane):
        return result
    in_plane = measured_only(stated, plane / float(scale), places, zh, en, unit, extra)
    if in_plane[1] != "match":
        return result
    frame = f"EPSG:{int(row.gk_epsg)}"
    return (
        in_plane[0],
        "match",
        f"按高斯–克吕格平面（{frame}）计算，{in_plane[2]}",
        f"In the Gauss–Krüger plane ({frame}), as land surveys measure: {in_plane[3]}",
    )


def perimeter_measured(stated: Decimal, row, places: int, unit: str = "m", scale: Decimal = Decimal(1)) -> tuple:
    """A zone with a hole (一级 removed) is compared by its outer boundary, as approvals count a ring's perimeter."""
    whole = measured_only(stated, row.perimeter_m / float(scale), places, "周长", "perimeter", unit, 0.0)
    plane = ("plane_outer_perimeter_m", scale, places, "周长", "perimeter", unit, 0.0)
    if np.isclose(row.perimeter_m, row.outer_perimeter_m):
        return or_in_the_plane(whole, stated, row, *plane)
    outer = measured_only(
        stated, row.outer_perimeter_m / float(scale), places, "外边界周长", "outer perimeter", unit, 0.0
    )
    outer = or_in_the_plane(outer, stated, row, *plane[:3], "外边界周长", "outer perimeter", unit, 0.0)
    if outer[1] == "match" or whole[1] != "match":
        hole = row.perimeter_m / float(scale)
        return (
            *outer[:2],
            f"{outer[2][:-1]}（含内圈的全部边界长{hole:.{places + 1}f} {unit}，按惯例不计）。",
            f"{outer[3][:-1]} (every boundary together, the inner one included, is {hole:.{places + 1}f} {unit}; a ring's perimeter counts its outer boundary).",
        )
    return whole
