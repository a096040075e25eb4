"""Tests of geo/rules.py: each wording of the 划定方案 seen in approvals."""

from decimal import Decimal as D

import pytest

from geo import RuleError, parse_rule

# (rule as printed, shape, radii, inner radii, wells named, removes 一级, derivable)
CASES = [
    # The seeds, as printed (spaces of the PDF text kept).
    ("以取水井为中心，30m 为半径的圆形区域", "circles", (D(30),), (), (), False, True),
    (
        "以取水井为中心，175m为半径的圆形区域扣除一级保护区范围所形成的环形区域",
        "circles",
        (D(175),),
        (),
        (),
        True,
        True,
    ),
    ("分 别 以1#、2#取水井为中心，以30m为半径的圆形区域", "circles", (D(30),), (), ("1#", "2#"), False, True),
    (
        "以 1#、2#取水井为中心，分别以239m、197m为半径的圆形区域分别扣除对应一级保护区范围所形成的环形区域",
        "circles",
        (D(239), D(197)),
        (),
        ("1#", "2#"),
        True,
        True,
    ),
    (
        "以 1#、2#取水井为中心，分别以86m、112m为半径的圆的外接多边形并依据地形去除西北角山脚以西区域，"
        "同时扣除一级保护区范围所形成的不规则区域",
        "hull",
        (D(86), D(112)),
        (),
        ("1#", "2#"),
        True,
        False,
    ),
    (
        "以 1#、2#取水井为中心，分别以97m、95m 为半径的圆形区域",
        "circles",
        (D(97), D(95)),
        (),
        ("1#", "2#"),
        False,
        True,
    ),
    ("以取水井为中心，半径为 50m的圆形区域", "circles", (D(50),), (), (), False, True),
    (
        "以西北部至西南部山脊线为边界，东部以南川河右岸为边界的不规则区域",
        "terrain",
        (),
        (),
        (),
        False,
        False,
    ),
    # Common variants of other approvals.
    ("以取水井为圆心，半径100米的圆形区域", "circles", (D(100),), (), (), False, True),
    ("以开采井为中心，半径为0.5km的圆形区域", "circles", (D("500.0"),), (), (), False, True),
    ("以取水点为中心，1公里为半径的圆形区域", "circles", (D(1000),), (), (), False, True),
    ("以取水井为中心，30至175米为半径所划的环形区域", "circles", (D(175),), (D(30),), (), False, True),
    ("以取水井为中心，30m～300m为半径的环形区域", "circles", (D(300),), (D(30),), (), False, True),
    (
        "以1号、2号、3号井为中心，半径分别为50米、60米、70米的圆形区域",
        "circles",
        (D(50), D(60), D(70)),
        (),
        ("1#", "2#", "3#"),
        False,
        True,
    ),
    (
        "以１#、２#取水井为中心，分别以５０ｍ、６０ｍ为半径的圆的外接多边形区域",
        "hull",
        (D(50), D(60)),
        (),
        ("1#", "2#"),
        False,
        True,
    ),
    ("以取水井为中心，半径 200 米范围内除去一级保护区以外的区域", "circles", (D(200),), (), (), True, True),
    ("以拐点坐标连线所围的区域", "corners", (), (), (), False, True),
    ("依据地形，以分水岭为界的汇水区域", "terrain", (), (), (), False, False),
]


@pytest.mark.parametrize(("text", "shape", "radii", "inner", "wells", "minus", "derivable"), CASES)
def test_parse_rule_variants(text, shape, radii, inner, wells, minus, derivable):
    rule = parse_rule(text)
    assert (rule.shape, rule.radii_m, rule.inner_radii_m, rule.wells, rule.minus_level1, rule.derivable) == (
        shape,
        radii,
        inner,
        wells,
        minus,
        derivable,
    )
    assert rule.text == text


def test_terrain_words_are_kept_for_the_report():
    assert parse_rule("以西北部至西南部山脊线为边界，东部以南川河右岸为边界的不规则区域").terrain == ("山脊线", "右岸")


def test_radii_for_spreads_one_radius_over_every_well():
    assert parse_rule("以取水井为中心，30m为半径的圆形区域").radii_for(3) == (D(30),) * 3
    assert parse_rule("分别以97m、95m为半径的圆形区域").radii_for(2) == (D(97), D(95))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "expected a 划定方案 such as '以取水井为中心，30m为半径的圆形区域', got ''"),
        (
            "以取水井为中心，30为半径的圆形区域",
            "expected a unit (m, 米, km, 公里) after the radius 30, got '以取水井为中心，30为半径的圆形区域'",
        ),
        (
            "以取水井为中心，0m为半径的圆形区域",
            "expected a radius above zero, not 0m, got '以取水井为中心，0m为半径的圆形区域'",
        ),
        (
            "以取水井为中心，175至30米为半径所划的环形区域",
            "expected the inner radius of a ring below its outer radius (175 m to 30 m), got '以取水井为中心，175至30米为半径所划的环形区域'",
        ),
        (
            "以1#、2#取水井为中心，分别以30m、40m、50m为半径的圆形区域",
            "expected one radius per well named (2: 1#、2#), not 3 radii, got '以1#、2#取水井为中心，分别以30m、40m、50m为半径的圆形区域'",
        ),
    ],
)
def test_unreadable_rules_are_quoted(text, message):
    with pytest.raises(RuleError) as info:
        parse_rule(text)
    assert str(info.value) == message
