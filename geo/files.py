"""Files: zones and wells written out, atomically.

Every output is written to a temporary name in the same folder and renamed
over the target only when complete, so an interrupted or failed run leaves
the previous file exactly as it was.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

__all__ = ["atomic_path", "feature_collection", "write_zones_geojson"]

#: Decimal places of longitude and latitude in GeoJSON: 1e-7° is about 1 cm.
COORDINATE_DECIMALS = 7

ZONE_PROPERTIES = (
    "doc_no",
    "source_code",
    "source_name",
    "county",
    "level",
    "rule",
    "shape",
    "derivable",
    "wells",
    "radii_m",
    "stated_area_km2",
    "stated_perimeter_m",
    "area_m2",
    "perimeter_m",
    "outer_perimeter_m",
    "expected_area_km2",
    "expected_perimeter_m",
    "status",
    "note",
    "note_en",
    "cite",
)
WELL_PROPERTIES = (
    "doc_no",
    "county",
    "source_name",
    "source_code",
    "well_no",
    "location",
    "source_type",
    "depth_m",
    "aquifer",
    "lon_text",
    "lat_text",
    "lon_deg",
    "lat_deg",
    "design_supply",
    "actual_supply",
    "source_design_supply",
    "cite",
)


@contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """A temporary path beside ``target`` that replaces it only on success.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> with atomic_path(out) as tmp:
    ...     _ = tmp.write_text("new")
    >>> out.read_text()
    'new'
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    tmp = Path(name)
    try:
        yield tmp
        # mkstemp makes files only their owner can read; give the usual permissions.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(target: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``target`` through :func:`atomic_path`."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")


def _clean(value):
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if not math.isfinite(value) else float(value)
    return value


def _geometry(geom) -> dict | None:
    if geom is None or shapely.is_empty(geom):
        return None
    rounded = shapely.transform(geom, lambda xy: np.round(xy, COORDINATE_DECIMALS))
    return json.loads(shapely.to_geojson(rounded))


def _features(frame: gpd.GeoDataFrame, kind: str, columns: tuple[str, ...]) -> list[dict]:
    present = [c for c in columns if c in frame.columns]
    features = []
    for geom, values in zip(frame.geometry, frame[present].itertuples(index=False), strict=True):
        properties = {"kind": kind, **{c: _clean(v) for c, v in zip(present, values, strict=True)}}
        features.append({"type": "Feature", "properties": properties, "geometry": _geometry(geom)})
    return features


def feature_collection(
    zones: gpd.GeoDataFrame, wells: gpd.GeoDataFrame | None = None, extra: Callable[[], list[dict]] | None = None
) -> dict:
    """An RFC 7946 FeatureCollection of zones (kind="zone") and wells (kind="well").

    Coordinates are CGCS2000 longitude/latitude (taken as WGS84, as RFC 7946
    requires, the difference being well under a metre), rounded to 1e-7°;
    polygons run counter-clockwise with clockwise holes.  A zone that cannot
    be derived has a null geometry and keeps its properties.
    """
    features = _features(zones, "zone", ZONE_PROPERTIES)
    if wells is not None:
        features += _features(wells, "well", WELL_PROPERTIES)
    if extra is not None:
        features += extra()
    return {"type": "FeatureCollection", "features": features}


def write_zones_geojson(target: str | Path, zones: gpd.GeoDataFrame, wells: gpd.GeoDataFrame | None = None) -> Path:
    """Write zones (and wells) as one GeoJSON file, atomically; returns the path."""
    write_text_atomic(target, json.dumps(feature_collection(zones, wells), ensure_ascii=False, indent=1))
    return Path(target)
