"""Tests of geo/coordinates.py: every printed DMS form, malformed values, GK frames."""

from fractions import Fraction

import pytest
from pyproj import CRS

from geo import CoordinateError, format_dms, gk_epsg, gk_zone, parse_dms
from geo.coordinates import split_lonlat


@pytest.mark.parametrize(
    ("text", "axis", "expected"),
    [
        ("111°42′11.58″", "lon", 111 + 42 / 60 + 11.58 / 3600),  # 岚县, zero-padded seconds
        ("38°14′59.12″", "lat", 38 + 14 / 60 + 59.12 / 3600),
        ("111°32′04.38″", "lon", 111 + 32 / 60 + 4.38 / 3600),
        ("111°8′58.21″", "lon", 111 + 8 / 60 + 58.21 / 3600),  # 中阳, minutes not padded
        ('111°6′35.44"', "lon", 111 + 6 / 60 + 35.44 / 3600),  # ASCII " for seconds
        ("37°27'22.27\"", "lat", 37 + 27 / 60 + 22.27 / 3600),  # ASCII ' and "
        ("111° 42′ 11.58″", "lon", 111 + 42 / 60 + 11.58 / 3600),  # spaces
        ("111°42′\n11.58″", "lon", 111 + 42 / 60 + 11.58 / 3600),  # a cell wrapped in the PDF
        ("１１１°４２′１１．５８″", "lon", 111 + 42 / 60 + 11.58 / 3600),  # full-width digits
        ("38度23分30.36秒", "lat", 38 + 23 / 60 + 30.36 / 3600),
        ("38°23’30.36”", "lat", 38 + 23 / 60 + 30.36 / 3600),  # typographic quotes
        ("38°23′30.36″N", "lat", 38 + 23 / 60 + 30.36 / 3600),
        ("38°23.506′", "lat", 38 + 23.506 / 60),  # degrees and decimal minutes
        ("38°", "lat", 38.0),
        ("38.391767", "lat", 38.391767),  # decimal degrees
        (" 111.703217 ", "lon", 111.703217),
        (111.5, "lon", 111.5),
        ("-33°52′", None, -(33 + 52 / 60)),
        ("33°52′S", None, -(33 + 52 / 60)),
        # Without marks, as spreadsheets and GPS units export them.
        ("111 08 58.21", "lon", 111 + 8 / 60 + 58.21 / 3600),
        ("111:08:58.21", "lon", 111 + 8 / 60 + 58.21 / 3600),
        ("111：08：58.21", "lon", 111 + 8 / 60 + 58.21 / 3600),
        ("111-08-58.21", "lon", 111 + 8 / 60 + 58.21 / 3600),
        (" 38 23 30.36 N ", "lat", 38 + 23 / 60 + 30.36 / 3600),
        ("38 23.506", "lat", 38 + 23.506 / 60),
        # Apart by dots, as some officers type them (two dots: no decimal number).
        ("111.08.58.21", "lon", 111 + 8 / 60 + 58.21 / 3600),
        ("38.23.30", "lat", 38 + 23 / 60 + 30 / 3600),
        # The fraction after its mark, as geodesists write it.
        ("111°8′58″.21", "lon", 111 + 8 / 60 + 58.21 / 3600),
        ("38°23′.506", "lat", 38 + 23.506 / 60),
    ],
)
def test_parse_dms_reads_every_printed_form(text, axis, expected):
    assert parse_dms(text, axis=axis) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(
    ("text", "exact"),
    [
        ("111°42′11.58″", Fraction(111) + Fraction(42, 60) + Fraction(1158, 360000)),
        ("111°07′05.28″", Fraction(111) + Fraction(7, 60) + Fraction(528, 360000)),
        ("38°23′30.36″", Fraction(38) + Fraction(23, 60) + Fraction(3036, 360000)),
        ('38°23′30.36"', Fraction(38) + Fraction(23, 60) + Fraction(3036, 360000)),
        ("0°00′00.000001″", Fraction(1, 3600 * 10**6)),
        ("135°59′59.999999″", Fraction(136) - Fraction(1, 3600 * 10**6)),
        ("37°05′07″", Fraction(37) + Fraction(5, 60) + Fraction(7, 3600)),
        ("37°5'7.1\"", Fraction(37) + Fraction(5, 60) + Fraction(71, 36000)),
    ],
)
def test_parse_dms_is_the_nearest_float_to_the_printed_value(text, exact):
    # The printed figure is exact; the float read must be the one nearest to it (Fraction rounds correctly).
    assert parse_dms(text) == float(exact)


@pytest.mark.parametrize(
    ("text", "axis", "message"),
    [
        ("38°60′00″", "lat", "expected minutes below 60, got '38°60′00″'"),
        ("38 23 60", "lat", "expected seconds below 60, got '38 23 60'"),  # quoted as printed, not as read
        ("38 23.5 12", "lat", "expected whole minutes when seconds follow, got '38 23.5 12'"),
        ("38°23′60″", "lat", "expected seconds below 60, got '38°23′60″'"),
        ("38°23′75.1″", "lat", "expected seconds below 60, got '38°23′75.1″'"),
        ("", "lat", "expected a coordinate such as 38°23′30.36″, got ''"),
        ("   ", "lon", "expected a coordinate such as 111°42′11.58″, got '   '"),
        (
            "三十八度",
            "lat",
            "expected degrees-minutes-seconds such as 38°23′30.36″ or decimal degrees, got '三十八度'",
        ),
        (
            "38°23′30.36″x",
            "lat",
            "expected degrees-minutes-seconds such as 38°23′30.36″ or decimal degrees, got '38°23′30.36″x'",
        ),
        ("38°23.5′30″", "lat", "expected whole minutes when seconds follow, got '38°23.5′30″'"),
        ("38.5°23′", "lat", "expected whole degrees when minutes follow, got '38.5°23′'"),
        (
            "111°42′11.58″",
            "lat",
            "expected a latitude in China, 3° to 54°, such as 38°23′30.36″, got '111°42′11.58″' "
            "(longitude and latitude swapped?)",
        ),
        (
            "38°23′30.36″",
            "lon",
            "expected a longitude in China, 73° to 136°, such as 111°42′11.58″, got '38°23′30.36″' "
            "(longitude and latitude swapped?)",
        ),
        (
            "1110858.21",
            "lon",
            "expected a longitude in China, 73° to 136°, such as 111°42′11.58″, got '1110858.21' "
            "(degrees, minutes and seconds written together? that would be 111°08′58.21″)",
        ),
        (
            "372722",
            "lat",
            "expected a latitude in China, 3° to 54°, such as 38°23′30.36″, got '372722' "
            "(degrees, minutes and seconds written together? that would be 37°27′22″)",
        ),
        # Not degrees, minutes and seconds together: minutes of 72, or degrees outside the axis.
        ("1117258.21", "lon", "expected a longitude in China, 73° to 136°, such as 111°42′11.58″, got '1117258.21'"),
        ("4110858.21", "lon", "expected a longitude in China, 73° to 136°, such as 111°42′11.58″, got '4110858.21'"),
        (
            "2°17′",
            "lon",
            "expected a longitude in China, 73° to 136°, such as 111°42′11.58″, got '2°17′'",
        ),
        ("nan", None, "expected degrees-minutes-seconds such as 38°23′30.36″ or decimal degrees, got 'nan'"),
    ],
)
def test_parse_dms_rejects_malformed_values_with_exact_messages(text, axis, message):
    with pytest.raises(CoordinateError) as info:
        parse_dms(text, axis=axis)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("degrees", "expected"),
    [(38.391767, "38°23′30.36″"), (111 + 8 / 60 + 58.21 / 3600, "111°08′58.21″"), (0.0, "0°00′00.00″")],
)
def test_format_dms(degrees, expected):
    assert format_dms(degrees) == expected


def test_format_dms_round_trips_through_parse_dms():
    for text in ("111°42′11.58″", "38°16′40.10″", "37°25′46.89″"):
        assert format_dms(parse_dms(text)) == text


@pytest.mark.parametrize(
    ("lon", "zone"),
    [(111.0, 37), (111.70, 37), (109.51, 37), (112.49, 37), (112.51, 38), (109.49, 36), (75.0, 25), (135.0, 45)],
)
def test_gk_zone_from_longitude(lon, zone):
    # Zone n spans 3n − 1.5 … 3n + 1.5 degrees east.
    assert gk_zone(lon) == zone


@pytest.mark.parametrize(("zone", "cm"), [(25, 75), (37, 111), (38, 114), (45, 135)])
def test_gk_epsg_names_the_right_central_meridian(zone, cm):
    # The EPSG database itself is the independent reference.
    plain = CRS.from_epsg(gk_epsg(zone))
    prefixed = CRS.from_epsg(gk_epsg(zone, prefixed=True))
    assert plain.name == f"CGCS2000 / 3-degree Gauss-Kruger CM {cm}E"
    assert prefixed.name == f"CGCS2000 / 3-degree Gauss-Kruger zone {zone}"


def test_gk_epsg_rejects_zones_outside_china():
    with pytest.raises(
        CoordinateError, match=r"^expected a CGCS2000 3-degree Gauss–Krüger zone from 25 to 45, got 19$"
    ):
        gk_epsg(19)


@pytest.mark.parametrize(
    ("text", "lon", "lat"),
    [
        ("111°42′11.58″,38°23′30.36″", "111°42′11.58″", "38°23′30.36″"),
        ("111°42′11.58″；38°23′30.36″", "111°42′11.58″", "38°23′30.36″"),
        ("38°23′30.36″N，111°42′11.58″E", "111°42′11.58″E", "38°23′30.36″N"),
        ("东经111°42′11.58″北纬38°23′30.36″", "东经111°42′11.58″", "北纬38°23′30.36″"),
        ("北纬38°23′30.36″ 东经111°42′11.58″", "东经111°42′11.58″", "北纬38°23′30.36″"),
        ("E111°42′11.58″ N38°23′30.36″", "E111°42′11.58″", "N38°23′30.36″"),
        ("111°42′11.58″E 38°23′30.36″N", "111°42′11.58″E", "38°23′30.36″N"),
        ("111°42′11.58″38°23′30.36″", "111°42′11.58″", "38°23′30.36″"),
        ("111° 42′ 11.58″ 38° 23′ 30.36″", "111° 42′ 11.58″", "38° 23′ 30.36″"),
        ("111°42.193′ 38°23.506′", "111°42.193′", "38°23.506′"),
        ("111度42分11.58秒 38度23分30.36秒", "111度42分11.58秒", "38度23分30.36秒"),
        ("经度：111.703217\n纬度：38.391767", "111.703217", "38.391767"),
        ("38.391767, 111.703217", "111.703217", "38.391767"),  # by value: China's ranges do not overlap
        ("(111.703217, 38.391767)", "111.703217", "38.391767"),
        ("111 42 11.58 38 23 30.36", "111 42 11.58", "38 23 30.36"),
        # Words say which is which even where the values disagree: the reader then reports them as swapped.
        ("东经38°23′30.36″，北纬111°42′11.58″", "东经38°23′30.36″", "北纬111°42′11.58″"),
    ],
)
def test_both_coordinates_in_one_cell_are_split_and_told_apart(text, lon, lat):
    assert split_lonlat(text) == (lon, lat)


@pytest.mark.parametrize("text", ["111°42′11.58″", "111.70, 38.39, 1200", ""])
def test_a_cell_without_two_coordinates_is_refused(text):
    with pytest.raises(CoordinateError) as info:
        split_lonlat(text)
    assert str(info.value) == (
        f"expected a longitude and a latitude in one cell, such as 111°42′11.58″, 38°23′30.36″, got {text!r}"
    )


@pytest.mark.parametrize(
    ("unit", "says"),
    [
        ("度分秒", True),
        ("度.分秒", True),
        ("度、分、秒", True),
        ("°′″", True),
        ("°'\"", True),
        ("dd.mmss", True),
        ("DDD.MMSS", True),
        ("ddd°mm′ss″", True),
        ("", False),
        ("度", False),
        ("°", False),
        ("十进制度", False),
        ("E", False),
        ("dd.dddddd", False),
    ],
)
def test_headers_units_that_say_degrees_minutes_seconds(unit, says):
    from geo.packed import says_dms

    assert says_dms(unit) is says
