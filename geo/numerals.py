"""Numerals: integers written in Chinese numerals (四十五, 二百五十, 一百零五, 一五〇), as approvals print them.

Used by :mod:`geo.rules` (lengths, counts and wells in a 划定方案) and
:mod:`geo.cells` (a well numbered 一号井).
"""

from __future__ import annotations

__all__ = ["DIGITS", "chinese_integer"]

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
