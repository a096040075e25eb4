"""GIS files: project layers opened only as what their name says, nothing followed, nothing fetched.

:func:`project_layers` turns a file's features into project records;
:func:`read_layers` opens it safely.

GDAL opens whatever a file turns out to be: a ``x.geojson`` that holds an
OGR VRT reads ``/etc/passwd``; a VRT with ``/vsicurl/`` or a GeoJSON ``crs``
of type ``link`` fetches URLs.  So each file is first checked to be the
format its suffix names, by its own bytes, before GDAL sees it:

``.geojson`` / ``.json``
    JSON (no NaN), a GeoJSON object, a ``crs`` only of type ``name``; handed
    to GDAL from memory, so no relative reference can resolve.
``.kml`` / ``.kmz``
    XML whose root is ``<kml>``, with no DOCTYPE or entity (no XXE) and no
    ``NetworkLink``; read from memory.
``.gpkg``
    an SQLite database (its 16-byte header).
``.dxf``
    a CAD drawing's exchange file (ASCII: ``0`` / ``SECTION`` first; or
    binary DXF); read from memory; its closed polylines and hatches are the
    footprints (those of red-line layers, 红线 / 用地 / 范围 / 边界, where it has
    them), its lines, points and texts not read, warned.  A drawing carries no
    CRS: Gauss–Krüger metres with the zone in front of the easting are read in
    that zone (as a shapefile without its .prj).
``.shp`` and zipped shapefiles (``.zip``)
    the shapefile magic number; a zip may hold only shapefile parts, at most
    :data:`MAX_SHAPEFILES` of them, each opened by its own name inside the
    zip (``/vsizip/…/x.shp``), never a VRT or a nested archive.

While GDAL reads, its HTTP access is pointed at a closed local port and
``/vsicurl/`` is limited to no file extension, and PROJ's network is off.
"""

from __future__ import annotations

import contextlib
import json
import re
import warnings
import zipfile
from pathlib import Path, PurePosixPath

import numpy as np

from geo.coordinates import CHINA_LAT_DEG, CHINA_LON_DEG
from geo.errors import GeoError, Problem, SuspiciousInputWarning

__all__ = ["MAX_FILE_BYTES", "MAX_SHAPEFILES", "layer_batches", "project_batches", "project_layers", "read_layers"]

#: The largest project file read into memory (GeoJSON, KML, KMZ, zipped shapefiles unpacked), in bytes;
#: GeoPackages and shapefiles are read by GDAL from disk, in batches where need be, whatever their size.
MAX_FILE_BYTES = 500 * 1024 * 1024
#: The most shapefiles one zip may hold.
MAX_SHAPEFILES = 100
_SHAPEFILE_PARTS = {".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".xml", ".qmd", ".txt"}
_OFFLINE = {
    "GDAL_HTTP_PROXY": "127.0.0.1:9",  # the discard port, closed: nothing leaves the machine
    "GDAL_HTTPS_PROXY": "127.0.0.1:9",
    "GDAL_HTTP_TIMEOUT": "1",
    "GDAL_HTTP_MAX_RETRY": "0",
    "CPL_VSIL_CURL_ALLOWED_EXTENSIONS": ".no-remote-file-is-read",
    "GDAL_DISABLE_READDIR_ON_OPEN": "EMPTY_DIR",
    "DXF_CLOSED_LINE_AS_POLYGON": "TRUE",  # a closed polyline in a drawing is an area, not its outline
}


def read_layers(path: Path) -> list[tuple[str, object]]:
    """Every layer of a project file as (layer label, GeoDataFrame), read safely.

    Raises
    ------
    GeoError
        When the file is not what its suffix names, refers to other files or
        URLs, or GDAL cannot read it; the message says what was expected.
    """
    return [(label, frame) for label, frame, _ in layer_batches(path, None)]


def layer_batches(path: Path, batch_size: int | None):
    """The features of every layer of a project file as (layer label, GeoDataFrame, offset), read safely.

    A GeoPackage's or shapefile's layer comes ``batch_size`` features at a
    time (GDAL reads them from disk; ``offset`` is the first feature's
    position in the layer), so a cadastre of millions of parcels is never held
    at once; formats read from memory (GeoJSON, KML) come whole.  With
    ``batch_size`` None every layer comes whole.  Raises GeoError as
    :func:`read_layers`.
    """
    import pyogrio

    sources = _sources(path)
    with _offline():
        for label, source in sources:
            if path.suffix.lower() == ".dxf":
                # AutoCAD 2007 and later write UTF-8 whatever $DWGCODEPAGE says; older drawings their code page.
                from geo.cadfiles import utf8

                pyogrio.set_gdal_config_options({"DXF_ENCODING": "UTF-8" if utf8(source) else None})
            try:
                names = [str(n) for n, _ in pyogrio.list_layers(source)]
                for index, name in enumerate(names):
                    # Layers read from memory get generated names: call them after the file.
                    shown = name if isinstance(source, str) else label if len(names) == 1 else f"{label}#{index + 1}"
                    if batch_size is None or not isinstance(source, str):
                        yield shown, pyogrio.read_dataframe(source, layer=index), 0
                        continue
                    count = pyogrio.read_info(source, layer=index, force_feature_count=True)["features"]
                    for offset in range(0, max(count, 1), batch_size):
                        frame = pyogrio.read_dataframe(
                            source, layer=index, skip_features=offset, max_features=batch_size
                        )
                        yield shown, frame, offset
            except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, OSError) as exc:
                raise GeoError(f"a GIS file GDAL can read ({exc})") from exc


def project_layers(path: Path, problems: list[Problem]):
    """The features of a project file as project records (a GeoDataFrame in EPSG:4490), or None.

    Every problem (a layer without a CRS, one that cannot be placed, coordinates outside
    China, invalid geometries) is added to ``problems``; a feature without a geometry
    (null or empty, RFC 7946's unlocated feature) is kept without a location, with a warning.
    """
    frames = list(project_batches(path, problems, None))
    if not frames:
        return None
    import pandas as pd

    return frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)


def project_batches(path: Path, problems: list[Problem], batch_size: int | None):
    """:func:`project_layers` a batch of features at a time (see :func:`layer_batches`): GeoDataFrames."""
    try:
        for layer, frame, offset in layer_batches(path, batch_size):
            records = _layer_records(path, layer, frame, offset, problems)
            if records is not None:
                yield records
    except GeoError as exc:
        problems.append(Problem(str(path), None, None, None, str(exc)))


def _layer_records(path: Path, layer: str, frame, offset: int, problems: list[Problem]):
    """One layer's features (rows ``offset + 1`` on) as project records, all at once; None if it has none."""
    import pandas as pd
    import pyproj
    import shapely
    from pyproj import CRS

    from geo.projects import _frame_of, footprint_areas

    if path.suffix.lower() == ".dxf":
        from geo.cadfiles import dxf_footprints

        frame = dxf_footprints(path, frame)
    if not len(frame):
        return None
    frame = _zone_prefixed(path, layer, frame)
    if frame.crs is None:
        problems.append(
            Problem(
                str(path),
                None,
                None,
                None,
                f"a file that declares its CRS (layer {layer!r} has none; for a shapefile, the .prj beside it)",
            )
        )
        return None
    try:
        frame = frame.to_crs("EPSG:4490") if CRS.from_user_input(frame.crs) != CRS.from_epsg(4490) else frame
    except (pyproj.exceptions.CRSError, pyproj.exceptions.ProjError) as exc:
        name = CRS.from_user_input(frame.crs).name if frame.crs is not None else "?"
        problems.append(
            Problem(
                str(path),
                None,
                None,
                layer,
                f"a CRS that converts to CGCS2000 (EPSG:4490); layer {layer!r} is in {name!r}, which cannot be placed on the earth ({exc})",
            )
        )
        return None
    outside = _outside_china(frame)
    if outside is not None:
        problems.append(
            Problem(
                str(path),
                offset + outside + 1,
                "geometry",
                layer,
                f"coordinates in China ({CHINA_LON_DEG[0]:g}°–{CHINA_LON_DEG[1]:g}°E, {CHINA_LAT_DEG[0]:g}°–{CHINA_LAT_DEG[1]:g}°N) once read in the file's CRS "
                f"({CRS.from_user_input(frame.crs).name}); numbers in metres need the file to declare its projected CRS",
            )
        )
        return None
    number = offset + np.arange(1, len(frame) + 1)
    cite = f"{path.name}:{layer}:"
    name_column = next((c for c in frame.columns if c.lower() in {"name", "名称", "项目名称", "project"}), None)
    names = _texts(frame[name_column]) if name_column else np.full(len(frame), None, dtype=object)
    labels = np.array([f"{layer} #{n}" if v is None else v for v, n in zip(names, number, strict=True)], dtype=object)
    geoms = np.asarray(frame.geometry.array, dtype=object)
    missing = np.array([g is None for g in geoms], dtype=bool)
    missing[~missing] = shapely.is_empty(geoms[~missing])
    for k in np.flatnonzero(missing):
        # RFC 7946 §3.2: a null geometry is an unlocated feature — kept, as a project list without coordinates is.
        warnings.warn(
            SuspiciousInputWarning(
                f"{path} row {int(number[k])} ({labels[k]}): the feature has no geometry; kept as a project without a location, not screened",
                zh=f"{path} 第{int(number[k])}行（{labels[k]}）：要素没有几何图形，作为无坐标的项目保留，未参与筛查",
            ),
            stacklevel=2,
        )
    present = np.flatnonzero(~missing)
    geoms = shapely.force_2d(geoms[present])
    valid = shapely.is_valid(geoms)
    for k in np.flatnonzero(~valid):
        problems.append(
            Problem(
                str(path),
                int(number[present[k]]),
                "geometry",
                labels[present[k]],
                f"a valid footprint; {shapely.is_valid_reason(geoms[k])}",
            )
        )
    drawn = np.full(len(frame), None, dtype=object)
    drawn[present[valid]] = np.asarray(shapely.orient_polygons(geoms[valid], exterior_cw=False), dtype=object)
    keep = np.sort(np.concatenate([present[valid], np.flatnonzero(missing)]))
    if not len(keep):
        return None
    located = ~missing[keep]
    area = np.full(len(keep), np.nan)
    area[located] = footprint_areas(drawn[keep][located])
    out = pd.DataFrame(
        {
            "doc_no": _first_of(frame, ("doc_no", "文号", "批复文号"))[keep],
            "name": labels[keep],
            "location": _first_of(frame, ("location", "建设地点", "位置"))[keep],
            "precision": np.where(located, "坐标", "无"),
            "area_m2": area,
            "area_status": "not_stated",
            "file": path.name,
            "cite": [cite + str(n) for n in number[keep].tolist()],
        }
    )
    return _frame_of(out, drawn[keep])


def _texts(column) -> np.ndarray:
    """A column's values as text, None where there is none (missing, NaN)."""
    values = column.to_numpy(dtype=object)
    absent = column.isna().to_numpy()
    return np.array([None if a else str(v) for v, a in zip(values, absent, strict=True)], dtype=object)


def _first_of(frame, names) -> np.ndarray:
    """Per feature, the first of the columns ``names`` (in the file's order) that holds a value, as text; else ''."""
    out = np.full(len(frame), None, dtype=object)
    for column in frame.columns:
        if column.lower() in names and column != frame.geometry.name:
            texts = _texts(frame[column])
            fill = np.array([o is None for o in out], dtype=bool)
            out[fill] = texts[fill]
    out[np.array([o is None for o in out], dtype=bool)] = ""
    return out


def _zone_prefixed(path: Path, layer: str, frame):
    """A layer in degrees by its file (GeoJSON's default), or with no CRS at all (a shapefile without its .prj),
    whose numbers are Gauss–Krüger metres with the zone in front of every easting (Y = 37 512 000,
    X = 4 250 000, as CAD and survey exports write them): read in that zone, CGCS2000 (EPSG:4513 + zone − 25),
    with a warning.  Any other layer as it is."""
    from pyproj import CRS

    from geo.coordinates import gk_epsg

    if frame.crs is not None and not CRS.from_user_input(frame.crs).is_geographic:
        return frame
    bounds = frame.geometry.total_bounds
    if not np.isfinite(bounds).all():
        return frame
    west, south, east, north = (float(b) for b in bounds)
    zone = int(west // 1_000_000)
    if not (25 <= zone <= 45 and int(east // 1_000_000) == zone and 300_000 <= south <= north <= 6_000_000):
        return frame
    epsg = gk_epsg(zone, prefixed=True)
    warnings.warn(
        SuspiciousInputWarning(
            f"{path} [{layer}]: coordinates in metres with the zone in front of the easting "
            f"(Y {west:.0f}…{east:.0f}), though the file declares degrees or no CRS: read as CGCS2000 3-degree "
            f"Gauss–Krüger zone {zone} (EPSG:{epsg})",
            zh=f"{path} [{layer}]：文件未声明坐标系或声明的是经纬度，但坐标是东坐标前带带号的高斯–克吕格米制坐标"
            f"（Y {west:.0f}…{east:.0f}），按 CGCS2000 3度带第{zone}带（EPSG:{epsg}）读取，请核对",
        ),
        stacklevel=2,
    )
    return frame.set_crs(epsg, allow_override=True)


def _outside_china(frame) -> int | None:
    """The index of the first feature whose bounds leave China's range (or are not finite), else None."""
    bounds = frame.geometry.bounds.to_numpy()
    lon_ok = (bounds[:, 0] >= CHINA_LON_DEG[0]) & (bounds[:, 2] <= CHINA_LON_DEG[1])
    lat_ok = (bounds[:, 1] >= CHINA_LAT_DEG[0]) & (bounds[:, 3] <= CHINA_LAT_DEG[1])
    present = ~np.isnan(bounds).all(axis=1)
    bad = np.flatnonzero(present & ~(lon_ok & lat_ok))
    return int(bad[0]) if len(bad) else None


def _sources(path: Path) -> list[tuple[str, object]]:
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return _zip_members(path)
    if suffix in (".gpkg", ".shp"):
        # Read by GDAL from disk, a batch at a time if need be: only the header is checked here.
        head = _head(path, 16)
        if suffix == ".gpkg" and not head.startswith(b"SQLite format 3\x00"):
            raise GeoError("a GeoPackage (an SQLite database), found other content under a .gpkg name")
        if suffix == ".shp":
            _check_shp(head[:4], path.name)
        return [(path.name, str(path))]
    data = _read(path)
    if suffix in (".geojson", ".json"):
        _check_geojson(data)
        return [(path.stem, data)]
    if suffix == ".kml":
        _check_kml(data)
        return [(path.stem, data)]
    if suffix == ".kmz":
        return [(path.stem, _kmz_document(path))]
    if suffix == ".dxf":
        from geo.cadfiles import check_dxf

        check_dxf(data)
        return [(path.stem, data)]
    raise GeoError(f"a GIS file of a known kind, not {suffix!r}")


def _head(path: Path, size: int) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(size)
    except OSError as exc:
        raise GeoError(f"a readable file ({exc.strerror})") from exc


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise GeoError(f"a project file of at most {MAX_FILE_BYTES // 2**20} MB, found {size // 2**20} MB")
        return path.read_bytes()
    except OSError as exc:
        raise GeoError(f"a readable file ({exc.strerror})") from exc


def _check_geojson(data: bytes) -> None:
    def no_constant(name: str):
        raise GeoError(f"GeoJSON without {name} (JSON has no such number)")

    try:
        doc = json.loads(data.decode("utf-8-sig"), parse_constant=no_constant)
    except (UnicodeDecodeError, ValueError) as exc:
        raise GeoError(f"GeoJSON: JSON text in UTF-8 ({exc})") from exc
    if not isinstance(doc, dict) or doc.get("type") not in _GEOJSON_TYPES:
        raise GeoError("GeoJSON: an object whose type is FeatureCollection, Feature or a geometry")
    crs = doc.get("crs")
    if crs is not None and not (
        isinstance(crs, dict)
        and crs.get("type") == "name"
        and isinstance(crs.get("properties"), dict)
        and isinstance(crs["properties"].get("name"), str)
    ):
        raise GeoError('GeoJSON: a "crs" of type "name" such as EPSG:4547 (a linked CRS is not followed)')


_GEOJSON_TYPES = {
    "FeatureCollection",
    "Feature",
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
}


def _check_kml(data: bytes) -> None:
    import xml.etree.ElementTree as ET

    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise GeoError("KML without a DOCTYPE or entities (external entities are not read)")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise GeoError(f"KML: well-formed XML ({exc})") from exc
    if not re.fullmatch(r"(\{[^}]*\})?kml", root.tag):
        raise GeoError(f"KML: a document whose root is <kml>, found <{root.tag}>")
    if any(re.fullmatch(r"(\{[^}]*\})?NetworkLink", e.tag) for e in root.iter()):
        raise GeoError("KML without NetworkLink (linked documents are not fetched)")


def _kmz_document(path: Path) -> bytes:
    try:
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.lower().endswith(".kml") and _safe_member(n)]
            if not names:
                raise GeoError("a .kmz holding a .kml document")
            info = archive.getinfo(names[0])
            if info.file_size > MAX_FILE_BYTES:
                raise GeoError(f"a .kml of at most {MAX_FILE_BYTES // 2**20} MB inside the .kmz")
            data = archive.read(info)
    except zipfile.BadZipFile as exc:
        raise GeoError(f"a .kmz that is a zip archive ({exc})") from exc
    _check_kml(data)
    return data


def _zip_members(path: Path) -> list[tuple[str, str]]:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if sum(i.file_size for i in infos) > MAX_FILE_BYTES:
                raise GeoError(f"a zipped shapefile of at most {MAX_FILE_BYTES // 2**20} MB unpacked")
            shapefiles = []
            for info in infos:
                if info.is_dir():
                    continue
                name = info.filename
                if not _safe_member(name) or PurePosixPath(name).suffix.lower() not in _SHAPEFILE_PARTS:
                    raise GeoError(f"a zip of shapefile parts (.shp .shx .dbf .prj .cpg), found {name!r}")
                if name.lower().endswith(".shp"):
                    with archive.open(info) as member:
                        _check_shp(member.read(4), name)
                    shapefiles.append(name)
    except zipfile.BadZipFile as exc:
        raise GeoError(f"a zip archive ({exc})") from exc
    if not shapefiles:
        raise GeoError("a zip holding a shapefile (.shp)")
    if len(shapefiles) > MAX_SHAPEFILES:
        raise GeoError(f"a zip of at most {MAX_SHAPEFILES} shapefiles, found {len(shapefiles)}")
    return [(PurePosixPath(name).stem, f"/vsizip/{path}/{name}") for name in shapefiles]


def _safe_member(name: str) -> bool:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return bool(parts) and not name.startswith(("/", "\\")) and ".." not in parts and ":" not in parts[0]


def _check_shp(head: bytes, name: str) -> None:
    if len(head) < 4 or int.from_bytes(head[:4], "big") != 9994:
        raise GeoError(f"a shapefile (.shp) whose header is a shapefile's, in {name}")


@contextlib.contextmanager
def _offline():
    """GDAL's HTTP access pointed at a closed port and PROJ's network off, restored afterwards."""
    import pyogrio
    import pyproj

    before = {key: pyogrio.get_gdal_config_option(key) for key in _OFFLINE}
    network = pyproj.network.is_network_enabled()
    pyogrio.set_gdal_config_options(_OFFLINE)
    pyproj.network.set_network_enabled(False)
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options(before)
        pyproj.network.set_network_enabled(network)
