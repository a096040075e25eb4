"""The outlines a map draws: zones thinned for display, and written as integer steps the page reads.

Used by :mod:`geo.mapdata`.  :func:`thinned` is the topology-preserving
simplifier's result by Douglas–Peucker where that is the same, 8× faster;
:func:`delta_geometries` writes each ring as its first vertex and the steps
to the next ones, a third of the decimal text once compressed.
"""

from __future__ import annotations

import numpy as np
import shapely

__all__ = ["DELTA_UNIT_DEG", "DISPLAY_SIMPLIFY_DEG", "delta_geometries", "display_outlines", "thinned"]

#: Zone outlines on maps are thinned to this tolerance (1e-6°, about 0.1 m), under half a pixel at
#: the deepest zoom (0.24 m a pixel at zoom 19 in Shanxi); the GeoJSON files beside the maps keep every vertex.
DISPLAY_SIMPLIFY_DEG = 1e-6
#: Zone outlines travel as integer steps of this many degrees (0.1 m), each vertex the step from the last.
DELTA_UNIT_DEG = 1e-6


def display_outlines(shapes) -> list[str]:
    """Zone outlines as the page draws them: thinned to :data:`DISPLAY_SIMPLIFY_DEG`, in integer steps."""
    return delta_geometries(thinned(shapes, DISPLAY_SIMPLIFY_DEG))


def thinned(shapes, tolerance: float) -> np.ndarray:
    """Polygons thinned to ``tolerance``, as ``shapely.simplify(…, preserve_topology=True)`` thins them, 8× faster.

    Douglas–Peucker (``preserve_topology=False``) is some 15 times faster than
    the topology-preserving simplifier, and for every zone of the registers
    measured (circles, rings, corner polygons: 9,626 zones) kept exactly its
    vertices, but it may start a ring at another of them, and where rings come
    close it may make them cross or drop one.  So:

    * a ring it starts elsewhere is turned to start where the other starts it,
      at its first vertex or, where that was dropped, the last kept before it;
    * a polygon it leaves invalid, remade (with a vertex the ring did not
      have), of another type, with other parts or another count of holes, and
      anything that is not a 2-D polygon, is thinned by the topology-preserving
      simplifier instead.

    On noisy outlines (vertices jittered by the tolerance) Douglas–Peucker can
    drop a vertex the other keeps: 6 of 2,467 such test polygons, the result
    still valid and within the tolerance.

    Examples
    --------
    >>> square = shapely.Polygon([(0.5, 0), (1, 0), (1, 1), (0, 1), (0, 0)])
    >>> shapely.simplify(square, 0.01, preserve_topology=False).wkt
    'POLYGON ((1 0, 1 1, 0 1, 0 0, 1 0))'
    >>> thinned([square], 0.01)[0].wkt == shapely.simplify(square, 0.01, preserve_topology=True).wkt
    True
    >>> thinned([square], 0.01)[0].wkt
    'POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))'
    """
    shapes = np.asarray(shapes, dtype=object)
    out = shapely.simplify(shapes, tolerance, preserve_topology=False)
    kind = shapely.get_type_id(shapes)
    rings_in, owner_in, holes_in = _rings(shapes)
    same = (
        np.isin(kind, (3, 6))  # Polygon, MultiPolygon
        & (shapely.get_type_id(out) == kind)
        & (shapely.get_num_geometries(out) == shapely.get_num_geometries(shapes))
        & ~shapely.has_z(shapes)
        & shapely.is_valid(out)
    )
    rings_out, owner_out, holes_out = _rings(out)
    # Parts of the same count line up in and out: each must keep its holes.
    lost = holes_in[same[holes_in[:, 0]]] != holes_out[same[holes_out[:, 0]]]
    same[holes_in[same[holes_in[:, 0]]][lost.any(axis=1), 0]] = False
    slow = np.flatnonzero(~same)
    if len(slow):
        out[slow] = shapely.simplify(shapes[slow], tolerance, preserve_topology=True)
    # The fast ones' rings are in the same order in and out (part by part, exterior then holes).
    first_in = shapely.get_coordinates(shapely.get_point(rings_in[same[owner_in]], 0))
    first_out = shapely.get_coordinates(shapely.get_point(rings_out[same[owner_out]], 0))
    moved = (first_in != first_out).any(axis=1)
    for i in np.unique(owner_out[same[owner_out]][moved]):
        try:
            out[i] = _started_as(out[i], shapes[i])
        except _Remade:
            out[i] = shapely.simplify(shapes[i], tolerance, preserve_topology=True)
    return out


class _Remade(Exception):
    pass


def _rings(shapes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every ring of ``shapes``' polygons (multipolygons' too) and the index of the shape it is in; and for each
    part, the index of its shape and its count of holes."""
    parts, part_of = shapely.get_parts(shapes, return_index=True)
    rings, ring_of = shapely.get_rings(parts, return_index=True)
    return rings, part_of[ring_of], np.column_stack([part_of, shapely.get_num_interior_rings(parts)])


def _started_as(thin, shape):
    """``thin`` (``shape`` thinned) with each ring starting where the topology-preserving simplifier starts it.

    That is at the ring's first vertex, or where that vertex was dropped, at the
    last vertex kept before it.
    """

    def ring(r, original) -> np.ndarray:
        xy = shapely.get_coordinates(r)[:-1]
        before = shapely.get_coordinates(original)[:-1]
        if (xy[0] == before[0]).all():
            return shapely.get_coordinates(r)
        # Each kept vertex's place in the ring before (Douglas–Peucker keeps vertices as they are).
        keys = before[:, 0] + 1j * before[:, 1]
        order = np.argsort(keys)
        found = np.minimum(np.searchsorted(keys[order], xy[:, 0] + 1j * xy[:, 1]), len(keys) - 1)
        at = order[found]
        if (before[at] != xy).any():
            raise _Remade  # a vertex the ring did not have: Douglas–Peucker remade the polygon (buffer(0))
        xy = np.roll(xy, -int(np.argmin(at) if at.min() == 0 else np.argmax(at)), axis=0)
        return np.vstack([xy, xy[:1]])

    def polygon(p, original):
        holes = zip(p.interiors, original.interiors, strict=True)
        return shapely.Polygon(ring(p.exterior, original.exterior), [ring(r, o) for r, o in holes])

    if thin.geom_type == "Polygon":
        return polygon(thin, shape)
    return shapely.MultiPolygon([polygon(p, o) for p, o in zip(thin.geoms, shape.geoms, strict=True)])


def delta_geometries(shapes) -> list[str]:
    """Polygons as the page reads them: ``{"type", "d"}``, rings as integer steps of :data:`DELTA_UNIT_DEG`.

    Each ring is its first vertex then the step to each next one (in units of
    1e-6°, x then y), without the closing vertex; ``d`` nests as
    ``coordinates`` does.  Steps of a few units compress to a third of the
    decimal text.  Geometries other than polygons stay GeoJSON.

    Examples
    --------
    >>> delta_geometries([shapely.box(111.0, 37.0, 111.00001, 37.00002)])
    ['{"type":"Polygon","d":[[111000010,37000000,0,20,-10,0,0,-20]]}']
    """

    def ring(r) -> str:
        q = np.round(shapely.get_coordinates(r)[:-1] / DELTA_UNIT_DEG).astype(np.int64)
        q[1:] -= q[:-1].copy()
        return "[" + ",".join(map(str, q.ravel().tolist())) + "]"

    def polygon(p) -> str:
        return "[" + ",".join(ring(r) for r in (p.exterior, *p.interiors)) + "]"

    out = []
    for g in shapes:
        if g.geom_type == "Polygon":
            out.append('{"type":"Polygon","d":' + polygon(g) + "}")
        elif g.geom_type == "MultiPolygon":
            out.append('{"type":"MultiPolygon","d":[' + ",".join(polygon(p) for p in g.geoms) + "]}")
        else:
            out.append(shapely.to_geojson(shapely.transform(g, lambda xy: np.round(xy, 7))))
    return out
