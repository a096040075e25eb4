"""Zones: protection-zone polygons built from parsed wells and rules.

Construction (whole arrays at a time):

1. Circles are regular polygons with the circle's area and enough vertices
   that the boundary strays at most 1 cm from the true circle, drawn in the
   Gauss–Krüger plane (:mod:`geo.circles`).
2. Unions, hulls and differences are taken in the CGCS2000 3-degree
   Gauss–Krüger zone of the source's longitude (EPSG:4534 + zone − 25):
   each zone's own figure (:mod:`geo.outlines`), then the level inside it
   taken out (as holes where it lies inside, :mod:`geo.holes`).
3. The results are projected back to longitude/latitude (EPSG:4490),
   by PROJ's faster series for transverse Mercator (:func:`geo.circles.inverse_gk`);
   a circle drawn in the plane, circles of one zone apart, and 二级 rings
   whose holes are their wells' 一级 circles come back with their circles
   (every 16th vertex projected, the rest interpolated).

:func:`build_zones` builds every zone at once; :func:`iter_zones` the same,
a block of sources at a time, for registers too big to hold as polygons.

Measurement: the planar area and length in the Gauss–Krüger zone divided by
the projection's areal and linear scale at the zone (transverse Mercator is
conformal, so one factor holds in every direction).  This equals the
geodesic figure of the polygon to about 1e-7 for zones of a few kilometres.
"""

from __future__ import annotations

import math
import os
from collections import defaultdict, deque
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.circles import CRS_LONLAT, circle_vertex_count, measure, outer_lengths, to_lonlat
from geo.collector import collector_paused
from geo.coordinates import gk_epsg, gk_zone
from geo.holes import holes_of, make_rings, one_ring, punched
from geo.outlines import hull_terms, outlines
from geo.records import Approval, Well, ZoneSpec

__all__ = ["CRS_LONLAT", "build_zones", "circle_vertex_count", "iter_zones", "wells_frame"]


def build_zones(approvals: list[Approval], threads: int | None = None) -> gpd.GeoDataFrame:
    """Build the zones of approvals as polygons in CGCS2000 longitude/latitude.

    Parameters
    ----------
    approvals : list of Approval
        As read by :func:`geo.read_approvals`.
    threads : int, optional
        How many blocks of zones are built at once (see :func:`iter_zones`);
        the frame is the same for any number.

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
    # Built as iter_zones builds them, a block of sources at a time: the same polygons in less
    # time and memory than one pass over every vertex of a big register at once (99,913 wells,
    # 2026-12-04: 22.1 s and 3.0 GB peak, against 38.4 s and 7.4 GB in one pass).
    blocks = list(iter_zones(approvals, threads=threads))
    return blocks[0] if len(blocks) == 1 else pd.concat(blocks).sort_index()


def iter_zones(approvals: list[Approval], block_zones: int = 5_000, threads: int | None = None):
    """The zones of :func:`build_zones`, built a block of sources at a time: GeoDataFrames of about ``block_zones`` rows.

    For registers too big to hold as polygons at once (a million wells are
    some 20 GB of vertices): each block is built, handed over and can be
    checked, written and freed before the next is made.  A block holds every
    zone of its sources (a 二级 ring is built with its 一级 circle), in the
    table's order; blocks follow the sources in the order they first appear.
    Each row's index is its row in :func:`build_zones`, so
    ``pd.concat(iter_zones(a)).sort_index()`` equals ``build_zones(a)``.

    ``threads`` blocks are built at once while the caller works on the one
    handed over (most of a block's time is spent in shapely and PROJ, which
    release the interpreter's lock); the blocks and their order are the same
    for any number.  By default, the cores this process may use, at most
    :data:`MAX_THREADS`; 1 builds each block when it is asked for.  At most
    ``threads + 1`` blocks are held besides the caller's.

    Examples
    --------
    >>> from geo import read_approvals
    >>> approvals = read_approvals("data")
    >>> blocks = list(iter_zones(approvals, block_zones=10))
    >>> [len(b) for b in blocks]
    [10, 10, 6]
    >>> pd.concat(blocks).sort_index().equals(build_zones(approvals))
    True
    """
    specs, wells_by_source, names = _prepared(approvals)
    threads = _threads(threads)
    if threads == 1:
        for rows in _source_blocks(specs, block_zones):
            yield _block(specs, wells_by_source, names, rows)
        return
    with ThreadPoolExecutor(threads, thread_name_prefix="geo-zones") as pool:
        pending: deque = deque()
        try:
            for rows in _source_blocks(specs, block_zones):
                pending.append(pool.submit(_block, specs, wells_by_source, names, rows))
                if len(pending) > threads:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:  # the caller stopped early or a block failed: blocks not yet begun are not built
            for future in pending:
                future.cancel()


#: The most threads :func:`iter_zones` uses by default (each holds a block of some 100 MB being built).
MAX_THREADS = 4


def cores() -> int:
    """The cores this process may use (at least 1)."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13
        count = os.process_cpu_count()
    elif hasattr(os, "sched_getaffinity"):  # Linux
        count = len(os.sched_getaffinity(0))
    else:
        count = os.cpu_count()
    return max(1, count or 1)


def _threads(threads: int | None) -> int:
    if threads is None:
        return min(cores(), MAX_THREADS)
    if int(threads) < 1:
        raise ValueError(f"threads must be 1 or more, not {threads!r}")
    return int(threads)


def _source_blocks(specs, block_zones: int):
    """Lists of zone rows, every zone of a source in the same list, of at least ``block_zones`` rows but the last."""
    by_source: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (approval, spec) in enumerate(specs):
        by_source[(approval.doc_no, spec.source_code)].append(i)
    block: list[int] = []
    for rows in by_source.values():
        block.extend(rows)
        if len(block) >= block_zones:
            yield block
            block = []
    if block or not specs:
        yield block


def _block(specs, wells_by_source, names, rows: list[int]) -> gpd.GeoDataFrame:
    rows = sorted(rows)
    return _build([specs[i] for i in rows], wells_by_source, names, np.asarray(rows, dtype=int))


def _prepared(approvals: list[Approval]):
    """Every zone row with its approval, the wells of each source by key, and each source's name and county."""
    specs: list[tuple[Approval, ZoneSpec]] = [(a, z) for a in approvals for z in a.zones]
    wells_by_source: dict[tuple[str, str], dict[str, Well]] = defaultdict(dict)
    for approval in approvals:
        for well in approval.wells:
            wells_by_source[(approval.doc_no, well.source_code)][well.key] = well
    names = {(a.doc_no, w.source_code): (w.source_name, w.county) for a in approvals for w in a.unlocated}
    names |= {(a.doc_no, w.source_code): (w.source_name, w.county) for a in approvals for w in a.wells}
    return specs, wells_by_source, names


@collector_paused()
def _build(specs, wells_by_source, names, index: np.ndarray) -> gpd.GeoDataFrame:
    """The zones of ``specs`` (rows ``index`` of the whole table): see :func:`build_zones`."""
    n = len(specs)
    ref_lon = np.zeros(n)
    ref_lat = np.zeros(n)
    own_lon = np.zeros(n)  # the zone's frame is that of its wells' mean longitude (its corners' if it has no wells)
    for i, (approval, spec) in enumerate(specs):
        wells = list(wells_by_source[(approval.doc_no, spec.source_code)].values())
        points = [p for ring in spec.corners for p in ring]
        lons = [lon for lon, _ in points] or [w.lon_deg for w in wells]
        lats = [lat for _, lat in points] or [w.lat_deg for w in wells]
        if not lons:  # a source whose wells have no coordinates (geo.wellrows.Unlocated): nothing to draw
            ref_lon[i] = ref_lat[i] = own_lon[i] = math.nan
            continue
        ref_lon[i], ref_lat[i] = math.fsum(lons) / len(lons), math.fsum(lats) / len(lats)
        own = [w.lon_deg for w in wells] or lons
        own_lon[i] = math.fsum(own) / len(own)
    placed = np.isfinite(own_lon)
    frames = np.zeros(n, dtype=int)
    frames[placed] = gk_zone(own_lon[placed])
    epsg = np.zeros(n, dtype=int)  # 0: no frame, for zones with no position at all
    for zone in np.unique(frames[placed]):
        epsg[placed & (frames == zone)] = gk_epsg(int(zone))

    outline, outline_lonlat = outlines(specs, wells_by_source, epsg)
    level1: dict[tuple[str, str], list[int]] = defaultdict(list)
    level2: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (a, s) in enumerate(specs):
        if s.level in ("一级", "二级"):
            (level1 if s.level == "一级" else level2)[(a.doc_no, s.source_code)].append(i)
    drawn = np.empty(n, dtype=object)
    drawn_lonlat = np.full(n, None, dtype=object)  # the zone already in lon/lat, where it was drawn so
    inner_radii: list[list[float]] = []
    rings: list[tuple[int, int]] = []  # (zone, its 一级 zone): one circle with one hole, made all at once
    # Zones in lon/lat not yet oriented as RFC 7946 wants: the circles are made so, and so are their rings.
    unoriented = np.zeros(n, dtype=bool)

    for i, (approval, spec) in enumerate(specs):
        geom = outline[i]
        inner = list(spec.inner_radii_m)
        key = (approval.doc_no, spec.source_code)
        # The levels inside this one that it removes: 一级, and for a 准保护区 outside 二级 the 二级 too.
        inside_levels = level1.get(key, []) + (level2.get(key, []) if _removes_level2(spec) else [])
        firsts = [j for j in inside_levels if outline[j] is not None]
        removed = None
        if firsts and spec.level != "一级" and (spec.rule.minus_level1 or spec.rule.shape == "outward"):
            removed = outline[firsts[0]] if len(firsts) == 1 else shapely.union_all([outline[j] for j in firsts])
        if spec.rule.shape == "outward" and spec.rule.outward_from == "二级":
            # The whole of 一级 and 二级 pushed out; what lies inside it is removed.
            make_rings(rings, outline, outline_lonlat, drawn, drawn_lonlat)  # the rings so far, which this reads
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
            holes = holes_of(spec, [specs[j][1] for j in firsts], geom, removed)
            if holes is None:
                geom = shapely.difference(geom, removed)
            elif one_ring(geom, removed):
                rings.append((i, firsts[0]))
                geom = None  # made below, with the other rings
            else:
                # Each well's 一级 circle inside its own 二级 circle is a hole of the ring: no overlay needed.
                geom = punched(geom, removed, holes)
                shell, hole = outline_lonlat[i], outline_lonlat[firsts[0]]
                if shell is not None and hole is not None:  # both already in lon/lat: the ring is too
                    drawn_lonlat[i] = punched(shell, hole, holes)
                    unoriented[i] = True
            parts = [specs[j][1] for j in firsts]
            if all(p.rule.shape == "circles" for p in parts):
                # The 一级 circle of each well, from whichever part of 一级 draws it.
                by_key = {k: r for p in parts for k, r in zip(p.well_keys, p.radii_m, strict=True)}
                inner = [by_key.get(k, Decimal(0)) for k in spec.well_keys]
        drawn[i] = geom
        if geom is outline[i]:
            drawn_lonlat[i] = outline_lonlat[i]
        inner_radii.append(_metres(inner))
    make_rings(rings, outline, outline_lonlat, drawn, drawn_lonlat)

    derivable = np.array([s.rule.derivable and drawn[i] is not None for i, (_, s) in enumerate(specs)], dtype=bool)
    area, length, outer = measure(drawn, epsg, ref_lon, ref_lat)
    # The outline before anything was taken out, measured only where something was.
    changed = np.flatnonzero([outline[i] is not drawn[i] for i in range(n)])
    before = area.copy()
    before[changed] = measure(outline[changed], epsg[changed], ref_lon[changed], ref_lat[changed], lengths=False)[0]
    del outline  # a third of the memory: only the zones as drawn are kept from here
    removed = np.where(np.isfinite(before) & np.isfinite(area), before - area, 0.0)
    hull = hull_terms(specs, wells_by_source, epsg, ref_lon, ref_lat)
    # Corner tables printed in Gauss–Krüger X/Y are often measured in that plane, as land surveys are.
    corner = np.array([bool(s.corners) and drawn[i] is not None for i, (_, s) in enumerate(specs)], dtype=bool)
    plane_area = np.array([shapely.area(drawn[i]) if corner[i] else np.nan for i in range(n)])
    plane_outer = np.full(n, np.nan)
    if corner.any():
        plane_outer[corner] = outer_lengths(drawn[corner])
    geometry = np.where(derivable, drawn_lonlat, None)
    back = derivable & shapely.is_missing(geometry)
    geometry[back] = to_lonlat(drawn[back], epsg[back])
    turn = back | (derivable & unoriented)
    geometry[turn] = _orient(geometry[turn])
    source = [names.get((a.doc_no, s.source_code), (s.source_name or s.source_code, "")) for a, s in specs]
    frame = pd.DataFrame(
        index=index,
        data={
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
            "hull_core_area_m2": hull[0],
            "hull_core_perimeter_m": hull[1],
            "hull_radius_sum_m": hull[2],
            "hull_radius_sq_sum_m2": hull[3],
            "gk_epsg": epsg,
            "warnings": ["".join(zh for zh, _ in s.warnings) for _, s in specs],
            "warnings_en": [" ".join(en for _, en in s.warnings) for _, s in specs],
            "cite": [s.cite for _, s in specs],
            "note_source": [s.note for _, s in specs],
            "table_file": [s.file for _, s in specs],
            "table_row": [s.row for _, s in specs],
            # The corner points as printed, (点号, lon, lat) each, for figures that number them.
            "corner_points": [_corner_points(s) for _, s in specs],
        },
    )
    return gpd.GeoDataFrame(frame, geometry=list(geometry), crs=CRS_LONLAT)


def _corner_points(spec) -> list[tuple[str, float, float]]:
    out = []
    for r, ring in enumerate(spec.corners):
        labels = spec.corner_labels[r] if r < len(spec.corner_labels) else ()
        for k, (lon, lat) in enumerate(ring):
            out.append((labels[k] if k < len(labels) else str(k + 1), float(lon), float(lat)))
    return out


def _removes_level2(spec) -> bool:
    """A 准保护区 whose rule removes the 二级 zone as well as 一级 ("二级保护区以外")."""
    return spec.rule.minus_level2 and spec.level == "准保护区"


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

    A well whose row gives no position (its coordinate cells empty, "/",
    "待测") follows its approval's located wells, its geometry null and
    ``lon_deg``/``lat_deg`` NaN, its cells as printed: kept in the tables and
    files, not drawn.

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
    wells = [(a, w) for a in approvals for w in (*a.wells, *(u.well for u in a.unlocated if u.well is not None))]
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
    lon, lat = frame["lon_deg"].to_numpy(), frame["lat_deg"].to_numpy()
    points = np.where(np.isnan(lon) | np.isnan(lat), None, shapely.points(lon, lat))
    return gpd.GeoDataFrame(frame, geometry=points, crs=CRS_LONLAT)
