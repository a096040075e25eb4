"""Validation: the stated area and perimeter of each zone against the zone as built.

How the drafters computed their figures, read off the seed approvals
(吕政函〔2023〕92号 and 93号, every figure reproduced in the tests):

* π is taken as 3.14: 一级 30 m prints 0.0028 km² and 188.4 m
  (3.14 × 30² = 2826 m², 2 × 3.14 × 30 = 188.4 m; true π gives 188.5 m).
* A ring's area is the outer circle less the 一级 circle; its perimeter is the
  outer circle only (二级 175 m: 3.14 × (175² − 30²) = 93 336.5 m² → 0.0933,
  2 × 3.14 × 175 = 1099.0 m).
* Several wells: areas and perimeters of the wells' circles are added
  (普家庄 二级: 3.14 × (239² − 30² + 197² − 30²) → 0.2956, 2 × 3.14 × (239 + 197)
  → 2738.1) — right only while the circles do not overlap.
* Rounding is half-up to the printed decimals (0.0001 km²; 0.1 m in 岚县, 1 m
  in 中阳).  中阳's 二级 0.7771 is the outer circle and the 一级 area each
  rounded first, then subtracted: 0.7850 − 0.0079 (the direct figure
  777 150 m² would round to 0.7772).

A stated figure is a ``match`` when it is what that arithmetic gives for the
zone as drawn, or what the zone as built measures, to the printed precision.
It is a ``mismatch`` when the zone as drawn does not have it (for example
overlapping circles, whose stated sum exceeds the real area), or when it
follows from neither.  Zones bounded by terrain are ``not_derivable``.
"""

from __future__ import annotations

import math
from collections import namedtuple
from decimal import Decimal

import pandas as pd

from geo.arithmetic import (
    DRAFTERS_PI,
    circles_area,
    circles_perimeter,
    decimals,
    from_the_wells,
    plain,
    radii_decimals,
    radii_text,
    stated_figure,
    within,
)
from geo.collector import collector_paused
from geo.figurechecks import (
    COORDINATE_HALF_STEP_M,
    GEOMETRY_TOLERANCE,
    hull_figure,
    measured_only,
    or_in_the_plane,
    perimeter_measured,
    stated_unit,
    unstated,
    with_inner_level,
)

__all__ = ["CHECK_COLUMNS", "DRAFTERS_PI", "check_zones", "checked_zones"]


_ZONE_FIELDS = (
    "doc_no",
    "source_code",
    "source_name",
    "level",
    "part",
    "stated_area_km2",
    "stated_perimeter_m",
    "area_m2",
    "perimeter_m",
    "outer_perimeter_m",
)
_CHECK_FIELDS = (
    "expected_area_km2",
    "expected_perimeter_m",
    "area_status",
    "perimeter_status",
    "status",
    "note",
    "note_en",
)
#: The columns of a zone the check reads (those of build_zones; any missing from a frame are taken as absent).
_READ_COLUMNS = (
    "level",
    "derivable",
    "shape",
    "rule",
    "terrain",
    "reasons",
    "reasons_en",
    "radii_m",
    "inner_radii_m",
    "stated_area_text",
    "stated_perimeter_text",
    "stated_area_unit",
    "stated_perimeter_unit",
    "area_m2",
    "perimeter_m",
    "outer_perimeter_m",
    "bound_area_m2",
    "removed_area_m2",
    "plane_area_m2",
    "plane_outer_perimeter_m",
    "hull_core_area_m2",
    "hull_core_perimeter_m",
    "hull_radius_sum_m",
    "hull_radius_sq_sum_m2",
    "gk_epsg",
    "warnings",
    "warnings_en",
)
#: The columns of :func:`check_zones`, in order.
CHECK_COLUMNS = _ZONE_FIELDS + _CHECK_FIELDS
#: The four verdicts of a figure or a zone, in this order: a pandas Categorical of them.
STATUSES = ("match", "mismatch", "not_derivable", "not_stated")
STATUS_DTYPE = pd.CategoricalDtype(list(STATUSES))
_STATUS_COLUMNS = ("area_status", "perimeter_status", "status")


@collector_paused()
def check_zones(zones: pd.DataFrame) -> pd.DataFrame:
    """Compare every zone's stated area and perimeter with the zone as built: the zones, checked.

    Parameters
    ----------
    zones : GeoDataFrame
        As returned by :func:`geo.build_zones`.

    Returns
    -------
    GeoDataFrame
        ``zones`` with the check's columns beside theirs (so ``.explore()``,
        ``.to_file()`` or :func:`geo.exports.export` take it as it is).  One row
        per zone: the stated figures, ``area_m2``, ``perimeter_m`` and
        ``outer_perimeter_m`` as built, ``expected_area_km2`` and
        ``expected_perimeter_m`` (the figures the approval's own arithmetic
        gives), ``area_status``, ``perimeter_status`` and ``status``
        (``match``, ``mismatch``, ``not_derivable`` or ``not_stated``), and a
        ``note`` in Chinese with ``note_en`` in English explaining any
        difference.

    Examples
    --------
    >>> from geo import build_zones, read_approvals
    >>> check = check_zones(build_zones(read_approvals("data/lvzhenghan-2023-93")))
    >>> check[["level", "stated_area_km2", "expected_area_km2", "status"]].values.tolist()
    [['一级', 0.0064, 0.0064, 'match'], ['一级', 0.0079, 0.0079, 'match'], ['二级', 0.7771, 0.7771, 'match'], ['准保护区', 4.3076, nan, 'not_derivable']]
    """
    return checked_zones(zones)


def _check_table(zones: pd.DataFrame) -> pd.DataFrame:
    """The check's own table: one row per zone, the fields compared and the verdicts."""
    # The columns the check reads, each as a list at once (iterating a frame row by row costs more than the check).
    present = [c for c in _READ_COLUMNS if c in zones.columns]
    zone = namedtuple("Zone", present)
    rows = [_check_row(zone._make(cells)) for cells in zip(*(zones[c].tolist() for c in present), strict=True)]
    out = pd.DataFrame(zones[list(_ZONE_FIELDS)]).reset_index(drop=True)
    extra = pd.DataFrame(rows, columns=list(_CHECK_FIELDS))
    extra = extra.astype(dict.fromkeys(_STATUS_COLUMNS, STATUS_DTYPE))
    return pd.concat([out, extra], axis=1)


def _check_row(row) -> tuple:
    result = _check_figures(row)
    warned_zh, warned_en = getattr(row, "warnings", ""), getattr(row, "warnings_en", "")
    if warned_zh and row.derivable:
        result = (*result[:5], f"{result[5]}注意：{warned_zh}", f"{result[6]} Note: {warned_en}.")
    return result


def _check_figures(row) -> tuple:
    area_text, perimeter_text = row.stated_area_text, row.stated_perimeter_text
    if not row.derivable:
        zh, en = _not_derivable_note(row)
        return (math.nan, math.nan, "not_derivable", "not_derivable", "not_derivable", zh, en)
    if not area_text and not perimeter_text:
        zh, en = "批复未列面积与周长。", "The approval states no area or perimeter."
        return (math.nan, math.nan, "not_stated", "not_stated", "not_stated", zh, en)
    radii, inner = radii_decimals(tuple(row.radii_m), tuple(row.inner_radii_m))
    circles = row.shape == "circles" and bool(radii)
    hull = row.shape == "hull" and math.isfinite(getattr(row, "hull_core_area_m2", math.nan))
    if hull:
        area = hull_figure(Decimal(area_text), row, "area") if area_text else unstated("面积", "area")
        perimeter = (
            hull_figure(Decimal(perimeter_text), row, "length") if perimeter_text else unstated("周长", "perimeter")
        )
    else:
        area = _area(area_text, row, radii, inner, circles) if area_text else unstated("面积", "area")
        perimeter = (
            _perimeter(perimeter_text, row, radii, inner, circles) if perimeter_text else unstated("周长", "perimeter")
        )
    statuses = {area[1], perimeter[1]} - {"not_stated"}
    status = "mismatch" if "mismatch" in statuses else "match"
    # Expected figures are given in km² and m whatever unit the approval printed.
    to_km2 = float(stated_unit(row, "area")[1]) / 1e6
    to_m = float(stated_unit(row, "length")[1])
    return (
        area[0] * to_km2,
        perimeter[0] * to_m,
        area[1],
        perimeter[1],
        status,
        f"{area[2]}{perimeter[2]}",
        f"{area[3]} {perimeter[3]}",
    )


def _area(text: str, row, radii, inner, circles: bool) -> tuple:
    stated, places = stated_figure(text)
    unit, scale = stated_unit(row, "area")
    measured_km2 = row.area_m2 / float(scale)
    if not circles:
        extra = row.outer_perimeter_m * COORDINATE_HALF_STEP_M / float(scale) if row.shape == "corners" else 0.0
        result = measured_only(stated, measured_km2, places, "面积", "area", unit, extra)
        result = or_in_the_plane(result, stated, row, "plane_area_m2", scale, places, "面积", "area", unit, extra)
        whole = with_inner_level(stated, text, row, radii, unit, scale, places) if result[1] == "mismatch" else None
        if whole is None:
            return result
        return (*result[:2], f"{result[2][:-1]}{whole[0]}。", f"{result[3][:-1]}{whole[1]}.")
    formula_m2, expr, direct, true_m2, found = circles_area(text, radii, inner, unit, scale)
    shortfall = true_m2 - row.area_m2
    geometry_ok = abs(shortfall) <= GEOMETRY_TOLERANCE * true_m2
    built = f"实测{row.area_m2:.1f} m²（{measured_km2:.{places}f} {unit}）"
    built_en = f"the zone as built measures {row.area_m2:.1f} m² ({measured_km2:.{places}f} {unit})"
    if found is not None and not geometry_ok:
        return (
            float(stated),
            "mismatch",
            f"批复面积{stated} {unit}为各井圆面积按3.14相加（{expr}={formula_m2} m²），但各圆相互重叠{shortfall:.1f} m²，{built}，批复面积大于区域实际面积。",
            f"Stated area {stated} {unit} adds up the wells' circles with π = 3.14 ({expr} = {formula_m2} m²), but the circles overlap by {shortfall:.1f} m²: {built_en}, so the stated area exceeds the zone's real area.",
        )
    if found is not None:
        value, how_zh, how_en = found
        if within(stated, measured_km2, places):
            also, also_en = "，亦与批复一致", ", which also rounds to the stated figure"
        else:
            gap = row.area_m2 - float(formula_m2)
            also, also_en = (
                f"，差异仅因π取3.14（差{gap:.1f} m²）",
                f"; the difference ({gap:.1f} m²) is only π taken as 3.14",
            )
        return (float(value), "match", f"{how_zh}；{built}{also}。", f"{how_en}; {built_en}{also_en}.")
    if within(stated, measured_km2, places):
        return (
            round(measured_km2, places),
            "match",
            f"{built}，与批复面积{stated} {unit}一致。",
            f"{built_en}, as stated ({stated} {unit}).",
        )
    other = from_the_wells(row.rule, radii, inner)
    if other is not None:
        found = circles_area(text, other[0], other[1], unit, scale)[4]
        other = None if found is None else _read_from_the_wells(other, found[1], found[2])
    if other is None:
        other = with_inner_level(stated, text, row, radii, unit, scale, places)
    return (
        float(direct),
        "mismatch",
        f"批复面积{stated} {unit}与按规则计算的{direct} {unit}（{expr}={formula_m2} m²）不符，{built}，相差{float(stated) - measured_km2:+.4f} {unit}{other[0] if other else ''}。",
        f"Stated area {stated} {unit} does not follow from the rule: {expr} = {formula_m2} m² ≈ {direct} {unit}; {built_en}, a difference of {float(stated) - measured_km2:+.4f} {unit}{other[1] if other else ''}.",
    )


def _read_from_the_wells(other: tuple, how_zh: str, how_en: str) -> tuple[str, str]:
    """What a stated figure that follows "外d米" read as d from the wells says (see :func:`from_the_wells`)."""
    _, _, d, level = other
    return (
        f"；批复数字是按距井{plain(d)}米计算的（{how_zh}），即把“{level}保护区外{plain(d)}米”读作以井为中心、半径{plain(d)}米，"
        f"而划定方案写的是{level}保护区边界外{plain(d)}米，按此绘制",
        f"; the stated figure is that of {plain(d)} m from the wells ({how_en}), reading “{level}保护区外{plain(d)}米” as a "
        f"radius of {plain(d)} m, while the rule says {plain(d)} m out from the {level} boundary, as drawn",
    )


def _perimeter(text: str, row, radii, inner, circles: bool) -> tuple:
    stated, places = stated_figure(text)
    unit, scale = stated_unit(row, "length")
    if not circles or unit != "m":
        return perimeter_measured(stated, row, places, unit, scale)
    direct, true_m, expr, formula_text = circles_perimeter(places, radii)
    geometry_ok = abs(true_m - row.outer_perimeter_m) <= GEOMETRY_TOLERANCE * true_m
    has_hole = any(i > 0 for i in inner)
    hole = (
        f"；环形区域只计外圆周长，不计内圈（一级边界），含内圈的全部边界长{row.perimeter_m:.1f} m" if has_hole else ""
    )
    hole_en = (
        f"; a ring's perimeter counts only its outer circle, not the inner one (the 一级 boundary): every boundary together is {row.perimeter_m:.1f} m"
        if has_hole
        else ""
    )
    built = f"实测外边界{row.outer_perimeter_m:.1f} m"
    built_en = f"the outer boundary as built is {row.outer_perimeter_m:.1f} m"
    if stated == direct and not geometry_ok:
        return (
            float(stated),
            "mismatch",
            f"批复周长{stated} m为各井圆周长按3.14相加（{expr}），但各圆相互重叠，{built}。",
            f"Stated perimeter {stated} m adds up the circles' circumferences with π = 3.14 ({expr}), but the circles overlap: {built_en}.",
        )
    if stated == direct:
        return (
            float(direct),
            "match",
            f"周长按π=3.14计算：{expr}={formula_text} m≈{direct} m；{built}{hole}。",
            f"Perimeter with π = 3.14: {expr} = {formula_text} m ≈ {direct} m; {built_en}{hole_en}.",
        )
    if within(stated, row.outer_perimeter_m, places):
        return (
            round(row.outer_perimeter_m, places),
            "match",
            f"{built}，与批复周长{stated} m一致{hole}。",
            f"{built_en}, as stated ({stated} m){hole_en}.",
        )
    other = from_the_wells(row.rule, radii, inner)
    if other is not None:
        value, _, other_expr, other_text = circles_perimeter(places, other[0])
        how = (f"{other_expr}={other_text} m≈{value} m", f"{other_expr} = {other_text} m ≈ {value} m")
        other = _read_from_the_wells(other, *how) if value == stated else None
    return (
        float(direct),
        "mismatch",
        f"批复周长{stated} m与按规则计算的{direct} m（{expr}）不符，{built}{other[0] if other else ''}。",
        f"Stated perimeter {stated} m does not follow from the rule: {expr} ≈ {direct} m; {built_en}{other[1] if other else ''}.",
    )


def _not_derivable_note(row) -> tuple[str, str]:
    shape = row.shape
    if shape == "unread" or (shape == "corners" and getattr(row, "warnings", "")):
        return getattr(row, "warnings", "") or f"划定方案无法解读：“{row.rule}”，未绘制。", (
            getattr(row, "warnings_en", "")
            or f"The 划定方案 cannot be read ({row.rule!r}); the zone is kept, not drawn."
        )
    reasons = getattr(row, "reasons", "") or "边界依据地形划定，表中没有地形资料"
    reasons_en = getattr(row, "reasons_en", "") or "the boundary follows the terrain, which the table does not give"
    zh = f"边界依据{row.terrain}划定（{reasons}），无法由本表推出，未绘制。"
    en = f"The boundary follows {row.terrain} ({reasons_en}); the zone cannot be derived from the table and is not drawn."
    bound = row.bound_area_m2
    if isinstance(bound, float) and math.isfinite(bound) and row.stated_area_text:
        stated_m2 = float(Decimal(row.stated_area_text)) * float(stated_unit(row, "area")[1])
        shape_zh = {"hull": "外接多边形", "squares": "方形"}.get(row.shape, "圆")
        shape_en = {"hull": "circumscribing polygon", "squares": "squares"}.get(row.shape, "circles")
        size_zh, size_en = ("半边长", "half-sides") if row.shape == "squares" else ("半径", "radii")
        less = "，扣除一级" if any(decimals(row.inner_radii_m)) else ""
        less_en = ", less the 一级 zone" if any(decimals(row.inner_radii_m)) else ""
        zh += f"按规则中的{shape_zh}（{size_zh}{radii_text(row.radii_m)} m{less}）未作地形切除时面积为{bound / 1e6:.4f} km²"
        en += f" Before the terrain cut, the rule's {shape_en} ({size_en} {radii_text(row.radii_m)} m{less_en}) cover {bound / 1e6:.4f} km²"
        if stated_m2 <= bound + 50:
            zh += f"，批复面积{row.stated_area_text} km²为其{stated_m2 / bound:.0%}，与切除一部分相符。"
            en += f"; the stated {row.stated_area_text} km² is {stated_m2 / bound:.0%} of that, consistent with a part cut away."
        else:
            zh += f"。注意：批复面积{row.stated_area_text} km²大于此上限（地形切除只会减小面积），不能由本表的井坐标和{size_zh}得出，请核对坐标、{size_zh}或面积。"
            en += f". Note: the stated {row.stated_area_text} km² exceeds this upper bound (a terrain cut can only make the zone smaller), so it cannot follow from this table's well coordinates and {size_en}: check the coordinates, {size_en} or area."
    return zh, en


def checked_zones(zones: pd.DataFrame) -> pd.DataFrame:
    """``zones`` with the check's columns added beside them (what :func:`check_zones` returns).

    Examples
    --------
    >>> from geo import build_zones, read_approvals
    >>> zones = checked_zones(build_zones(read_approvals("data/lvzhenghan-2023-93")))
    >>> zones[["level", "status"]].values.tolist()[-1]
    ['准保护区', 'not_derivable']
    """
    check = _check_table(zones)
    added = [c for c in check.columns if c not in zones.columns]
    out = zones.copy()
    for column in added:
        out[column] = check[column].array
    return out
