"""Numerals: integers written in Chinese numerals (四十五, 二百五十, 一百零五, 一五〇), as approvals print them.

Used by :mod:`geo.rules` (lengths, counts and wells in a 划定方案: :func:`arabic_numerals`) and
:mod:`geo.cells` (a well numbered 一号井).
"""

from __future__ import annotations

import re

from geo.grammar import MACROS

__all__ = ["DIGITS", "arabic_numerals", "chinese_integer"]

#: The digits, 两 and the zeros.
DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "零": 0, "〇": 0}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_integer(words: str) -> int | None:
    """An integer in Chinese numerals (up to 9999 万), or None where the words are no well-formed numeral.

    Examples
    --------
    >>> [chinese_integer(w) for w in ("四十五", "十二", "二百五十", "一百零五", "两千", "一万五千", "一五〇")]
    [45, 12, 250, 105, 2000, 15000, 150]
    >>> [chinese_integer(w) for w in ("四五", "十百", "一号", "")]
    [None, None, None, None]
    """
    if not words or not set(words) <= {*DIGITS, *_UNITS, "万"}:
        return None
    if not set(words) & {*_UNITS, "万"}:
        # Digit by digit: 五, 一五〇; but two digits alone, 四五, say "four or five".
        if len(words) > 1 and not set(words) & {"〇", "零"}:
            return None
        return int("".join(str(DIGITS[c]) for c in words))
    total, section, digit, last_unit = 0, 0, None, 10_000
    for char in words:
        if char in DIGITS:
            if digit is not None and DIGITS[char]:
                return None  # two digits without a unit between them
            digit = DIGITS[char] or None
        elif char in _UNITS:
            unit = _UNITS[char]
            if unit >= last_unit:
                return None  # units must fall: 二百五十, never 十百
            section += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        else:  # 万
            if total:
                return None
            total, section, digit, last_unit = (section + (digit or 0)) * 10_000, 0, None, 10_000
    return total + section + (digit or 0)


#: A length in Chinese numerals before its unit ("五十米", "二百五十米", "一点五公里"), or before another
#: that has one ("三十至一百七十五米"), not after a digit ("2千米").
_CN_NUMERAL = "[零〇一二两三四五六七八九十百千万]+(?:点[零〇一二两三四五六七八九]+)?"
_CN_LENGTH = re.compile(rf"(?<![\d.])({_CN_NUMERAL})(?=(?:(?:至|到|~|-|、|,){_CN_NUMERAL})*(?:米|m|km|公里|千米))")
#: A well's number in Chinese numerals, in a list of them that ends in a well word ("一号、二号取水井").
_CN_WELL = re.compile(
    rf"(?<![\d.])([一二三四五六七八九十]+)(?=号(?:(?:、|,|和|及|与|至|到|~|-)[一二三四五六七八九十\d]+号)*{MACROS['WELLWORD']})"
)


def arabic_numerals(text: str) -> str:
    """The text with its lengths and well numbers in Chinese numerals as digits: 五十米 → 50米, 一号、二号取水井 → 1号、2号取水井."""
    return _CN_WELL.sub(lambda m: str(chinese_integer(m[1]) or m[1]), _CN_LENGTH.sub(_arabic, text))


def _arabic(match: re.Match) -> str:
    """A length's Chinese numerals as digits: 四十五 → 45, 一百零五 → 105, 一点五 → 1.5; as printed if it is no numeral.

    A trailing 千 before 米 is the unit 千米 when the rest alone is the
    numeral (二十千米 → 20 km; 五千米 is 5,000 m either way).  A numeral must
    hold a digit or begin with 十 (十五米), so that 千米 or 数千米 stay words.
    """
    words = match[1]
    whole, _, decimals = words.partition("点")
    if not (set(whole) & set(DIGITS) or whole.startswith("十")):
        return words
    value = chinese_integer(whole)
    tail = match.string[match.end() :]
    if value is None and whole.endswith("千") and tail.startswith("米") and not decimals:
        value = chinese_integer(whole[:-1])
        return words if value is None else f"{value}千"
    if value is None:
        return words
    return f"{value}.{''.join(str(DIGITS[c]) for c in decimals)}" if decimals else str(value)
