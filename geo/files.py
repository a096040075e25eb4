"""Files: zones and wells written out as GeoJSON (RFC 7946), atomically, and the paths a reader is given.

Every output is written to a temporary name in the same folder and renamed
over the target only when complete (:mod:`geo.atomic`, whose names are
also here), so an interrupted or failed run leaves the previous file
exactly as it was.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.atomic import (
    NewFolder,
    atomic_folder,
    atomic_path,
    atomic_paths,
    write_folder_atomic,
    write_text_atomic,
    write_texts_atomic,
)

__all__ = [
    "NewFolder",
    "ZoneBlock",
    "atomic_folder",
    "input_paths",
    "write_folder_atomic",
    "write_texts_atomic",
    "atomic_path",
    "atomic_paths",
    "GrowingCollection",
    "collection_pieces",
    "collection_text",
    "feature_texts",
    "write_text_atomic",
    "write_zone_blocks_geojson",
    "write_zones_geojson",
    "zones_geojson",
]


def input_paths(paths, what: str) -> list[Path]:
    """The paths a reader was given, as arguments or in lists (or both), as Paths.

    Examples
    --------
    >>> [p.name for p in input_paths(("data/a", ["data/b", Path("data/c")]), "read_approvals")]
    ['a', 'b', 'c']
    >>> input_paths((42,), "read_approvals")
    Traceback (most recent call last):
    geo.errors.GeoError: read_approvals: expected a path (str or pathlib.Path) or a list of paths, got int 42
    """

    from geo.errors import GeoError

    out: list[Path] = []

    def take(item, depth: int) -> None:
        if isinstance(item, str | os.PathLike):
            if not str(os.fspath(item)).strip():
                raise GeoError(f"{what}: expected a path (str or pathlib.Path) or a list of paths, got an empty path")
            out.append(Path(item))
        elif depth < 2 and (isinstance(item, list | tuple | set | frozenset) or _is_iterable(item)):
            for sub in item:
                take(sub, depth + 1)
        else:
            shown = repr(item)
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            raise GeoError(
                f"{what}: expected a path (str or pathlib.Path) or a list of paths, got {type(item).__name__} {shown}"
            )

    for item in paths:
        take(item, 0)
    if not out:
        raise GeoError(f"{what}: expected a path (str or pathlib.Path) or a list of paths, got none")
    return out


def _is_iterable(item) -> bool:
    """A generator or other iterable of paths (not bytes, not a mapping, not a DataFrame)."""
    import collections.abc

    return isinstance(item, collections.abc.Iterator | collections.abc.KeysView | collections.abc.ValuesView)


#: Decimal places of longitude and latitude in GeoJSON: 1e-7° is about 1 cm.
COORDINATE_DECIMALS = 7

ZONE_PROPERTIES = (
    "doc_no",
    "source_code",
    "source_name",
    "county",
    "level",
    "part",
    "rule",
    "shape",
    "derivable",
    "wells",
    "radii_m",
    "stated_area_km2",
    "stated_perimeter_m",
    "stated_area_text",
    "stated_perimeter_text",
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


def _column_values(frame: pd.DataFrame, column: str) -> list:
    """A column as JSON-ready Python values: NaN and infinities become None."""
    series = frame[column]
    values = series.tolist()
    if series.dtype.kind == "f":
        return [v if math.isfinite(v) else None for v in values]
    if series.dtype == object or isinstance(series.dtype, pd.CategoricalDtype):
        return [None if isinstance(v, float) and not math.isfinite(v) else v for v in values]
    return values


def feature_texts(frame: gpd.GeoDataFrame, kind: str, columns: tuple[str, ...], geometry_texts=None) -> list[str]:
    """One compact GeoJSON Feature (text) per row; geometry null where there is none.

    Geometries are serialised together (shapely 2), rounded to
    :data:`COORDINATE_DECIMALS`; ``geometry_texts`` (an array of geometries →
    their texts) replaces GeoJSON's own, as the maps' thinned, compact
    encoding does.
    """
    present = [c for c in columns if c in frame.columns]
    geoms = np.asarray(frame.geometry.array, dtype=object)
    drawn = np.array([g is not None and not shapely.is_empty(g) for g in geoms], dtype=bool)
    texts = np.full(len(geoms), "null", dtype=object)
    if drawn.any():
        shapes = geoms[drawn]
        if geometry_texts is not None:
            texts[drawn] = geometry_texts(shapes)
        else:
            shapes = shapely.transform(shapes, lambda xy: np.round(xy, COORDINATE_DECIMALS))
            texts[drawn] = shapely.to_geojson(shapes)
    values = {c: _column_values(frame, c) for c in present}
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    out = []
    for i, geometry in enumerate(texts):
        properties = {"kind": kind}
        properties.update((c, values[c][i]) for c in present)
        out.append(f'{{"type":"Feature","properties":{encode(properties)},"geometry":{geometry}}}')
    return out


def collection_text(features: list[str]) -> str:
    """A FeatureCollection from feature texts, one feature per line."""
    return "".join(collection_pieces(features))


def collection_pieces(features) -> list[str]:
    """:func:`collection_text` in pieces, to write without joining them (:func:`write_text_atomic`).

    >>> "".join(collection_pieces(['{"a":1}', '{"b":2}'])) == collection_text(['{"a":1}', '{"b":2}'])
    True
    """
    parts = GrowingCollection()
    return [*parts.head(), *parts.features(features), *parts.tail()]


class GrowingCollection:
    """The pieces of a FeatureCollection given out as its features come: the same text as
    :func:`collection_text` of all of them, written part by part (:meth:`NewFolder.append`).

    >>> parts = GrowingCollection()
    >>> text = "".join([*parts.head(), *parts.features(['{"a":1}']), *parts.features([]), *parts.features(['{"b":2}']), *parts.tail()])
    >>> text == collection_text(['{"a":1}', '{"b":2}'])
    True
    """

    def __init__(self):
        self.count = 0

    def head(self) -> list[str]:
        return ['{"type":"FeatureCollection","features":[\n']

    def features(self, features) -> list[str]:
        pieces = []
        for feature in features:
            if self.count:
                pieces.append(",\n")
            pieces.append(feature)
            self.count += 1
        return pieces

    def tail(self) -> list[str]:
        return ["\n]}\n"]


def zones_geojson(zones: gpd.GeoDataFrame, wells: gpd.GeoDataFrame | None = None) -> str:
    """An RFC 7946 FeatureCollection of zones (kind="zone") and wells (kind="well"), as text.

    Coordinates are CGCS2000 longitude/latitude (taken as WGS84, as RFC 7946
    requires, the difference being well under a metre), rounded to 1e-7°;
    polygons run counter-clockwise with clockwise holes.  A zone that cannot
    be derived has a null geometry and keeps its properties.

    Examples
    --------
    >>> from geo import build_zones, read_approvals
    >>> import json
    >>> text = zones_geojson(build_zones(read_approvals("data/lvzhenghan-2023-93")))
    >>> [f["geometry"] and f["geometry"]["type"] for f in json.loads(text)["features"]]
    ['Polygon', 'Polygon', 'Polygon', None]
    """
    features = feature_texts(zones, "zone", ZONE_PROPERTIES)
    if wells is not None:
        features += feature_texts(wells, "well", WELL_PROPERTIES)
    return collection_text(features)


def write_zones_geojson(target: str | Path, zones: gpd.GeoDataFrame, wells: gpd.GeoDataFrame | None = None) -> Path:
    """Write zones (and wells) as one GeoJSON file, atomically; returns the path."""
    write_text_atomic(target, zones_geojson(zones, wells))
    return Path(target)


@dataclass
class ZoneBlock:
    """A block of checked zones as a file takes it, made where the block was built (:func:`geo.exports.zone_block`).

    ``piece`` is, by ``suffix``: for ``.geojson`` the zones' feature texts,
    for ``.parquet`` the row group (:class:`geo.parquet.ParquetPiece`), for
    ``.gpkg`` the zones as the layer takes them and their Gauss–Krüger
    copies.  ``conflicts`` are the block's conflicts with the projects
    screened (None without projects), ``geometries`` their footprints.
    """

    suffix: str
    piece: object
    conflicts: pd.DataFrame | None = None
    geometries: list = field(default_factory=list)

    def piece_for(self, suffix: str):
        """The piece, which must have been made for a file ending in ``suffix``."""
        if self.suffix != suffix:
            raise ValueError(f"a block made for a {self.suffix} file cannot be written to a {suffix} file")
        return self.piece


def write_zone_blocks_geojson(target: str | Path, blocks, wells: gpd.GeoDataFrame | None = None) -> tuple[Path, int]:
    """:func:`write_zones_geojson` for zones that come in blocks (:func:`geo.iter_zones`): each written, then freed.

    The file is :func:`zones_geojson`'s text, the zones in the order of the
    blocks, written under a temporary name and renamed when complete.  A
    block is a GeoDataFrame, or a :class:`ZoneBlock` made for ``.geojson``
    where it was built.
    Returns the path and the number of zones written.

    Examples
    --------
    >>> import geo, json, pathlib, tempfile
    >>> approvals = geo.read_approvals("data/lvzhenghan-2023-93")
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "zones.geojson"
    >>> write_zone_blocks_geojson(out, geo.iter_zones(approvals, block_zones=2))[1]
    4
    >>> out.read_text(encoding="utf-8") == zones_geojson(geo.build_zones(approvals))
    True
    """
    target = Path(target)
    count = 0
    with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as handle:
        handle.write('{"type":"FeatureCollection","features":[\n')
        for block in blocks:
            texts = (
                block.piece_for(".geojson")
                if isinstance(block, ZoneBlock)
                else feature_texts(block, "zone", ZONE_PROPERTIES)
            )
            if texts:
                handle.write((",\n" if count else "") + ",\n".join(texts))
            count += len(texts)
        if wells is not None and len(wells):
            handle.write((",\n" if count else "") + ",\n".join(feature_texts(wells, "well", WELL_PROPERTIES)))
        handle.write("\n]}\n")
    return target, count
