"""Coordinates: degrees-minutes-seconds as printed, and the metric frames.

Approvals print longitude and latitude in degrees-minutes-seconds, in many
typographic forms (′ ″, ASCII ' ", full-width digits, 度分秒, with or without
zero padding).  :func:`parse_dms` reads all of them, and decimal degrees.

Metric work uses the CGCS2000 3-degree Gauss–Krüger zones: zone ``n`` has
its central meridian at ``3n`` degrees east.  EPSG:4534 … 4554 are those
zones with plain eastings (central meridian 75°E … 135°E); EPSG:4513 … 4533 are
the same zones with the zone number written in front of the easting, as land
decisions print it (``Y=37512342.575``).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

import numpy as np

from geo.errors import CoordinateError

__all__ = [
    "CHINA_LAT_DEG",
    "CHINA_LON_DEG",
    "format_dms",
    "gk_epsg",
    "gk_zone",
    "parse_dms",
    "split_lonlat",
]

#: Longitude and latitude ranges that enclose China's territory, in degrees.
CHINA_LON_DEG = (73.0, 136.0)
CHINA_LAT_DEG = (3.0, 54.0)

_EXAMPLE = {"lon": "111°42′11.58″", "lat": "38°23′30.36″", None: "38°23′30.36″"}

# Full-width and typographic variants folded to one form before parsing.
_FOLD = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},  # ０…９
        "．": ".",
        "－": "-",
        "＋": "+",
        "º": "°",
        "˚": "°",
        "度": "°",
        "′": "'",
        "’": "'",
        "‘": "'",
        "＇": "'",
        "´": "'",
        "分": "'",
        "″": '"',
        "”": '"',
        "“": '"',
        "＂": '"',
        "秒": '"',
        "〃": '"',
    }
)

_NUMBER = r"\d+(?:\.\d+)?"
_DMS_RE = re.compile(
    rf"""^(?P<sign>[+-]?)
    (?P<deg>{_NUMBER})°
    (?:(?P<min>{_NUMBER})')?
    (?:(?P<sec>{_NUMBER})(?:"|'')?)?
    (?P<hemi>[NSEWnsew东西南北]?)$""",
    re.VERBOSE,
)
_DECIMAL_RE = re.compile(rf"^[+-]?{_NUMBER}$")
#: The form registers print nearly every cell in (111°07′05.28″, ASCII ' and " too), read without folding.
_PLAIN_DMS_RE = re.compile(r"([0-9]{1,3})°([0-5]?[0-9])[′']([0-5]?[0-9])(?:\.([0-9]{1,6}))?[″\"]")
#: Degrees, minutes and seconds with no marks, apart by spaces, colons or hyphens: "111 08 58.21", "111:08:58.21",
#: "38 23.506" (no seconds).
_SEPARATED_RE = re.compile(
    r"(\d{1,3})(?:\s+|\s*[:：-]\s*)(\d{1,2}(?:\.\d+)?)(?:(?:\s+|\s*[:：-]\s*)(\d{1,2}(?:\.\d+)?))?\s*([NSEWnsew东西南北]?)"
)
#: The same apart by dots, as some officers type them: "111.42.11.58" (two dots or more are no decimal number).
_DOTTED_RE = re.compile(r"(\d{1,3})\.(\d{1,2})\.(\d{1,2}(?:\.\d+)?)\s*([NSEWnsew东西南北]?)")
#: The geodesists' way of writing a fraction after its mark: 58″.21 for 58.21″, 23′.506 for 23.506′.
_MARK_BEFORE_FRACTION_RE = re.compile(r"(\d)(''|\"|')\.(\d+)")
_NEGATIVE_HEMI = set("SWsw西南")
_PREFIX_RE = re.compile(r"^(东经|北纬|西经|南纬|[NSEWnsew])")


def parse_dms(text: str | float | int, axis: str | None = None) -> float:
    """Read one coordinate and return it in decimal degrees.

    Parameters
    ----------
    text : str or number
        Degrees-minutes-seconds as printed (``38°23′30.36″``, ``37°27′22.27"``,
        ``111° 8′ 58.21″``, ``１１１°４２′１１.５８″``, ``38度23分30.36秒``,
        ``38°23.506′``) or decimal degrees (``38.391767``).
    axis : {"lon", "lat", None}
        When given, the value must lie in that axis's range for China; a
        value that fits the other axis is reported as probably swapped.

    Returns
    -------
    float
        Decimal degrees, negative for S or W.

    Raises
    ------
    CoordinateError
        With a message saying what was expected and what was found.

    Examples
    --------
    >>> round(parse_dms("38°23′30.36″"), 6)
    38.391767
    >>> round(parse_dms('111°6′35.44"', axis="lon"), 8)
    111.10984444
    >>> parse_dms("38°23′60″")
    Traceback (most recent call last):
    ...
    geo.errors.CoordinateError: expected seconds below 60, got '38°23′60″'
    """
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        value = float(text)
        raw = repr(text)
    else:
        raw = str(text)
        value = _parse_text(raw, axis)
    if not math.isfinite(value):
        raise CoordinateError("a finite number of degrees", raw)
    if axis is not None:
        _check_axis(value, axis, raw)
    return value


def _parse_text(raw: str, axis: str | None) -> float:
    plain = _PLAIN_DMS_RE.fullmatch(raw)
    if plain is not None:
        # Exact: whole seconds' fractions over 3600 s, one correctly rounded division (as the decimals below give).
        degrees, minutes, seconds, fraction = plain.groups(default="")
        scale = 10 ** len(fraction)
        total = ((int(degrees) * 60 + int(minutes)) * 60 + int(seconds)) * scale + int(fraction or 0)
        return total / (3600 * scale)
    text = raw.translate(_FOLD)
    separated = _SEPARATED_RE.fullmatch(text.strip()) or _DOTTED_RE.fullmatch(text.strip())
    if separated is not None:  # read as if marked; messages still quote the cell as printed
        degrees, minutes, seconds, hemi = separated.groups()
        folded = f"{degrees}°{minutes}'" + (f'{seconds}"' if seconds else "") + hemi
    else:
        folded = _MARK_BEFORE_FRACTION_RE.sub(r"\1.\3\2", re.sub(r"\s+", "", text))
    if not folded:
        raise CoordinateError(f"a coordinate such as {_EXAMPLE[axis]}", raw)
    # A hemisphere in front, as some tables print it: "E111°33′00″", "北纬38°07′12″".
    prefix = _PREFIX_RE.match(folded)
    if prefix and folded[prefix.end() : prefix.end() + 1].isdigit():
        hemi, folded = prefix[1][0], folded[prefix.end() :]
        if _DECIMAL_RE.match(folded):
            return -float(folded) if hemi in _NEGATIVE_HEMI else float(folded)
        folded += hemi  # read as the suffix the DMS pattern knows
    if _DECIMAL_RE.match(folded):
        return float(folded)
    match = _DMS_RE.match(folded)
    if match is None:
        raise CoordinateError(f"degrees-minutes-seconds such as {_EXAMPLE[axis]} or decimal degrees", raw)
    degrees = Decimal(match["deg"])
    minutes = Decimal(match["min"] or 0)
    seconds = Decimal(match["sec"] or 0)
    if match["sec"] is not None and match["min"] is None:
        raise CoordinateError("minutes (′) before the seconds", raw)
    if match["sec"] is not None and minutes != minutes.to_integral_value():
        raise CoordinateError("whole minutes when seconds follow", raw)
    if match["min"] is not None and degrees != degrees.to_integral_value():
        raise CoordinateError("whole degrees when minutes follow", raw)
    if minutes >= 60:
        raise CoordinateError("minutes below 60", raw)
    if seconds >= 60:
        raise CoordinateError("seconds below 60", raw)
    try:
        value = float(degrees + minutes / 60 + seconds / 3600)
    except InvalidOperation as exc:  # pragma: no cover - regex admits digits only
        raise CoordinateError("a number of degrees", raw) from exc
    negative = match["sign"] == "-" or match["hemi"] in _NEGATIVE_HEMI
    return -value if negative else value


_RANGES = {"lon": CHINA_LON_DEG, "lat": CHINA_LAT_DEG}

#: Ways two coordinates stand in one cell, tried in turn: apart by a comma, semicolon, slash or line break
#: ("111°42′11.58″, 38°23′30.36″"); one after the other's seconds mark (and hemisphere); before a hemisphere
#: or label in front of the second ("东经111°42′11.58″北纬38°23′30.36″", "E111.70 N38.39"); after any mark.
_SPLITS = tuple(
    re.compile(p)
    for p in (
        r"\s*[,，;；/、|\n\t]+\s*",
        r"(?<=[″\"秒”〃])(?![NSEWnsew])\s*(?=\S)|(?<=[″\"秒”〃][NSEWnsew])\s*(?=\S)",
        r"\s*(?=(?:北纬|南纬|东经|西经|纬度|经度)\s*[:：]?\s*\d)|\s+(?=[NSEW]\s*\d)",
        r"(?<=[°′'分度])\s+(?=\d)",
    )
)
#: A half's own label, in front: "经度：111°42′11.58″", "纬度 38.39"; what it says, and what is left to read.
_HALF_LABEL_RE = re.compile(r"^\(?(经度|纬度)\)?\s*[:：=]?\s*")
_LON_WORDS = ("东经", "西经")
_LAT_WORDS = ("北纬", "南纬")


def split_lonlat(text: str) -> tuple[str, str]:
    """A cell holding both coordinates, as one table column "经纬度" prints them, as (longitude, latitude) texts.

    The halves are apart by a comma, semicolon, slash or line break, or
    follow one another ("东经111°42′11.58″北纬38°23′30.36″", "111.703217
    38.391767", "111 42 11.58 38 23 30.36").  Which is which: by their words
    (东经/北纬, 经度/纬度, E/N in front or behind), else by value (China's
    longitudes and latitudes do not overlap), else in the order printed,
    longitude first.  Each half is returned as printed, less a 经度/纬度
    label, for :func:`parse_dms` to read and report.

    Raises
    ------
    CoordinateError
        When the cell does not hold two coordinates.

    Examples
    --------
    >>> split_lonlat("38°23′30.36″N，111°42′11.58″E")
    ('111°42′11.58″E', '38°23′30.36″N')
    >>> split_lonlat("经度：111.703217 纬度：38.391767")
    ('111.703217', '38.391767')
    """
    raw = str(text).strip()
    inside = raw[1:-1] if raw[:1] in "(（[【" and raw[-1:] in ")）]】" else raw
    candidates = [[h for h in split.split(inside) if h.strip()] for split in _SPLITS]
    words = inside.split()
    if len(words) in (2, 4, 6) and all(_DECIMAL_RE.match(w.translate(_FOLD)) for w in words):
        candidates.append([" ".join(words[: len(words) // 2]), " ".join(words[len(words) // 2 :])])
    pairs = [c for c in candidates if len(c) == 2]
    if not pairs:
        raise CoordinateError(
            f"a longitude and a latitude in one cell, such as {_EXAMPLE['lon']}, {_EXAMPLE['lat']}", raw
        )
    # The first way that gives two coordinates that read; else the first that gives two, for their messages.
    halves = next((p for p in pairs if all(_reads(_HALF_LABEL_RE.sub("", h)) for h in p)), pairs[0])
    said, texts = [], []
    for half in halves:
        label = _HALF_LABEL_RE.match(half)
        body = half[label.end() :] if label else half
        said.append(_axis_said(label[1] if label else "", body))
        texts.append(body.strip())
    order = said
    if set(order) != {"lon", "lat"}:
        order = [_axis_by_value(t) for t in texts]
    if order.count(None) == 1:  # one half tells its axis by its value: the other is the other's, read or not
        known = next(a for a in order if a)
        order = [a or ("lat" if known == "lon" else "lon") for a in order]
    if set(order) != {"lon", "lat"}:
        order = ["lon", "lat"]
    lon, lat = (texts[order.index(axis)] for axis in ("lon", "lat"))
    return lon, lat


def _axis_said(label: str, body: str) -> str | None:
    """The axis a half's words name: its label, or a hemisphere in front of or behind it."""
    if label:
        return "lon" if label == "经度" else "lat"
    body = body.strip()
    if body.startswith(_LON_WORDS) or body[:1] in "EW" or body[-1:] in "EWew" or body[-2:] in ("东经", "西经"):
        return "lon"
    if body.startswith(_LAT_WORDS) or body[:1] in "NS" or body[-1:] in "NSns" or body[-2:] in ("北纬", "南纬"):
        return "lat"
    return None


def _reads(text: str) -> bool:
    try:
        parse_dms(text)
    except CoordinateError:
        return False
    return True


def _axis_by_value(text: str) -> str | None:
    """The axis whose range for China holds the value, if it reads; None otherwise."""
    try:
        value = abs(parse_dms(text))
    except CoordinateError:
        return None
    for axis, (low, high) in _RANGES.items():
        if low <= value <= high:
            return axis
    return None


def _check_axis(value: float, axis: str, raw: str) -> None:
    ranges = _RANGES
    if axis not in ranges:
        raise ValueError(f"axis must be 'lon', 'lat' or None, got {axis!r}")
    low, high = ranges[axis]
    if low <= value <= high:
        return
    other = "lat" if axis == "lon" else "lon"
    other_low, other_high = ranges[other]
    name = {"lon": "longitude", "lat": "latitude"}
    hint = ""
    if other_low <= value <= other_high:
        hint = " (longitude and latitude swapped?)"
    elif (packed := _packed_dms(raw)) is not None and low <= packed[0] <= high:
        hint = f" (degrees, minutes and seconds written together? that would be {_dms_text(*packed)})"
    raise CoordinateError(f"a {name[axis]} in China, {low:g}° to {high:g}°, such as {_EXAMPLE[axis]}", raw, hint)


#: Degrees, minutes and seconds written together as one number, as some spreadsheets keep them: 1110858.21.
_PACKED_DMS_RE = re.compile(r"([0-9]{1,3})([0-5][0-9])([0-5][0-9](?:\.[0-9]+)?)")


def _packed_dms(raw: str) -> tuple[int, str, str] | None:
    """Degrees, minutes and seconds of a cell such as ``1110858.21``, or None: only for the message's hint."""
    match = _PACKED_DMS_RE.fullmatch(raw.strip())
    return None if match is None else (int(match[1]), match[2], match[3])


def _dms_text(degrees: int, minutes: str, seconds: str) -> str:
    """``111°08′58.21″`` from its parts as written."""
    return f"{degrees}°{minutes}′{seconds}″"


def format_dms(degrees: float, decimals: int = 2) -> str:
    """Write decimal degrees as degrees-minutes-seconds, the way approvals print them.

    Examples
    --------
    >>> format_dms(38.391767)
    '38°23′30.36″'
    >>> format_dms(111.1)
    '111°06′00.00″'
    """
    sign = "-" if degrees < 0 else ""
    scale = 10**decimals
    total = round(abs(degrees) * 3600 * scale)
    whole_seconds, fraction = divmod(total, scale)
    deg, rest = divmod(whole_seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    width = 3 + decimals if decimals else 2
    sec = f"{seconds + fraction / scale:0{width}.{decimals}f}"
    return f"{sign}{deg}°{minutes:02d}′{sec}″"


def gk_zone(lon_deg: float | np.ndarray) -> int | np.ndarray:
    """The CGCS2000 3-degree Gauss–Krüger zone number of a longitude.

    Zone ``n`` covers ``3n − 1.5`` to ``3n + 1.5`` degrees east.

    Examples
    --------
    >>> gk_zone(111.7)
    37
    >>> gk_zone(112.6)
    38
    >>> gk_zone([111.0, 112.49]).tolist()
    [37, 37]
    """
    zone = np.floor((np.asarray(lon_deg, dtype=float) + 1.5) / 3.0).astype(int)
    return int(zone) if zone.ndim == 0 else zone


def gk_epsg(zone: int, prefixed: bool = False) -> int:
    """EPSG code of a CGCS2000 3-degree Gauss–Krüger zone.

    Parameters
    ----------
    zone : int
        Zone number, 25 (75°E) to 45 (135°E).
    prefixed : bool
        True for the variant whose eastings carry the zone number in front
        (``37512342.575``), as land decisions print them.

    Examples
    --------
    >>> gk_epsg(37), gk_epsg(37, prefixed=True), gk_epsg(38)
    (4546, 4525, 4547)
    """
    if not 25 <= zone <= 45:
        raise CoordinateError("a CGCS2000 3-degree Gauss–Krüger zone from 25 to 45", zone)
    return (4513 if prefixed else 4534) + zone - 25
