"""Maps: HTML map files that officers open from a folder, online or on an intranet.

A map is one self-contained HTML file: folium lays out the page and the map;
Leaflet 1.9.3 (from the XStatic-Leaflet package), its CSS and images, the
map's own controls (``assets/map.js``, ``assets/map.css``) and the data are all
inside the file.  The only requests a map makes are for base-map tiles, and
with ``offline`` there are none unless a tile URL is given (an intranet tile
server); the map then shows a plain background.

Data reaches the page as JSON in ``<script type="application/json">`` with
``<``, ``>`` and ``&`` escaped, and the page's script puts every text from
data into the page as text, never as HTML.
"""

from __future__ import annotations

import base64
import json
import math
import os
import re
from importlib import resources
from pathlib import Path

import folium
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Template

from geo.errors import GeoError
from geo.files import feature_collection

__all__ = ["BASE_LAYERS", "LEVEL_STYLES", "build_maps", "map_html", "map_payload"]

#: Zone levels: print-safe fills that stay apart in grey scale, and distinct outlines.
LEVEL_STYLES = (
    {"level": "一级", "key": "1", "fill": "#d7301f", "stroke": "#7f0000", "opacity": 0.55, "dash": None},
    {"level": "二级", "key": "2", "fill": "#fdae61", "stroke": "#b35806", "opacity": 0.45, "dash": "6 4"},
    {"level": "准保护区", "key": "3", "fill": "#abd9e9", "stroke": "#2c7bb6", "opacity": 0.40, "dash": "2 4"},
)

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
_TIANDITU = "https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk="
#: Environment variable holding a Tianditu key (tk); the layer is offered only when it is set.
TIANDITU_KEY_ENV = "TIANDITU_KEY"
_GCJ02_HOSTS = ("autonavi", "amap", "gaode", "map.qq.com", "gtimg", "sogou")

_STATUS_RANK = {"mismatch": 3, "not_derivable": 2, "not_stated": 1, "match": 0}

L10N = {
    "zh": {
        "legend": "图例",
        "wellLayer": "水源井",
        "undrawnLegend": "无法由表推出的保护区（未绘制）",
        "search": "按名称或编码查找水源",
        "noMatch": "没有匹配的水源",
        "fullscreen": "全屏",
        "measure": "测量距离和面积（单击地图加点，再次单击按钮结束）",
        "measureHint": "单击地图加点",
        "distance": "距离",
        "area": "面积",
        "code": "水源编码",
        "wells": "水源井",
        "rule": "划定方案",
        "statedArea": "批复面积",
        "measuredArea": "实测面积",
        "statedPerimeter": "批复周长",
        "measuredPerimeter": "实测外周长",
        "allBoundaries": "含内圈",
        "statusLabel": "核对结果",
        "approval": "批复",
        "location": "位置",
        "depth": "井深",
        "aquifer": "含水层",
        "coordinates": "坐标（经度, 纬度）",
        "designSupply": "设计供水量",
        "actualSupply": "实际供水量",
        "supplyUnit": "万m³/年",
        "supplyShared": "全水源合计，不按井相加",
        "notDrawn": "此保护区边界依据地形划定，无法由批复表推出，地图上未绘制。",
        "notDrawnShort": "未绘制",
        "status": {"match": "一致", "mismatch": "不一致", "not_derivable": "无法推出", "not_stated": "未列数字"},
        "all": "全部批复",
        "titleSuffix": "饮用水水源保护区",
    },
    "en": {
        "legend": "Legend",
        "wellLayer": "Wells",
        "undrawnLegend": "Zone not derivable from the table (not drawn)",
        "search": "Find a source by name or code",
        "noMatch": "No source matches",
        "fullscreen": "Full screen",
        "measure": "Measure distance and area (click the map to add points, click the button again to stop)",
        "measureHint": "Click the map to add points",
        "distance": "Distance",
        "area": "Area",
        "code": "Source code",
        "wells": "Wells",
        "rule": "Rule (划定方案)",
        "statedArea": "Stated area",
        "measuredArea": "Measured area",
        "statedPerimeter": "Stated perimeter",
        "measuredPerimeter": "Measured outer perimeter",
        "allBoundaries": "all boundaries",
        "statusLabel": "Check",
        "approval": "Approval",
        "location": "Location",
        "depth": "Depth",
        "aquifer": "Aquifer",
        "coordinates": "Coordinates (lon, lat)",
        "designSupply": "Design supply",
        "actualSupply": "Actual supply",
        "supplyUnit": "10⁴ m³/year",
        "supplyShared": "for the whole source, not per well",
        "notDrawn": "This zone is bounded by terrain and cannot be derived from the approval's table; it is not drawn.",
        "notDrawnShort": "not drawn",
        "status": {
            "match": "match",
            "mismatch": "mismatch",
            "not_derivable": "not derivable",
            "not_stated": "no figures",
        },
        "all": "all approvals",
        "titleSuffix": "drinking-water source protection zones",
    },
}
_LEVEL_LABELS = {"en": {"一级": "Level 1 (一级)", "二级": "Level 2 (二级)", "准保护区": "Buffer (准保护区)"}}


def base_layers(offline: bool, tiles: str | None, lang: str) -> list[dict]:
    """The base maps a map offers, first one shown.

    Online: OpenStreetMap, Esri imagery, Tianditu when ``TIANDITU_KEY`` is set,
    and ``tiles`` (first, when given).  Offline: only ``tiles``.

    Examples
    --------
    >>> [b["name"] for b in base_layers(True, "http://tiles.local/{z}/{x}/{y}.png", "zh")]
    ['自定义瓦片']
    >>> base_layers(True, None, "zh")
    []
    """
    layers = []
    if tiles:
        _check_tiles(tiles)
        layers.append(
            {"name": "自定义瓦片" if lang == "zh" else "Custom tiles", "url": tiles, "options": {"maxZoom": 19}}
        )
    if offline:
        return layers
    for spec in BASE_LAYERS.values():
        layers.append({"name": spec["name"][lang], "url": spec["url"], "options": dict(spec["options"])})
    key = os.environ.get(TIANDITU_KEY_ENV, "").strip()
    if key:
        layers.append(
            {
                "name": "天地图" if lang == "zh" else "Tianditu",
                "url": _TIANDITU + key,
                "options": {"maxZoom": 18, "subdomains": "01234567", "attribution": "© 天地图"},
            }
        )
    return layers


def _check_tiles(url: str) -> None:
    if not all(part in url for part in ("{z}", "{x}", "{y}")):
        raise GeoError(
            f"--tiles: expected a tile URL template with {{z}}, {{x}} and {{y}}, such as http://tiles.local/{{z}}/{{x}}/{{y}}.png, got {url!r}"
        )
    if any(host in url.lower() for host in _GCJ02_HOSTS):
        raise GeoError(
            f"--tiles: expected tiles in WGS84/CGCS2000; {url!r} serves GCJ-02 (Gaode/AMap, Tencent, Sogou), "
            "on which the zones would be drawn about 550 m out of place"
        )


def _round(value, places):
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return None
    return round(float(value), places)


def map_payload(
    approvals,
    zones: pd.DataFrame,
    wells: pd.DataFrame,
    *,
    title: str,
    lang: str = "zh",
    offline: bool = False,
    tiles: str | None = None,
) -> dict:
    """Everything the page's script needs, as plain JSON-ready data.

    ``zones`` must carry the check columns (:func:`geo.validation.checked_zones`).
    """
    collection = feature_collection(zones, wells)
    centres = _source_centres(wells)
    per_source = wells.groupby(["doc_no", "source_code"]).size().to_dict()
    for feature in collection["features"]:
        p = feature["properties"]
        key = (p["doc_no"], p["source_code"])
        if p["kind"] == "zone":
            p["stated_area_text"] = _text_of(zones, p, "stated_area_text")
            p["stated_perimeter_text"] = _text_of(zones, p, "stated_perimeter_text")
            for name in ("area_m2", "perimeter_m", "outer_perimeter_m"):
                p[name] = _round(p.get(name), 2)
            if feature["geometry"] is None:
                p["marker_lon"], p["marker_lat"] = (round(v, 7) for v in centres[key])
        elif p["kind"] == "well":
            p["wells_in_source"] = int(per_source[key])
            p["lon_deg"], p["lat_deg"] = round(p["lon_deg"], 9), round(p["lat_deg"], 9)
    levels = [
        dict(style, label=_LEVEL_LABELS.get(lang, {}).get(style["level"], style["level"])) for style in LEVEL_STYLES
    ]
    return {
        "title": title,
        "lang": lang,
        "l10n": L10N[lang],
        "levels": levels,
        "approvals": [{"doc_no": a.doc_no, "title": a.title, "date": a.date, "issuer": a.issuer} for a in approvals],
        "sources": _sources(zones, wells, lang),
        "baseLayers": base_layers(offline, tiles, lang),
        "features": collection,
    }


def _text_of(zones: pd.DataFrame, p: dict, column: str) -> str:
    match = zones[(zones.doc_no == p["doc_no"]) & (zones.source_code == p["source_code"]) & (zones.level == p["level"])]
    return str(match.iloc[0][column]) if len(match) else ""


def _source_centres(wells: pd.DataFrame) -> dict:
    grouped = wells.groupby(["doc_no", "source_code"])[["lon_deg", "lat_deg"]].mean()
    return {key: (row.lon_deg, row.lat_deg) for key, row in grouped.iterrows()}


def _sources(zones: pd.DataFrame, wells: pd.DataFrame, lang: str) -> list[dict]:
    status_words = L10N[lang]["status"]
    out = []
    for (doc_no, code), group in wells.groupby(["doc_no", "source_code"], sort=False):
        own = zones[(zones.doc_no == doc_no) & (zones.source_code == code)]
        status = max(own["status"], key=_STATUS_RANK.get) if len(own) else "not_stated"
        shapes = [g for g in own.geometry if g is not None]
        lons = list(group.lon_deg)
        lats = list(group.lat_deg)
        for geom in shapes:
            x0, y0, x1, y1 = geom.bounds
            lons += [x0, x1]
            lats += [y0, y1]
        summary = (
            "，".join(f"{z.level}{status_words[z.status]}" for z in own.itertuples())
            if lang == "zh"
            else ", ".join(f"{z.level} {status_words[z.status]}" for z in own.itertuples())
        )
        out.append(
            {
                "doc_no": doc_no,
                "code": code,
                "name": group.source_name.iloc[0],
                "status": status,
                "summary": summary,
                "bounds": [[round(min(lats), 7), round(min(lons), 7)], [round(max(lats), 7), round(max(lons), 7)]],
                "centre": [round(float(np.mean(group.lat_deg)), 7), round(float(np.mean(group.lon_deg)), 7)],
            }
        )
    return out


# --- the page -------------------------------------------------------------------------


class _Page(folium.Map):
    """A folium map whose scripts and styles are inlined, never fetched from a CDN."""

    default_js: list = []
    default_css: list = []


class _ZoneLayers(MacroElement):
    """The map's own layers and controls (assets/map.js), run after the map exists."""

    _template = Template(
        "{% macro script(this, kwargs) %}\ngeoBuildMap({{ this._parent.get_name() }});\n{% endmacro %}"
    )

    def __init__(self):
        super().__init__()
        self._name = "ZoneLayers"
        self._id = "main"


def _asset(name: str) -> str:
    return resources.files("geo").joinpath("assets", name).read_text(encoding="utf-8")


def _leaflet() -> tuple[str, str]:
    """Leaflet's JS and CSS from XStatic-Leaflet, images inlined as data URIs."""
    import xstatic.pkg.leaflet as leaflet

    base = Path(leaflet.BASE_DIR)
    js = (base / "leaflet.js").read_text(encoding="utf-8")
    js = re.sub(r"\n//# sourceMappingURL=.*\s*$", "\n", js)
    css = (base / "leaflet.css").read_text(encoding="utf-8")

    def inline(match: re.Match) -> str:
        data = base64.b64encode((base / match[1]).read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    css = re.sub(r"url\((images/[\w.-]+\.png)\)", inline, css)
    return js, css


def _script_json(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def map_html(payload: dict) -> str:
    """The HTML of one map; the same payload always gives the same bytes."""
    from html import escape

    centre = payload["sources"][0]["centre"] if payload["sources"] else [37.5, 111.2]
    page = _Page(location=centre, zoom_start=12, tiles=None, control_scale=False)
    page._id = "zones"
    root = page.get_root()
    leaflet_js, leaflet_css = _leaflet()
    root.header.add_child(Element(f"<title>{escape(payload['title'])}</title>"), name="title")
    root.header.add_child(Element(f"<style>{leaflet_css}</style>\n<style>{_asset('map.css')}</style>"), name="styles")
    root.header.add_child(
        Element(f"<script>{leaflet_js}</script>\n<script>{_asset('map.js')}</script>"), name="scripts"
    )
    root.html.add_child(
        Element(f'<script type="application/json" id="geo-data">{_script_json(payload)}</script>'), name="data"
    )
    page.add_child(_ZoneLayers())
    html = root.render()
    html = html.replace("<html>", f'<html lang="{"zh-CN" if payload["lang"] == "zh" else "en"}">', 1)
    return html


# --- the build ------------------------------------------------------------------------


def _slug(approval) -> str:
    import hashlib

    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(approval.folder).name).strip("-.")
    if not slug or slug.lower() in {"index", "zones"}:
        slug = "approval-" + hashlib.sha1(approval.doc_no.encode("utf-8")).hexdigest()[:10]
    return slug


def build_maps(
    approvals, zones, wells, outdir: str | Path, *, offline: bool = False, tiles: str | None = None, lang: str = "zh"
) -> list[Path]:
    """Write ``index.html`` (every approval), one map per approval, and their GeoJSON.

    Every file is generated before any is replaced, and each replaces its old
    version by a rename, so a failed build leaves the previous files as they were.

    Returns
    -------
    list of Path
        The files written, index first.
    """
    from geo.files import write_text_atomic

    outdir = Path(outdir)
    words = L10N[lang]
    pages: dict[str, str] = {}
    title_all = (
        f"{words['titleSuffix']} · {words['all']}"
        if len(approvals) > 1
        else f"{approvals[0].doc_no} · {words['titleSuffix']}"
    )
    pages["index.html"] = map_html(
        map_payload(approvals, zones, wells, title=title_all, lang=lang, offline=offline, tiles=tiles)
    )
    pages["zones.geojson"] = json.dumps(feature_collection(zones, wells), ensure_ascii=False, indent=1)
    seen: set[str] = set()
    for approval in approvals:
        slug = _slug(approval)
        while slug in seen:
            slug += "-2"
        seen.add(slug)
        mine_z = zones[zones.doc_no == approval.doc_no]
        mine_w = wells[wells.doc_no == approval.doc_no]
        title = f"{approval.doc_no} · {approval.title or words['titleSuffix']}"
        pages[f"{slug}.html"] = map_html(
            map_payload([approval], mine_z, mine_w, title=title, lang=lang, offline=offline, tiles=tiles)
        )
        pages[f"{slug}.geojson"] = json.dumps(feature_collection(mine_z, mine_w), ensure_ascii=False, indent=1)
    written = []
    for name, text in pages.items():
        write_text_atomic(outdir / name, text)
        written.append(outdir / name)
    return written


def add_build_arguments(parser) -> None:
    """The options of ``python -m geo build``."""
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="approval folder(s) or a folder of them (default: data)"
    )
    parser.add_argument("-o", "--output", default="maps", metavar="OUTDIR", help="folder for the maps (default: maps)")
    parser.add_argument("--offline", action="store_true", help="make no network request: base tiles only from --tiles")
    parser.add_argument(
        "--tiles",
        metavar="URL",
        help="a tile URL template such as http://tiles.local/{z}/{x}/{y}.png (an intranet server)",
    )
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the maps (default zh)")


def run_build(args, load) -> int:
    """Run ``python -m geo build`` with parsed ``args``; ``load`` reads approvals."""
    approvals, zones, wells = load(args.paths or ["data"])
    written = build_maps(approvals, zones, wells, args.output, offline=args.offline, tiles=args.tiles, lang=args.lang)
    for path in written:
        print(f"wrote {path}")
    return 0
