"""Zones: protection-zone polygons built from parsed wells and rules.

Construction (whole arrays at a time):

1. Circles are regular polygons with the circle's area (their radius set so,
   :func:`area_radius`) and enough vertices that the boundary strays at most
   1 cm from the true circle (:func:`circle_vertex_count`).  Up to 2 km they
   are drawn in the Gauss–Krüger plane around the projected well, the radius
   times the projection's scale there; larger ones by the geodesic direct
   problem on the GRS80 ellipsoid (CGCS2000).
2. Unions, hulls and differences are taken in the CGCS2000 3-degree
   Gauss–Krüger zone of the source's longitude (EPSG:4534 + zone − 25).
3. The results are projected back to longitude/latitude (EPSG:4490).

Measurement: the planar area and length in the Gauss–Krüger zone divided by
the projection's areal and linear scale at the zone (transverse Mercator is
conformal, so one factor holds in every direction).  This equals the
geodesic figure of the polygon to about 1e-7 for zones of a few kilometres.
"""

from __future__ import annotations

import math
from collections import defaultdict
from decimal import Decimal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS, Geod, Proj, Transformer

from geo.coordinates import gk_epsg, gk_zone
from geo.tables import Approval, Well, ZoneSpec

__all__ = ["CRS_LONLAT", "build_zones", "circle_vertex_count", "wells_frame"]

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


def _circles_gk(lon, lat, radius_m, epsg: int) -> np.ndarray:
    """Shapely polygons in the Gauss–Krüger frame ``epsg``: one circle per row.

    Up to :data:`_PLANAR_MAX_M` the circle is drawn in the plane around the
    projected well, its radius times the projection's scale at the well
    (transverse Mercator is conformal); the scale's change across the circle
    moves a vertex by about r²·x / (2R²) — 7 mm for 2 km at 130 km from the
    central meridian.  Larger circles are placed on the ellipsoid and projected.
    """
    lon, lat, radius_m = (np.asarray(a, dtype=float) for a in (lon, lat, radius_m))
    out = np.empty(len(lon), dtype=object)
    if not len(lon):
        return out
    to_gk = Transformer.from_crs(CRS_LONLAT, f"EPSG:{epsg}", always_xy=True)
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
                out[index[pick]] = shapely.polygons(xy)
    for count in np.unique(counts[~planar]):
        pick = np.flatnonzero(~planar & (counts == count))
        vlon, vlat = _geodesic_circles(lon[pick], lat[pick], radius_m[pick] * area_radius(int(count)), int(count))
        x, y = to_gk.transform(vlon, vlat)
        out[pick] = shapely.polygons(np.stack([x, y], axis=-1))
    return out


def _to_lonlat(geoms: np.ndarray, epsg: np.ndarray) -> np.ndarray:
    out = np.array(geoms, dtype=object)
    for code in np.unique(epsg):
        pick = np.flatnonzero(epsg == code)
        back = Transformer.from_crs(f"EPSG:{code}", CRS_LONLAT, always_xy=True)
        out[pick] = shapely.transform(geoms[pick], lambda xy, t=back: np.column_stack(t.transform(xy[:, 0], xy[:, 1])))
    return out


def _to_gk(geoms: np.ndarray, epsg: int) -> np.ndarray:
    there = Transformer.from_crs(CRS_LONLAT, f"EPSG:{epsg}", always_xy=True)
    return shapely.transform(geoms, lambda xy: np.column_stack(there.transform(xy[:, 0], xy[:, 1])))


def _measure(geoms_gk: np.ndarray, epsg: np.ndarray, lon: np.ndarray, lat: np.ndarray):
    """Area (m²), whole boundary length and outer boundary length (m) on the ellipsoid."""
    area = np.full(len(geoms_gk), np.nan)
    length = np.full(len(geoms_gk), np.nan)
    outer = np.full(len(geoms_gk), np.nan)
    present = np.array([g is not None and not shapely.is_empty(g) for g in geoms_gk], dtype=bool)
    for code in np.unique(epsg[present]):
        pick = np.flatnonzero(present & (epsg == code))
        factors = Proj(CRS.from_epsg(int(code))).get_factors(lon[pick], lat[pick])
        scale = np.asarray(factors.meridional_scale)
        geoms = geoms_gk[pick]
        area[pick] = shapely.area(geoms) / np.asarray(factors.areal_scale)
        length[pick] = shapely.length(geoms) / scale
        outer[pick] = _outer_lengths(geoms) / scale
    return area, length, outer


def _outer_lengths(geoms: np.ndarray) -> np.ndarray:
    """The length of the outer boundaries of each geometry (holes left out), all at once."""
    parts, owner = shapely.get_parts(geoms, return_index=True)
    return np.bincount(owner, weights=shapely.length(shapely.get_exterior_ring(parts)), minlength=len(geoms))


def build_zones(approvals: list[Approval]) -> gpd.GeoDataFrame:
    """Build the zones of approvals as polygons in CGCS2000 longitude/latitude.

    Parameters
    ----------
    approvals : list of Approval
        As read by :func:`geo.read_approvals`.

    Returns
    -------
    GeoDataFrame
        One row per zone, CRS EPSG:4490.  ``geometry`` is empty (None) for a
        zone that cannot be derived from the table; ``bound_area_m2`` then
        gives the area of what the rule's circles or hull allow before the
        terrain cut, where the rule gives radii.  ``area_m2``, ``perimeter_m``
        (every boundary, holes included) and ``outer_perimeter_m`` are
        measured on the ellipsoid.  ``wells`` lists the well numbers the rule
        names (a list of str); ``radii_m`` and ``inner_radii_m`` list, well by
        well, the outer radius and the radius taken out (the 一级 circle
        removed, or the inner radius of a ring) as floats in metres
        (``[239.0, 197.0]``; ``inner_radii_m`` is empty when nothing is taken
        out).  Every column is described in the README's column table.

    Examples
    --------
    >>> from geo import read_approvals
    >>> zones = build_zones(read_approvals("data/lvzhenghan-2023-92"))
    >>> row = zones.iloc[0]
    >>> row.level, row.radii_m, f"{row.area_m2:.1f}", f"{row.perimeter_m:.2f}"
    ('一级', [30.0], '2827.4', '188.50')
    """
    specs: list[tuple[Approval, ZoneSpec]] = [(a, z) for a in approvals for z in a.zones]
    wells_by_source: dict[tuple[str, str], dict[str, Well]] = defaultdict(dict)
    for approval in approvals:
        for well in approval.wells:
            wells_by_source[(approval.doc_no, well.source_code)][well.key] = well
    n = len(specs)
    epsg = np.zeros(n, dtype=int)
    ref_lon = np.zeros(n)
    ref_lat = np.zeros(n)
    for i, (approval, spec) in enumerate(specs):
        wells = list(wells_by_source[(approval.doc_no, spec.source_code)].values())
        points = [p for ring in spec.corners for p in ring]
        lons = [lon for lon, _ in points] or [w.lon_deg for w in wells]
        lats = [lat for _, lat in points] or [w.lat_deg for w in wells]
        ref_lon[i], ref_lat[i] = math.fsum(lons) / len(lons), math.fsum(lats) / len(lats)
        own = [w.lon_deg for w in wells] or lons
        epsg[i] = gk_epsg(gk_zone(math.fsum(own) / len(own)))

    outline = _outlines(specs, wells_by_source, epsg)
    level1: dict[tuple[str, str], list[int]] = defaultdict(list)
    level2: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (a, s) in enumerate(specs):
        if s.level in ("一级", "二级"):
            (level1 if s.level == "一级" else level2)[(a.doc_no, s.source_code)].append(i)
    drawn = np.empty(n, dtype=object)
    inner_radii: list[list[float]] = []
    for i, (approval, spec) in enumerate(specs):
        geom = outline[i]
        inner = list(spec.inner_radii_m)
        key = (approval.doc_no, spec.source_code)
        firsts = [j for j in level1.get(key, []) if outline[j] is not None]
        removed = None
        if firsts and spec.level != "一级" and (spec.rule.minus_level1 or spec.rule.shape == "outward"):
            removed = outline[firsts[0]] if len(firsts) == 1 else shapely.union_all([outline[j] for j in firsts])
        if spec.rule.shape == "outward" and spec.rule.outward_from == "二级":
            # The whole of 一级 and 二级 pushed out; what lies inside it is removed.
            inside = [drawn[j] if j < i else outline[j] for j in level1.get(key, []) + level2.get(key, []) if j != i]
            inside = [g for g in inside if g is not None]
            base = shapely.union_all(inside) if inside else None
            geom = (
                None
                if base is None
                else shapely.difference(shapely.buffer(base, float(spec.rule.radii_m[0]), quad_segs=512), base)
            )
            removed = None
        elif spec.rule.shape == "outward":
            geom = shapely.buffer(removed, float(spec.rule.radii_m[0]), quad_segs=512) if removed is not None else None
        if geom is not None and spec.rule.minus_level1 and removed is not None:
            hole = _concentric_hole(spec, [specs[j][1] for j in firsts], removed)
            # A well's 一级 circle inside its own 二级 circle is the ring's hole: no overlay needed.
            geom = (
                shapely.Polygon(geom.exterior, [hole.exterior])
                if hole is not None
                else shapely.difference(geom, removed)
            )
            parts = [specs[j][1] for j in firsts]
            if all(p.rule.shape == "circles" for p in parts):
                # The 一级 circle of each well, from whichever part of 一级 draws it.
                by_key = {k: r for p in parts for k, r in zip(p.well_keys, p.radii_m, strict=True)}
                inner = [by_key.get(k, Decimal(0)) for k in spec.well_keys]
        drawn[i] = geom
        inner_radii.append(_metres(inner))

    derivable = np.array([s.rule.derivable and drawn[i] is not None for i, (_, s) in enumerate(specs)], dtype=bool)
    area, length, outer = _measure(drawn, epsg, ref_lon, ref_lat)
    # The outline before anything was taken out, measured only where something was.
    changed = np.flatnonzero([outline[i] is not drawn[i] for i in range(n)])
    before = area.copy()
    before[changed] = _measure(outline[changed], epsg[changed], ref_lon[changed], ref_lat[changed])[0]
    del outline  # a third of the memory: only the zones as drawn are kept from here
    removed = np.where(np.isfinite(before) & np.isfinite(area), before - area, 0.0)
    hull_terms = _hull_terms(specs, wells_by_source, epsg, ref_lon, ref_lat)
    # Corner tables printed in Gauss–Krüger X/Y are often measured in that plane, as land surveys are.
    corner = np.array([bool(s.corners) and drawn[i] is not None for i, (_, s) in enumerate(specs)], dtype=bool)
    plane_area = np.array([shapely.area(drawn[i]) if corner[i] else np.nan for i in range(n)])
    plane_outer = np.full(n, np.nan)
    if corner.any():
        plane_outer[corner] = _outer_lengths(drawn[corner])
    geometry = _to_lonlat(np.where(derivable, drawn, None), epsg)
    geometry = _orient(geometry)
    names = {(a.doc_no, w.source_code): (w.source_name, w.county) for a in approvals for w in a.wells}
    source = [names.get((a.doc_no, s.source_code), (s.source_name or s.source_code, "")) for a, s in specs]
    frame = pd.DataFrame(
        {
            "doc_no": [s.doc_no for _, s in specs],
            "source_code": [s.source_code for _, s in specs],
            "source_name": [name for name, _ in source],
            "county": [county for _, county in source],
            "level": [s.level for _, s in specs],
            "part": [s.part for _, s in specs],
            "rule": [s.rule.text for _, s in specs],
            "shape": [s.rule.shape for _, s in specs],
            "derivable": derivable,
            "terrain": ["、".join(s.rule.terrain) for _, s in specs],
            "reasons": ["；".join(zh for _, zh, _ in s.rule.reasons) for _, s in specs],
            "reasons_en": ["; ".join(en for _, _, en in s.rule.reasons) for _, s in specs],
            "wells": [list(dict.fromkeys(k for k in s.well_keys if k)) for _, s in specs],
            "radii_m": [_metres(s.radii_m) for _, s in specs],
            "inner_radii_m": inner_radii,
            "stated_area_km2": [_float(s.stated_area_km2) for _, s in specs],
            "stated_perimeter_m": [_float(s.stated_perimeter_m) for _, s in specs],
            "stated_area_text": [_printed(s.stated_area) for _, s in specs],
            "stated_perimeter_text": [_printed(s.stated_perimeter) for _, s in specs],
            "stated_area_unit": [s.stated_area.unit if s.stated_area else "" for _, s in specs],
            "stated_perimeter_unit": [s.stated_perimeter.unit if s.stated_perimeter else "" for _, s in specs],
            "area_m2": np.where(derivable, area, np.nan),
            "perimeter_m": np.where(derivable, length, np.nan),
            "outer_perimeter_m": np.where(derivable, outer, np.nan),
            "bound_area_m2": np.where(derivable, np.nan, area),
            "removed_area_m2": removed,
            "plane_area_m2": np.where(derivable, plane_area, np.nan),
            "plane_outer_perimeter_m": np.where(derivable, plane_outer, np.nan),
            "hull_core_area_m2": hull_terms[0],
            "hull_core_perimeter_m": hull_terms[1],
            "hull_radius_sum_m": hull_terms[2],
            "hull_radius_sq_sum_m2": hull_terms[3],
            "gk_epsg": epsg,
            "warnings": ["".join(zh for zh, _ in s.warnings) for _, s in specs],
            "warnings_en": [" ".join(en for _, en in s.warnings) for _, s in specs],
            "cite": [s.cite for _, s in specs],
            "note_source": [s.note for _, s in specs],
            "table_file": [s.file for _, s in specs],
            "table_row": [s.row for _, s in specs],
            # The corner points as printed, (点号, lon, lat) each, for figures that number them.
            "corner_points": [_corner_points(s) for _, s in specs],
        }
    )
    return gpd.GeoDataFrame(frame, geometry=list(geometry), crs=CRS_LONLAT)


def _corner_points(spec) -> list[tuple[str, float, float]]:
    out = []
    for r, ring in enumerate(spec.corners):
        labels = spec.corner_labels[r] if r < len(spec.corner_labels) else ()
        for k, (lon, lat) in enumerate(ring):
            out.append((labels[k] if k < len(labels) else str(k + 1), float(lon), float(lat)))
    return out


def _hull_terms(specs, wells_by_source, epsg, ref_lon, ref_lat):
    """For hulls of wells pushed out by one radius R per group: the terms of the closed form.

    A convex polygon of area A and perimeter P pushed out by R has area
    A + P·R + πR² and perimeter P + 2πR (Steiner's formula).  Returned per
    zone, summed over its groups: A + P·R, P, ΣR and ΣR² (NaN where a group
    has wells of different radii, or the zone is no hull).
    """
    n = len(specs)
    out = np.full((4, n), np.nan)
    for i, (approval, spec) in enumerate(specs):
        if spec.rule.shape != "hull" or not spec.well_keys:
            continue
        wells = wells_by_source[(approval.doc_no, spec.source_code)]
        to_gk = Transformer.from_crs(CRS_LONLAT, f"EPSG:{int(epsg[i])}", always_xy=True)
        factors = Proj(CRS.from_epsg(int(epsg[i]))).get_factors(ref_lon[i], ref_lat[i])
        k = float(factors.meridional_scale)
        terms = np.zeros(4)
        groups = spec.groups or (0,) * len(spec.well_keys)
        for g in dict.fromkeys(groups):
            members = [j for j, gg in enumerate(groups) if gg == g]
            radii = {spec.radii_m[j] for j in members}
            if len(radii) != 1:
                terms[:] = np.nan
                break
            radius = float(radii.pop())
            x, y = to_gk.transform(
                [wells[spec.well_keys[j]].lon_deg for j in members], [wells[spec.well_keys[j]].lat_deg for j in members]
            )
            hull = shapely.convex_hull(shapely.multipoints(np.column_stack([x, y])))
            a, p = shapely.area(hull) / k**2, shapely.length(hull) / k
            if shapely.get_type_id(hull) == 1:  # a line through two wells: its "perimeter" is both sides
                a, p = 0.0, 2 * shapely.length(hull) / k
            terms += (a + p * radius, p, radius, radius * radius)
        out[:, i] = terms
    return out


def _concentric_hole(spec, firsts, first):
    """The 一级 circle ``first`` when it is the one circle of the same one well as ``spec``'s, and smaller; else None."""
    if len(firsts) != 1 or len(spec.well_keys) != 1 or spec.rule.shape != "circles" or spec.inner_radii_m:
        return None
    one = firsts[0]
    if (
        one.rule.shape != "circles"
        or one.inner_radii_m
        or one.corners
        or spec.corners
        or one.well_keys != spec.well_keys
    ):
        return None
    if not float(one.radii_m[0]) + 0.1 <= float(spec.radii_m[0]) or shapely.get_type_id(first) != 3:
        return None
    return first


def _outlines(specs, wells_by_source, epsg: np.ndarray) -> np.ndarray:
    """Each zone's own figure in its GK frame (before the 一级 zone is removed)."""
    rows = defaultdict(list)  # epsg -> [(zone index, lon, lat, radius, inner radius)]
    for i, (approval, spec) in enumerate(specs):
        wells = wells_by_source[(approval.doc_no, spec.source_code)]
        if spec.rule.shape == "outward":
            continue  # drawn from the 一级 zone by build_zones
        inner = spec.inner_radii_m or (None,) * len(spec.well_keys)
        groups = spec.groups or (0,) * len(spec.well_keys)
        for key, radius, r_in, g in zip(spec.well_keys, spec.radii_m, inner, groups, strict=True):
            well = wells[key]
            rows[epsg[i]].append((i, well.lon_deg, well.lat_deg, float(radius), r_in, g))
    outline = np.full(len(specs), None, dtype=object)
    for code, items in rows.items():
        index = np.array([r[0] for r in items])
        lon = np.array([r[1] for r in items])
        lat = np.array([r[2] for r in items])
        circles = _circles_gk(lon, lat, [r[3] for r in items], int(code))
        has_inner = np.array([r[4] is not None for r in items])
        holes = np.full(len(items), None, dtype=object)
        if has_inner.any():
            holes[has_inner] = _circles_gk(
                lon[has_inner], lat[has_inner], [float(r[4]) for r in items if r[4] is not None], int(code)
            )
        group = np.array([r[5] for r in items])
        # The circles of one zone are consecutive (rows were added zone by zone): split, never mask all.
        starts = np.flatnonzero(np.r_[True, index[1:] != index[:-1]])
        ends = np.r_[starts[1:], len(index)]
        single = (ends - starts) == 1
        lone = starts[single]
        # One circle (its own hull too): the zone is that circle, less its hole; all such zones at once.
        geom = circles[lone].copy()
        cut = has_inner[lone]
        if cut.any():
            geom[cut] = shapely.difference(geom[cut], holes[lone[cut]])
        outline[index[lone]] = geom
        for a, b in zip(starts[~single], ends[~single], strict=True):
            zone = index[a]
            span = slice(a, b)
            if specs[zone][1].rule.shape == "hull":
                # Each well group's hull: the hull of its circles is the hull of its wells pushed out by R.
                g_span = group[span]
                geom = shapely.union_all(
                    [shapely.convex_hull(shapely.union_all(circles[span][g_span == g])) for g in np.unique(g_span)]
                )
            else:
                geom = shapely.union_all(circles[span])
            inner_here = has_inner[span]
            if inner_here.any():
                geom = shapely.difference(geom, shapely.union_all(holes[span][inner_here]))
            outline[zone] = geom
    for i, (_, spec) in enumerate(specs):
        if spec.corners:
            rings = _to_gk(np.array([shapely.Polygon(r) for r in spec.corners], dtype=object), int(epsg[i]))
            outline[i] = _nest(rings)
    return outline


def _nest(polygons: np.ndarray):
    """Rings of one zone as one figure: a ring inside another is its hole, the others separate parts."""
    if len(polygons) == 1:
        return polygons[0]
    order = sorted(range(len(polygons)), key=lambda k: -shapely.area(polygons[k]))
    geom = None
    for k in order:
        ring = polygons[k]
        if geom is not None and shapely.contains(geom, ring):
            geom = shapely.difference(geom, ring)
        else:
            geom = ring if geom is None else shapely.union(geom, ring)
    return geom


def _orient(geoms: np.ndarray) -> np.ndarray:
    """Exterior rings counter-clockwise, holes clockwise (RFC 7946); None stays None."""
    return np.asarray(shapely.orient_polygons(geoms, exterior_cw=False), dtype=object)


def _metres(values) -> list[float]:
    """Radii as floats in metres, well by well; 0.0 for a well with none (nothing taken out)."""
    return [0.0 if v is None else float(v) for v in values]


def _printed(value) -> str:
    """A stated figure's number with the decimals it was printed with ("1099.0", "0.1780")."""
    return "" if value is None else str(value.value)


def _float(value: Decimal | None) -> float:
    return math.nan if value is None else float(value)


def wells_frame(approvals: list[Approval]) -> gpd.GeoDataFrame:
    """The wells of approvals as points in CGCS2000 longitude/latitude.

    ``design_supply`` is a figure of the source, printed once for all its
    wells: ``source_design_supply`` repeats it on every well of the source,
    and must not be summed over wells.

    Examples
    --------
    >>> from geo import read_approvals
    >>> wells = wells_frame(read_approvals("data/lvzhenghan-2023-92"))
    >>> wells.loc[2:3, ["source_name", "well_no", "source_design_supply"]].values.tolist()
    [['普家庄村集中供水工程', '1#', '4.976'], ['普家庄村集中供水工程', '2#', '4.976']]
    """
    wells = [(a, w) for a in approvals for w in a.wells]
    supply: dict[tuple[str, str], str] = {}
    for _, w in wells:
        if w.design_supply:
            supply.setdefault((w.doc_no, w.source_code), w.design_supply)
    frame = pd.DataFrame(
        {
            "doc_no": [w.doc_no for _, w in wells],
            "county": [w.county for _, w in wells],
            "source_name": [w.source_name for _, w in wells],
            "source_code": [w.source_code for _, w in wells],
            "well_no": [w.well_no for _, w in wells],
            "location": [w.location for _, w in wells],
            "source_type": [w.source_type for _, w in wells],
            "depth_m": [w.depth_m if w.depth_m is not None else np.nan for _, w in wells],
            "aquifer": [w.aquifer for _, w in wells],
            "lon_text": [w.lon_text for _, w in wells],
            "lat_text": [w.lat_text for _, w in wells],
            "lon_deg": [w.lon_deg for _, w in wells],
            "lat_deg": [w.lat_deg for _, w in wells],
            "design_supply": [w.design_supply for _, w in wells],
            "actual_supply": [w.actual_supply for _, w in wells],
            "source_design_supply": [supply.get((w.doc_no, w.source_code), "") for _, w in wells],
            "cite": [w.cite for _, w in wells],
            "note_source": [w.note for _, w in wells],
        }
    )
    points = shapely.points(frame["lon_deg"].to_numpy(), frame["lat_deg"].to_numpy())
    return gpd.GeoDataFrame(frame, geometry=points, crs=CRS_LONLAT)
