"""Base maps: tile layers in CGCS2000/WGS84 that a map offers, never GCJ-02.

OpenStreetMap and Esri imagery online; Tianditu (vector with its label layer,
imagery with its labels) when ``TIANDITU_KEY`` holds a key; and ``--tiles``,
an intranet tile server, a WMTS node (天地图 provincial nodes among them) or a
folder of tiles beside the map (``tiles/{z}/{x}/{y}.png``).
"""

from __future__ import annotations

import os

from geo.errors import GeoError

__all__ = ["BASE_LAYERS", "base_layers"]

#: Base maps in CGCS2000/WGS84 (GCJ-02 tiles such as Gaode/AMap would shift the zones ~550 m).
BASE_LAYERS = {
    "osm": {
        "name": {"zh": "OpenStreetMap 街道图", "en": "OpenStreetMap"},
        "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "options": {"maxZoom": 19, "attribution": "© OpenStreetMap contributors"},
    },
    "imagery": {
        "name": {"zh": "卫星影像（Esri）", "en": "Satellite imagery (Esri)"},
        "url": "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}",
        "options": {"maxZoom": 19, "attribution": "Imagery © Esri, Maxar, Earthstar Geographics"},
    },
}
_TIANDITU = (
    "https://t{{s}}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER={layer}"
    "&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={{z}}&TILEROW={{y}}&TILECOL={{x}}&tk="
)
#: Tianditu's base layers, each with the label layer drawn over it (Web Mercator, CGCS2000 datum).
TIANDITU_LAYERS = (
    {"name": {"zh": "天地图 矢量", "en": "Tianditu map"}, "layer": "vec", "labels": "cva"},
    {"name": {"zh": "天地图 影像", "en": "Tianditu imagery"}, "layer": "img", "labels": "cia"},
)
#: Environment variable holding a Tianditu key (tk); the layers are offered only when it is set.
TIANDITU_KEY_ENV = "TIANDITU_KEY"
_GCJ02_HOSTS = ("autonavi", "amap", "gaode", "map.qq.com", "gtimg", "sogou")
#: WMTS RESTful placeholders, as GetCapabilities prints them, and Leaflet's names for them.
_WMTS_PLACEHOLDERS = {"{TileMatrix}": "{z}", "{TileRow}": "{y}", "{TileCol}": "{x}"}


def base_layers(offline: bool, tiles: str | None, lang: str) -> list[dict]:
    """The base maps a map offers, first one shown: ``{"name", "url", "options"[, "labels"]}`` each.

    Online: OpenStreetMap, Esri imagery, Tianditu's map and imagery with their
    label layers when ``TIANDITU_KEY`` is set, and ``tiles`` (first, when
    given).  Offline: only ``tiles``.  ``tiles`` may be a ``{z}/{x}/{y}``
    template (a server, or a folder beside the map such as
    ``tiles/{z}/{x}/{y}.png``) or a WMTS template, KVP (``TILEMATRIX={z}…``)
    or RESTful (``{TileMatrix}/{TileRow}/{TileCol}``), in the Web-Mercator
    tile matrix set.

    Examples
    --------
    >>> [b["name"] for b in base_layers(True, "http://tiles.local/{z}/{x}/{y}.png", "zh")]
    ['自定义瓦片']
    >>> base_layers(True, "http://gis.local/wmts/vec/default/w/{TileMatrix}/{TileRow}/{TileCol}.png", "en")[0]["url"]
    'http://gis.local/wmts/vec/default/w/{z}/{y}/{x}.png'
    >>> base_layers(True, None, "zh")
    []
    """
    layers = []
    if tiles:
        url = tiles
        for wmts, leaflet in _WMTS_PLACEHOLDERS.items():
            url = url.replace(wmts, leaflet)
        _check_tiles(tiles, url)
        layers.append(
            {"name": "自定义瓦片" if lang == "zh" else "Custom tiles", "url": url, "options": {"maxZoom": 19}}
        )
    if offline:
        return layers
    for spec in BASE_LAYERS.values():
        layers.append({"name": spec["name"][lang], "url": spec["url"], "options": dict(spec["options"])})
    key = os.environ.get(TIANDITU_KEY_ENV, "").strip()
    if key:
        options = {"maxZoom": 18, "subdomains": "01234567", "attribution": "© 天地图"}
        for spec in TIANDITU_LAYERS:
            layers.append(
                {
                    "name": spec["name"][lang],
                    "url": _TIANDITU.format(layer=spec["layer"]) + key,
                    "options": dict(options),
                    "labels": {"url": _TIANDITU.format(layer=spec["labels"]) + key, "options": dict(options)},
                }
            )
    return layers


def _check_tiles(given: str, url: str) -> None:
    if not all(part in url for part in ("{z}", "{x}", "{y}")):
        raise GeoError(
            "--tiles: expected a tile URL template with {z}, {x} and {y} (such as http://tiles.local/{z}/{x}/{y}.png "
            f"or tiles/{{z}}/{{x}}/{{y}}.png), or a WMTS one with {{TileMatrix}}, {{TileRow}} and {{TileCol}}, got {given!r}"
        )
    if any(host in url.lower() for host in _GCJ02_HOSTS):
        raise GeoError(
            f"--tiles: expected tiles in WGS84/CGCS2000; {given!r} serves GCJ-02 (Gaode/AMap, Tencent, Sogou), "
            "on which the zones would be drawn about 550 m out of place"
        )
    lowered = url.lower()
    if "tilematrixset=c" in lowered.replace("&amp;", "&") or "/c/{z}" in lowered:
        raise GeoError(
            f"--tiles: expected the Web-Mercator tile matrix set (w, EPSG:3857, GoogleMapsCompatible); {given!r} "
            "asks for the longitude/latitude set (c), whose tiles Leaflet would draw out of place"
        )
