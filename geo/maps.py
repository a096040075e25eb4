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
import os
import re
from importlib import resources
from pathlib import Path

import folium
import numpy as np
import pandas as pd
import shapely
from branca.element import Element, MacroElement
from jinja2 import Template

from geo.conflicts import COLUMNS as CONFLICT_COLUMNS
from geo.errors import GeoError
from geo.files import WELL_PROPERTIES, ZONE_PROPERTIES, collection_text, feature_texts, zones_geojson
from geo.projects import PROJECT_PROPERTIES

__all__ = ["BASE_LAYERS", "LEVEL_STYLES", "build_maps", "map_html", "map_payload"]

#: Zone levels: print-safe fills that stay apart in grey scale, and distinct outlines.
LEVEL_STYLES = (
    {"level": "一级", "key": "1", "fill": "#d7301f", "stroke": "#7f0000", "opacity": 0.55, "dash": None},
    {"level": "二级", "key": "2", "fill": "#fdae61", "stroke": "#b35806", "opacity": 0.45, "dash": "6 4"},
    {"level": "准保护区", "key": "3", "fill": "#abd9e9", "stroke": "#2c7bb6", "opacity": 0.40, "dash": "2 4"},
)

#: Zones other than the law's three levels (监控区, 缓冲区 …), each under its own name.
OTHER_LEVEL_STYLE = {"fill": "#9e9ac8", "stroke": "#54278f", "opacity": 0.35, "dash": "1 4"}

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

#: Zone outlines on maps are thinned to this tolerance (about 1.5 cm), invisible at any zoom;
#: the GeoJSON files beside the maps keep every vertex.
DISPLAY_SIMPLIFY_DEG = 1.5e-7

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
        "notDrawn": "此保护区无法由批复表推出（原因见下方说明），地图上未绘制。",
        "notDrawnShort": "未绘制",
        "status": {"match": "一致", "mismatch": "不一致", "not_derivable": "无法推出", "not_stated": "未列数字"},
        "all": "全部批复",
        "titleSuffix": "饮用水水源保护区",
        "projectLayer": "建设项目",
        "conflictLegend": "与保护区冲突的项目",
        "projectName": "项目",
        "projectDoc": "文号",
        "statedProjectArea": "批复面积",
        "planeArea": "平面面积",
        "ellipsoidArea": "椭球面积",
        "areaCheck": "面积核对",
        "conflicts": "与保护区关系",
        "noConflict": "未位于、未接触任何保护区",
        "relation": {"inside": "位于", "intersects": "压占/接触", "near": "邻近"},
        "overlap": "重叠",
        "distanceTo": "距离",
        "zoneWord": "保护区",
        "unlocatedTitle": "只有地名的项目（未定位，不作冲突判断）",
        "unlocatedHint": "位置精度",
        "lawKey": "law",
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
        "notDrawn": "This zone cannot be derived from the approval's table (the note below says why); it is not drawn.",
        "notDrawnShort": "not drawn",
        "status": {
            "match": "match",
            "mismatch": "mismatch",
            "not_derivable": "not derivable",
            "not_stated": "no figures",
        },
        "all": "all approvals",
        "titleSuffix": "drinking-water source protection zones",
        "projectLayer": "Projects",
        "conflictLegend": "Project in conflict with a zone",
        "projectName": "Project",
        "projectDoc": "Document",
        "statedProjectArea": "Stated area",
        "planeArea": "Plane area",
        "ellipsoidArea": "Ellipsoidal area",
        "areaCheck": "Area check",
        "conflicts": "Relation to zones",
        "noConflict": "Not in or touching any zone",
        "relation": {"inside": "inside", "intersects": "overlaps/touches", "near": "near"},
        "overlap": "overlap",
        "distanceTo": "distance",
        "zoneWord": "zone",
        "unlocatedTitle": "Projects known by place name only (not located, not checked for conflicts)",
        "unlocatedHint": "location precision",
        "lawKey": "law_en",
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


_MAP_ZONE_COLUMNS = (*ZONE_PROPERTIES, "marker_lon", "marker_lat")
_MAP_WELL_COLUMNS = (*WELL_PROPERTIES, "wells_in_source")
_FEATURES = "@@FEATURES@@"


def map_payload(
    approvals,
    zones: pd.DataFrame,
    wells: pd.DataFrame,
    *,
    title: str,
    lang: str = "zh",
    offline: bool = False,
    tiles: str | None = None,
    projects: pd.DataFrame | None = None,
    conflicts: pd.DataFrame | None = None,
) -> str:
    """Everything the page's script needs, as JSON text safe inside ``<script>``.

    ``zones`` must carry the check columns (:func:`geo.validation.checked_zones`).
    Zone outlines are thinned to :data:`DISPLAY_SIMPLIFY_DEG`; a zone that is not
    drawn gets a marker position at its source's wells.
    """
    keys = ["doc_no", "source_code"]
    centres = wells.groupby(keys)[["lon_deg", "lat_deg"]].mean()
    centre_lon = pd.MultiIndex.from_frame(zones[keys]).map(centres["lon_deg"].to_dict())
    centre_lat = pd.MultiIndex.from_frame(zones[keys]).map(centres["lat_deg"].to_dict())
    undrawn = zones.geometry.isna().to_numpy()
    shown = zones.assign(
        area_m2=zones["area_m2"].round(2),
        perimeter_m=zones["perimeter_m"].round(2),
        outer_perimeter_m=zones["outer_perimeter_m"].round(2),
        marker_lon=np.where(undrawn, np.round(np.asarray(centre_lon, dtype=float), 7), np.nan),
        marker_lat=np.where(undrawn, np.round(np.asarray(centre_lat, dtype=float), 7), np.nan),
    )
    counts = wells.groupby(keys)["source_code"].transform("size")
    shown_wells = wells.assign(
        wells_in_source=counts.astype(int), lon_deg=wells["lon_deg"].round(9), lat_deg=wells["lat_deg"].round(9)
    )
    features = feature_texts(shown, "zone", _MAP_ZONE_COLUMNS, DISPLAY_SIMPLIFY_DEG) + feature_texts(
        shown_wells, "well", _MAP_WELL_COLUMNS
    )
    unlocated: list[dict] = []
    if projects is not None and len(projects):
        located = projects[projects.geometry.notna()]
        features += feature_texts(_with_conflicts(located, conflicts), "project", (*PROJECT_PROPERTIES, "conflicts"))
        unlocated = _unlocated(projects[projects.geometry.isna()])
    levels = [
        dict(style, label=_LEVEL_LABELS.get(lang, {}).get(style["level"], style["level"])) for style in LEVEL_STYLES
    ]
    statutory = {style["level"] for style in LEVEL_STYLES}
    for n, level in enumerate(dict.fromkeys(lv for lv in zones["level"] if lv not in statutory), start=1):
        # Zones approvals add besides the law's three (监控区 …): drawn under their own name.
        levels.append(dict(OTHER_LEVEL_STYLE, level=level, key=f"o{n}", label=level))
    head = {
        "title": title,
        "lang": lang,
        "l10n": L10N[lang],
        "levels": levels,
        "approvals": [{"doc_no": a.doc_no, "title": a.title, "date": a.date, "issuer": a.issuer} for a in approvals],
        "sources": _sources(zones, wells, lang),
        "baseLayers": base_layers(offline, tiles, lang),
        "unlocated": unlocated,
        "features": _FEATURES,
    }
    text = json.dumps(head, ensure_ascii=False, separators=(",", ":"))
    text = text.replace(f'"{_FEATURES}"', collection_text(features), 1)
    # Inside <script>, "<" and ">" could close the element: write them as JSON escapes.
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _with_conflicts(located: pd.DataFrame, conflicts: pd.DataFrame | None) -> pd.DataFrame:
    """Projects with a ``conflicts`` column: for each, the zones it lies in, touches or nears."""
    keep = [c for c in CONFLICT_COLUMNS if c not in ("project", "project_doc_no", "project_index", "doc_no")]
    found: dict = {}
    if conflicts is not None:
        for row in conflicts.to_dict("records"):
            found.setdefault(row["project_index"], []).append({k: row[k] for k in keep})
    return located.assign(conflicts=[found.get(i, []) for i in located.index])


def _unlocated(projects: pd.DataFrame) -> list[dict]:
    """Projects known only by a place name, grouped by county: listed, never drawn."""
    # Where the location is itself a county (precision 县（市、区）), it is the group.
    county = projects["county"].where(
        projects["county"] != "", projects["location"].where(projects["precision"] == "县（市、区）", "")
    )
    groups = []
    for name, group in projects.groupby(county.where(county != "", "（未注明）"), sort=False):
        items = [
            {"name": r.name, "doc_no": r.doc_no, "location": r.location, "precision": r.precision}
            for r in group.itertuples()
        ]
        groups.append({"county": name, "items": items})
    return groups


def _sources(zones: pd.DataFrame, wells: pd.DataFrame, lang: str) -> list[dict]:
    """One entry per source for the side panel: status (the worst of its zones), bounds, centre."""
    keys = ["doc_no", "source_code"]
    words = L10N[lang]["status"]
    joiner, space = ("，", "") if lang == "zh" else (", ", " ")
    x0, y0, x1, y1 = (np.full(len(zones), np.nan) for _ in range(4))
    drawn = zones.geometry.notna().to_numpy()
    if drawn.any():
        box = shapely.bounds(np.asarray(zones.geometry.array, dtype=object)[drawn])
        x0[drawn], y0[drawn], x1[drawn], y1[drawn] = box.T
    z = (
        pd.DataFrame(
            {
                "doc_no": zones["doc_no"].to_numpy(),
                "source_code": zones["source_code"].to_numpy(),
                "rank": zones["status"].map(_STATUS_RANK).to_numpy(),
                "words": (zones["level"] + space + zones["status"].map(words)).to_numpy(),
                "x0": x0,
                "y0": y0,
                "x1": x1,
                "y1": y1,
            }
        )
        .groupby(keys, sort=False)
        .agg(
            rank=("rank", "max"),
            summary=("words", joiner.join),
            x0=("x0", "min"),
            y0=("y0", "min"),
            x1=("x1", "max"),
            y1=("y1", "max"),
        )
    )
    w = wells.groupby(keys, sort=False).agg(
        name=("source_name", "first"),
        lon0=("lon_deg", "min"),
        lat0=("lat_deg", "min"),
        lon1=("lon_deg", "max"),
        lat1=("lat_deg", "max"),
        lon=("lon_deg", "mean"),
        lat=("lat_deg", "mean"),
    )
    table = w.join(z, how="left")
    by_rank = {rank: status for status, rank in _STATUS_RANK.items()}
    out = []
    for (doc_no, code), r in zip(table.index, table.itertuples(index=False), strict=True):
        south, west = np.nanmin([r.lat0, r.y0]), np.nanmin([r.lon0, r.x0])
        north, east = np.nanmax([r.lat1, r.y1]), np.nanmax([r.lon1, r.x1])
        out.append(
            {
                "doc_no": doc_no,
                "code": code,
                "name": r.name,
                "status": by_rank.get(r.rank, "not_stated"),
                "summary": r.summary if isinstance(r.summary, str) else "",
                "bounds": [
                    [round(float(south), 7), round(float(west), 7)],
                    [round(float(north), 7), round(float(east), 7)],
                ],
                "centre": [round(float(r.lat), 7), round(float(r.lon), 7)],
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


def _raw(text: str) -> Element:
    """An element that prints ``text`` as it is.

    ``Element(text)`` would compile ``text`` as a Jinja template, so that
    ``{{ … }}`` in a name from a data file would run: data is never template source.
    """
    element = Element("{{ this.body }}")
    element.body = text
    return element


def map_html(payload: str, *, title: str, lang: str, centre: list[float]) -> str:
    """The HTML of one map from :func:`map_payload`; the same input always gives the same bytes."""
    from html import escape

    page = _Page(location=centre, zoom_start=12, tiles=None, control_scale=False)
    page._id = "zones"
    root = page.get_root()
    leaflet_js, leaflet_css = _leaflet()
    root.header.add_child(_raw(f"<title>{escape(title)}</title>"), name="title")
    root.header.add_child(_raw(f"<style>{leaflet_css}</style>\n<style>{_asset('map.css')}</style>"), name="styles")
    root.header.add_child(_raw(f"<script>{leaflet_js}</script>\n<script>{_asset('map.js')}</script>"), name="scripts")
    root.html.add_child(_raw(f'<script type="application/json" id="geo-data">{payload}</script>'), name="data")
    page.add_child(_ZoneLayers())
    html = root.render()
    return html.replace("<html>", f'<html lang="{"zh-CN" if lang == "zh" else "en"}">', 1)


def _page(
    approvals, zones, wells, *, title: str, lang: str, offline: bool, tiles: str | None, projects=None, conflicts=None
) -> str:
    payload = map_payload(
        approvals,
        zones,
        wells,
        title=title,
        lang=lang,
        offline=offline,
        tiles=tiles,
        projects=projects,
        conflicts=conflicts,
    )
    centre = [float(wells["lat_deg"].mean()), float(wells["lon_deg"].mean())] if len(wells) else [37.5, 111.2]
    return map_html(payload, title=title, lang=lang, centre=[round(v, 7) for v in centre])


# --- the build ------------------------------------------------------------------------


def _slug(approval) -> str:
    import hashlib

    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(approval.folder).name).strip("-.")
    if not slug or slug.lower() in {"index", "zones"}:
        slug = "approval-" + hashlib.sha1(approval.doc_no.encode("utf-8")).hexdigest()[:10]
    return slug


def build_maps(
    approvals,
    zones,
    wells,
    outdir: str | Path,
    *,
    offline: bool = False,
    tiles: str | None = None,
    lang: str = "zh",
    projects=None,
) -> list[Path]:
    """Write ``index.html`` (every approval), one map per approval, and their GeoJSON.

    Every file is generated and written into a new folder beside ``outdir``,
    which then takes its place in one step (:func:`geo.files.write_folder_atomic`),
    so a failed or killed build leaves the previous maps as they were, and
    files in ``outdir`` that the build does not write are kept.

    Returns
    -------
    list of Path
        The files written, index first.
    """
    from geo.files import write_folder_atomic

    outdir = Path(outdir)
    words = L10N[lang]
    pages: dict[str, str] = {}
    title_all = (
        f"{words['titleSuffix']} · {words['all']}"
        if len(approvals) > 1
        else f"{approvals[0].doc_no} · {words['titleSuffix']}"
    )
    conflicts = None
    if projects is not None:
        from geo.conflicts import find_conflicts

        conflicts = find_conflicts(zones, projects)
    options = {"lang": lang, "offline": offline, "tiles": tiles, "projects": projects, "conflicts": conflicts}
    pages["index.html"] = _page(approvals, zones, wells, title=title_all, **options)
    pages["zones.geojson"] = zones_geojson(zones, wells)
    seen: set[str] = set()
    for approval in approvals:
        slug = _slug(approval)
        while slug in seen:
            slug += "-2"
        seen.add(slug)
        mine_z = zones[zones.doc_no == approval.doc_no]
        mine_w = wells[wells.doc_no == approval.doc_no]
        title = f"{approval.doc_no} · {approval.title or words['titleSuffix']}"
        pages[f"{slug}.html"] = _page([approval], mine_z, mine_w, title=title, **options)
        pages[f"{slug}.geojson"] = zones_geojson(mine_z, mine_w)
    return write_folder_atomic(outdir, pages)


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


def run_build(args, load, load_projects) -> int:
    """Run ``python -m geo build`` with parsed ``args``; ``load`` reads approvals, ``load_projects`` projects."""
    approvals, zones, wells = load(args.paths or ["data"])
    projects = load_projects()
    written = build_maps(
        approvals, zones, wells, args.output, offline=args.offline, tiles=args.tiles, lang=args.lang, projects=projects
    )
    for path in written:
        print(f"wrote {path}")
    return 0
