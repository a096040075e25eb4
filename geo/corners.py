"""Corners: zones drawn through corner points (拐点坐标表, 界桩坐标).

Approvals print a boundary as numbered points, in degrees or in
Gauss–Krüger X/Y (X the northing, Y the easting, with or without the zone
number in front), in CGCS2000 or in the older 1980西安 or 北京54 systems.
:func:`corner_rings` reads the rows of a ``corners`` table into rings of
CGCS2000 longitude/latitude, joined in point-number order.

1980西安 and 北京54 coordinates are converted with pyproj, which has no
published transformation between those datums and CGCS2000 (it applies a
"ballpark" with no datum shift): only the ellipsoid of the projection
differs.  The true shift, which a surveying office applies with its own
parameters, is tens of metres, so such zones carry a warning that names
what pyproj did and how far that alone moved the points.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from geo.cells import fold, parse_number
from geo.columns import CORNER_CRS
from geo.coordinates import parse_dms, split_lonlat
from geo.errors import CoordinateError, Problem, ValueProblem

__all__ = [
    "CornerRing",
    "corner_rings",
    "crossing_edges",
    "gk_crs",
    "header_crs",
    "parse_corner_cell",
    "position",
    "row_crs",
]

#: (geographic EPSG) → first EPSG of its 3-degree zones 25…45 with the zone prefix, and without (CM 75°E…).
_GK3 = {4490: (4513, 4534), 4610: (2349, 2370), 4214: (2401, 2422)}
#: The same for 6-degree zones 13…23.
_GK6 = {4490: (4491, 4502), 4610: (2327, 2338), 4214: (21413, 21453)}


@dataclass(frozen=True)
class CornerRing:
    """One ring of corner points of a zone, in CGCS2000 lon/lat, in point order."""

    key: tuple[str, str, str, str]  # (doc_no, source_code, level, part)
    ring: str
    points: tuple[tuple[float, float], ...]
    labels: tuple[str, ...]  # the 点号 of each point, as printed
    crs_name: str
    accurate: bool
    file: str
    rows: tuple[int, ...]
    #: For 1980西安/北京54: how far pyproj's conversion moved the points from the
    #: same numbers read as CGCS2000 (the ellipsoid only; the datum shift is not known to it).
    pyproj_shift_m: float = 0.0


def parse_corner_cell(raw: str) -> tuple[tuple[float, float], ...]:
    """Corner points typed in one cell: ``lon lat; lon lat; …``, DMS or decimal.

    Examples
    --------
    >>> parse_corner_cell("111.70 38.39; 111.71 38.39; 111.71 38.40")[1]
    (111.71, 38.39)
    """
    points = []
    for part in re.split(r"[;；\n]+", raw.strip()):
        if not part.strip():
            continue
        pieces = re.split(r"[\s,，]+", part.strip())
        if len(pieces) != 2:
            raise CoordinateError("corner points as 'lon lat; lon lat; …'", part.strip())
        points.append((parse_dms(pieces[0], "lon"), parse_dms(pieces[1], "lat")))
    return tuple(points)


def gk_crs(geographic: int, zone: int, prefixed: bool) -> int:
    """EPSG of the Gauss–Krüger zone ``zone`` (3-degree 25…45, 6-degree 13…23) of a datum.

    Examples
    --------
    >>> gk_crs(4490, 37, True), gk_crs(4490, 37, False), gk_crs(4610, 37, False), gk_crs(4490, 19, True)
    (4525, 4546, 2382, 4497)
    """
    geographic = 4490 if geographic == 4326 else geographic  # WGS 84 X/Y read in CGCS2000's zones (< 1 m apart)
    if 25 <= zone <= 45:
        with_prefix, without = _GK3[geographic]
        return (with_prefix if prefixed else without) + zone - 25
    if 13 <= zone <= 23:
        with_prefix, without = _GK6[geographic]
        return (with_prefix if prefixed else without) + zone - 13
    raise ValueProblem("a Gauss–Krüger zone number, 25…45 (3-degree) or 13…23 (6-degree)", zone)


def _crs_of(text: str) -> tuple | None:
    """(geographic EPSG, name, accurate, projected EPSG or None) of a coordinate-system cell or header.

    Examples
    --------
    >>> _crs_of("1980西安坐标系"), _crs_of("EPSG:4546")[1:]
    ((4610, '1980西安', False, None), ('CGCS2000 / 3-degree Gauss-Kruger CM 111E', True, 4546))
    """
    folded = fold(text).replace("坐标系统", "坐标系")
    if not folded:
        return None
    code = re.fullmatch(r"(?:epsg[:：]?)?(\d{4,5})", folded)
    if code:
        return _epsg_crs(int(code[1]))
    for words, (geographic, name, accurate) in sorted(CORNER_CRS.items(), key=lambda kv: -len(kv[0])):
        if fold(words) in folded:
            return geographic, name, accurate, None
    return None


def _epsg_crs(code: int) -> tuple | None:
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    try:
        crs = CRS.from_epsg(code)
    except CRSError:
        return None
    geodetic = crs.geodetic_crs.to_epsg() if crs.geodetic_crs else None
    if geodetic is None or not (crs.is_projected or crs.is_geographic):
        return None
    return geodetic, crs.name, geodetic in (4490, 4326), code if crs.is_projected else None


def corner_rings(sheet, zone_of_source, problems: list[Problem]) -> list[CornerRing]:
    """Rings of a corners table (:class:`geo.sheets.Sheet`), grouped by zone and ring, in 点号 order.

    ``zone_of_source(doc_no, source_code)`` gives the 3-degree zone of the
    source's wells, for X/Y whose eastings lack the zone number; it returns
    None for an unknown source.
    """
    from geo.packed import CoordinateReader

    groups: dict[tuple, list] = defaultdict(list)
    default_crs = header_crs(sheet)
    read = CoordinateReader(sheet)
    for row in sheet.rows:
        values = row.values
        bad = len(problems)
        code = values.get("source_code", "") or values.get("source_name", "")
        key = (values.get("doc_no", ""), code, values.get("level", ""), values.get("part", ""))
        crs = row_crs(sheet, row, default_crs, problems)
        point = _point(sheet, row, crs, zone_of_source, key, problems, read)
        label = values.get("point_no", "") or str(len(groups.get(key + (values.get("ring", ""),), ())) + 1)
        order = _order(label)
        if len(problems) == bad and point is not None:
            groups[key + (values.get("ring", ""),)].append((order, label, point, row.number, crs))
    read.finish()
    rings = []
    for (doc, code, level, part, ring), items in groups.items():
        items.sort(key=lambda item: item[0])
        points = [p[:2] for _, _, p, _, _ in items]
        shift = max(p[2] for _, _, p, _, _ in items)
        labels = [lab for _, lab, _, _, _ in items]
        if len(points) > 3 and np.allclose(points[0], points[-1], atol=1e-10, rtol=0):
            points, labels = points[:-1], labels[:-1]  # a ring printed closed, its first point repeated
        rings.append(
            CornerRing(
                (doc, code, level, part),
                ring,
                tuple(points),
                tuple(labels),
                items[0][4][1],
                items[0][4][2],
                sheet.file,
                tuple(n for _, _, _, n, _ in items),
                shift,
            )
        )
    return rings


def header_crs(sheet) -> tuple | None:
    """The coordinate system a table's headers name ("X（1980西安）"), or None."""
    return next((c for c in (_crs_of(h) for h in (*sheet.written.values(), *sheet.units.values())) if c), None)


def row_crs(sheet, row, default: tuple | None, problems: list[Problem]) -> tuple:
    """The coordinate system of a row: its ``crs`` cell, else the header's, else CGCS2000."""
    values = row.values
    crs = _crs_of(values.get("crs", "")) if values.get("crs") else default
    if values.get("crs") and crs is None:
        names = " / ".join(dict.fromkeys(name for _, name, _ in CORNER_CRS.values()))
        problems.append(
            Problem(
                sheet.file,
                row.number,
                sheet.column("crs"),
                values["crs"],
                f"a coordinate system: {names}, or an EPSG code such as EPSG:4546",
            )
        )
    return crs or (4490, "CGCS2000", True, None)


def position(sheet, row, crs, problems: list[Problem], read=None) -> tuple[float, float, float] | None:
    """A row's point (lon, lat, pyproj's ellipsoid shift in m) from lon/lat or Gauss–Krüger X/Y.

    X/Y without the zone number in front need a projected EPSG code in the ``crs`` column.
    """
    return _point(sheet, row, crs, lambda doc, code: None, ("", "", "", ""), problems, read)


def _order(label: str) -> tuple:
    digits = re.findall(r"\d+", fold(label))
    return (int(digits[-1]) if digits else 0, label)


def degree_cells(sheet, row, problems: list[Problem]) -> tuple[dict[str, str], dict[str, str]] | None:
    """A row's longitude and latitude as printed, and the header of the column each came from.

    From their own columns, or split from one cell holding both ("经纬度":
    :func:`geo.coordinates.split_lonlat`).  Empty where the row has neither;
    None, after recording the problem, where that one cell does not hold two.
    """
    values = row.values
    both = values.get("lonlat", "")
    if values.get("lon") or values.get("lat") or not both:
        return {a: values.get(a, "") for a in ("lon", "lat")}, {a: sheet.column(a) for a in ("lon", "lat")}
    column = sheet.column("lonlat")
    try:
        lon, lat = split_lonlat(both)
    except CoordinateError as exc:
        problems.append(Problem.of(exc, sheet.file, row.number, column))
        return None
    return {"lon": lon, "lat": lat}, {"lon": column, "lat": column}


def _point(sheet, row, crs, zone_of_source, key, problems, read=None) -> tuple[float, float] | None:
    values = row.values
    file, number = sheet.file, row.number
    if values.get("lon") or values.get("lat") or values.get("lonlat"):
        cells = degree_cells(sheet, row, problems)
        if cells is None:
            return None
        texts, columns = cells
        out = []
        both = "lonlat" if not (values.get("lon") or values.get("lat")) else None
        for axis in ("lon", "lat"):
            try:
                if read is None:
                    out.append(parse_dms(texts[axis], axis=axis))
                else:
                    out.append(read(texts[axis], axis, number, both))
            except CoordinateError as exc:
                problems.append(Problem.of(exc, file, number, columns[axis]))
        if len(out) < 2:
            return None
        if crs[0] in (4490, 4326):
            return out[0], out[1], 0.0
        lon, lat = _transformer(crs[0]).transform(out[0], out[1])
        return float(lon), float(lat), _shift(out[0], out[1], lon, lat)
    x = _metres(sheet, row, "x", "an X (northing) in metres such as 4250123.456", problems)
    y = _metres(sheet, row, "y", "a Y (easting) in metres such as 37560123.456 or 560123.456", problems)
    if x is None or y is None:
        return None
    if crs[3] is not None:  # the table names its projected CRS: X/Y as it defines them
        lon, lat = _transformer(crs[3]).transform(float(y), float(x))
        if not (math.isfinite(lon) and math.isfinite(lat)):
            problems.append(Problem(file, number, sheet.column("y"), values["y"], f"an X/Y within {crs[1]}"))
            return None
        twin = _cgcs_twin(crs[3])
        if crs[2] or twin is None:
            return float(lon), float(lat), 0.0
        return float(lon), float(lat), _shift(*_transformer(twin).transform(float(y), float(x)), lon, lat)
    if not 300_000 <= x <= 6_000_000:
        problems.append(
            Problem(
                file,
                number,
                sheet.column("x"),
                values["x"],
                "an X (northing) in China, 300000 to 6000000 m (X and Y swapped?)",
            )
        )
        return None
    prefixed = y >= 1_000_000
    if prefixed:
        zone, easting = int(y // 1_000_000), y % 1_000_000
    else:
        zone, easting = zone_of_source(key[0], key[1]), y
        if zone is None:
            problems.append(
                Problem(
                    file,
                    number,
                    sheet.column("y"),
                    values["y"],
                    "a Y with its zone number in front (such as 37560123.456), or a 坐标系 naming the zone (EPSG:4546): no well of the source gives it",
                )
            )
            return None
    if not 100_000 <= easting <= 900_000:
        problems.append(
            Problem(file, number, sheet.column("y"), values["y"], "an easting of 100000 to 900000 m within its zone")
        )
        return None
    try:
        epsg = gk_crs(crs[0], zone, prefixed)
    except ValueProblem as exc:
        problems.append(Problem(file, number, sheet.column("y"), values["y"], exc.expected))
        return None
    lon, lat = _transformer(epsg).transform(float(y), float(x))
    if crs[0] in (4490, 4326):
        return float(lon), float(lat), 0.0
    as_cgcs = _transformer(gk_crs(4490, zone, prefixed)).transform(float(y), float(x))
    return float(lon), float(lat), _shift(*as_cgcs, lon, lat)


def _cgcs_twin(code: int) -> int | None:
    """The CGCS2000 zone with the same projection as a 1980西安 or 北京54 Gauss–Krüger code."""
    for table, count in ((_GK3, 21), (_GK6, 11)):
        for geographic, starts in table.items():
            for start, cgcs in zip(starts, table[4490], strict=True):
                if geographic != 4490 and start <= code < start + count:
                    return cgcs + code - start
    return None


def _transformer(epsg: int):
    from pyproj import Transformer

    return Transformer.from_crs(f"EPSG:{epsg}", "EPSG:4490", always_xy=True)


def _shift(lon1, lat1, lon2, lat2) -> float:
    from pyproj import Geod

    return float(Geod(ellps="GRS80").inv(lon1, lat1, lon2, lat2)[2])


def _metres(sheet, row, name, expected, problems) -> float | None:
    raw = row.values.get(name, "")
    try:
        value = parse_number(raw, expected)
    except ValueProblem as exc:
        problems.append(Problem.of(exc, sheet.file, row.number, sheet.column(name)))
        return None
    if value is None:
        problems.append(Problem(sheet.file, row.number, sheet.column(name), raw, expected))
        return None
    return float(value)


def crossing_edges(points, labels) -> list[tuple[str, str, str, str]]:
    """Pairs of non-adjacent edges of a closed ring that cross, by the 点号 of their ends.

    Examples
    --------
    >>> crossing_edges([(0, 0), (1, 1), (1, 0), (0, 1)], ["1", "2", "3", "4"])
    [('1', '2', '3', '4')]
    """
    import shapely

    n = len(points)
    edges = [shapely.LineString([points[i], points[(i + 1) % n]]) for i in range(n)]
    tree = shapely.STRtree(edges)
    left, right = tree.query(edges, predicate="intersects")
    out = []
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        if j <= i or j == i + 1 or (i == 0 and j == n - 1):
            continue
        out.append((labels[i], labels[(i + 1) % n], labels[j], labels[(j + 1) % n]))
    return out
