"""Degrees, minutes and seconds typed as one number: ``111.085821`` for 111°08′58.21″.

Spreadsheets cannot hold ° ′ ″ in a number, so officers often type a
coordinate as 度.分秒 — the degrees, a point, then two digits of minutes and
the seconds — and say so in the header: ``经度（度分秒）``, ``经度(°′″)``,
``纬度（dd.mmss）``.  Read as decimal degrees such a cell lies kilometres off
(111.085821° is 111°05′08.96″), and nothing in the cell tells; so:

* in a column whose header says degrees-minutes-seconds, a bare number is
  read as 度.分秒 (``111.0858`` is 111°08′58″: trailing zeros were dropped by
  the spreadsheet), the table warned once; unless one of its numbers cannot
  be 度.分秒 (``111.7032``: 70 minutes), when the column's numbers are decimal
  degrees after all and that is warned, with the number that shows it;
* in such a column, degrees, minutes and seconds run together with no point
  after the degrees (``1110858.21``) are read so too.

A bare number in a column that says nothing is decimal degrees, as printed;
run together there (``1110858.21``, ``372722``) it stays refused, with the
reading it would have in the message: ``372722`` could as well be a
Gauss–Krüger easting.
"""

from __future__ import annotations

import re
from collections import defaultdict

from geo.cells import fold
from geo.coordinates import CHINA_LAT_DEG, CHINA_LON_DEG, parse_dms, split_lonlat
from geo.errors import CoordinateError, warn_rows

__all__ = ["CoordinateReader", "says_dms", "unpack"]

_RANGES = {"lon": CHINA_LON_DEG, "lat": CHINA_LAT_DEG}
_NAMES = {"lon": ("经度", "longitude"), "lat": ("纬度", "latitude")}

#: A bare number: degrees, and the decimals that are minutes and seconds when the column says so.
_BARE_RE = re.compile(r"\s*(\d{1,3})(?:\.(\d*))?\s*")
#: Degrees, minutes and seconds run together with no point after the degrees: 1110858.21, 372546.89.
_RUN_TOGETHER_RE = re.compile(r"\s*(\d{1,3})([0-5]\d)([0-5]\d(?:\.\d+)?)\s*")
#: Headers' units that name the d.mmss form itself: dd.mmss, ddd.mmss, d.mmss, dddmmss.
_PATTERN_UNIT_RE = re.compile(r"d{1,3}\.?m{2}s{2}")


def says_dms(unit: str) -> bool:
    """Whether a header's unit says degrees-minutes-seconds: 度分秒, 度.分秒, °′″, dd.mmss (not 度, °, 十进制度)."""
    text = fold(unit).lower()
    if not text:
        return False
    if "分" in text and "秒" in text:
        return True
    if "′" in text or "'" in text:
        return "″" in text or '"' in text or "′′" in text or "''" in text
    return _PATTERN_UNIT_RE.search(text) is not None


def unpack(text: str) -> str | None:
    """A bare number as 度.分秒 in degree marks (``111.085821`` → ``111°08′58.21″``), or None if it cannot be one.

    Examples
    --------
    >>> unpack("111.085821"), unpack("37.2546"), unpack("111.1"), unpack("111.7032")
    ('111°08′58.21″', '37°25′46″', '111°10′00″', None)
    """
    match = _BARE_RE.fullmatch(text)
    if match is None:
        return None
    degrees, digits = match[1], (match[2] or "").ljust(4, "0")  # 111.0858 typed for 111.085800
    minutes, seconds, fraction = digits[:2], digits[2:4], digits[4:]
    if int(minutes) >= 60 or int(seconds) >= 60:
        return None
    return f"{int(degrees)}°{minutes}′{seconds}{'.' + fraction if fraction else ''}″"


def _run_together(text: str, axis: str) -> str | None:
    """``1110858.21`` as ``111°08′58.21″`` where that is a coordinate of ``axis`` in China; else None."""
    match = _RUN_TOGETHER_RE.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        return None
    low, high = _RANGES[axis]
    if not low <= int(match[1]) <= high:
        return None
    return f"{int(match[1])}°{match[2]}′{match[3]}″"


class CoordinateReader:
    """Reads the longitude and latitude cells of one table, as :func:`geo.coordinates.parse_dms` does and as above.

    Call it for each cell, then :meth:`finish` once for the table's warnings.
    """

    def __init__(self, sheet) -> None:
        self.sheet = sheet
        #: Column ("lon", "lat", "lonlat") whose header says DMS → whether its bare numbers are read as 度.分秒.
        self.packed: dict[str, bool] = {}
        self._refuted: dict[str, tuple[int, str]] = {}
        for column in ("lon", "lat", "lonlat"):
            if column in sheet.written and says_dms(sheet.unit(column)):
                self.packed[column] = self._all_unpack(column)
        self._unpacked: dict[str, list[tuple[int, str, str]]] = defaultdict(list)

    def _all_unpack(self, column: str) -> bool:
        """Whether every bare number of the column can be 度.分秒; the first that cannot is kept for the warning."""
        for row in self.sheet.rows:
            cell = row.values.get(column, "")
            if not cell:
                continue
            texts = [cell]
            if column == "lonlat":
                try:
                    texts = list(split_lonlat(cell))
                except CoordinateError:
                    continue  # reported where the row is read
            for text in texts:
                if _BARE_RE.fullmatch(text) and unpack(text) is None:
                    self._refuted[column] = (row.number, text.strip())
                    return False
        return True

    def __call__(self, text: str, axis: str, row: int, column: str | None = None) -> float:
        """The cell ``text`` of ``axis`` in row ``row`` (from column ``column``, ``axis`` unless both share one)."""
        column = column or axis
        if self.packed.get(column):
            dms = unpack(text) or _run_together(text, axis)
            if dms is not None:
                self._unpacked[column].append((row, text.strip(), dms))
                return parse_dms(dms, axis=axis)
        return parse_dms(text, axis=axis)

    def finish(self) -> None:
        """Warn, once for each column, of the cells read as 度.分秒 and of headers whose 度分秒 the numbers refute."""
        sheet = self.sheet
        for column, (row, text) in self._refuted.items():
            header = sheet.column(column)
            warn_rows(
                sheet.file,
                [row],
                f"the header '{header}' says degrees-minutes-seconds, but {text} cannot be degrees.minutes-seconds "
                "(minutes or seconds of 60 or more): the column's bare numbers are read as decimal degrees",
                f"表头“{header}”标明度分秒，但{text}不可能是度.分秒（分或秒不小于60），本列不带符号的数值按十进制度读",
            )
        if not self._unpacked:
            return
        columns = list(self._unpacked.items())
        headers = "、".join(f"“{sheet.column(column)}”" for column, _ in columns)
        headers_en = ", ".join(f"'{sheet.column(column)}'" for column, _ in columns)
        examples = "；".join(f"{cells[0][1]} → {cells[0][2]}" for _, cells in columns)
        examples_en = "; ".join(f"{cells[0][1]} → {cells[0][2]}" for _, cells in columns)
        warn_rows(
            sheet.file,
            sorted({r for _, cells in columns for r, _, _ in cells}),
            f"the header{'s' if len(columns) > 1 else ''} {headers_en} say{'' if len(columns) > 1 else 's'} "
            "degrees-minutes-seconds: numbers without the marks are read as "
            f"degrees.minutes-seconds ({examples_en}), not decimal degrees",
            f"表头{headers}标明度分秒，不带度分秒符号的数值按度.分秒读（{examples}），而非十进制度",
        )
