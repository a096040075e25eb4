"""Circles (and squares): regular polygons with a circle's area, drawn in the Gauss–Krüger plane; measuring on the ellipsoid.

Used by :mod:`geo.zones`.  A circle of radius r is a regular N-gon whose
area is πr² (its radius set so, :func:`area_radius`) with enough vertices
that its boundary strays at most 1 cm from the true circle
(:func:`circle_vertex_count`).  Up to 2 km it is drawn in the Gauss–Krüger
plane around the projected well, the radius times the projection's scale
there; larger ones by the geodesic direct problem on the GRS80 ellipsoid
(CGCS2000).  Figures are measured in the plane and divided by the
projection's scale at the zone (transverse Mercator is conformal).
"""

from __future__ import annotations

import numpy as np
import shapely
from pyproj import CRS, Geod, Proj, Transformer

__all__ = [
    "CRS_LONLAT",
    "area_radius",
    "circle_vertex_count",
    "circles_gk",
    "forward_gk",
    "holed",
    "inverse_gk",
    "measure",
    "outer_lengths",
    "squares_gk",
    "to_gk",
    "to_lonlat",
]

#: CGCS2000 longitude/latitude.
CRS_LONLAT = "EPSG:4490"
_GEOD = Geod(ellps="GRS80")

#: Vertices of the smallest circle (its perimeter within 2.5e-5 of 2πr), and the most the boundary of a
#: circle may stray from the true one.
_MIN_VERTICES = 256
_MAX_BOUNDARY_OFFSET_M = 0.01
#: Circles whose vertex arrays are made at once (bounds the temporary arrays, ~40 MB at 256 vertices).
_CIRCLES_PER_BLOCK = 10_000
#: Circles up to this radius are drawn in the Gauss–Krüger plane (see _circles_gk).
_PLANAR_MAX_M = 2000.0


def circle_vertex_count(radius_m: float | np.ndarray) -> np.ndarray:
    """Vertices for a circle whose boundary strays at most 1 cm from the true circle.

    The polygon is drawn with the area of the circle (:func:`area_radius`):
    its vertices lie ``r π²/(3N²)`` outside the circle and its edges' midpoints
    ``r π²/(6N²)`` inside, so N = π √(r / 3 cm), in steps of 16; and at least
    256, for its perimeter exceeds 2πr by π²/(6N²) (2.5e-5 at 256), which must
    stay well inside the checks' tolerance of 1e-4.

    Examples
    --------
    >>> circle_vertex_count([30, 500, 5000]).tolist()
    [256, 416, 1296]
    """
    radius = np.asarray(radius_m, dtype=float)
    needed = np.pi * np.sqrt(radius / (3 * _MAX_BOUNDARY_OFFSET_M))
    return (16 * np.ceil(np.maximum(needed, _MIN_VERTICES) / 16)).astype(int)


def area_radius(count: int) -> float:
    """The factor on r that gives a regular ``count``-gon the area πr² of its circle.

    Examples
    --------
    >>> round(area_radius(112), 7)
    1.0002623
    """
    step = 2 * np.pi / count
    return float(np.sqrt(step / np.sin(step)))


def _geodesic_circles(lon: np.ndarray, lat: np.ndarray, radius_m: np.ndarray, count: int):
    """Longitude and latitude arrays of shape (len(lon), count): circle vertices."""
    azimuth = np.linspace(0.0, 360.0, count, endpoint=False)
    # Clockwise azimuths, reversed so that rings run counter-clockwise.
    az = np.broadcast_to(azimuth[::-1], (len(lon), count))
    lons = np.broadcast_to(np.asarray(lon)[:, None], az.shape)
    lats = np.broadcast_to(np.asarray(lat)[:, None], az.shape)
    dist = np.broadcast_to(np.asarray(radius_m, dtype=float)[:, None], az.shape)
    out_lon, out_lat, _ = _GEOD.fwd(lons.ravel(), lats.ravel(), az.ravel(), dist.ravel())
    return np.reshape(out_lon, az.shape), np.reshape(out_lat, az.shape)


def circles_gk(lon, lat, radius_m, epsg: int, lonlat: bool = False):
    """Shapely polygons in the Gauss–Krüger frame ``epsg``: one circle per row.

    Up to :data:`_PLANAR_MAX_M` the circle is drawn in the plane around the
    projected well, its radius times the projection's scale at the well
    (transverse Mercator is conformal); the scale's change across the circle
    moves a vertex by about r²·x / (2R²) — 7 mm for 2 km at 130 km from the
    central meridian.  Larger circles are placed on the ellipsoid and projected.

    With ``lonlat``, also the same circles in longitude/latitude, as
    :func:`to_lonlat` would project them back, for those drawn in the plane
    (None for the others): see :func:`_back_by_samples`.  Returns the pair.
    """
    lon, lat, radius_m = (np.asarray(a, dtype=float) for a in (lon, lat, radius_m))
    out = np.empty(len(lon), dtype=object)
    back_out = np.full(len(lon), None, dtype=object)
    if not len(lon):
        return (out, back_out) if lonlat else out
    to_gk = Transformer.from_crs(CRS_LONLAT, f"EPSG:{epsg}", always_xy=True)
    back = inverse_gk(int(epsg)) if lonlat else None
    counts = circle_vertex_count(radius_m)
    planar = radius_m <= _PLANAR_MAX_M
    if planar.any():
        x0, y0 = to_gk.transform(lon[planar], lat[planar])
        scale = np.asarray(Proj(CRS.from_epsg(int(epsg))).get_factors(lon[planar], lat[planar]).meridional_scale)
        grid_radius = radius_m[planar] * scale
        index = np.flatnonzero(planar)
        for count in np.unique(counts[planar]):
            # Azimuths clockwise from north, reversed so that rings run counter-clockwise.
            azimuth = np.linspace(0.0, 2 * np.pi, int(count), endpoint=False)[::-1]
            sin, cos = np.sin(azimuth), np.cos(azimuth)
            rows = np.flatnonzero(counts[planar] == count)
            for start in range(0, len(rows), _CIRCLES_PER_BLOCK):  # the vertex arrays of a block at a time
                pick = rows[start : start + _CIRCLES_PER_BLOCK]
                r = grid_radius[pick][:, None] * area_radius(int(count))
                xy = np.empty((len(pick), int(count), 2))
                xy[..., 0] = x0[pick][:, None] + r * sin
                xy[..., 1] = y0[pick][:, None] + r * cos
                out[index[pick]] = _polygons(xy)
                if back is not None:
                    back_out[index[pick]] = _polygons(_back_by_samples(xy, back))
    for count in np.unique(counts[~planar]):
        pick = np.flatnonzero(~planar & (counts == count))
        vlon, vlat = _geodesic_circles(lon[pick], lat[pick], radius_m[pick] * area_radius(int(count)), int(count))
        x, y = to_gk.transform(vlon, vlat)
        out[pick] = _polygons(np.stack([x, y], axis=-1))
    return (out, back_out) if lonlat else out


def _polygons(xy: np.ndarray) -> np.ndarray:
    """Polygons of one open ring each from vertices of shape (polygons, vertices, 2): ``shapely.polygons(xy)``.

    Made from the closed rings' flat coordinates by ``shapely.from_ragged_array``, which takes them as they
    are: 2–3 times as fast as ``shapely.polygons``, which makes each ring's sequence on its own (5,000
    circles of 256 vertices: 9 against 25 ms), the same geometries.
    """
    count, vertices = xy.shape[:2]
    closed = np.concatenate([xy, xy[:, :1]], axis=1).reshape(-1, 2)
    offsets = (np.arange(count + 1) * (vertices + 1), np.arange(count + 1))
    return shapely.from_ragged_array(shapely.GeometryType.POLYGON, closed, offsets)


def holed(shells: np.ndarray, holes: np.ndarray, reverse_holes: bool = False) -> np.ndarray:
    """Each polygon of ``shells`` with the exterior of the polygon of ``holes`` beside it as its one hole, all at once.

    The same geometries as ``shapely.Polygon(shell.exterior, [hole.exterior])`` one by one (a 二级 circle
    with its well's 一级 circle as hole, the most of any register), in half the time: both rings'
    coordinates are taken out together and made into polygons together.  Neither may have a hole or a Z.
    With ``reverse_holes`` each hole runs the other way, as ``shapely.orient_polygons`` turns it: circles
    made counter-clockwise (:func:`circles_gk`) then give polygons as RFC 7946 orients them.
    """
    shells, holes = np.asarray(shells, dtype=object), np.asarray(holes, dtype=object)
    if len(shells) != len(holes):
        raise ValueError(f"holed takes a hole for each shell, not {len(holes)} for {len(shells)}")
    if not ((shapely.get_type_id(shells) == 3).all() and (shapely.get_type_id(holes) == 3).all()):
        raise ValueError("holed takes polygons")
    if shapely.get_num_interior_rings(shells).any() or shapely.get_num_interior_rings(holes).any():
        raise ValueError("holed takes polygons without holes")
    if shapely.has_z(shells).any() or shapely.has_z(holes).any():
        raise ValueError("holed takes polygons without Z")
    count = len(shells)
    lengths = np.column_stack([shapely.get_num_coordinates(shells), shapely.get_num_coordinates(holes)]).ravel()
    coords = np.empty((int(lengths.sum()), 2))
    shell_rows = np.repeat(np.tile([True, False], count), lengths)
    points = coords.view(np.complex128).ravel()  # a point as one item: rows picked by mask 10 times as fast
    points[shell_rows] = shapely.get_coordinates(shells).view(np.complex128).ravel()
    hole_points = shapely.get_coordinates(holes).view(np.complex128).ravel()
    if reverse_holes:
        # Point q of the hole held in [start, end) is taken from start + end − 1 − q.
        sizes = lengths[1::2]
        ends = np.cumsum(sizes)
        hole_points = hole_points[np.repeat(2 * ends - sizes - 1, sizes) - np.arange(len(hole_points))]
    points[~shell_rows] = hole_points
    offsets = (np.r_[0, np.cumsum(lengths)], np.arange(0, 2 * count + 1, 2))
    return shapely.from_ragged_array(shapely.GeometryType.POLYGON, coords, offsets)


def squares_gk(lon, lat, half_ew_m, half_ns_m, epsg: int) -> np.ndarray:
    """Shapely polygons in the Gauss–Krüger frame ``epsg``: a rectangle around each well, its sides east–west and north–south.

    Half-sides ``half_ew_m`` (east–west) and ``half_ns_m`` (north–south) are
    on the ground: times the projection's scale at the well, and the
    rectangle turned by the meridian convergence there, so that its sides
    run along true north and east (the frame's grid north differs by up to
    about 2°). Corners counter-clockwise from the south-west; a side is
    straight in the plane, which strays from the geodesic by less than a
    millimetre for sides of a kilometre.
    """
    lon, lat, half_ew, half_ns = (np.asarray(a, dtype=float) for a in (lon, lat, half_ew_m, half_ns_m))
    if not len(lon):
        return np.empty(0, dtype=object)
    x0, y0 = Transformer.from_crs(CRS_LONLAT, f"EPSG:{epsg}", always_xy=True).transform(lon, lat)
    factors = Proj(CRS.from_epsg(int(epsg))).get_factors(lon, lat)
    scale = np.asarray(factors.meridional_scale)
    # True north's bearing from grid north is minus PROJ's meridian convergence.
    turn = -np.radians(np.asarray(factors.meridian_convergence))
    east = np.array([-1.0, 1.0, 1.0, -1.0])[None, :] * (half_ew * scale)[:, None]
    north = np.array([-1.0, -1.0, 1.0, 1.0])[None, :] * (half_ns * scale)[:, None]
    cos, sin = np.cos(turn)[:, None], np.sin(turn)[:, None]
    xy = np.empty((len(lon), 4, 2))
    xy[..., 0] = np.asarray(x0)[:, None] + east * cos + north * sin
    xy[..., 1] = np.asarray(y0)[:, None] - east * sin + north * cos
    return shapely.polygons(xy)


#: Vertices of a circle projected back exactly by :func:`_back_by_samples`; the rest are interpolated.
_BACK_SAMPLES = 16


def _back_by_samples(xy: np.ndarray, back: Transformer) -> np.ndarray:
    """Circles' vertices ``xy`` (circles × N × 2, N a multiple of 16) in longitude/latitude.

    Projecting every vertex back costs most of a circle's time.  Along a
    circle, longitude and latitude are smooth periodic functions of the
    azimuth whose Fourier terms fall off as (r/R)^k, R the Earth's radius, so
    every (N/16)th vertex is projected by ``back`` and the others are the
    trigonometric interpolant of those 16 (exact for terms up to degree 7;
    the first left out is some 1e-22 m at 2 km), by numpy's FFT, which keeps
    to the thread it is called in.  Measured against ``back`` on every vertex
    of 120,000 circles of 30 m to 2 km, 3° either side of the meridian,
    18–53° N: within 1.3e-8 m, the rounding of the projection itself (with
    8 samples, 6e-8 m at 2 km; tests/test_zones.py).
    """
    count = xy.shape[1]
    if count % _BACK_SAMPLES:
        raise ValueError(f"a circle's vertices must be a multiple of {_BACK_SAMPLES}, not {count}")
    step = count // _BACK_SAMPLES
    out = np.empty(xy.shape)
    for axis, values in enumerate(back.transform(xy[:, ::step, 0], xy[:, ::step, 1])):
        first = values[:, :1]  # about the first sample, so that the transforms are of small numbers
        terms = np.fft.rfft(values - first, axis=1)
        terms[:, _BACK_SAMPLES // 2] *= 0.5  # the Nyquist term, split between +8 and −8 as the interpolant has it
        out[..., axis] = first + np.fft.irfft(terms, n=count, axis=1) * step
    return out


def to_lonlat(geoms: np.ndarray, epsg: np.ndarray) -> np.ndarray:
    """Geometries in the Gauss–Krüger frames ``epsg`` (one per geometry) in CGCS2000 longitude/latitude."""
    out = np.array(geoms, dtype=object)
    for code in np.unique(epsg):
        pick = np.flatnonzero(epsg == code)
        back = inverse_gk(int(code))
        out[pick] = shapely.transform(geoms[pick], back.transform, interleaved=False)
    return out


def inverse_gk(epsg: int) -> Transformer:
    """Gauss–Krüger frame ``epsg`` to CGCS2000 longitude/latitude, by PROJ's faster transverse Mercator series.

    EPSG's own operation uses PROJ's exact algorithm (Poder/Engsager); the
    Evenden/Snyder series (``+approx``) is about 30 % faster a vertex and,
    measured against it with pyproj's geodesic, within 1.3e-7 m at 1.5° and
    8e-6 m at 3° from the central meridian, 18°–53° N — far inside any
    tolerance here.  Zones lie within 1.5° of their frame's meridian plus
    their size (corner points at most 100 km from their wells).  Frames this
    does not recognise get EPSG's operation.
    """
    return _series(Transformer.from_crs(f"EPSG:{epsg}", CRS_LONLAT, always_xy=True), "+step +inv +proj=tmerc ")


def forward_gk(epsg: int) -> Transformer:
    """CGCS2000 longitude/latitude to the Gauss–Krüger frame ``epsg`` by the same series as :func:`inverse_gk`.

    2.3 times as fast a vertex as EPSG's operation (48 against 110 ns), and
    within 1.2e-7 m of it at 1.5° and 4.3e-6 m at 3° from the meridian.
    """
    return _series(Transformer.from_crs(CRS_LONLAT, f"EPSG:{epsg}", always_xy=True), "+step +proj=tmerc ")


def _series(exact: Transformer, step: str) -> Transformer:
    """``exact`` with its one transverse Mercator step by the Evenden/Snyder series; ``exact`` if it has no such step."""
    pipeline = exact.to_proj4()
    if pipeline is None or pipeline.count(step) != 1 or "+proj=axisswap" in pipeline:
        return exact
    return Transformer.from_pipeline(pipeline.replace(step, step + "+approx "))


def to_gk(geoms: np.ndarray, epsg: int) -> np.ndarray:
    there = Transformer.from_crs(CRS_LONLAT, f"EPSG:{epsg}", always_xy=True)
    return shapely.transform(geoms, there.transform, interleaved=False)


def measure(geoms_gk: np.ndarray, epsg: np.ndarray, lon: np.ndarray, lat: np.ndarray, lengths: bool = True):
    """Area (m²), whole boundary length and outer boundary length (m) on the ellipsoid (NaN lengths unless ``lengths``)."""
    area = np.full(len(geoms_gk), np.nan)
    length = np.full(len(geoms_gk), np.nan)
    outer = np.full(len(geoms_gk), np.nan)
    geoms_gk = np.asarray(geoms_gk, dtype=object)
    present = ~shapely.is_missing(geoms_gk) & ~shapely.is_empty(geoms_gk)
    for code in np.unique(epsg[present]):
        pick = np.flatnonzero(present & (epsg == code))
        factors = Proj(CRS.from_epsg(int(code))).get_factors(lon[pick], lat[pick])
        geoms = geoms_gk[pick]
        area[pick] = shapely.area(geoms) / np.asarray(factors.areal_scale)
        if lengths:
            scale = np.asarray(factors.meridional_scale)
            whole = shapely.length(geoms)
            length[pick] = whole / scale
            outer[pick] = outer_lengths(geoms, whole) / scale
    return area, length, outer


def outer_lengths(geoms: np.ndarray, whole: np.ndarray | None = None) -> np.ndarray:
    """The length of the outer boundaries of each geometry (holes left out), all at once.

    ``whole``, the geometries' lengths if already measured, is the answer for a polygon without holes.
    """
    geoms = np.asarray(geoms, dtype=object)
    out = np.zeros(len(geoms))
    kind = shapely.get_type_id(geoms)
    polygon = kind == 3
    holed = polygon & (shapely.get_num_interior_rings(geoms) > 0)
    plain = polygon & ~holed
    out[plain] = shapely.length(geoms[plain]) if whole is None else whole[plain]
    out[holed] = shapely.length(shapely.get_exterior_ring(geoms[holed]))
    other = ~polygon & (kind >= 0)  # multipolygons and collections: the exterior of every part
    if other.any():
        parts, owner = shapely.get_parts(geoms[other], return_index=True)
        exteriors = shapely.length(shapely.get_exterior_ring(parts))
        out[other] = np.bincount(owner, weights=exteriors, minlength=int(other.sum()))
    return out
