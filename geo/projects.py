"""Projects: construction-project footprints in the forms planning officers hold.

Read by :func:`read_projects`, each file by its form:

* CSV of vertex lists in the layout of land decisions — ``name, vertex_no, x,
  y``, where x is the northing and y the easting with the Gauss–Krüger zone
  number in front (``Y=37512342.575`` → zone 37, EPSG:4525).  A parcel is
  closed by repeating its first vertex, as decisions print it.
* CSV of points — ``name, lon, lat`` in DMS or decimal degrees.
* CSV lists without coordinates — ``name`` and ``location`` (a county, town
  or village); kept and listed with the precision of their location, never
  drawn and never taken as a conflict.
* GeoJSON, KML/KMZ, GeoPackage and zipped shapefiles, in whatever CRS the file
  declares, read through GDAL (pyogrio).

The CSV forms are read in :mod:`geo.projecttables`, the GIS files in
:mod:`geo.gisfiles`; this module gathers them into one frame.

Every project comes out in CGCS2000 longitude/latitude (EPSG:4490).  Where a
project states its area, the area is checked: parcels in the Gauss–Krüger
plane, as land surveys state them, others on the ellipsoid.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely
from pyproj import CRS, Geod

from geo.circles import forward_gk
from geo.coordinates import gk_epsg
from geo.errors import GeoError, InputError, Problem
from geo.validation import STATUS_DTYPE

__all__ = [
    "PROJECT_PROPERTIES",
    "footprint_areas",
    "iter_projects",
    "project_geojson",
    "read_projects",
]

#: Columns of the projects GeoDataFrame, in order.
COLUMNS = (
    "doc_no",
    "name",
    "category",
    "unit",
    "location",
    "county",
    "precision",
    "stated_area_text",
    "stated_area_m2",
    "area_m2",
    "plane_area_m2",
    "area_status",
    "area_note",
    "area_note_en",
    "gk_epsg",
    "file",
    "cite",
    "note",
)
_GEOD = Geod(ellps="GRS80")
_GIS_SUFFIXES = {".geojson", ".json", ".gpkg", ".kml", ".kmz", ".zip", ".shp", ".dxf"}


def read_projects(*paths: str | Path | list, epsg: int | None = None) -> gpd.GeoDataFrame:
    """Read project files, or folders of them, into one GeoDataFrame (EPSG:4490).

    Parameters
    ----------
    *paths : str or Path, or lists of them
        Files (.csv, .geojson, .json, .gpkg, .kml, .kmz, zipped shapefile .zip,
        .shp, CAD .dxf) or folders holding such files.
    epsg : int, optional
        The CRS of vertex lists whose eastings lack the zone number in front.

    Returns
    -------
    GeoDataFrame
        One row per project; ``geometry`` is None where the location is only a
        name (``precision`` says what it is: 县（市、区）, 村镇, 园区, 无).

    Raises
    ------
    InputError
        Listing every problem of every file.

    Examples
    --------
    >>> parcels = read_projects("data/projects/parcels-2022-4-5.csv")
    >>> parcels[["doc_no", "stated_area_text", "area_status"]].values.tolist()
    [['吕政发〔2022〕4号', '513.05', 'match'], ['吕政发〔2022〕5号', '6869.75', 'match']]
    >>> [round(a, 2) for a in parcels.plane_area_m2]
    [513.02, 6869.74]
    """
    problems: list[Problem] = []
    frames = []
    if epsg is not None:
        check_epsg(epsg)
    from geo.files import input_paths

    for path in (found for raw in input_paths(paths, "read_projects") for found in _expand([raw], problems)):
        suffix = path.suffix.lower()
        if suffix == ".csv":
            from geo.projecttables import read_csv

            frames.append(read_csv(path, epsg, problems))
        elif suffix in _GIS_SUFFIXES:
            from geo.gisfiles import project_layers

            frames.append(project_layers(path, problems))
        else:
            problems.append(
                Problem(
                    str(path),
                    None,
                    None,
                    None,
                    "a project file: .csv, .geojson, .json, .gpkg, .kml, .kmz, a zipped shapefile (.zip), .shp or .dxf"
                    + (" (a .dwg drawing: save it as .dxf)" if suffix == ".dwg" else ""),
                )
            )
    if problems:
        raise InputError(problems)
    frames = [f for f in frames if f is not None and len(f)]
    if not frames:
        return _frame([])
    return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), geometry="geometry", crs="EPSG:4490")


def check_epsg(code: int) -> int:
    """``code`` if it names a projected CRS in metres pyproj knows, as vertex lists need; else a GeoError.

    Examples
    --------
    >>> check_epsg(4546)
    4546
    >>> check_epsg(4326)
    Traceback (most recent call last):
    ...
    geo.errors.GeoError: --epsg: expected a projected CRS in metres such as 4546 (CGCS2000 / 3-degree Gauss-Kruger CM 111E), not EPSG:4326 (WGS 84), which is in degrees
    """
    try:
        crs = CRS.from_epsg(int(code))
    except (pyproj.exceptions.CRSError, ValueError, OverflowError) as exc:
        raise GeoError(f"--epsg: expected an EPSG code of a projected CRS such as 4546, got {code!r} ({exc})") from exc
    if not crs.is_projected:
        raise GeoError(
            f"--epsg: expected a projected CRS in metres such as 4546 (CGCS2000 / 3-degree Gauss-Kruger CM 111E), not EPSG:{code} ({crs.name}), which is in degrees"
        )
    return int(code)


def _expand(paths, problems) -> list[Path]:
    out = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in _GIS_SUFFIXES | {".csv"})
            if not found:
                problems.append(
                    Problem(
                        str(path),
                        None,
                        None,
                        None,
                        "a folder holding project files (.csv, .geojson, .kml, .gpkg, .zip …)",
                    )
                )
            out.extend(found)
        elif path.is_file():
            out.append(path)
        else:
            problems.append(Problem(str(path), None, None, None, "an existing project file or folder"))
    return out


def _frame(records: list[dict]) -> gpd.GeoDataFrame:
    columns = {c: [r.get(c) for r in records] for c in COLUMNS}
    return _frame_of(pd.DataFrame(columns), [r.get("geometry") for r in records])


def _frame_of(table: pd.DataFrame, geometry) -> gpd.GeoDataFrame:
    """The projects GeoDataFrame from a table holding some of :data:`COLUMNS`: the rest empty, each its own type."""
    n = len(table)
    columns = {}
    for c in COLUMNS:
        values = table[c] if c in table else pd.Series([None] * n, dtype=object)
        if c in ("stated_area_m2", "area_m2", "plane_area_m2"):
            columns[c] = pd.to_numeric(values, errors="coerce").astype(float).to_numpy()
        elif c == "gk_epsg":
            columns[c] = values.fillna(0).astype(int).to_numpy()
        else:
            columns[c] = values.astype(object).where(values.notna(), "").astype(str).to_numpy(dtype=object)
    columns["area_status"] = pd.Categorical(columns["area_status"], dtype=STATUS_DTYPE)
    return gpd.GeoDataFrame(columns, geometry=list(geometry), crs="EPSG:4490")


#: Footprints up to this size (their bounds, in metres) are measured in the Gauss–Krüger plane.
_PLANE_MEASURED_M = 600.0


def footprint_areas(geoms) -> np.ndarray:
    """The areas (m²) on the ellipsoid of footprints in longitude/latitude; NaN for points and lines.

    Footprints up to 600 m across (a cadastre's parcels) are measured in the
    Gauss–Krüger zone of their centre, the planar area divided by the
    projection's areal scale there, all at once; larger ones by pyproj's
    geodesic polygon area, one by one.  The two differ only in how an edge
    between two vertices runs (straight in the plane, or a geodesic): by at
    most 1e-6 of the area up to 600 m (measured: 8.5e-7 for a 530 m triangle
    1.49° from the central meridian; 4e-11 for a square).

    Examples
    --------
    >>> square = shapely.box(111.0, 37.0, 111.001, 37.001)
    >>> plane = footprint_areas([square])[0]
    >>> geodesic = abs(_GEOD.geometry_area_perimeter(square)[0])
    >>> f"{plane:.4f} m², geodesic {geodesic:.4f} m²"
    '9878.2416 m², geodesic 9878.2416 m²'

    """
    geoms = np.asarray(geoms, dtype=object)
    out = np.full(len(geoms), np.nan)
    if not len(geoms):
        return out
    areal = np.isin(shapely.get_type_id(geoms), (3, 6))
    bounds = shapely.bounds(geoms)
    mid_lat = np.radians((bounds[:, 1] + bounds[:, 3]) / 2)
    across = np.maximum(
        (bounds[:, 2] - bounds[:, 0]) * 111_320.0 * np.cos(np.where(areal, mid_lat, 0)),
        (bounds[:, 3] - bounds[:, 1]) * 110_540.0,
    )
    small = areal & (across <= _PLANE_MEASURED_M)
    lon = (bounds[:, 0] + bounds[:, 2]) / 2
    lat = (bounds[:, 1] + bounds[:, 3]) / 2
    from geo.coordinates import gk_zone

    epsg = np.where(small, gk_epsg(37) - 37 + gk_zone(np.where(small, lon, 111.0)), 0)
    for code in np.unique(epsg[small]):
        pick = np.flatnonzero(small & (epsg == code))
        moved = shapely.transform(geoms[pick], forward_gk(int(code)).transform, interleaved=False)
        scale = np.asarray(pyproj.Proj(CRS.from_epsg(int(code))).get_factors(lon[pick], lat[pick]).areal_scale)
        out[pick] = shapely.area(moved) / scale
    for k in np.flatnonzero(areal & ~small):
        out[k] = abs(_GEOD.geometry_area_perimeter(geoms[k])[0])
    return out


def iter_projects(path: str | Path, batch_size: int = 100_000, epsg: int | None = None):
    """The projects of one file in batches of ``batch_size``: GeoDataFrames as :func:`read_projects` gives them.

    For a cadastre too big to hold at once: a GeoPackage's or shapefile's
    features are read by GDAL ``batch_size`` at a time; other files come in one
    batch.  Each batch's index numbers its projects within the file (the first
    batch 0 … n−1, the next n …), so conflicts found batch by batch
    (:func:`geo.iter_conflicts`) name each project once.

    Raises
    ------
    InputError
        At the first batch with a problem, listing that batch's problems (file,
        feature number, name): what came before stays valid.

    Examples
    --------
    >>> [len(b) for b in iter_projects("data/projects/key-projects-2022.csv")]
    [142]
    """
    from geo.files import input_paths

    paths = input_paths([path], "iter_projects")
    if len(paths) != 1:
        raise GeoError(f"iter_projects: expected one file, got {len(paths)} paths")
    path = paths[0]
    if path.suffix.lower() not in (".gpkg", ".shp", ".zip") or not path.is_file():
        yield read_projects(path, epsg=epsg)
        return
    from geo.gisfiles import project_batches

    problems: list[Problem] = []
    start = 0
    for batch in project_batches(path, problems, batch_size):
        if problems:
            raise InputError(problems)
        batch.index = pd.RangeIndex(start, start + len(batch))
        start += len(batch)
        yield batch
    if problems:
        raise InputError(problems)


#: Properties of a project feature in GeoJSON, maps and exports.
PROJECT_PROPERTIES = tuple(c for c in COLUMNS if c != "gk_epsg")


def project_geojson(projects: gpd.GeoDataFrame) -> str:
    """Projects as an RFC 7946 FeatureCollection (kind="project"), geometry null where unlocated.

    Examples
    --------
    >>> import json
    >>> text = project_geojson(read_projects("data/projects/projects-2023-88.csv"))
    >>> feature = json.loads(text)["features"][0]
    >>> feature["geometry"], feature["properties"]["stated_area_m2"], feature["properties"]["precision"]
    (None, 8740.0, '无')
    """
    from geo.files import collection_text, feature_texts

    return collection_text(feature_texts(projects, "project", PROJECT_PROPERTIES))
