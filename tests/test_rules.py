"""Tests of geo/rules.py: each wording of the 划定方案 seen in approvals."""

from decimal import Decimal as D

import pytest

from geo import RuleError, parse_rule
from geo.rules import level_segment

# (rule as printed, shape, radii, inner radii, wells named, removes 一级, derivable)
CASES = [
    ("井周30米", "circles", (D(30),), (), (), False, True),  # was unread
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


@pytest.mark.parametrize(
    ("text", "radii", "inner"),
    [
        ("以取水井为中心，半径为四十五米的圆形区域", (D(45),), ()),
        ("以取水井为中心，十米为半径的圆形区域", (D(10),), ()),
        ("以取水井为中心，十五米为半径的圆形区域", (D(15),), ()),
        ("以取水井为中心，二百五十米为半径的圆形区域", (D(250),), ()),
        ("以取水井为中心，两百米为半径的圆形区域", (D(200),), ()),
        ("以取水井为中心，一百零五米为半径的圆形区域", (D(105),), ()),
        ("以取水井为中心，一千零五十米为半径的圆形区域", (D(1050),), ()),
        ("以取水井为中心，一五〇米为半径的圆形区域", (D(150),), ()),
        ("以取水井为中心，一点五公里为半径的圆形区域", (D("1500.0"),), ()),
        ("以取水井为中心，零点五公里为半径的圆形区域", (D("500.0"),), ()),
        ("以取水井为中心，五千米为半径的圆形区域", (D(5000),), ()),
        ("以取水井为中心，二十千米为半径的圆形区域", (D(20000),), ()),
        ("以取水井为中心，一万五千米为半径的圆形区域", (D(15000),), ()),
        ("以取水井为中心，2千米为半径的圆形区域", (D(2000),), ()),  # digits before 千米: the unit, as ever
        ("以取水井为中心，三十至一百七十五米为半径所划的环形区域", (D(175),), (D(30),)),
        ("以1#、2#井为中心，半径分别为五十米、六十米的圆形区域", (D(50), D(60)), ()),
    ],
)
def test_lengths_in_chinese_numerals_are_read(text, radii, inner):
    rule = parse_rule(text)
    assert (rule.shape, rule.radii_m, rule.inner_radii_m) == ("circles", radii, inner)
    assert rule.text == text  # kept as printed


@pytest.mark.parametrize(
    "text",
    [
        "以取水井为中心，半径为数千米的区域",  # 千米 the unit, 数 no number
        "以取水井为中心，四五米为半径的圆形区域",  # "four or five metres"
        "以取水井为中心，十百米为半径的圆形区域",  # no numeral
    ],
)
def test_words_that_are_no_chinese_numeral_stay_unread(text):
    assert parse_rule(text).shape == "unread"


@pytest.mark.parametrize(
    ("text", "wells"),
    [
        ("以一号、二号取水井为中心，半径30米的圆形区域", ("1#", "2#")),
        ("以一号至四号井为中心，半径30米的圆形区域", ("1#", "2#", "3#", "4#")),
        ("以十二号井为中心，半径三十米的圆形区域", ("12#",)),
        ("以二号水源地取水井为中心，半径30米的圆形区域", ()),  # 二号 names the 水源地, not a well: every well
    ],
)
def test_well_numbers_in_chinese_numerals_name_the_wells(text, wells):
    """Read as every well of the source, 一号、二号 would draw around wells the rule does not name."""
    rule = parse_rule(text)
    assert (rule.shape, rule.radii_m, rule.wells) == ("circles", (D(30),), wells)


def test_a_radius_printed_before_the_word_radius():
    assert parse_rule("以取水井为中心30米半径范围内").radii_m == (D(30),)
    rule = parse_rule("以1#、2#取水井为中心，分别以30m、40m半径的圆形区域")
    assert (rule.radii_m, rule.wells) == ((D(30), D(40)), ("1#", "2#"))


@pytest.mark.parametrize(
    ("text", "radii", "inner", "wells"),
    [
        ("以取水井为中心，30米＜r≤300米的环形区域", (D(300),), (D(30),), ()),
        ("以取水井为中心，30<R<=300m的环形区域", (D(300),), (D(30),), ()),
        ("以取水井为中心，内半径30米、外半径300m的环形区域", (D(300),), (D(30),), ()),
        ("以取水井为中心，外半径300米、内半径30米的环形区域", (D(300),), (D(30),), ()),
        ("以各取水井为中心，半径均为30米的圆形区域", (D(30),), (), ()),
        ("以1#~3#井为中心，半径各为30米的圆形区域", (D(30),), (), ("1#", "2#", "3#")),
        ("井口外30米范围内", (D(30),), (), ()),
        ("以取水井为中心，半径30米（1#井）、50米（2#井）", (D(30), D(50)), (), ("1#", "2#")),
        ("以1#、2#井为中心，半径分别为30米（1#井）和50米（2#井）的圆形区域", (D(30), D(50)), (), ("1#", "2#")),
        ("以2#、1#井为中心，半径分别为30米（1#井）和50米（2#井）的圆形区域", (D(50), D(30)), (), ("2#", "1#")),
        ("以取水井为中心，30米至300米之间的环状区域", (D(300),), (D(30),), ()),
        ("以取水井为中心、向外径向距离为300米的范围", (D(300),), (), ()),
        ("取水井50米范围内", (D(50),), (), ()),
        ("以取水井为中心，周边30米范围", (D(30),), (), ()),
        ("以取水井为中心，向外30米", (D(30),), (), ()),
        ("以取水井为中心，向外30米至300米的环形区域", (D(300),), (D(30),), ()),
        ("以1#井为中心，半径30米，2#井为中心，半径50米的圆形区域", (D(30), D(50)), (), ("1#", "2#")),
        ("以1号井为圆心、30米为半径，2号井为圆心、50米为半径", (D(30), D(50)), (), ("1#", "2#")),
        ("以1#,2#井为中心，半径30米的圆形区域", (D(30),), (), ("1#", "2#")),
        ("以井为中心30米", (D(30),), (), ()),
        ("以取水井为中心，半径30米（一级保护区边界）至300米的区域", (D(300),), (D(30),), ()),
        ("以取水井为中心300米，扣除一级保护区", (D(300),), (), ()),
        ("取水井30米范围", (D(30),), (), ()),
        ("取水井30米区域", (D(30),), (), ()),
        ("以取水井为中心方圆30米", (D(30),), (), ()),
        ("以取水井为中心，R≤30m的圆形区域", (D(30),), (), ()),
        ("以取水井为中心，30米至300米范围", (D(300),), (D(30),), ()),
        ("以取水井为中心，30~300m的区域", (D(300),), (D(30),), ()),
        ("以取水井为中心，r<50米", (D(50),), (), ()),
        ("以取水井为中心，半径≥30m", (D(30),), (), ()),
        ("取水井方圆50米范围内", (D(50),), (), ()),
    ],
)
def test_more_wordings_of_circles_and_rings(text, radii, inner, wells):
    rule = parse_rule(text)
    assert (rule.shape, rule.radii_m, rule.inner_radii_m, rule.wells, rule.exceptions) == (
        "circles",
        radii,
        inner,
        wells,
        (),
    )


def test_the_outer_wells_as_the_boundary_pushed_out_is_a_hull():
    """Not a circle around each well: the area between the wells belongs to the zone too."""
    rule = parse_rule("以取水井群外围井为边界，向外延伸30米所形成的区域")
    assert (rule.shape, rule.groups) == ("hull", (((), D(30)),))


def test_from_the_level1_boundary_out_to_a_radius_leaves_level1_out():
    """'向外延伸至半径300米' ends at 300 m from the well: a circle of 300 m less 一级, not one with it."""
    rule = parse_rule("一级保护区边界向外延伸至半径300米的区域")
    assert (rule.shape, rule.radii_m, rule.minus_level1) == ("circles", (D(300),), True)


def test_from_the_level1_boundary_outwards_by_a_distance_is_pushed_out():
    rule = parse_rule("自一级保护区边界向外300米的区域")
    assert (rule.shape, rule.radii_m, rule.outward_from) == ("outward", (D(300),), "一级")


def test_outer_and_inner_diameter_is_not_guessed_to_be_a_radius():
    """外径/内径 are diameters to an engineer and radii to some drafters: the zone is left unread, not guessed."""
    assert parse_rule("以水源井为中心，外径300米、内径30米的环形区域").shape == "unread"


def test_wells_named_without_a_radius_each_are_refused_by_name():
    with pytest.raises(RuleError) as info:
        parse_rule("以1#、2#、3#井为中心，1号井半径30米，2号井半径50米")
    assert str(info.value) == (
        "expected a radius for every well named, none for 3#, got '以1#、2#、3#井为中心，1号井半径30米，2号井半径50米'"
    )


def test_a_level_pushed_out_by_a_distance_in_chinese_numerals():
    rule = parse_rule("一级保护区边界外延五百米的区域")
    assert (rule.shape, rule.radii_m) == ("outward", (D(500),))


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


# --- the grammar's families beyond the seeds (issue 9) ---------------------------------
# (rule as printed, shape, radii, inner radii, wells, exceptions, groups, corner count, removes 一级,
#  derivable, boundary families)
FAMILIES = [
    ("以水井为圆心，半径50米至500米之间的环状区域", "circles", (D(500),), (D(50),), (), (), (), None, False, True, []),
    ("半径为100米与1000米之间", "circles", (D(1000),), (D(100),), (), (), (), None, False, True, []),
    (
        "以取水井为中心，半径30米以外、300米以内的区域",
        "circles",
        (D(300),),
        (D(30),),
        (),
        (),
        (),
        None,
        False,
        True,
        [],
    ),
    ("距井口30~300米范围", "circles", (D(300),), (D(30),), (), (), (), None, False, True, []),
    (
        "以取水井为中心，半径为30米，其中3号、5号井半径为50米",
        "circles",
        (D(30),),
        (),
        (),
        (("3#", D(50)), ("5#", D(50))),
        (),
        None,
        False,
        True,
        [],
    ),
    ("1号井半径30米，2号井半径50米", "circles", (D(30), D(50)), (), ("1#", "2#"), (), (), None, False, True, []),
    ("取水井及其外围30米范围", "circles", (D(30),), (), (), (), (), None, False, True, []),
    (
        "1~4号井外包线外扩50米的区域；6-7号井外包线外扩80米的区域",
        "hull",
        (),
        (),
        (),
        (),
        ((("1#", "2#", "3#", "4#"), D(50)), (("6#", "7#"), D(80))),
        None,
        False,
        True,
        [],
    ),
    ("以外围井的外接多边形向外延伸60米", "hull", (), (), (), (), (((), D(60)),), None, False, True, []),
    ("由边沿井向外延伸200米，以平滑曲线连接的范围", "hull", (), (), (), (), (((), D(200)),), None, False, True, []),
    ("井群外包线外扩30米的区域", "hull", (), (), (), (), (((), D(30)),), None, False, True, []),
    ("一级保护区边界外延200米的区域", "outward", (D(200),), (), (), (), (), None, True, True, []),
    ("由12个拐点依次连线围成的区域", "corners", (), (), (), (), (), 12, False, True, []),
    ("由6个坐标点围成的六边形", "corners", (), (), (), (), (), 6, False, True, []),
    ("由十二个界桩顺次连线所围区域", "corners", (), (), (), (), (), 12, False, True, []),
    ("界线坐标见附表", "corners", (), (), (), (), (), None, False, True, []),
    ("保护区红线坐标", "corners", (), (), (), (), (), None, False, True, []),
    ("由8个拐点依次连线围成的区域扣除一级保护区", "corners", (), (), (), (), (), 8, True, True, []),
    ("取水构筑物及其外围30米范围", "terrain", (), (), (), (), (), None, False, False, ["facility"]),
    ("取水口上游2000米至下游200米的河段", "terrain", (), (), (), (), (), None, False, False, ["river_reach"]),
    ("10年一遇洪水淹没区", "terrain", (), (), (), (), (), None, False, False, ["flood_line"]),
    ("两岸纵深100米的陆域", "terrain", (), (), (), (), (), None, False, False, ["land_strip"]),
    ("正常水位线以上100米范围", "terrain", (), (), (), (), (), None, False, False, ["water_level"]),
    ("水库汇水区域", "terrain", (), (), (), (), (), None, False, False, ["catchment", "water_area"]),
    ("以公路为界至围墙的区域", "terrain", (), (), (), (), (), None, False, False, ["road", "wall"]),
    ("沿河堤内侧", "terrain", (), (), (), (), (), None, False, False, ["dike"]),
    ("半径300米，但不超过分水岭", "circles", (D(300),), (), (), (), (), None, False, False, ["ridge"]),
    ("按照有关规定划定", "unread", (), (), (), (), (), None, False, False, []),
    ("以取水井为中心的圆形区域", "unread", (), (), (), (), (), None, False, False, []),
]


@pytest.mark.parametrize(
    ("text", "shape", "radii", "inner", "wells", "exceptions", "groups", "count", "minus", "derivable", "families"),
    FAMILIES,
)
def test_rule_families(text, shape, radii, inner, wells, exceptions, groups, count, minus, derivable, families):
    rule = parse_rule(text)
    got = (
        rule.shape,
        rule.radii_m,
        rule.inner_radii_m,
        rule.wells,
        rule.exceptions,
        rule.groups,
        rule.corner_count,
        rule.minus_level1,
        rule.derivable,
        [family for family, _, _ in rule.reasons],
    )
    assert got == (shape, radii, inner, wells, exceptions, groups, count, minus, derivable, families)


def test_every_pattern_reads_its_own_example():
    from geo.grammar import PATTERNS
    from geo.rules import _FOLD

    for pattern in PATTERNS:
        assert pattern.compiled().search(pattern.example.translate(_FOLD)), pattern


def test_a_pattern_row_is_all_a_new_wording_needs(monkeypatch):
    """A wording the grammar does not know becomes known by adding one row to PATTERNS."""
    import geo.rules as rules

    text = "以取水井为中心，辐射50米以内"
    assert parse_rule(text).shape == "unread"
    row = rules.Pattern("radii", r"辐射({NUM}{UNIT})", "辐射50米以内")
    monkeypatch.setattr(rules, "_COMPILED", ((row, row.compiled()), *rules._COMPILED))
    rules._read.cache_clear()  # readings are cached by wording
    try:
        assert (parse_rule(text).shape, parse_rule(text).radii_m) == ("circles", (D(50),))
    finally:
        rules._read.cache_clear()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "其中3号井半径为50米，半径分别为30米、40米",
            "expected one radius for the other wells beside the exceptions, not 2 radii, got '其中3号井半径为50米，半径分别为30米、40米'",
        ),
        (
            "以取水井为中心，半径300米至30米之间",
            "expected the inner radius of a ring below its outer radius (300 m to 30 m), got '以取水井为中心，半径300米至30米之间'",
        ),
    ],
)
def test_rules_that_contradict_themselves_are_errors(text, message):
    with pytest.raises(RuleError) as info:
        parse_rule(text)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("text", "shape", "radii", "wells", "exceptions", "groups", "outward_from"),
    [
        ("井群外围50米的区域", "hull", (), (), (), (((), D(50)),), ""),
        ("水源井外延50米范围", "circles", (D(50),), (), (), (), ""),
        ("半径为30m（3#井为50m）", "circles", (D(30),), (), (("3#", D(50)),), (), ""),
        ("1#井以30m为半径，2#井以50m为半径", "circles", (D(30), D(50)), ("1#", "2#"), (), (), ""),
        ("距取水井30米范围内", "circles", (D(30),), (), (), (), ""),
        ("以取水井为中心，向外径向距离30米所围成的区域", "circles", (D(30),), (), (), (), ""),
        ("二级保护区边界外延2000米的区域", "outward", (D(2000),), (), (), (), "二级"),
        ("一级保护区外围200米范围", "outward", (D(200),), (), (), (), "一级"),
        ("一级保护区外50米以内的区域", "outward", (D(50),), (), (), (), "一级"),
        ("以水源井为中心，外延30米的区域", "circles", (D(30),), (), (), (), ""),
        ("以取水井为中心，直径60米的圆形区域", "circles", (D(30),), (), (), (), ""),
        ("以井口为中心30米范围", "circles", (D(30),), (), (), (), ""),
        ("以取水井为中心，半径不小于50米的圆形区域", "circles", (D(50),), (), (), (), ""),
        ("以1#、2#、3#井为中心，半径30米的圆形区域及其外切多边形", "hull", (D(30),), ("1#", "2#", "3#"), (), (), ""),
    ],
)
def test_more_wordings_of_the_same_shapes(text, shape, radii, wells, exceptions, groups, outward_from):
    rule = parse_rule(text)
    assert (rule.shape, rule.radii_m, rule.wells, rule.exceptions, rule.groups, rule.outward_from) == (
        shape,
        radii,
        wells,
        exceptions,
        groups,
        outward_from,
    )


@pytest.mark.parametrize(
    ("level", "part", "expected"),
    [
        ("一级", "", ("以取水井为中心，半径30米的圆形区域", "一级保护区：", 3)),
        ("二级", "", ("以取水井为中心，半径300米的圆形区域（不含一级保护区）", "二级保护区：", 3)),
        ("准保护区", "", ("以西部山脊线为界", "准保护区：", 3)),
        ("三级", "", None),  # no label of its own: the cell is read whole
    ],
)
def test_a_rule_cell_describing_each_level_after_its_label(level, part, expected):
    text = "一级保护区：以取水井为中心，半径30米的圆形区域；二级保护区：以取水井为中心，半径300米的圆形区域（不含一级保护区）；准保护区：以西部山脊线为界。"
    assert level_segment(text, level, part) == expected


def test_parts_labelled_in_one_rule_cell():
    text = "一级保护区（水域）：取水口上游1000米至下游100米的水域；一级保护区（陆域）：水域两侧纵深50米的陆域"
    assert level_segment(text, "一级", "陆域")[0] == "水域两侧纵深50米的陆域"
    assert level_segment(text, "一级", "") is None  # both fit a row naming no part: read whole


@pytest.mark.parametrize(
    ("text", "wells", "radii", "exceptions"),
    [
        ("以1#井为中心，半径30米的圆形区域（2#井同）", ("1#", "2#"), (D(30), D(30)), ()),
        ("以1#井为中心，半径30米的圆形区域（2#、3#井同）", ("1#", "2#", "3#"), (D(30),) * 3, ()),
        ("以1#、2#井为中心，半径30米的圆形区域（3#井同）", ("1#", "2#", "3#"), (D(30),), ()),
        # The same as the well named just before it, an exception itself.
        ("以取水井为中心，半径30米，其中1#井半径50米（2#井同）", (), (D(30),), (("1#", D(50)), ("2#", D(50)))),
    ],
)
def test_wells_named_the_same_are_drawn_as_the_ones_before_them(text, wells, radii, exceptions):
    """ "（2#井同）" was read as naming 2# alone: the zone lost 1#, or the rule was refused."""
    rule = parse_rule(text)
    assert (rule.shape, rule.wells, rule.radii_m, rule.exceptions) == ("circles", wells, radii, exceptions)


@pytest.mark.parametrize(
    ("text", "half_ew", "half_ns", "oriented"),
    [
        ("以取水井为中心，东西南北各30米的正方形区域", D(30), None, True),
        ("以取水井为中心，东、西、南、北各外延50米的方形区域", D(50), None, True),
        ("以取水井为中心，东西各30米、南北各50米的矩形区域", D(30), D(50), True),
        ("以取水井为中心，南北各50米、东西各30米的矩形区域", D(30), D(50), True),
        ("以取水井为中心，东西长60米、南北宽40米的矩形区域", D(30), D(20), True),
        ("以取水井为中心，南北长100米、东西宽60米的矩形区域", D(30), D(50), True),
        # The directions not printed: drawn east–west and north–south all the same, and warned (geo.zonespecs).
        ("以取水井为中心，边长60米的正方形区域", D(30), None, False),
        ("以取水井为中心的正方形，边长60米", D(30), None, False),
        ("以取水井为中心，四周各外延30米的正方形区域", D(30), None, False),
        ("以取水井为中心，外延30米的矩形区域", D(30), None, False),
    ],
)
def test_squares_and_rectangles_around_the_wells(text, half_ew, half_ns, oriented):
    """ "外延30米的矩形区域" was drawn as a circle of 30 m, and the others were not read."""
    rule = parse_rule(text)
    assert (rule.shape, rule.radii_m, rule.half_ns_m, rule.square_oriented) == (
        "squares",
        (half_ew,),
        half_ns,
        oriented,
    )
    assert rule.derivable


@pytest.mark.parametrize(
    "text",
    ["以取水井为中心，半径30米的方形区域", "以取水井为中心，30米的矩形区域", "1~4号井外包线外扩50米的矩形区域"],
)
def test_a_square_the_grammar_cannot_measure_is_never_a_circle(text):
    assert parse_rule(text).shape == "unread"


def test_a_square_less_level1_and_one_tied_to_terrain():
    rule = parse_rule("以1#、2#井为中心，东西南北各300米的正方形区域，扣除一级保护区")
    assert (rule.shape, rule.wells, rule.radii_m, rule.minus_level1) == ("squares", ("1#", "2#"), (D(300),), True)
    rule = parse_rule("以取水井为中心，东西南北各300米的正方形区域，但不超过分水岭")
    assert (rule.shape, rule.derivable) == ("squares", False)


@pytest.mark.parametrize(
    ("text", "radii", "inner", "minus"),
    [
        ("一级保护区外半径延伸至300米的区域", (D(300),), (), True),
        ("在一级保护区外，半径向外延伸至500米的区域", (D(500),), (), True),
        ("以取水井为中心，半径由30米延伸至300米的区域", (D(300),), (D(30),), False),
        ("以取水井为中心，半径从30米至300米的环形区域", (D(300),), (D(30),), False),
    ],
)
def test_a_radius_extended_to_a_distance(text, radii, inner, minus):
    """ "半径延伸至300米" is a radius of 300 m (to it, not by it); both were unread."""
    rule = parse_rule(text)
    assert (rule.shape, rule.radii_m, rule.inner_radii_m, rule.minus_level1) == ("circles", radii, inner, minus)


@pytest.mark.parametrize(
    "text",
    [
        "以取水井为中心，半径30米至半径300米之间的区域",
        "以取水井为中心，半径30米与半径300米之间的区域",
        "以取水井为中心，半径30米以外、半径300米以内的区域",
        "以取水井为中心，半径30米以外至300米的区域",
        "以取水井为中心，半径大于30米、小于等于300米的区域",
        "以取水井为中心，30米以外、300米以内的区域",
    ],
)
def test_rings_whose_outer_radius_is_named_again(text):
    """ "半径30米至半径300米之间" drew a circle of 30 m (the first radius), silently; the others were unread."""
    rule = parse_rule(text)
    assert (rule.shape, rule.radii_m, rule.inner_radii_m) == ("circles", (D(300),), (D(30),))


def test_several_radii_that_the_rule_does_not_explain_are_unread_not_the_first():
    rule = parse_rule("以取水井为中心，半径30米，半径300米的区域")
    assert (rule.shape, rule.radii_m, rule.derivable) == ("unread", (), False)
    assert rule.doubt == (
        "写有几个半径（30米、300米），未说明各自的含义",
        "it gives several radii (30 m; 300 m) without saying what each is",
    )
    # The smaller radius named as the 一级 zone's, which is removed: the zone is the larger less 一级.
    rule = parse_rule("以取水井为中心，半径300米范围内，扣除半径30米的一级保护区")
    assert (rule.shape, rule.radii_m, rule.minus_level1, rule.doubt) == ("circles", (D(300),), True, ())
    # The same radius said twice is one radius.
    rule = parse_rule("以取水井为中心，半径30米的圆形区域，即取水井30米范围内")
    assert (rule.shape, rule.radii_m) == ("circles", (D(30),))


@pytest.mark.parametrize(
    ("text", "half"),
    [
        ("以井为中心30m×30m的正方形区域", D(15)),
        ("以取水井为中心，30×30米的正方形", D(15)),
        ("以井为中心60m×60m的范围", D(30)),
    ],
)
def test_a_square_given_as_side_by_side(text, half):
    rule = parse_rule(text)
    assert (rule.shape, rule.radii_m, rule.half_ns_m, rule.square_oriented) == ("squares", (half,), None, False)


def test_a_rectangle_given_as_side_by_side_does_not_say_which_side_runs_east_west():
    rule = parse_rule("以井为中心60m×40m的矩形范围")
    assert (rule.shape, rule.doubt) == (
        "unread",
        (
            "写有60m×40m的矩形，未说明哪条边沿东西方向",
            "it gives a 60m×40m rectangle without saying which side runs east–west",
        ),
    )


@pytest.mark.parametrize(
    ("text", "wells"),
    [
        ("以J1、J2井为中心，半径30米", ("1#", "2#")),
        ("以ZK-1、ZK-2号井为中心，半径30米", ("1#", "2#")),
        ("以SJ1~SJ3号水源井为中心，半径50米", ("1#", "2#", "3#")),
    ],
)
def test_wells_with_letters_before_their_numbers(text, wells):
    assert parse_rule(text).wells == wells


@pytest.mark.parametrize(
    ("text", "terrain"),
    [
        ("以水源井为中心，半径30米范围（不包括农田）", ("农田",)),
        ("以取水井为中心，半径300米（不包括村庄建成区）", ("村庄建成区",)),
        ("以取水井为中心，半径50米的区域（不含井房）", ("井房",)),
    ],
)
def test_something_left_out_that_the_table_does_not_give_is_not_derivable(text, terrain):
    """ "半径30米范围（不包括农田）" was drawn as the whole circle."""
    rule = parse_rule(text)
    assert (rule.shape, rule.terrain, rule.derivable) == ("circles", terrain, False)
    assert [family for family, _, _ in rule.reasons] == ["exclusion"]


@pytest.mark.parametrize(
    "text",
    [
        "以取水井为中心，半径300米，扣除与一级保护区重叠的部分",
        "以取水井为中心，半径300米，扣除一级保护区",
        "以取水井为中心，半径300米范围内，扣除半径30米的一级保护区",
    ],
)
def test_leaving_out_a_level_is_no_terrain(text):
    rule = parse_rule(text)
    assert (rule.shape, rule.minus_level1, rule.terrain, rule.derivable) == ("circles", True, (), True)
    # The circles' own overlap left out is their union, drawn as ever.
    rule = parse_rule("以各取水井为中心半径30米，扣除重叠部分")
    assert (rule.shape, rule.terrain, rule.derivable) == ("circles", (), True)


def test_a_reach_extended_up_the_river_is_no_radius():
    """ "向上游延伸2000米的水域" was read as a circle of 2000 m, and its 'upper bound' reported."""
    rule = parse_rule("一级保护区水域上边界向上游延伸2000米的水域")
    assert (rule.shape, rule.radii_m, rule.derivable) == ("terrain", (), False)
    assert "river_reach" in [family for family, _, _ in rule.reasons]


@pytest.mark.parametrize(
    ("text", "shape", "minus1", "minus2"),
    [
        ("以取水井为中心，半径100米的区域（一级保护区除外）", "circles", True, False),
        ("以取水井为中心，半径100米的区域，一级保护区范围除外", "circles", True, False),
        ("半径100米的圆形区域，一级区除外", "circles", True, False),
        ("1#、2#水源井外围100米（一级保护区除外）", "hull", True, False),
        ("以取水井为中心，半径1000米的圆形区域（一级、二级保护区除外）", "circles", True, True),
        ("以取水井为中心，半径1000米的圆形区域，二级保护区范围除外", "circles", True, True),
    ],
)
def test_a_level_excepted_is_taken_out(text, shape, minus1, minus2):
    """ "（一级保护区除外）" removes the 一级 zone; it was not read, and the 二级 circle was drawn over 一级."""
    rule = parse_rule(text)
    assert (rule.shape, rule.minus_level1, rule.minus_level2, rule.reasons) == (shape, minus1, minus2, ())


@pytest.mark.parametrize(
    "text",
    [
        "以1#井和2#井连线中点为中心，半径100米的圆形区域",
        "以两井连线的中点为圆心，半径50米",
        "以井群中心为圆心，半径300米",
    ],
)
def test_a_centre_that_is_no_well_is_not_a_circle_around_each_well(text):
    """ "以1#井和2#井连线中点为中心，半径100米" was drawn as a 100 m circle around each of the two wells."""
    rule = parse_rule(text)
    assert (rule.shape, rule.derivable) == ("circles", False)
    assert [family for family, _, _ in rule.reasons] == ["centre_point"]


@pytest.mark.parametrize(
    ("text", "distance"),
    [
        ("以各井连线向外延伸30米的区域", D(30)),
        ("以各取水井连线所围区域向外延伸50米", D(50)),
        ("各井外包线外扩50米", D(50)),
    ],
)
def test_all_the_wells_joined_and_pushed_out_is_a_hull(text, distance):
    """ "以各井连线向外延伸30米" was read as a 30 m circle around each well, leaving out the land between them."""
    rule = parse_rule(text)
    assert (rule.shape, rule.groups) == ("hull", (((), distance),))
