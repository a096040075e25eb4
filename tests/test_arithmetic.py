"""Tests of geo/arithmetic.py: the drafters' figures, from the seed approvals' printed numbers.

Expected values are the figures printed in 吕政函〔2023〕92号 and 93号 (see the
README's validation section) and hand calculations with π = 3.14.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from geo.arithmetic import area_candidates, circles_area, circles_perimeter, round_half_up, stated_figure

KM2 = D(10**6)


@pytest.mark.parametrize(
    "stated, radii, inner, found",
    [
        ("0.0028", (D(30),), (D(0),), "0.0028"),  # 一级 30 m: 3.14 × 30² = 2826 m²
        ("0.0933", (D(175),), (D(30),), "0.0933"),  # ring 30–175 m: 93 336.5 m²
        ("0.0056", (D(30), D(30)), (D(0), D(0)), "0.0056"),  # 岚县: 0.0028 + 0.0028, where 5652 m² gives 0.0057
        ("0.7771", (D(500),), (D(50),), "0.7771"),  # 中阳 二级: 0.7850 − 0.0079, where 777 150 m² gives 0.7772
        ("0.0030", (D(30),), (D(0),), None),  # no arithmetic of a 30 m circle gives it
    ],
)
def test_the_area_a_rule_gives_is_found_among_the_drafters_ways(stated, radii, inner, found):
    *_, candidate = circles_area(stated, radii, inner, "km²", KM2)
    assert (candidate[0] if candidate else None) == (D(found) if found else None)


def test_the_rounded_first_figures_come_after_the_direct_one():
    places = stated_figure("0.0056")[1]
    figures = [c[0] for c in area_candidates((D(30), D(30)), (D(0), D(0)), places, "", D("5652"), KM2, "km²")]
    assert figures == [D("0.0057"), D("0.0056")]


@pytest.mark.parametrize(
    "places, radii, printed",
    [(1, (D(30),), "188.4"), (1, (D(175),), "1099.0"), (1, (D(239), D(197)), "2738.1"), (0, (D(500),), "3140")],
)
def test_perimeters_with_pi_3_14(places, radii, printed):
    assert circles_perimeter(places, radii)[0] == D(printed)


@pytest.mark.parametrize(
    "value, places, rounded", [("0.00285", 4, "0.0029"), ("0.00284", 4, "0.0028"), ("2738.05", 1, "2738.1")]
)
def test_rounding_is_half_up_to_the_printed_decimals(value, places, rounded):
    assert round_half_up(D(value), places) == D(rounded)


def test_a_figure_keeps_the_decimals_it_was_printed_with():
    assert stated_figure("0.00280") == (D("0.0028"), 5)
