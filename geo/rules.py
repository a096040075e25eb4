"""Rules: the 划定方案 (zoning rule) of a zone, read from its printed words.

An approval defines each zone in words, and the words are the legal
definition.  :func:`parse_rule` turns them into a :class:`Rule` that says how
the zone is drawn:

``circles``
    a circle around each well (one radius for every well, or radii
    "分别" given per well in order), united;
``hull``
    the polygon circumscribing the circles of several wells (外接多边形,
    HJ/T 338-2007 for wells closer than 2R);
``corners``
    the polygon through corner points listed with the zone (拐点坐标);
``terrain``
    a boundary of ridge lines, river banks and the like, which a table of
    wells cannot give.

Any of them may remove the 一级 zone (扣除一级保护区), or be a ring between two
radii ("30至175米为半径所划的环形区域").  Words that tie the boundary to
terrain (山脊线, 河岸, 依据地形 …) make the zone not derivable from the table;
the rule keeps them in :attr:`Rule.terrain` so that reports can quote them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from geo.errors import RuleError

__all__ = ["Rule", "parse_rule"]

_FOLD = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "．": ".",
        "，": ",",
        "；": ";",
        "（": "(",
        "）": ")",
        "＃": "#",
        "～": "~",
        "－": "-",
        "—": "-",
        "–": "-",
        "ｍ": "m",
        "Ｍ": "m",
        "M": "m",
        "ｋ": "k",
        "Ｋ": "k",
        "K": "k",
    }
)

_UNITS = {"m": 1, "米": 1, "km": 1000, "公里": 1000, "千米": 1000}
_UNIT = r"(?:km|m|千米|公里|米)"
_NUM = r"\d+(?:\.\d+)?"
_RADIUS_LIST = re.compile(rf"((?:{_NUM}{_UNIT}?[、,和及与])*{_NUM}{_UNIT}?)")
# "30至175米为半径", "30m~175m为半径": a ring between two radii.
_RING = re.compile(rf"({_NUM})({_UNIT})?(?:至|到|~|-)({_NUM})({_UNIT})为?半径")
# "以30m为半径", "分别以97m、95m为半径", "175m为半径"
_BEFORE = re.compile(rf"{_RADIUS_LIST.pattern}为半径")
# "半径为50m", "半径50米", "半径分别为97m、95m"
_AFTER = re.compile(rf"半径(?:分别)?(?:为|是)?{_RADIUS_LIST.pattern}")
_WELLS = re.compile(r"((?:\d+(?:#|号)[、,和及与]?)+)(?:取水井|开采井|水源井|供水井|井)")
_MINUS_LEVEL1 = re.compile(r"(?:扣除|除去|去除|减去|不含|不包括)(?:对应的?)?一级")
_HULL = re.compile(r"外接多边形|外切多边形|外包多边形|外包线")
_CORNERS = re.compile(r"拐点|坐标点?连线|顶点连线")
_TERRAIN_WORDS = (
    "山脊线",
    "山脊",
    "分水岭",
    "山脚",
    "河岸",
    "右岸",
    "左岸",
    "依据地形",
    "根据地形",
    "地形",
    "汇水",
    "流域边界",
    "道路为界",
    "围墙",
)


@dataclass(frozen=True)
class Rule:
    """A zoning rule, as parsed from its printed words.

    Attributes
    ----------
    text : str
        The rule as printed.
    shape : {"circles", "hull", "corners", "terrain"}
        How the outer boundary is drawn.
    radii_m : tuple of Decimal
        Outer radii: one for every well, or one per well named (in order).
    inner_radii_m : tuple of Decimal
        Inner radii of a ring given as "X至Y米", matched to ``radii_m``; empty
        when the rule is not such a ring.
    wells : tuple of str
        The wells the rule names, as written ("1#", "2#"); empty when the
        rule speaks of "the well" and so of every well of the source.
    minus_level1 : bool
        The rule removes the 一级 zone (扣除一级保护区).
    terrain : tuple of str
        Words that tie the boundary to terrain; non-empty means the zone
        cannot be derived from the table.
    """

    text: str
    shape: str
    radii_m: tuple[Decimal, ...] = ()
    inner_radii_m: tuple[Decimal, ...] = ()
    wells: tuple[str, ...] = ()
    minus_level1: bool = False
    terrain: tuple[str, ...] = ()

    @property
    def derivable(self) -> bool:
        """True when the zone follows from the table alone (no terrain boundary)."""
        return not self.terrain

    def radii_for(self, well_count: int) -> tuple[Decimal, ...]:
        """Outer radius of each of ``well_count`` wells, in the rule's order.

        Examples
        --------
        >>> parse_rule("以取水井为中心，30m为半径的圆形区域").radii_for(2)
        (Decimal('30'), Decimal('30'))
        """
        return _spread(self.radii_m, well_count)

    def inner_radii_for(self, well_count: int) -> tuple[Decimal, ...]:
        """Inner radius of each well for "X至Y米" rings, else an empty tuple."""
        return _spread(self.inner_radii_m, well_count) if self.inner_radii_m else ()


def _spread(values: tuple[Decimal, ...], count: int) -> tuple[Decimal, ...]:
    if len(values) == 1:
        return values * count
    if len(values) != count:
        raise ValueError(f"the rule gives {len(values)} radii for {count} wells")
    return values


def parse_rule(text: str) -> Rule:
    """Parse a 划定方案 into a :class:`Rule`.

    Parameters
    ----------
    text : str
        The rule as printed; line breaks and spaces of the PDF text are ignored.

    Raises
    ------
    RuleError
        When the words give neither radii, corner points nor a terrain
        boundary; the message quotes the rule.

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
    >>> parse_rule("以西北部至西南部山脊线为边界的不规则区域").terrain
    ('山脊线',)
    """
    if not isinstance(text, str) or not text.strip():
        raise RuleError("a 划定方案 such as '以取水井为中心，30m为半径的圆形区域'", text)
    flat = re.sub(r"\s+", "", text.translate(_FOLD))
    terrain = _terrain_words(flat)
    wells = _named_wells(flat)
    minus_level1 = bool(_MINUS_LEVEL1.search(flat))

    ring = _RING.search(flat)
    if ring:
        inner_unit = ring[2] or ring[4]
        outer = _to_metres(ring[3], ring[4], text)
        inner = _to_metres(ring[1], inner_unit, text)
        if inner >= outer:
            raise RuleError(
                f"the inner radius of a ring below its outer radius ({inner} m to {outer} m)",
                text,
            )
        radii, inner_radii = (outer,), (inner,)
    else:
        radii, inner_radii = _radii(flat, text), ()

    if _CORNERS.search(flat):
        shape = "corners"
    elif radii and _HULL.search(flat):
        shape = "hull"
    elif radii:
        shape = "circles"
    elif terrain:
        shape = "terrain"
    else:
        raise RuleError(
            "a 划定方案 with a radius (such as '30m为半径'), corner points (拐点) "
            "or a terrain boundary (山脊线, 河岸 …)",
            text,
        )
    if wells and len(radii) > 1 and len(radii) != len(wells):
        raise RuleError(
            f"one radius per well named ({len(wells)}: {'、'.join(wells)}), not {len(radii)} radii",
            text,
        )
    return Rule(
        text=text,
        shape=shape,
        radii_m=radii,
        inner_radii_m=inner_radii,
        wells=wells,
        minus_level1=minus_level1,
        terrain=terrain,
    )


def _terrain_words(flat: str) -> tuple[str, ...]:
    found: list[str] = []
    for word in _TERRAIN_WORDS:
        if word in flat and not any(word in seen for seen in found):
            found.append(word)
    return tuple(found)


def _named_wells(flat: str) -> tuple[str, ...]:
    match = _WELLS.search(flat)
    if not match:
        return ()
    numbers = re.findall(r"(\d+)(?:#|号)", match[1])
    return tuple(f"{int(n)}#" for n in numbers)


def _radii(flat: str, text: str) -> tuple[Decimal, ...]:
    match = _BEFORE.search(flat) or _AFTER.search(flat)
    if not match:
        return ()
    items = re.findall(rf"({_NUM})({_UNIT})?", match[1])
    last_unit = next((unit for _, unit in reversed(items) if unit), None)
    return tuple(_to_metres(number, unit or last_unit, text) for number, unit in items)


def _to_metres(number: str, unit: str | None, text: str) -> Decimal:
    if unit is None:
        raise RuleError(f"a unit (m, 米, km, 公里) after the radius {number}", text)
    value = Decimal(number) * _UNITS[unit]
    if value <= 0:
        raise RuleError(f"a radius above zero, not {number}{unit}", text)
    return value
