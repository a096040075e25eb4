"""Rules: the 划定方案 (zoning rule) of a zone, read from its printed words.

An approval defines each zone in words, and the words are the legal
definition.  :func:`parse_rule` reads them with a small grammar: the table
:data:`PATTERNS` lists the sentence patterns approvals use, each with the
*meaning* it contributes (a radius, a ring, a well group, a boundary that
the table cannot give …).  The reader walks the table in order; each match
is taken out of the sentence so that a later, looser pattern does not read
the same words again.  A new province's wording is one more row.

The shapes a rule can give:

``circles``
    a circle around each well (one radius for every well, radii "分别" per
    well in order, or exceptions "其中3号、5号井半径为50米"), united;
``hull``
    the convex hull of the wells' circles: "外接多边形" of HJ/T 338-2007,
    "井群外包线外扩50米", "由边沿井向外延伸200米，以平滑曲线连接" (a hull of
    the wells pushed out by a distance is the hull of circles of that
    radius); several groups may stand in one rule;
``outward``
    the 一级 zone pushed out by a distance ("一级保护区边界外延200米");
``corners``
    the polygon through corner points (拐点, 界桩, 坐标见附表);
``terrain``
    a boundary the table cannot give: a river reach, a flood line, a land
    strip, a water level, a catchment, a ridge, a road, a dike, a wall …;
    :attr:`Rule.reasons` names each, in Chinese and English;
``unread``
    words this grammar does not know.  Not an input error: the zone is kept,
    reported as not derivable ("划定方案无法解读") and listed as a warning.

Any of them may remove the 一级 zone (扣除一级保护区).  A circle or hull tied
to terrain ("半径300米，但不超过分水岭") is not derivable either; the report
then gives the area its circles allow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from geo.errors import RuleError

__all__ = ["BOUNDARIES", "PATTERNS", "Pattern", "Rule", "parse_rule"]

_FOLD = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "．": ".",
        "，": ",",
        "；": ";",
        "：": ":",
        "（": "(",
        "）": ")",
        "＃": "#",
        "～": "~",
        "〜": "~",
        "－": "-",
        "—": "-",
        "–": "-",
        "ｍ": "m",
        "Ｍ": "m",
        "M": "m",
        "ｋ": "k",
        "Ｋ": "k",
        "K": "k",
        "＝": "=",
        "Ｒ": "R",
        "ｒ": "R",
        "r": "R",
    }
)

#: Building blocks of the patterns, written {NAME} in them.
_MACROS = {
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
        for name, body in _MACROS.items():
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
    # The 一级 zone pushed out by a distance.
    Pattern(
        "outward",
        r"一级(?:保护区)?(?:边界|范围|外边界)?(?:以外|外围|外侧)?{OUTWARD}({NUM})({UNIT})",
        "一级保护区边界外延200米的区域",
    ),
    Pattern(
        "outward", r"一级(?:保护区)?(?:边界|范围|外边界)?(?:以外|外围|外侧)({NUM})({UNIT})", "一级保护区外围200米范围"
    ),
    # Rings between two radii.
    Pattern(
        "ring", r"({NUM})({UNIT})?(?:至|到|~|-)({NUM})({UNIT})?(?:之间)?(?:为|的)?半径", "30至175米为半径所划的环形区域"
    ),
    Pattern("ring", r"半径(?:为|是|:)?({NUM})({UNIT})?(?:至|到|~|-)({NUM})({UNIT})?", "半径50米至500米之间的环状区域"),
    Pattern("ring", r"半径(?:为|是|:)?({NUM})({UNIT})?(?:与|和)({NUM})({UNIT})?之间", "半径30米与300米之间的区域"),
    Pattern("ring", r"半径({NUM})({UNIT})?以外[,、]?({NUM})({UNIT})?以内", "半径30米以外、300米以内的区域"),
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
        r"(?:以|由)?(?:井群|井区|外围井|边沿井|边缘井|最外围井|外侧井|最外侧井)(?:的)?(?:外包线|外包多边形|外接多边形|外切多边形|连线)?(?:向外|外)?{OUTWARD}?({NUM})({UNIT})",
        "由边沿井向外延伸200米，以平滑曲线连接的范围",
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
    # Radii: one for every well, or "分别" one per well.
    Pattern("radii", r"((?:{NUM}{UNIT}?(?:、|,|和|及|与))*{NUM}{UNIT}?)为半径", "以30m为半径的圆形区域"),
    Pattern(
        "radii",
        r"(?:半径|R=)(?:分别)?(?:为|是|取|:)?((?:{NUM}{UNIT}?(?:、|,|和|及|与))*{NUM}{UNIT}?)",
        "半径分别为50米、60米、70米",
    ),
    Pattern("radii", r"{WELL}(?:及其|及|的)?(?:外围|周边|周围|四周){OUTWARD}?({NUM}{UNIT})", "取水井及其外围30米范围"),
    # Hull cue: the circles' circumscribing polygon.
    Pattern("hull", r"外接多边形|外切多边形|外包多边形|外包线|平滑曲线连", "分别以86m、112m为半径的圆的外接多边形"),
    # The wells drawn around.
    Pattern("wells", r"({WELLS}){MARK}", "以1#、2#取水井为中心"),
    # The 一级 zone removed.
    Pattern(
        "minus_level1", r"(?:扣除|除去|去除|减去|不含|不包括|剔除|除)(?:对应的?|相应的?)?一级", "扣除一级保护区范围"
    ),
    Pattern("minus_level1", r"一级保护区(?:范围|边界)?(?:以外|之外|外)", "半径200米范围内一级保护区以外的区域"),
    # Circles and centres with no figure add nothing, but are words we know.
    Pattern("centre", r"以{WELL}?(?:口|点|取水点|取水口|水源地)?为(?:中心|圆心)", "以取水井为中心"),
)

#: Boundaries a table of wells cannot give: (family, regex, reason in Chinese, in English).
BOUNDARIES: tuple[tuple[str, str, str, str], ...] = (
    (
        "river_reach",
        r"(?:(?:取水口|取水点|取水泵站|取水头部)(?:处)?)?(?:上游|下游)(?:\d+(?:\.\d+)?(?:km|m|千米|公里|米))|河段|河道",
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
    (
        "boundary_line",
        r"行政区界|行政边界|村界|乡界|镇界|县界",
        "行政界线表中没有",
        "the administrative boundary is not in the table",
    ),
    (
        "terrain",
        r"依据地形|根据地形|按地形|地形",
        "边界依据地形划定，表中没有地形资料",
        "the boundary follows the terrain, which the table does not give",
    ),
)

_COMPILED = tuple((p, p.compiled()) for p in PATTERNS)
_BOUNDARY_RES = tuple((family, re.compile(regex), zh, en) for family, regex, zh, en in BOUNDARIES)
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"m": 1, "米": 1, "km": 1000, "公里": 1000, "千米": 1000}
_NUMBER = re.compile(rf"({_MACROS['NUM']})({_MACROS['UNIT']})?")


@dataclass(frozen=True)
class Rule:
    """A zoning rule, as read from its printed words.

    Attributes
    ----------
    text : str
        The rule as printed.
    shape : {"circles", "hull", "outward", "corners", "terrain", "unread"}
        How the outer boundary is drawn (see the module's docstring).
    radii_m : tuple of Decimal
        Outer radii: one for every well, or one per well named (in order);
        for ``outward``, the distance the 一级 zone is pushed out.
    inner_radii_m : tuple of Decimal
        Inner radii of a ring between two radii, matched to ``radii_m``;
        empty when the rule is not such a ring.
    wells : tuple of str
        The wells the rule names ("1#", "2#"); empty when the rule speaks of
        "the well" and so of every well of the source.
    exceptions : tuple of (str, Decimal)
        Wells whose radius differs from ``radii_m`` ("其中3号井半径为50米").
    groups : tuple of (tuple of str, Decimal)
        Well groups, each drawn as its own hull pushed out by its distance;
        an empty well tuple means every well of the source.
    corner_count : int or None
        The number of corner points the rule states ("由12个拐点…").
    minus_level1 : bool
        The rule removes the 一级 zone (扣除一级保护区).
    terrain : tuple of str
        The words, as printed, that tie the boundary to something the table
        does not hold; non-empty means the zone cannot be derived.
    reasons : tuple of (str, str, str)
        For each kind of such boundary: family, reason in Chinese, in English.
    """

    text: str
    shape: str
    radii_m: tuple[Decimal, ...] = ()
    inner_radii_m: tuple[Decimal, ...] = ()
    wells: tuple[str, ...] = ()
    exceptions: tuple[tuple[str, Decimal], ...] = ()
    groups: tuple[tuple[tuple[str, ...], Decimal], ...] = ()
    corner_count: int | None = None
    minus_level1: bool = False
    terrain: tuple[str, ...] = ()
    reasons: tuple[tuple[str, str, str], ...] = ()

    @property
    def derivable(self) -> bool:
        """True when the zone follows from the table alone.

        Corner points define their polygon whatever words describe its
        edges; other shapes are derivable when nothing ties them to terrain.
        """
        if self.shape == "corners":
            return True
        return self.shape in ("circles", "hull", "outward") and not self.terrain

    @property
    def understood(self) -> bool:
        """False for wording the grammar does not know (shape ``unread``)."""
        return self.shape != "unread"

    def radii_for(self, well_count: int) -> tuple[Decimal, ...]:
        """Outer radius of each of ``well_count`` wells, in the rule's order.

        Examples
        --------
        >>> parse_rule("以取水井为中心，30m为半径的圆形区域").radii_for(2)
        (Decimal('30'), Decimal('30'))
        """
        return _spread(self.radii_m, well_count)

    def inner_radii_for(self, well_count: int) -> tuple[Decimal, ...]:
        """Inner radius of each well for rings between two radii, else an empty tuple."""
        return _spread(self.inner_radii_m, well_count) if self.inner_radii_m else ()


def _spread(values: tuple[Decimal, ...], count: int) -> tuple[Decimal, ...]:
    if len(values) == 1:
        return values * count
    if len(values) != count:
        raise ValueError(f"the rule gives {len(values)} radii for {count} wells")
    return values


def parse_rule(text: str) -> Rule:
    """Read a 划定方案 into a :class:`Rule`.

    Parameters
    ----------
    text : str
        The rule as printed; line breaks and spaces of the PDF text are ignored.

    Raises
    ------
    RuleError
        Only for words that are wrong in themselves: an empty rule, a radius
        of zero or without a unit, a ring whose inner radius is not below
        its outer one, more radii than wells named.  Wording the grammar
        does not know gives a rule of shape ``unread``.

    Examples
    --------
    >>> r = parse_rule("以取水井为中心，175m为半径的圆形区域扣除一级保护区范围所形成的环形区域")
    >>> r.shape, r.radii_m, r.minus_level1
    ('circles', (Decimal('175'),), True)
    >>> r = parse_rule("以 1#、2#取水井为中心，分别以97m、95m 为半径的圆形区域")
    >>> r.wells, r.radii_m
    (('1#', '2#'), (Decimal('97'), Decimal('95')))
    >>> parse_rule("以取水井为中心，0.5公里为半径的圆形区域").radii_m
    (Decimal('500.0'),)
    >>> parse_rule("以水井为圆心，半径50米至500米之间的环状区域").inner_radii_m
    (Decimal('50'),)
    >>> parse_rule("半径为30米，其中3号、5号井半径为50米").exceptions
    (('3#', Decimal('50')), ('5#', Decimal('50')))
    >>> parse_rule("1~4号井外包线外扩50米的区域").groups
    ((('1#', '2#', '3#', '4#'), Decimal('50')),)
    >>> parse_rule("由12个拐点依次连线围成的区域").corner_count
    12
    >>> r = parse_rule("取水口上游2000米至下游200米的河段")
    >>> r.shape, r.derivable, [family for family, _, _ in r.reasons]
    ('terrain', False, ['river_reach'])
    >>> parse_rule("按照有关规定划定").shape
    'unread'
    """
    if not isinstance(text, str) or not text.strip():
        raise RuleError("a 划定方案 such as '以取水井为中心，30m为半径的圆形区域'", text)
    rest = re.sub(r"\s+", "", text.translate(_FOLD))
    found: dict[str, list[re.Match]] = {}
    for pattern, regex in _COMPILED:
        matches = list(regex.finditer(rest))
        if not matches:
            continue
        found.setdefault(pattern.meaning, []).extend(matches)
        # Take the words out, so that a looser pattern further down does not read them again.
        for match in reversed(matches):
            rest = rest[: match.start()] + "\x00" * (match.end() - match.start()) + rest[match.end() :]
    terrain, reasons = _boundaries(rest)
    return _assemble(text, found, terrain, reasons)


def _assemble(text: str, found: dict[str, list[re.Match]], terrain, reasons) -> Rule:
    minus_level1 = "minus_level1" in found
    corner_count = next((_count(m[1]) for m in found.get("corners", []) if m.groups()), None)
    wells: tuple[str, ...] = ()
    for match in found.get("wells", []):
        wells = wells + tuple(k for k in _well_list(match[1]) if k not in wells)
    exceptions = tuple(
        (key, _to_metres(m[2], m[3], text)) for m in found.get("well_radius", []) for key in _well_list(m[1])
    )
    groups = tuple(
        (_well_list(m[1]) if len(m.groups()) == 3 else (), _to_metres(*m.groups()[-2:], text))
        for m in found.get("group", [])
    )
    radii: tuple[Decimal, ...] = ()
    inner: tuple[Decimal, ...] = ()
    if "ring" in found:
        rings = [_ring(m, text) for m in found["ring"]]
        radii, inner = tuple(r for _, r in rings), tuple(i for i, _ in rings)
    elif "radii" in found:
        radii = _radius_list(found["radii"][0][1], text)
    if "corners" in found:
        shape = "corners"
    elif "outward" in found:
        match = found["outward"][0]
        shape, radii, inner, minus_level1 = "outward", (_to_metres(match[1], match[2], text),), (), True
    elif groups:
        shape = "hull"
    elif radii and "hull" in found:
        shape = "hull"
    elif exceptions and not radii and not wells:
        # "1号井半径30米，2号井半径50米": the wells and radii are the exceptions themselves.
        shape = "circles"
        wells, radii, exceptions = tuple(k for k, _ in exceptions), tuple(r for _, r in exceptions), ()
    elif radii or exceptions:
        shape = "circles"
    elif reasons:
        shape = "terrain"
    else:
        shape = "unread"
    if wells and len(radii) > 1 and len(radii) != len(wells):
        raise RuleError(
            f"one radius per well named ({len(wells)}: {'、'.join(wells)}), not {len(radii)} radii",
            text,
        )
    if exceptions and len(radii) > 1:
        raise RuleError(f"one radius for the other wells beside the exceptions, not {len(radii)} radii", text)
    return Rule(
        text=text,
        shape=shape,
        radii_m=radii,
        inner_radii_m=inner,
        wells=wells if shape != "hull" or not groups else (),
        exceptions=exceptions,
        groups=groups,
        corner_count=corner_count,
        minus_level1=minus_level1,
        terrain=terrain if shape != "corners" else (),
        reasons=reasons if shape != "corners" else (),
    )


def _boundaries(rest: str) -> tuple[tuple[str, ...], tuple[tuple[str, str, str], ...]]:
    words: list[str] = []
    reasons: list[tuple[str, str, str]] = []
    for family, regex, zh, en in _BOUNDARY_RES:
        matches = list(regex.finditer(rest))
        if not matches:
            continue
        hits = [m[0] for m in matches]
        for match in reversed(matches):  # a word names one kind of boundary only
            rest = rest[: match.start()] + "\x00" * (match.end() - match.start()) + rest[match.end() :]
        reasons.append((family, zh, en))
        for hit in hits:
            if not any(hit in seen for seen in words):
                words.append(hit)
    return tuple(words), tuple(reasons)


def _count(text: str) -> int:
    if text.isdigit():
        return int(text)
    # Chinese numerals up to 九十九: 六, 十二, 二十, 二十四.
    tens, _, units = text.rpartition("十")
    if "十" not in text:
        return _CN_DIGITS.get(text, 0)
    return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + _CN_DIGITS.get(units, 0)


def _well_list(text: str) -> tuple[str, ...]:
    """Wells of "1#、2#", "1~4号", "1号至4号" as ("1#", "2#", …), ranges expanded."""
    keys: list[int] = []
    for first, sep, last in re.findall(r"(\d+)(?:#|号)?(?:(~|至|到|-)(\d+))?", text):
        start = int(first)
        numbers = range(start, int(last) + 1) if sep and int(last) >= start else [start] + ([int(last)] if last else [])
        keys.extend(n for n in numbers if n not in keys)
    return tuple(f"{n}#" for n in keys)


def _ring(match: re.Match, text: str) -> tuple[Decimal, Decimal]:
    inner_unit = match[2] or match[4]
    inner = _to_metres(match[1], inner_unit, text)
    outer = _to_metres(match[3], match[4] or match[2], text)
    if inner >= outer:
        raise RuleError(f"the inner radius of a ring below its outer radius ({inner} m to {outer} m)", text)
    return inner, outer


def _radius_list(listed: str, text: str) -> tuple[Decimal, ...]:
    items = _NUMBER.findall(listed)
    last_unit = next((unit for _, unit in reversed(items) if unit), None)
    return tuple(_to_metres(number, unit or last_unit, text) for number, unit in items)


def _to_metres(number: str, unit: str | None, text: str) -> Decimal:
    if not unit:
        raise RuleError(f"a unit (m, 米, km, 公里) after the radius {number}", text)
    value = Decimal(number) * _UNITS[unit]
    if value <= 0:
        raise RuleError(f"a radius above zero, not {number}{unit}", text)
    return value
