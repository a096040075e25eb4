"""Grammar: the sentence patterns of 划定方案, as data.

:data:`PATTERNS` lists the wordings approvals use, each with the *meaning*
it contributes and an example it reads (tested); :data:`BOUNDARIES` lists
the boundaries a table of wells cannot give, each with its reason in Chinese
and English.  :func:`geo.rules.parse_rule` walks both tables in order.  A
new province's wording is one more row here; a new meaning is the only
thing that needs code (in :mod:`geo.rules`).

Meanings: ``corners`` (a corner polygon, with the number of points when
stated), ``outward`` (the 一级 zone pushed out by a distance), ``ring``
(between two radii, the inner first; ``ring_outer_first`` the outer first),
``group`` (a hull of wells pushed out by a distance), ``well_radius`` (a
radius for named wells; ``radius_wells`` the radius printed before its
wells), ``radii`` (one radius, or one per
well), ``diameter`` (twice the radius), ``hull`` (the circles' circumscribing polygon), ``wells`` (the wells
drawn around; ``same_wells`` wells drawn as the one named before them, "（2#井同）"), ``minus_level1`` (the 一级 zone removed), ``minus_level2``
(the 二级 zone removed too), ``square_half``, ``rect_half``, ``rect_full`` (and their
``_ns_first`` forms: squares and rectangles around each well, sides east–west and north–south),
``square_half_free``, ``square_side`` and ``side_by_side`` ("30m×30m"; squares whose directions
are not printed, drawn so and warned; a rectangle "60m×40m" is unread, as it does not say which side
runs east–west), ``square_cue`` (a square the others did not measure: never a circle) and ``centre``
(words known, adding nothing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["BOUNDARIES", "MACROS", "PATTERNS", "Pattern"]

#: Building blocks of the patterns, written {NAME} in them.
MACROS = {
    "NUM": r"\d+(?:\.\d+)?",
    "UNIT": r"(?:km|m|千米|公里|米)",
    # One well reference: 1#, 1号, 3号井 … and lists or ranges of them: 1#、2#; 1~4号; 1号至4号.
    "WELLS": r"\d+(?:#|号)?(?:(?:、|,|和|及|与|~|至|到|-)\d+(?:#|号)?)*",
    "WELL": r"(?:取水井|开采井|水源井|供水井|机井|水井|井)",
    # After {WELLS}: the well mark, so that "30m" is never read as well 30.
    "MARK": r"(?:(?<=[#号]){WELLWORD}?|{WELLWORD})",
    "COUNT": r"(?:\d+|[一二三四五六七八九十]+)",
    "WELLWORD": r"(?:取水井|开采井|水源井|供水井|机井|水井|井)",
    "OUTWARD": r"(?:向外)?(?:外扩|外延|延伸|扩展|外推|外放|扩)",
}


@dataclass(frozen=True)
class Pattern:
    """One sentence pattern of the 划定方案 grammar.

    ``meaning`` names what a match contributes (the reader knows each);
    ``regex`` uses the macros {NUM}, {UNIT}, {WELLS}, {WELL}, {COUNT} and
    {OUTWARD}; ``example`` is a wording it reads, tested.
    """

    meaning: str
    regex: str
    example: str

    def compiled(self) -> re.Pattern:
        text = self.regex
        for name, body in MACROS.items():
            text = text.replace("{" + name + "}", body)
        return re.compile(text)


#: The sentence patterns, in the order the reader tries them.
PATTERNS: tuple[Pattern, ...] = (
    # Corner polygons.
    Pattern(
        "corners",
        r"由?({COUNT})个?(?:拐点|坐标点|界桩|界址点|顶点|控制点|点)(?:坐标)?(?:依次|顺次|按顺序|按序)?(?:连线|连接|相连|围成|所围|首尾相连)",
        "由12个拐点依次连线围成的区域",
    ),
    Pattern("corners", r"({COUNT})边形", "由6个坐标点围成的六边形"),
    Pattern(
        "corners",
        r"拐点|界桩|界址点|坐标见|见附表|附表|红线坐标|边界坐标|界线坐标|范围坐标|坐标点?(?:依次)?连线|顶点连线|坐标围成|坐标所围",
        "界线坐标见附表",
    ),
    # The 一级 (or 二级) zone pushed out by a distance.
    Pattern(
        "outward",
        r"(一级|二级)(?:保护区)?(?:边界|范围|外边界)?(?:以外|外围|外侧)?{OUTWARD}({NUM})({UNIT})",
        "一级保护区边界外延200米的区域",
    ),
    Pattern(
        "outward",
        r"(一级|二级)(?:保护区)?(?:边界|范围|外边界)?(?:以外|外围|外侧|向外|外)({NUM})({UNIT})",
        "二级保护区外围2000米范围",
    ),
    # Rings between two radii.
    Pattern(
        "ring", r"({NUM})({UNIT})?(?:至|到|~|-)({NUM})({UNIT})?(?:之间)?(?:为|的)?半径", "30至175米为半径所划的环形区域"
    ),
    Pattern(
        "ring",
        r"半径(?:为|是|:)?({NUM})({UNIT})?(?:以外)?[,、]?(?:至|到|~|-)(?:半径)?({NUM})({UNIT})?",
        "以取水井为中心，半径30米至半径300米之间的区域",
    ),
    # A note in brackets after the inner radius: "半径30米（一级保护区边界）至300米".
    Pattern(
        "ring",
        r"半径(?:为|是|:)?({NUM})({UNIT})?\([^()\d]*\)(?:至|到|~|-)({NUM})({UNIT})?",
        "以取水井为中心，半径30米（一级保护区边界）至300米的区域",
    ),
    Pattern(
        "ring", r"半径(?:为|是|:)?({NUM})({UNIT})?(?:与|和)(?:半径)?({NUM})({UNIT})?之间", "半径30米与300米之间的区域"
    ),
    Pattern(
        "ring",
        r"半径(?:由|从|自)({NUM})({UNIT})?(?:向外)?(?:延伸|扩展|外延|扩大|延长)?(?:至|到)({NUM})({UNIT})?",
        "以取水井为中心，半径由30米延伸至300米的区域",
    ),
    Pattern(
        "ring",
        r"({NUM})({UNIT})?(?:至|到|~|-)({NUM})({UNIT})(?:之间)?(?:的)?(?:环形|环状)",
        "以取水井为中心，30米至300米之间的环状区域",
    ),
    Pattern(
        "ring", r"半径({NUM})({UNIT})?以外[,、]?(?:半径)?({NUM})({UNIT})?以内", "半径30米以外、半径300米以内的区域"
    ),
    # From one distance to another after the centre: "以取水井为中心，30米至300米范围".
    Pattern(
        "ring",
        r"为(?:中心|圆心)(?:的)?,?(?:向外)?({NUM})({UNIT})?(?:至|到|~|-)({NUM})({UNIT})(?:之间)?(?:的)?(?:范围|区域|环带|地带)",
        "以取水井为中心，30米至300米范围",
    ),
    Pattern(
        "ring",
        r"半径(?:大于|超过)({NUM})({UNIT})?[,、且]?(?:并且|而|且)?(?:小于|不大于|不超过)(?:或)?(?:等于)?({NUM})({UNIT})",
        "以取水井为中心，半径大于30米、小于等于300米的区域",
    ),
    Pattern(
        "ring",
        r"(?:中心|圆心)(?:的)?,?({NUM})({UNIT})?以外[,、]?({NUM})({UNIT})以内",
        "以取水井为中心，30米以外、300米以内的区域",
    ),
    Pattern(
        "ring", r"({NUM})({UNIT})?(?:<|＜|≤|<=)R(?:<|＜|≤|<=)({NUM})({UNIT})", "以取水井为中心，30米＜r≤300米的环形区域"
    ),
    Pattern(
        "ring",
        r"内半径(?:为|是|:)?({NUM})({UNIT})?[,、和及与]?外半径(?:为|是|:)?({NUM})({UNIT})",
        "以取水井为中心，内半径30米、外半径300米的环形区域",
    ),
    Pattern(
        "ring_outer_first",
        r"外半径(?:为|是|:)?({NUM})({UNIT})?[,、和及与]?内半径(?:为|是|:)?({NUM})({UNIT})?",
        "以取水井为中心，外半径300米、内半径30米的环形区域",
    ),
    Pattern(
        "ring",
        r"距(?:离)?{WELL}?(?:口)?({NUM})({UNIT})?(?:至|到|~|-)({NUM})({UNIT})?(?:之间|范围|的范围|以内)",
        "距井口30~300米范围",
    ),
    # Well groups: a hull of named wells pushed out by a distance.
    Pattern(
        "group",
        r"({WELLS}){MARK}(?:群)?(?:的)?(?:外包线|外包多边形|外接多边形|外切多边形|连线|外围)(?:向外|外)?{OUTWARD}?({NUM})({UNIT})",
        "1~4号井外包线外扩50米的区域",
    ),
    Pattern(
        "group",
        r"(?:以|由)?(?:井群|井区|外围井|边沿井|边缘井|最外围井|外侧井|最外侧井)(?:的)?(?:外包线|外包多边形|外接多边形|外切多边形|连线|外围)?(?:向外|外)?{OUTWARD}?({NUM})({UNIT})",
        "由边沿井向外延伸200米，以平滑曲线连接的范围",
    ),
    Pattern("group", r"井群外围({NUM})({UNIT})", "井群外围50米的区域"),
    # The wells' joining lines pushed out: all the wells of the source ("以各井连线向外延伸30米").
    Pattern(
        "group",
        r"(?:各|所有|全部)(?:取水|水源|开采|供水)?井(?:之间|间)?(?:的)?(?:外包线|外围连线|连线)(?:所围(?:成)?(?:的)?(?:区域|范围)?)?(?:向外|外)?{OUTWARD}?({NUM})({UNIT})",
        "以各井连线向外延伸30米的区域",
    ),
    Pattern(
        "group",
        r"(?:井群|井区|外围井|边沿井|边缘井|最外围井|外侧井|最外侧井)(?:为边界|为界)[,、]?(?:向外|外)?{OUTWARD}?({NUM})({UNIT})",
        "以取水井群外围井为边界，向外延伸30米所形成的区域",
    ),
    # Squares and rectangles around each well, their sides east–west and north–south: half-extents
    # ("东西各30米、南北各50米", "东西南北各30米"), whole sides ("东西长60米、南北宽40米", "边长60米的正方形").
    Pattern(
        "rect_half",
        r"东西(?:方向|向|两侧)?(?:各|均)(?:向外)?(?:外延|外扩|延伸|扩展)?({NUM})({UNIT})?[,、;和及]?南北(?:方向|向|两侧)?(?:各|均)(?:向外)?(?:外延|外扩|延伸|扩展)?({NUM})({UNIT})",
        "以取水井为中心，东西各30米、南北各50米的矩形区域",
    ),
    Pattern(
        "rect_half_ns_first",
        r"南北(?:方向|向|两侧)?(?:各|均)(?:向外)?(?:外延|外扩|延伸|扩展)?({NUM})({UNIT})?[,、;和及]?东西(?:方向|向|两侧)?(?:各|均)(?:向外)?(?:外延|外扩|延伸|扩展)?({NUM})({UNIT})",
        "以取水井为中心，南北各50米、东西各30米的矩形区域",
    ),
    Pattern(
        "rect_full",
        r"东西(?:方向|向)?(?:长|宽|长度|宽度|边长)(?:为|是|:)?({NUM})({UNIT})?[,、;和及]?南北(?:方向|向)?(?:长|宽|长度|宽度|边长)(?:为|是|:)?({NUM})({UNIT})",
        "以取水井为中心，东西长60米、南北宽40米的矩形区域",
    ),
    Pattern(
        "rect_full_ns_first",
        r"南北(?:方向|向)?(?:长|宽|长度|宽度|边长)(?:为|是|:)?({NUM})({UNIT})?[,、;和及]?东西(?:方向|向)?(?:长|宽|长度|宽度|边长)(?:为|是|:)?({NUM})({UNIT})",
        "以取水井为中心，南北长100米、东西宽60米的矩形区域",
    ),
    Pattern(
        "square_half",
        r"(?:东西南北|东南西北|南北东西|东、西、南、北|东,西,南,北)(?:四个方向|方向|四向|四周|四侧)?(?:各|均)(?:向外)?(?:外延|外扩|延伸|扩展|外推)?({NUM})({UNIT})",
        "以取水井为中心，东西南北各30米的正方形区域",
    ),
    # The same without the directions: the orientation is assumed (warned).
    Pattern(
        "square_half_free",
        r"(?:四周|四边|四面|四侧|上下左右|前后左右)(?:各|均)(?:向外)?(?:外延|外扩|延伸|扩展)?({NUM})({UNIT})(?=.*(?:方形|矩形))",
        "以取水井为中心，四周各外延30米的正方形区域",
    ),
    Pattern(
        "square_half_free",
        r"(?:{OUTWARD}|外围|周边|周围|四周|向外)(?:各)?({NUM})({UNIT})(?:的|所形成的|所围成的|形成的|围成的)?(?:正方形|方形|矩形|长方形)",
        "以取水井为中心，外延30米的矩形区域",
    ),
    Pattern("square_side", r"边长(?:为|是|:|均为)?({NUM})({UNIT})(?=.*方形)", "以取水井为中心，边长60米的正方形区域"),
    # "30m×30m": a square of that side; "60m×40m" does not say which side runs east–west (unread, explained).
    Pattern(
        "side_by_side",
        r"({NUM})({UNIT})?(?:×|x|X|\*|＊|乘)({NUM})({UNIT})",
        "以取水井为中心，30m×30m的正方形区域",
    ),
    Pattern(
        "square_side",
        r"(?<=方形)(?:区域)?[,、]?边长(?:为|是|:|均为)?({NUM})({UNIT})",
        "以取水井为中心的正方形，边长60米",
    ),
    # Per-well radii: "其中3号、5号井半径为50米", "1号井半径30米".
    Pattern(
        "well_radius",
        r"其中({WELLS}){MARK}(?:的)?(?:保护)?(?:半径)?(?:为|是|取|:)?({NUM})({UNIT})(?:为半径)?",
        "其中3号、5号井半径为50米",
    ),
    Pattern(
        "well_radius",
        r"({WELLS}){MARK}(?:的)?(?:保护)?半径(?:为|是|取|:)?({NUM})({UNIT})",
        "1号井半径30米，2号井半径50米",
    ),
    Pattern(
        "well_radius", r"\(({WELLS}){MARK}(?:的)?(?:半径)?(?:为|是|取|:)?({NUM})({UNIT})\)", "半径为30m（3#井为50m）"
    ),
    Pattern("well_radius", r"({WELLS}){MARK}以({NUM})({UNIT})为半径", "1#井以30m为半径，2#井以50m为半径"),
    # Each well its own centre and radius: "以1#井为中心，半径30米，2#井为中心，半径50米".
    Pattern(
        "well_radius",
        r"(?:(?<=以)|(?<=[米m][,;、])|(?<=半径[,;、]))(\d+(?:#|号)?){MARK}为(?:中心|圆心)[,、]?(?:的)?(?:半径|R=)(?:为|是|取|:)?({NUM})({UNIT})",
        "以1#井为中心，半径30米，2#井为中心，半径50米的圆形区域",
    ),
    Pattern(
        "well_radius",
        r"(?:(?<=以)|(?<=[米m][,;、])|(?<=半径[,;、]))(\d+(?:#|号)?){MARK}为(?:中心|圆心)[,、]?(?:以)?({NUM})({UNIT})为半径",
        "以1号井为圆心、30米为半径，2号井为圆心、50米为半径",
    ),
    # The radius first, its wells after it in brackets: "半径30米（1#井）、50米（2#井）".
    Pattern("radius_wells", r"({NUM})({UNIT})\(({WELLS}){MARK}\)", "以取水井为中心，半径30米（1#井）、50米（2#井）"),
    # Radii: one for every well, or "分别" one per well.
    Pattern("radii", r"((?:{NUM}{UNIT}?(?:、|,|和|及|与))*{NUM}{UNIT}?)为半径", "以30m为半径的圆形区域"),
    Pattern(
        "radii",
        r"(?:半径|R=)(?:分别|均|各|都|皆)?(?:为|是|取|:|约|不小于|不少于|不低于|>=)?((?:{NUM}{UNIT}?(?:、|,|和|及|与))*{NUM}{UNIT}?)",
        "半径分别为50米、60米、70米",
    ),
    Pattern(
        "radii",
        r"{WELL}(?:口)?(?:及其|及|的)?(?:(?:外围|周边|周围|四周|周|外){OUTWARD}?|{OUTWARD})({NUM}{UNIT})",
        "取水井及其外围30米范围",
    ),
    Pattern("radii", r"距(?:离)?{WELL}?(?:口)?({NUM}{UNIT})(?:的)?(?:范围)?(?:以内|之内|内)", "距取水井30米范围内"),
    Pattern("radii", r"{WELL}(?:口)?({NUM}{UNIT})(?:的)?(?:范围)?(?:以内|之内|内)", "取水井50米范围内"),
    Pattern("radii", r"{WELL}(?:口)?({NUM}{UNIT})(?:的)?(?:范围|区域)", "取水井30米范围"),
    # 方圆 30 米: "30 m all around", the radius (as 方圆百里 is a hundred li from the centre).
    Pattern("radii", r"方圆(?:为|是|约)?({NUM}{UNIT})", "以取水井为中心，方圆30米范围"),
    # The radius reaching a distance: "一级保护区外，半径延伸至300米的区域" (to 300 m, not by it).
    Pattern(
        "radii", r"半径(?:向外)?(?:延伸|扩展|外延|扩大|延长)(?:至|到)({NUM}{UNIT})", "一级保护区外半径延伸至300米的区域"
    ),
    Pattern("radii", r"径向(?:距离)?(?:为|是)?({NUM}{UNIT})", "向外径向距离30米所围成的区域"),
    # Within a radius, as an inequality: "R≤30m", "r<30米" (a ring's "30m<r≤300m" is read above).
    Pattern("radii", r"(?<![\d.mk米里])(?:半径)?R(?:<=|<)({NUM}{UNIT})", "以取水井为中心，R≤30m的圆形区域"),
    Pattern("radii", r"((?:{NUM}{UNIT}?(?:、|,|和|及|与))*{NUM}{UNIT})(?:的)?半径", "以取水井为中心30米半径范围内"),
    Pattern(
        "radii",
        r"为(?:中心|圆心)(?:的)?,?(?:向外|周围|四周|周边)?({NUM}{UNIT})(?:的)?(?:范围|以内|之内|内|区域)",
        "以井口为中心30米范围",
    ),
    # Outward from the centre by a distance, said so, with nothing after it: "以取水井为中心，向外30米".
    Pattern("radii", r"为(?:中心|圆心)(?:的)?,?(?:向外|周围|四周|周边|外围)({NUM}{UNIT})", "以取水井为中心，周边30米"),
    # The distance alone after the centre, the clause ending there: "以井为中心30米", "…30米，扣除一级保护区".
    Pattern("radii", r"为(?:中心|圆心)(?:的)?,?({NUM}{UNIT})(?=[,;。.]|$)", "以井为中心30米"),
    # Not up or down a river ("向上游延伸2000米" is a reach, read by BOUNDARIES).
    Pattern(
        "radii",
        r"(?<!上游)(?<!下游)(?<!上溯)(?:向外)?(?:外延|外扩|延伸|扩展)({NUM}{UNIT})",
        "以水源井为中心，外延30米的区域",
    ),
    # A diameter: the radius is half of it.
    Pattern("diameter", r"直径(?:为|是|:)?({NUM})({UNIT})", "以取水井为中心，直径60米的圆形区域"),
    # Hull cue: the circles' circumscribing polygon.
    Pattern("hull", r"外接多边形|外切多边形|外包多边形|外包线|平滑曲线连", "分别以86m、112m为半径的圆的外接多边形"),
    # The circles joined by their outer common tangents: their convex hull.
    Pattern(
        "hull",
        r"(?:外)?(?:公)?切线(?:所围|围成|连接|连成|相连)",
        "以1#井为中心半径30米、以2#井为中心半径50米的圆形区域，及两圆外切线所围区域",
    ),
    # The wells drawn around; "（2#井同）", "2# the same", names a well drawn as the ones before it.
    Pattern("same_wells", r"\(({WELLS}){MARK}?(?:亦同|同上|相同|同)\)", "以1#井为中心，半径30米的圆形区域（2#井同）"),
    Pattern("wells", r"({WELLS}){MARK}", "以1#、2#取水井为中心"),
    # The 二级 zone removed too (a 准保护区 outside both), before the patterns for 一级 alone.
    Pattern(
        "minus_level2",
        r"(?:扣除|除去|去除|减去|不含|不包括|剔除|除)(?:对应的?|相应的?)?(?:一级(?:保护区)?(?:、|和|及|与|,))?二级",
        "以取水井为中心，半径1000米的圆形区域扣除一级、二级保护区",
    ),
    Pattern(
        "minus_level2",
        r"二级保护区(?:范围|边界)?(?:以外|之外|外)",
        "以取水井为中心，半径1000米范围内二级保护区以外的区域",
    ),
    Pattern(
        "minus_level2",
        r"(?:一级(?:保护区|区)?(?:、|和|及|与|,))?二级(?:保护区|区)?(?:范围|区域)?除外",
        "以取水井为中心，半径1000米的圆形区域（一级、二级保护区除外）",
    ),
    # The 一级 zone removed.
    Pattern(
        "minus_level1",
        # "\x00" are words read before (a radius: "扣除半径30米的一级保护区").
        r"(?:扣除|除去|去除|减去|不含|不包括|剔除|除)(?:对应的?|相应的?|与|\x00+的?)?一级",
        "扣除一级保护区范围",
    ),
    Pattern("minus_level1", r"一级保护区(?:范围|边界)?(?:以外|之外|外|向外)", "半径200米范围内一级保护区以外的区域"),
    Pattern(
        "minus_level1", r"一级(?:保护区|区)?(?:范围|区域)?除外", "以取水井为中心，半径100米的区域（一级保护区除外）"
    ),
    # A square or rectangle the patterns above did not measure: never drawn as a circle.
    Pattern("square_cue", r"正方形|长方形|矩形|方形", "以取水井为中心的方形区域"),
    # Circles and centres with no figure add nothing, but are words we know.
    Pattern("centre", r"以{WELL}?(?:口|点|取水点|取水口|水源地)?为(?:中心|圆心)", "以取水井为中心"),
)

#: Boundaries a table of wells cannot give: (family, regex, reason in Chinese, in English).
BOUNDARIES: tuple[tuple[str, str, str, str], ...] = (
    (
        "river_reach",
        r"(?:(?:取水口|取水点|取水泵站|取水头部)(?:处)?)?(?:上游|下游|上溯)(?:方向)?(?:延伸|延长|上溯)?(?:\d+(?:\.\d+)?(?:km|m|千米|公里|米))|河段|河道",
        "河段范围须沿河道量取，表中没有河道中心线和水域边界",
        "a reach of river is measured along its course, and the table gives neither the channel nor the water's edge",
    ),
    (
        "flood_line",
        r"\d+年一遇|洪水位|洪水淹没|淹没线|淹没区|淹没范围",
        "洪水淹没线须有水文和地形资料，表中没有",
        "a flood line needs hydrological and terrain data the table does not hold",
    ),
    (
        "land_strip",
        r"纵深|两岸|沿岸|岸边|滨岸|陆域",
        "陆域范围自岸线或水域边界量起，表中没有岸线",
        "a land strip is measured from the bank or the water's edge, which the table does not give",
    ),
    (
        "water_level",
        r"水位线|正常蓄水位|正常水位|设计水位|死水位|高程|海拔|等高线",
        "水位线和高程线须有库区地形，表中没有",
        "a water level or contour line needs the terrain, which the table does not give",
    ),
    (
        "catchment",
        r"汇水|集水区|流域|补给区|补给范围",
        "汇水区须由地形分析得出，表中没有",
        "a catchment follows from the terrain, which the table does not give",
    ),
    (
        "ridge",
        r"山脊线|山脊|分水岭|分水线|山脚|山顶|坡顶|坡脚|沟谷|沟底",
        "山脊线、分水岭等地形界线表中没有",
        "ridge lines, watersheds and other terrain lines are not in the table",
    ),
    ("bank", r"河岸|岸线|右岸|左岸|库岸|湖岸|堤岸", "河岸线表中没有", "the river bank is not in the table"),
    (
        "dike",
        r"堤防|河堤|大堤|堤顶|堤脚|坝体|坝顶|大坝|坝址",
        "堤坝位置表中没有",
        "the dike or dam is not in the table",
    ),
    (
        "road",
        r"道路|公路|国道|省道|县道|乡道|村道|铁路|高速|路为界|路边|路肩",
        "道路位置表中没有",
        "the road is not in the table",
    ),
    (
        "wall",
        r"围墙|厂界|院墙|护栏|围栏|隔离网|防护网",
        "围墙、围栏位置表中没有",
        "the wall or fence is not in the table",
    ),
    (
        "water_area",
        r"水域|水面|库区|湖区|河流|水库|湖泊",
        "水域范围表中没有",
        "the extent of the water is not in the table",
    ),
    (
        "facility",
        r"取水构筑物|构筑物|泵房|泵站|水厂|厂区|取水口|取水设施|管理区|厂房|净水设施",
        "构筑物的轮廓表中没有，只有取水点坐标",
        "the outline of the structure is not in the table, only the intake's coordinates",
    ),
    # A centre that is no well: "以1#井和2#井连线中点为中心" — never a circle around each well.
    (
        "centre_point",
        r"连线(?:的)?中点|中点(?:处)?为(?:中心|圆心)|几何中心|井群中心|中心点为(?:中心|圆心)",
        "圆心不在井位（如两井连线的中点），表中没有该点坐标，未按井位作圆",
        "the centre is not a well (the midpoint between wells, say): the table gives no coordinates for it, and no circle is drawn around the wells instead",
    ),
    (
        "boundary_line",
        r"行政区界|行政边界|村界|乡界|镇界|县界",
        "行政界线表中没有",
        "the administrative boundary is not in the table",
    ),
    # Something else left out ("不包括农田", "扣除村庄"), whose extent the table does not give; words read
    # before (\x00), a level ("扣除与一级保护区重叠的部分") or the circles' own overlap are no such thing.
    (
        "exclusion",
        r"(?:(?<=不包括)|(?<=不含)|(?<=除去)|(?<=扣除)|(?<=剔除)|(?<=去除))(?![^,;。)]*(?:重叠|重复|交叉|一级|二级|\x00))[^,;。)]{1,15}",
        "划定方案扣除的部分表中没有其范围",
        "the rule leaves out an area whose extent the table does not give",
    ),
    (
        "terrain",
        r"依据地形|根据地形|按地形|地形",
        "边界依据地形划定，表中没有地形资料",
        "the boundary follows the terrain, which the table does not give",
    ),
)
