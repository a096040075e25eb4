"""Tests of geo/gisfiles.py: a project file is read as what its name says, and nothing is fetched.

A local HTTP server on 127.0.0.1 counts the requests it gets: patching Python's sockets would
not see GDAL's libcurl.
"""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
import zipfile

import pytest
from conftest import ROOT

from geo import InputError, read_projects
from geo.errors import GeoError


@pytest.fixture
def server():
    """A local HTTP server that counts requests and answers each with a small GeoJSON."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            hits.append(self.path)
            body = b'{"type":"FeatureCollection","features":[]}'
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_HEAD = do_GET  # noqa: N815

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    httpd.shutdown()
    httpd.server_close()


def _problems(path) -> list[str]:
    with pytest.raises(InputError) as info:
        read_projects(path)
    return [str(p) for p in info.value.problems]


VRT = """<OGRVRTDataSource><OGRVRTLayer name="p"><SrcDataSource>{src}</SrcDataSource>
<GeometryType>wkbNone</GeometryType></OGRVRTLayer></OGRVRTDataSource>"""


def test_a_vrt_under_a_geojson_name_is_refused_and_reads_nothing(tmp_path, server):
    url, hits = server
    local = tmp_path / "passwd.geojson"
    local.write_text(VRT.format(src="CSV:/etc/passwd"), encoding="utf-8")
    remote = tmp_path / "remote.geojson"
    remote.write_text(VRT.format(src=f"/vsicurl/{url}/x.csv"), encoding="utf-8")
    for path in (local, remote):
        [problem] = _problems(path)
        assert problem.startswith(f"{path}: expected GeoJSON: JSON text in UTF-8")
    assert hits == []


def test_a_vrt_under_a_kml_name_or_in_a_zip_is_refused(tmp_path, server):
    url, hits = server
    kml = tmp_path / "x.kml"
    kml.write_text(VRT.format(src=f"/vsicurl/{url}/x.csv"), encoding="utf-8")
    assert _problems(kml) == [f"{kml}: expected KML: a document whose root is <kml>, found <OGRVRTDataSource>"]
    archive = tmp_path / "x.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a.vrt", VRT.format(src=f"/vsicurl/{url}/x.csv"))
    assert _problems(archive) == [
        f"{archive}: expected a zip of shapefile parts (.shp .shx .dbf .prj .cpg), found 'a.vrt'"
    ]
    assert hits == []


def test_a_linked_geojson_crs_is_not_followed(tmp_path, server):
    url, hits = server
    doc = {
        "type": "FeatureCollection",
        "crs": {"type": "link", "properties": {"href": f"{url}/crs.wkt", "type": "ogcwkt"}},
        "features": [],
    }
    path = tmp_path / "link.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert _problems(path) == [
        f'{path}: expected GeoJSON: a "crs" of type "name" such as EPSG:4547 (a linked CRS is not followed)'
    ]
    assert hits == []


def test_kml_network_links_and_entities_are_refused(tmp_path, server):
    url, hits = server
    link = tmp_path / "link.kml"
    link.write_text(
        f'<kml xmlns="http://www.opengis.net/kml/2.2"><NetworkLink><Link><href>{url}/a.kml</href></Link></NetworkLink></kml>',
        encoding="utf-8",
    )
    assert _problems(link) == [f"{link}: expected KML without NetworkLink (linked documents are not fetched)"]
    xxe = tmp_path / "xxe.kml"
    xxe.write_text(
        '<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY x SYSTEM "file:///etc/passwd">]><kml><Placemark><name>&x;</name></Placemark></kml>',
        encoding="utf-8",
    )
    assert _problems(xxe) == [f"{xxe}: expected KML without a DOCTYPE or entities (external entities are not read)"]
    assert hits == []


def test_gdal_reads_nothing_over_the_network_while_reading(server):
    """The second line of defence: even a /vsicurl/ path given to GDAL directly fetches nothing."""
    import pyogrio

    from geo.gisfiles import _offline

    url, hits = server
    with _offline(), pytest.raises(pyogrio.errors.DataSourceError):
        pyogrio.read_dataframe(f"/vsicurl/{url}/x.geojson")
    assert hits == []
    # Outside the reader GDAL is as it was: the same request reaches the server (so the count above means something).
    assert len(pyogrio.read_dataframe(f"/vsicurl/{url}/x.geojson")) == 0
    assert hits != []


def test_build_offline_with_hostile_projects_fetches_nothing(tmp_path, server):
    url, hits = server
    path = tmp_path / "evil.geojson"
    path.write_text(VRT.format(src=f"/vsicurl/{url}/x.csv"), encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "geo",
            "build",
            "data",
            "--offline",
            "-o",
            str(tmp_path / "maps"),
            "--projects",
            str(path),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"{path}：应为GeoJSON" in done.stderr or "GeoJSON" in done.stderr
    assert hits == [] and not (tmp_path / "maps").exists()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.gpkg", b"not sqlite", "a GeoPackage (an SQLite database), found other content under a .gpkg name"),
        ("a.shp", b"\x00\x00\x00\x01", "a shapefile (.shp) whose header is a shapefile's, in a.shp"),
        ("a.geojson", b'{"type":"Point","coordinates":[NaN,1]}', "GeoJSON without NaN (JSON has no such number)"),
        (
            "a.geojson",
            b'{"type":"Topology"}',
            "GeoJSON: an object whose type is FeatureCollection, Feature or a geometry",
        ),
    ],
)
def test_content_must_be_what_the_name_says(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    assert _problems(path) == [f"{path}: expected {expected}"]


def test_a_zip_with_too_many_shapefiles_or_an_escaping_name(tmp_path):
    from geo.gisfiles import MAX_SHAPEFILES, _zip_members

    header = (9994).to_bytes(4, "big") + bytes(96)
    many = tmp_path / "many.zip"
    with zipfile.ZipFile(many, "w") as z:
        for i in range(MAX_SHAPEFILES + 1):
            z.writestr(f"p{i}.shp", header)
    with pytest.raises(GeoError, match=f"a zip of at most {MAX_SHAPEFILES} shapefiles, found {MAX_SHAPEFILES + 1}"):
        _zip_members(many)
    escaping = tmp_path / "up.zip"
    with zipfile.ZipFile(escaping, "w") as z:
        z.writestr("../p.shp", header)
    with pytest.raises(GeoError, match=r"found '\.\./p\.shp'"):
        _zip_members(escaping)


def test_metres_read_as_degrees_are_refused(tmp_path):
    """A projected GeoJSON without a crs would be read as degrees, far outside China: refused, unless the zone
    stands in front of its eastings (tests/test_projects.py reads those in their zone)."""
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": "地块"},
                "geometry": {"type": "Point", "coordinates": [512342.575, 4153957.597]},
            }
        ],
    }
    path = tmp_path / "metres.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    [problem] = _problems(path)
    assert problem.startswith(f"{path} row 1, column geometry: expected coordinates in China (73°–136°E, 3°–54°N)")
