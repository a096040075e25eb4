"""Holes: the level inside a zone taken out of it as holes, without overlay.

Used by :mod:`geo.zones`.  When a 二级 zone of circles removes a 一级 zone of
circles around the same wells, each 一级 circle lies inside its own 二级
circle and touches nothing else: it is a hole of that circle as it is, no
difference needed (:func:`holes_of` says where, :func:`punched` makes one
zone so), and the most common case, one circle with one hole, is made for
a whole block at once (:func:`make_rings`, by :func:`geo.circles.holed`).
"""

from __future__ import annotations

import numpy as np
import shapely

from geo.circles import holed

__all__ = ["holes_of", "make_rings", "one_ring", "punched"]


def holes_of(spec, firsts, geom, first) -> list[int] | None:
    """Where the 一级 zone ``first`` lies inside ``spec``'s circles ``geom``: for each part of it, the part of ``geom`` it is a hole of.

    So when the 一级 zone is one row of circles, each of a well that ``spec``
    draws a circle around too, at least 0.1 m wider (either polygon strays at
    most 1 cm from its circle, so the 一级 circle lies inside its own 二级
    circle, and so inside ``geom``, touching nothing), and no part of it has
    a hole.  None otherwise: the 一级 zone is then taken out by overlay.
    """
    if len(firsts) != 1 or spec.rule.shape != "circles" or spec.inner_radii_m or spec.corners:
        return None
    one = firsts[0]
    if one.rule.shape != "circles" or one.inner_radii_m or one.corners or not one.well_keys:
        return None
    if one.well_keys == spec.well_keys and len(one.well_keys) == 1:  # one well: no dictionaries needed
        if not float(one.radii_m[0]) + 0.1 <= float(spec.radii_m[0]):
            return None
    else:
        outer = dict(zip(spec.well_keys, spec.radii_m, strict=True))
        inner = dict(zip(one.well_keys, one.radii_m, strict=True))
        if len(outer) != len(spec.well_keys) or len(inner) != len(one.well_keys):
            return None  # a well named twice: leave it to the overlay
        if any(k not in outer or not float(r) + 0.1 <= float(outer[k]) for k, r in inner.items()):
            return None
    holes = _polygons_of(first)
    shells = _polygons_of(geom)
    if holes is None or shells is None or any(h.interiors for h in holes):
        return None
    if len(shells) == 1:
        return [0] * len(holes)
    x, y = np.array([h.exterior.coords[0] for h in holes]).T
    inside = shapely.contains_xy(np.array(shells, dtype=object)[:, None], x[None, :], y[None, :])  # shells × holes
    if not (inside.sum(axis=0) == 1).all():
        return None
    return inside.argmax(axis=0).tolist()


def _polygons_of(geom) -> list | None:
    """The polygons of a Polygon or MultiPolygon; None for anything else."""
    if isinstance(geom, shapely.Polygon):
        return [geom]
    return list(geom.geoms) if isinstance(geom, shapely.MultiPolygon) else None


def make_rings(rings: list[tuple[int, int]], outline, outline_lonlat, drawn, drawn_lonlat) -> None:
    """Each zone of ``rings`` (zone, its 一级 zone) drawn as its outline with the 一级 outline as hole, all at once.

    In lon/lat too where both outlines are there as single flat polygons (the circles drawn in the plane), the
    hole turned clockwise (RFC 7946); a zone without them is projected back with the others.  ``rings`` is
    emptied.
    """
    if not rings:
        return
    zone, hole = (np.array(column) for column in zip(*rings, strict=True))
    drawn[zone] = holed(outline[zone], outline[hole])
    both = _flat_polygon(outline_lonlat[zone]) & _flat_polygon(outline_lonlat[hole])
    drawn_lonlat[zone[both]] = holed(outline_lonlat[zone[both]], outline_lonlat[hole[both]], reverse_holes=True)
    rings.clear()


def _flat_polygon(geoms: np.ndarray) -> np.ndarray:
    """Which of ``geoms`` are polygons without holes or Z (None is none)."""
    return (shapely.get_type_id(geoms) == 3) & (shapely.get_num_interior_rings(geoms) == 0) & ~shapely.has_z(geoms)


def one_ring(geom, first) -> bool:
    """Whether ``geom`` with ``first`` as its hole is one circle with one hole (:func:`geo.circles.holed`)."""
    return bool(_flat_polygon(np.array([geom, first], dtype=object)).all())


def punched(geom, first, holes: list[int]):
    """``geom`` with each part of ``first`` cut out as a hole of the part ``holes`` names (see :func:`holes_of`).

    One circle with one hole, the most of any register, is made a block at a time instead (:func:`make_rings`).
    """
    shells = _polygons_of(geom)
    rings = [list(shell.interiors) for shell in shells]
    for part, shell in zip(_polygons_of(first), holes, strict=True):
        rings[shell].append(part.exterior)
    out = [shapely.Polygon(shell.exterior, r) for shell, r in zip(shells, rings, strict=True)]
    return out[0] if len(out) == 1 else shapely.MultiPolygon(out)
