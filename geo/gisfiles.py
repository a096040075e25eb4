"""GIS files: project layers opened only as what their name says, nothing followed, nothing fetched.

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
import zipfile
from pathlib import Path, PurePosixPath

from geo.errors import GeoError

__all__ = ["MAX_FILE_BYTES", "MAX_SHAPEFILES", "read_layers"]

#: The largest project file read (bytes).
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
}


def read_layers(path: Path) -> list[tuple[str, object]]:
    """Every layer of a project file as (layer label, GeoDataFrame), read safely.

    Raises
    ------
    GeoError
        When the file is not what its suffix names, refers to other files or
        URLs, or GDAL cannot read it; the message says what was expected.
    """
    import pyogrio

    sources = _sources(path)
    out = []
    with _offline():
        for label, source in sources:
            try:
                names = [str(n) for n, _ in pyogrio.list_layers(source)]
                for index, name in enumerate(names):
                    # Layers read from memory get generated names: call them after the file.
                    shown = name if isinstance(source, str) else label if len(names) == 1 else f"{label}#{index + 1}"
                    out.append((shown, pyogrio.read_dataframe(source, layer=index)))
            except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, OSError) as exc:
                raise GeoError(f"a GIS file GDAL can read ({exc})") from exc
    return out


def _sources(path: Path) -> list[tuple[str, object]]:
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return _zip_members(path)
    data = _read(path)
    if suffix in (".geojson", ".json"):
        _check_geojson(data)
        return [(path.stem, data)]
    if suffix == ".kml":
        _check_kml(data)
        return [(path.stem, data)]
    if suffix == ".kmz":
        return [(path.stem, _kmz_document(path))]
    if suffix == ".gpkg":
        if not data.startswith(b"SQLite format 3\x00"):
            raise GeoError("a GeoPackage (an SQLite database), found other content under a .gpkg name")
        return [(path.name, str(path))]
    if suffix == ".shp":
        _check_shp(data[:4], path.name)
        return [(path.name, str(path))]
    raise GeoError(f"a GIS file of a known kind, not {suffix!r}")


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
