"""Outlines: each zone's own figure in its Gauss–Krüger frame, before another level is taken out of it.

Used by :mod:`geo.zones`.  The circles of a zone (:func:`geo.circles.circles_gk`)
are merged; a hull is the hull of each well group's circles; a ring between
two radii loses its inner circles; corner points make rings, a ring inside
another its hole.  Zones of one circle, the most of any register, are made
all at once.  :func:`hull_terms` gives the closed form a hull's stated
figures are checked against.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import shapely
from pyproj import CRS, Proj, Transformer

from geo.circles import CRS_LONLAT, circles_gk, squares_gk, to_gk

__all__ = ["hull_terms", "outlines"]


def outlines(specs, wells_by_source, epsg: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each zone's own figure in its GK frame (before the 一级 zone is removed), and in longitude/latitude.

    The second array holds the figure in CGCS2000 longitude/latitude where it
    is one circle drawn in the plane (most zones; see
    :func:`geo.circles.circles_gk`), and None where it must be projected back.
    """
    rows = defaultdict(list)  # epsg -> [(zone index, lon, lat, radius, inner radius, group, north–south half-side)]
    for i, (approval, spec) in enumerate(specs):
        wells = wells_by_source[(approval.doc_no, spec.source_code)]
        if spec.rule.shape == "outward":
            continue  # drawn from the 一级 zone by build_zones
        inner = spec.inner_radii_m or (None,) * len(spec.well_keys)
        groups = spec.groups or (0,) * len(spec.well_keys)
        square = spec.rule.shape == "squares"
        for key, radius, r_in, g in zip(spec.well_keys, spec.radii_m, inner, groups, strict=True):
            well = wells[key]
            ns = (float(spec.rule.half_ns_m or radius) if square else None,)
            rows[epsg[i]].append((i, well.lon_deg, well.lat_deg, float(radius), r_in, g, *ns))
    outline = np.full(len(specs), None, dtype=object)
    outline_lonlat = np.full(len(specs), None, dtype=object)
    for code, items in rows.items():
        index = np.array([r[0] for r in items])
        lon = np.array([r[1] for r in items])
        lat = np.array([r[2] for r in items])
        radius = np.array([r[3] for r in items])
        square = np.array([r[6] is not None for r in items])
        if square.any():  # squares and rectangles, projected back with the zones
            circles = np.full(len(items), None, dtype=object)
            circles_lonlat = circles.copy()
            round_ = ~square
            circles[round_], circles_lonlat[round_] = circles_gk(
                lon[round_], lat[round_], radius[round_], int(code), lonlat=True
            )
            ns = np.array([r[6] for r in items if r[6] is not None])
            circles[square] = squares_gk(lon[square], lat[square], radius[square], ns, int(code))
        else:
            circles, circles_lonlat = circles_gk(lon, lat, radius, int(code), lonlat=True)
        has_inner = np.array([r[4] is not None for r in items])
        holes = np.full(len(items), None, dtype=object)
        if has_inner.any():
            holes[has_inner] = circles_gk(
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
        outline_lonlat[index[lone[~cut]]] = circles_lonlat[lone[~cut]]
        for a, b in zip(starts[~single], ends[~single], strict=True):
            zone = index[a]
            span = slice(a, b)
            if specs[zone][1].rule.shape == "hull":
                # Each well group's hull: the hull of its circles is the hull of its wells pushed out by R.
                g_span = group[span]
                geom = shapely.union_all(
                    [shapely.convex_hull(shapely.union_all(circles[span][g_span == g])) for g in np.unique(g_span)]
                )
            elif not has_inner[span].any() and _apart(circles[span]):
                # Circles that do not meet are their union as they are: no overlay, and back in lon/lat with them.
                geom = shapely.multipolygons(circles[span])
                if not shapely.is_missing(circles_lonlat[span]).any():
                    outline_lonlat[zone] = shapely.multipolygons(circles_lonlat[span])
            else:
                geom = shapely.union_all(circles[span])
            inner_here = has_inner[span]
            if inner_here.any():
                geom = shapely.difference(geom, shapely.union_all(holes[span][inner_here]))
            outline[zone] = geom
    for i, (_, spec) in enumerate(specs):
        if spec.corners:
            rings = to_gk(np.array([shapely.Polygon(r) for r in spec.corners], dtype=object), int(epsg[i]))
            outline[i] = _nest(rings)
            outline_lonlat[i] = None
    return outline, outline_lonlat


#: The most circles of one zone checked pair by pair for :func:`_apart`; more are merged by overlay.
_APART_MAX = 64


def _apart(circles: np.ndarray) -> bool:
    """Whether no two of the circles' bounding boxes meet (then neither do the circles)."""
    if len(circles) > _APART_MAX:
        return False
    x0, y0, x1, y1 = shapely.bounds(circles).T
    meet = (x0[:, None] <= x1[None, :]) & (x0[None, :] <= x1[:, None])
    meet &= (y0[:, None] <= y1[None, :]) & (y0[None, :] <= y1[:, None])
    return int(meet.sum()) == len(circles)  # each box meets only itself


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


def hull_terms(specs, wells_by_source, epsg, ref_lon, ref_lat):
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
