"""CAD drawings (.dxf) as project files: their red lines are the footprints.

Planners hand red lines (用地红线) over as drawings.  GDAL reads a DXF's
entities; here the file is first checked to be a drawing by its own bytes
(:func:`check_dxf`), its text decoded as AutoCAD wrote it (:func:`utf8`), and
its closed polylines and hatches kept as footprints — those of red-line layers
where the drawing has any — the rest warned (:func:`dxf_footprints`).  The
rest of the reading (the zone the eastings name, validity, areas) is
:mod:`geo.gisfiles`'.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np

from geo.errors import GeoError, SuspiciousInputWarning

__all__ = ["check_dxf", "dxf_footprints", "utf8"]


def check_dxf(data: bytes) -> None:
    if data.startswith(b"AutoCAD Binary DXF"):
        return
    first = data.lstrip()[:64].splitlines()
    if len(first) < 2 or first[0].strip() != b"0" or first[1].strip() != b"SECTION":
        raise GeoError("a DXF drawing (a group code 0 and SECTION first), found other content under a .dxf name")


def utf8(data: bytes) -> bool:
    """Whether a drawing's text is UTF-8 with something beyond ASCII in it."""
    try:
        return not data.decode("utf-8").isascii()
    except UnicodeDecodeError:
        return False


#: Words in a CAD layer's name that say it holds the project's red line (用地红线, 征地范围, 项目边界).
_RED_LINE_WORDS = ("红线", "用地", "征地", "范围", "边界", "界线", "占地")


def dxf_footprints(path: Path, frame):
    """A drawing's footprints: its polygons (closed polylines, hatches), those of red-line layers where any
    layer's name says so; what is left out is warned, with its layers."""
    import shapely

    geoms = np.asarray(frame.geometry.array, dtype=object)
    kinds = shapely.get_type_id(geoms)
    polygon = (kinds == 3) | (kinds == 6)
    layers = frame["Layer"].fillna("").astype(str).to_numpy() if "Layer" in frame.columns else np.full(len(frame), "")
    red = polygon & np.array([any(w in name for w in _RED_LINE_WORDS) for name in layers], dtype=bool)
    keep = red if red.any() else polygon
    used = sorted(set(layers[keep]))
    left = sorted(set(layers[~keep]))
    if (~keep).any():
        why = "of the red-line layers" if red.any() else "closed"
        warnings.warn(
            SuspiciousInputWarning(
                f"{path}: the drawing's {int(keep.sum())} {why} polygons (layers {', '.join(used) or '—'}) are the "
                f"footprints; {int((~keep).sum())} other entities (lines, points, texts, other layers: "
                f"{', '.join(left[:8]) or '—'}) are not read",
                zh=f"{path}：图中{'红线图层的' if red.any() else '闭合的'} {int(keep.sum())} 个多边形（图层 {'、'.join(used) or '—'}）"
                f"作为项目范围读取；其余 {int((~keep).sum())} 个图元（线、点、文字及其他图层：{'、'.join(left[:8]) or '—'}）未读取",
            ),
            stacklevel=3,
        )
    out = frame[keep].reset_index(drop=True)
    named = [f"{path.stem}（{name}）" if name else path.stem for name in layers[keep]]
    if len(out) > 1:
        named = [f"{n} #{k}" for k, n in enumerate(named, start=1)]
    return out.assign(name=named)[["name", out.geometry.name]]
