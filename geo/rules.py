"""Rules: the 划定方案 (zoning rule) of a zone, read from its printed words.

An approval defines each zone in words, and the words are the legal
definition.  :func:`parse_rule` reads them with a small grammar: the table
:data:`geo.grammar.PATTERNS` lists the sentence patterns approvals use, each
with the *meaning* it contributes (a radius, a ring, a well group …), and
:data:`geo.grammar.BOUNDARIES` the boundaries a table cannot give.  The
reader walks the tables in order; each match is taken out of the sentence so
that a later, looser pattern does not read the same words again.  A new
province's wording is one more row there.

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
``squares``
    a square or rectangle around each well, its sides east–west and
    north–south ("东西南北各30米的正方形", "东西各30米、南北各50米的矩形",
    "边长60米的正方形" — the last drawn so though its directions are not
    printed, :attr:`Rule.square_oriented` False); a square the grammar
    cannot measure is ``unread``, never a circle;
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

import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from geo.errors import RuleError
from geo.grammar import BOUNDARIES, MACROS, PATTERNS, Pattern
from geo.numerals import arabic_numerals, chinese_integer
from geo.rulelengths import radii_words, radius_list, ring, spread, to_metres

__all__ = ["BOUNDARIES", "PATTERNS", "Pattern", "Rule", "level_segment", "parse_rule"]

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
        "≤": "<=",
        "≦": "<=",
        "⩽": "<=",
        "≥": ">=",
        "≧": ">=",
        "⩾": ">=",
        "＜": "<",
        "＞": ">",
    }
)

#: The longest 划定方案 read.
MAX_RULE_CHARS = 2_000
_COMPILED = tuple((p, p.compiled()) for p in PATTERNS)
#: Letters before a well's number in a list of wells ("以J1、J2井", "ZK-3号井"), dropped as well keys drop them.
_WELL_PREFIX = re.compile(
    r"(?<![A-Za-z\d.])[A-Za-z]{1,4}-?(?=\d+(?:#|号)?(?:(?:、|,|和|及|与|~|至|到|-)(?:[A-Za-z]{1,4}-?)?\d+(?:#|号)?)*"
    + MACROS["WELLWORD"]
    + ")"
)
_BOUNDARY_RES = tuple((family, re.compile(regex), zh, en) for family, regex, zh, en in BOUNDARIES)


@dataclass(frozen=True, slots=True)
class Rule:
    """A zoning rule, as read from its printed words.

    Attributes
    ----------
    text : str
        The rule as printed.
    shape : {"circles", "squares", "hull", "outward", "corners", "terrain", "unread"}
        How the outer boundary is drawn (see the module's docstring).
    radii_m : tuple of Decimal
        Outer radii: one for every well, or one per well named (in order);
        for ``outward``, the distance the 一级 zone is pushed out; for
        ``squares``, half the east–west side.
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
    outward_from : str
        For ``outward``: the level pushed out, 一级 or 二级 ("二级保护区边界外延2000米").
    minus_level1 : bool
        The rule removes the 一级 zone (扣除一级保护区).
    minus_level2 : bool
        The rule removes the 二级 zone too, and so everything inside it
        (准保护区: "二级保护区以外", "扣除一级、二级保护区"); implies ``minus_level1``.
    half_ns_m : Decimal or None
        For ``squares``: half the north–south side of a rectangle; None for a
        square (``radii_m`` each way).
    square_oriented : bool
        For ``squares``: the rule prints the directions of the sides (东西南北);
        False where they were assumed east–west and north–south.
    doubt : tuple of (str, str)
        For ``unread``: why known words could still not be drawn, in Chinese
        and English ("写有几个半径（30米、300米），未说明各自的含义"); empty otherwise.
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
    outward_from: str = ""
    minus_level1: bool = False
    terrain: tuple[str, ...] = ()
    reasons: tuple[tuple[str, str, str], ...] = ()
    minus_level2: bool = False
    half_ns_m: Decimal | None = None
    square_oriented: bool = True
    doubt: tuple[str, str] | tuple[()] = ()

    @property
    def derivable(self) -> bool:
        """True when the zone follows from the table alone.

        Corner points define their polygon whatever words describe its
        edges; other shapes are derivable when nothing ties them to terrain.
        """
        if self.shape == "corners":
            return True
        return self.shape in ("circles", "squares", "hull", "outward") and not self.terrain

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
        return spread(self.radii_m, well_count)

    def inner_radii_for(self, well_count: int) -> tuple[Decimal, ...]:
        """Inner radius of each well for rings between two radii, else an empty tuple."""
        return spread(self.inner_radii_m, well_count) if self.inner_radii_m else ()


@functools.lru_cache(maxsize=8192)
def _read(text: str) -> Rule:
    """The reading of one wording; approvals repeat theirs row after row, and a Rule is immutable."""
    rest = re.sub(r"\s+", "", text.translate(_FOLD))
    rest = _WELL_PREFIX.sub("", arabic_numerals(rest))
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
    if len(text) > MAX_RULE_CHARS:
        # Real rules are a few hundred characters; the patterns' time is bounded by this.
        raise RuleError(f"a 划定方案 of at most {MAX_RULE_CHARS} characters, found {len(text)}", text[:40] + "…")
    return _read(text)


#: A level's label inside a rule that describes several: "一级保护区：…；二级保护区：…", "一级保护区（水域）：".
_LEVEL_LABEL = re.compile(
    r"(一级|二级|三级|准)(?:保护区)?[(（]?(水域|陆域)?[)）]?(?:保护区)?(?:范围|划定范围|划分范围|划分方案|划定方案)?\s*[:：]"
)


#: A level's label in a rule cell that describes several ("一级保护区：", "二级保护区（陆域）范围："), for geo.levelcells.
LEVEL_LABEL = _LEVEL_LABEL


def level_segment(text: str, level: str, part: str) -> tuple[str, str, int] | None:
    """The words of one level in a rule cell labelled level by level, their label and the number of labels;
    None if it is not so labelled.

    "一级保护区：以取水井为中心，半径30米的圆形区域；二级保护区：……" for
    ``level`` 一级 gives the first sentence; for a level whose label is
    missing, or where two labels fit (水域 and 陆域 for a row naming no
    part), None: the cell is then read whole.

    Examples
    --------
    >>> level_segment("一级保护区：半径30米；二级保护区：半径300米，扣除一级保护区", "二级", "")
    ('半径300米，扣除一级保护区', '二级保护区：', 2)
    >>> level_segment("以取水井为中心，半径30米", "一级", "") is None
    True
    """
    labels = list(_LEVEL_LABEL.finditer(text))
    if not labels:
        return None
    name = {"准": "准保护区"}
    fits = [i for i, m in enumerate(labels) if name.get(m[1], m[1]) == level and (not m[2] or not part or m[2] == part)]
    if len(fits) != 1:
        return None
    i = fits[0]
    end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
    words = text[labels[i].end() : end].strip().rstrip(";；。,，").strip()
    return (words, labels[i][0], len(labels)) if words else None


def _assemble(text: str, found: dict[str, list[re.Match]], terrain, reasons) -> Rule:
    minus_level2 = "minus_level2" in found
    minus_level1 = "minus_level1" in found or minus_level2
    outward_from = ""
    corner_count = next((_count(m[1]) for m in found.get("corners", []) if m.groups()), None)
    wells: tuple[str, ...] = ()
    for match in sorted(found.get("wells", []), key=lambda m: m.start()):  # in the order printed
        wells = wells + tuple(k for k in _well_list(match[1]) if k not in wells)
    exceptions = tuple(
        (key, to_metres(m[2], m[3], text)) for m in found.get("well_radius", []) for key in _well_list(m[1])
    ) + tuple((key, to_metres(m[1], m[2], text)) for m in found.get("radius_wells", []) for key in _well_list(m[3]))
    same = [k for m in sorted(found.get("same_wells", []), key=lambda m: m.start()) for k in _well_list(m[1])]
    if same and exceptions:
        # "以1#井为中心，半径30米（2#井同）": wells named the same take the radius of the well before them.
        exceptions += tuple((k, exceptions[-1][1]) for k in same if k not in dict(exceptions))
    elif same:
        wells = wells + tuple(k for k in same if k not in wells)
    groups = tuple(
        (_well_list(m[1]) if len(m.groups()) == 3 else (), to_metres(*m.groups()[-2:], text))
        for m in found.get("group", [])
    )
    radii: tuple[Decimal, ...] = ()
    inner: tuple[Decimal, ...] = ()
    doubt: tuple[str, str] | tuple[()] = ()
    if "ring" in found or "ring_outer_first" in found:
        rings = [ring(m, text) for m in found.get("ring", [])]
        rings += [ring(m, text, outer_first=True) for m in found.get("ring_outer_first", [])]
        radii, inner = tuple(r for _, r in rings), tuple(i for i, _ in rings)
    elif "radii" in found:
        readings = list(dict.fromkeys(radius_list(m[1], text) for m in found["radii"]))
        radii = readings[0]
        if len(readings) > 1 and minus_level1 and all(len(x) == 1 for x in readings) and len(readings) == 2:
            # "半径300米，扣除半径30米的一级保护区": the smaller is the 一级 zone's, taken out all the same.
            radii = max(readings)
        elif len(readings) > 1:
            shown = "、".join(radii_words(x, "米", "、") for x in readings)
            shown_en = "; ".join(radii_words(x, " m", ", ") for x in readings)
            doubt = (
                f"写有几个半径（{shown}），未说明各自的含义",
                f"it gives several radii ({shown_en}) without saying what each is",
            )
    elif "diameter" in found:
        match = found["diameter"][0]
        radii = (to_metres(match[1], match[2], text) / 2,)
    square = _square(found, text)
    half_ns, oriented = None, True
    if "corners" in found:
        shape = "corners"
    elif square is not None:
        shape, (half_ew, half_ns, oriented), inner = "squares", square, ()
        radii = (half_ew,)
        if half_ns == half_ew:
            half_ns = None
    elif "outward" in found:
        match = found["outward"][0]
        outward_from = match[1]
        shape, radii, inner, minus_level1 = "outward", (to_metres(match[2], match[3], text),), (), True
    elif groups:
        shape = "hull"
    elif radii and "hull" in found:
        shape = "hull"
    elif exceptions and not radii:
        # "1号井半径30米，2号井半径50米", "以1#、2#井为中心，半径分别为30米（1#井）和50米（2#井）":
        # the wells and radii are the exceptions themselves; "…，及两圆外切线所围区域" their hull.
        shape = "hull" if "hull" in found else "circles"
        by_key = dict(exceptions)
        wells = wells + tuple(k for k in by_key if k not in wells)
        if set(wells) - set(by_key):
            missing = "、".join(k for k in wells if k not in by_key)
            raise RuleError(f"a radius for every well named, none for {missing}", text)
        radii, exceptions = tuple(by_key[k] for k in wells), ()
    elif radii or exceptions:
        shape = "circles"
    elif reasons:
        shape = "terrain"
    else:
        shape = "unread"
    if "side_by_side" in found and square is None and shape != "corners":
        m = found["side_by_side"][0]
        sides = f"{m[1]}{m[2] or m[4]}×{m[3]}{m[4]}"
        shape, doubt = (
            "circles",
            (
                f"写有{sides}的矩形，未说明哪条边沿东西方向",
                f"it gives a {sides} rectangle without saying which side runs east–west",
            ),
        )
    if doubt and shape == "circles":
        shape, radii, inner, exceptions = "unread", (), (), ()
    else:
        doubt = ()
    if "square_cue" in found and shape in ("circles", "hull", "outward"):
        # "…的矩形区域" with a distance the square patterns did not read: not a circle, whatever it is.
        shape, radii, inner, exceptions, groups = "unread", (), (), (), ()
    if shape == "squares" and (exceptions or groups):
        raise RuleError("one size for the squares of every well, not radii for some wells", text)
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
        outward_from=outward_from,
        minus_level1=minus_level1,
        minus_level2=minus_level2 and shape != "outward",
        terrain=terrain if shape != "corners" else (),
        reasons=reasons if shape != "corners" else (),
        half_ns_m=half_ns,
        square_oriented=oriented,
        doubt=doubt,
    )


def _square(found: dict[str, list[re.Match]], text: str) -> tuple[Decimal, Decimal, bool] | None:
    """Half the east–west side, half the north–south side, and whether the directions are printed; None if no square."""
    for meaning, ns_first, whole in (
        ("rect_half", False, False),
        ("rect_half_ns_first", True, False),
        ("rect_full", False, True),
        ("rect_full_ns_first", True, True),
    ):
        if meaning in found:
            m = found[meaning][0]
            first, second = to_metres(m[1], m[2] or m[4], text), to_metres(m[3], m[4], text)
            ew, ns = (second, first) if ns_first else (first, second)
            return (ew / 2, ns / 2, True) if whole else (ew, ns, True)
    if "side_by_side" in found:
        m = found["side_by_side"][0]
        first, second = to_metres(m[1], m[2] or m[4], text), to_metres(m[3], m[4], text)
        if first != second:
            return None
        return first / 2, first / 2, False
    for meaning, oriented, whole in (
        ("square_half", True, False),
        ("square_half_free", False, False),
        ("square_side", False, True),
    ):
        if meaning in found:
            m = found[meaning][0]
            half = to_metres(m[1], m[2], text) / (2 if whole else 1)
            return half, half, oriented
    return None


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
    return int(text) if text.isdigit() else chinese_integer(text) or 0


def _well_list(text: str) -> tuple[str, ...]:
    """Wells of "1#、2#", "1~4号", "1号至4号" as ("1#", "2#", …), ranges expanded."""
    keys: list[int] = []
    for first, sep, last in re.findall(r"(\d+)(?:#|号)?(?:(~|至|到|-)(\d+))?", text):
        start = int(first)
        numbers = range(start, int(last) + 1) if sep and int(last) >= start else [start] + ([int(last)] if last else [])
        keys.extend(n for n in numbers if n not in keys)
    return tuple(f"{n}#" for n in keys)
