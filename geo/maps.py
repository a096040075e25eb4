"""Maps: HTML map files that officers open from a folder, online or on an intranet.

A map is one self-contained HTML file: folium lays out the page and the map;
Leaflet 1.9.3 (from the XStatic-Leaflet package), its CSS and images, the
map's own controls (``assets/*.js``, ``assets/map.css``) and the data
(:mod:`geo.mapdata`, compressed) are all inside the file.  The only requests a
map makes are for base-map tiles (:mod:`geo.tiles`), and with ``offline``
there are none unless a tile URL is given; the map then shows the county
boundaries it carries (:mod:`geo.geography`) on a plain background.

The page's script puts every text from data into the page as text, never as HTML.
"""

from __future__ import annotations

import base64
import re
from collections import deque
from concurrent.futures import Future
from importlib import resources
from pathlib import Path

import folium
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Template

from geo.files import WELL_PROPERTIES, ZONE_PROPERTIES, GrowingCollection, collection_pieces, feature_texts
from geo.mapdata import map_features, map_payload
from geo.mapwords import L10N

__all__ = ["build_maps", "interactive_map", "map_html"]


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


#: The page's own scripts, in the order they run.
SCRIPTS = ("geodesy.js", "map.js", "geography.js", "symbols.js", "tools.js")


def map_html(payload: str, *, title: str, lang: str, centre: list[float]) -> str:
    """The HTML of one map from :func:`~geo.mapdata.map_payload`; the same input always gives the same bytes.

    The payload travels compressed (:func:`~geo.mapdata.encode_payload`): base64 has no
    character that could end the ``<script>`` element it sits in.
    """
    html = _map_page(payload, title=title, centre=centre).get_root().render()
    return html.replace("<html>", f'<html lang="{"zh-CN" if lang == "zh" else "en"}">', 1)


def _map_page(payload: str, *, title: str, centre: list[float]) -> folium.Map:
    """The folium map of a payload, every script and style inside it, not yet rendered."""
    from html import escape

    from geo.mapdata import encode_payload

    page = _Page(location=centre, zoom_start=12, tiles=None, control_scale=False)
    page._id = "zones"
    root = page.get_root()
    leaflet_js, leaflet_css = _leaflet()
    scripts = "\n".join(f"<script>{_asset(name)}</script>" for name in SCRIPTS)
    root.header.add_child(_raw(f"<title>{escape(title)}</title>"), name="title")
    root.header.add_child(_raw(f"<style>{leaflet_css}</style>\n<style>{_asset('map.css')}</style>"), name="styles")
    root.header.add_child(_raw(f"<script>{leaflet_js}</script>\n{scripts}"), name="scripts")
    data = encode_payload(payload)
    root.html.add_child(
        _raw(f'<script type="application/octet-stream" id="geo-data" data-encoding="gzip+base64">{data}</script>'),
        name="data",
    )
    page.add_child(_ZoneLayers())
    return page


def _centre(wells) -> list[float]:
    wells = wells[wells.geometry.notna()]
    centre = [float(wells["lat_deg"].mean()), float(wells["lon_deg"].mean())] if len(wells) else [37.5, 111.2]
    return [round(v, 7) for v in centre]


def interactive_map(zones, wells, *, approvals=None, projects=None, lang: str = "zh", offline: bool = False, **options):
    """The map ``python -m geo build`` writes, as a folium map for a script or a notebook (``geo.map``).

    It shows inline in Jupyter (folium's ``_repr_html_``) and ``.save("x.html")``
    writes the same self-contained file.  ``zones`` as :func:`geo.build_zones`
    gives them (the check's columns are added when missing); ``wells`` as
    :func:`geo.wells_frame`; ``projects`` as :func:`geo.read_projects`, with
    their conflicts found.  Other options are those of :func:`build_maps`
    (``tiles``, ``canvas``, ``basemap``).

    Examples
    --------
    >>> import geo
    >>> approvals = geo.read_approvals("data/lvzhenghan-2023-93")
    >>> m = geo.map(geo.build_zones(approvals), geo.wells_frame(approvals), approvals=approvals, offline=True)
    >>> "<iframe" in m._repr_html_()
    True
    """
    from types import SimpleNamespace

    from geo.validation import CHECK_COLUMNS, checked_zones

    if not set(CHECK_COLUMNS) <= set(zones.columns):
        zones = checked_zones(zones)
    if approvals is None:  # what the page shows of each approval, from the zones' own 批复文号
        approvals = [SimpleNamespace(doc_no=d, title="", date="", issuer="") for d in dict.fromkeys(zones["doc_no"])]
    title = _title_all(approvals, lang)
    page_options = _options(
        zones, lang, offline, options.get("tiles"), projects, options.get("basemap", ()), options.get("canvas")
    )
    payload = map_payload(approvals, zones, wells, title=title, **page_options)
    return _map_page(payload, title=title, centre=_centre(wells))


# --- the build ------------------------------------------------------------------------

#: Names a per-approval map may not take: the index and the zones beside it.
_RESERVED = {"index", "zones"}


def slug(approval) -> str:
    """A readable file name for an approval's map: its folder name, in pinyin where it is Chinese.

    Falls back on the 批复文号 (in pinyin, made safe) when the folder name gives nothing.

    Examples
    --------
    >>> from types import SimpleNamespace as A
    >>> slug(A(folder="data/lvzhenghan-2023-92", doc_no="吕政函〔2023〕92号"))
    'lvzhenghan-2023-92'
    >>> slug(A(folder="data/中阳县 水源", doc_no="中政函〔2024〕5号"))
    'zhongyangxian-shuiyuan'
    >>> slug(A(folder="data/批复", doc_no="中政函〔2024〕5号"))
    'pifu'
    >>> slug(A(folder="data/index", doc_no="中政函〔2024〕5号"))
    'zhongzhenghan-2024-5-hao'
    """
    for text in (Path(approval.folder).name, approval.doc_no):
        name = _ascii(text)
        if name and name.lower() not in _RESERVED:
            return name
    return "approval"


def page_names(approvals) -> list[str]:
    """The file name (without suffix) of each approval's map and GeoJSON, all different.

    An approval alone in its folder is named by :func:`slug`; approvals that share a folder (a
    register's) by their 批复文号.  A name already taken gets the first of ``-2``, ``-3``, ...
    that is free.

    Examples
    --------
    >>> from types import SimpleNamespace as A
    >>> page_names([A(folder="data/lvzhenghan-2023-92", doc_no="吕政函〔2023〕92号"),
    ...             A(folder="reg", doc_no="中政函〔2024〕5号"), A(folder="reg", doc_no="中政函〔2024〕6号"),
    ...             A(folder="reg", doc_no="中政函（2024）6号")])
    ['lvzhenghan-2023-92', 'zhongzhenghan-2024-5-hao', 'zhongzhenghan-2024-6-hao', 'zhongzhenghan-2024-6-hao-2']
    """
    from collections import Counter

    shared = Counter(str(a.folder) for a in approvals)
    names: list[str] = []
    taken: set[str] = set()
    for approval in approvals:
        if shared[str(approval.folder)] > 1:
            name = _ascii(approval.doc_no)
            name = name if name and name not in _RESERVED else slug(approval)
        else:
            name = slug(approval)
        unique, k = name, 2
        while unique in taken:
            unique, k = f"{name}-{k}", k + 1
        taken.add(unique)
        names.append(unique)
    return names


def _ascii(text: str) -> str:
    """Runs of Chinese characters in pinyin (syllables together), runs of letters and digits as they are, joined by '-'."""
    from pypinyin import lazy_pinyin

    runs = re.findall(r"[\u3400-\u9fff\uf900-\ufaff]+|[A-Za-z0-9]+(?:[._][A-Za-z0-9]+)*", str(text))
    words = ["".join(lazy_pinyin(run)) if not run.isascii() else run for run in runs]
    return "-".join(w.lower() for w in words if w)[:80].strip("-._")


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
    basemap=(),
    canvas: bool | None = None,
) -> list[Path]:
    """Write ``index.html`` (every approval), one map per approval, and their GeoJSON.

    ``index.html`` lists and links every per-approval map; each of those links
    back and opens on its own zones.  ``basemap`` is the office's own layers
    (files read by :func:`geo.geography.office_layers`), drawn on every map.

    Every file is generated and written into a new folder beside ``outdir``,
    which then takes its place in one step (:func:`geo.atomic.write_folder_atomic`),
    so a failed or killed build leaves the previous maps as they were, and
    files in ``outdir`` that the build does not write are kept.

    Returns
    -------
    list of Path
        The files written, index first.
    """
    from geo.files import atomic_folder

    outdir = Path(outdir)
    words = L10N[lang]
    title_all = _title_all(approvals, lang)
    options = _options(zones, lang, offline, tiles, projects, basemap, canvas)
    names = page_names(approvals)
    sources = wells.groupby("doc_no")["source_code"].nunique()
    links = [
        {"href": f"{name}.html", "doc_no": a.doc_no, "title": a.title, "sources": int(sources.get(a.doc_no, 0))}
        for name, a in zip(names, approvals, strict=True)
    ]
    # Each feature is made once, for the index and the one approval's page and GeoJSON it is on.
    features = map_features(zones, wells, options["projects"], options["conflicts"], lang=lang)
    well_texts = np.array(feature_texts(wells, "well", WELL_PROPERTIES), dtype=object)
    # Each approval's rows, found once (a register has thousands of approvals).
    zone_rows, well_rows = _rows_by_doc(zones), _rows_by_doc(wells)
    mine = [(zone_rows.get(a.doc_no, _NONE), well_rows.get(a.doc_no, _NONE)) for a in approvals]
    # The zones' GeoJSON features are made an approval at a time and written as they come, into its file and
    # into zones.geojson, when the approvals take the zones in the frame's order; else all at once first.
    in_order = np.array_equal(np.concatenate([z for z, _ in mine] or [_NONE]), np.arange(len(zones)))
    zone_texts = None if in_order else np.array(feature_texts(zones, "zone", ZONE_PROPERTIES), dtype=object)
    everything = GrowingCollection()
    with atomic_folder(outdir) as out, _Pages(out) as later:
        later.html("index.html", approvals, zones, wells, title=title_all, links=links, features=features, **options)
        if in_order:
            later.append("zones.geojson", everything.head())
        else:
            later.write("zones.geojson", collection_pieces([*zone_texts, *well_texts]))
        for name, approval, (in_z, in_w) in zip(names, approvals, mine, strict=True):
            title = f"{approval.doc_no} · {approval.title or words['titleSuffix']}"
            own = zones.iloc[in_z]
            later.html(
                f"{name}.html",
                [approval],
                own,
                wells.iloc[in_w],
                title=title,
                home="index.html",
                features=features.rows(in_z, in_w),
                **options,
            )
            texts = feature_texts(own, "zone", ZONE_PROPERTIES) if in_order else zone_texts[in_z]
            later.write(f"{name}.geojson", collection_pieces([*texts, *well_texts[in_w]]))
            if in_order:
                later.append("zones.geojson", everything.features(texts))
        if in_order:
            later.append("zones.geojson", [*everything.features(well_texts), *everything.tail()])
    return out.paths


_NONE = np.zeros(0, dtype=np.intp)


def _rows_by_doc(frame) -> dict[str, np.ndarray]:
    """The positions of each 批复文号's rows in ``frame``, ascending."""
    if not len(frame):
        return {}
    codes, docs = pd.factorize(frame["doc_no"], use_na_sentinel=True)
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(docs) + 1))
    return {doc: order[bounds[k] : bounds[k + 1]] for k, doc in enumerate(docs)}


class _Pages:
    """The files of a build, written into ``out`` (:class:`geo.atomic.NewFolder`) in the order they were asked
    for; a page's payload is made here and its HTML (gzip of the payload, folium's template) in threads.

    zlib lets other threads run while it compresses, which is a third of a build's time, so the
    next page's payload is made meanwhile, in one thread a core (at most four).  At most two pages
    a thread wait, and the files before them; each page is the bytes :func:`map_html` makes of its
    payload.  An error in a thread is raised where its page is taken; the pages still waiting are
    then cancelled.
    """

    def __init__(self, out):
        from concurrent.futures import ThreadPoolExecutor

        from geo.zones import MAX_THREADS, cores

        self.out, self.pending, self.waiting = out, deque(), 0
        self.threads = min(cores(), MAX_THREADS)
        self.pool = ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="geo-page")

    def html(self, name, approvals, zones, wells, *, title: str, **options) -> None:
        payload = map_payload(approvals, zones, wells, title=title, **options)
        lang, centre = options.get("lang", "zh"), _centre(wells)
        self.pending.append(
            (self.out.write, name, self.pool.submit(map_html, payload, title=title, lang=lang, centre=centre))
        )
        self.waiting += 1
        while self.waiting > 2 * self.threads:
            self._take()

    def write(self, name: str, text) -> None:
        self.pending.append((self.out.write, name, text))

    def append(self, name: str, pieces) -> None:
        self.pending.append((self.out.append, name, pieces))

    def _take(self) -> None:
        how, name, text = self.pending.popleft()
        if isinstance(text, Future):
            self.waiting -= 1
            text = text.result()
        how(name, text)

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace):
        try:
            while self.pending and kind is None:
                self._take()
        finally:
            for _, _, future in self.pending:
                if isinstance(future, Future):
                    future.cancel()
            self.pool.shutdown(wait=True)
        return False


def _title_all(approvals, lang: str) -> str:
    """The title of a map of ``approvals``: the one approval's number, or "all approvals"."""
    words = L10N[lang]
    if len(approvals) > 1:
        return f"{words['titleSuffix']} · {words['all']}"
    return f"{approvals[0].doc_no} · {words['titleSuffix']}"


def _options(zones, lang, offline, tiles, projects, basemap, canvas) -> dict:
    """What every page of a build carries besides its zones: base maps, projects and their conflicts, layers."""
    from geo.geography import office_layers

    conflicts = None
    if projects is not None:
        from geo.conflicts import find_conflicts

        conflicts = find_conflicts(zones, projects)
    return {
        "lang": lang,
        "offline": offline,
        "tiles": tiles,
        "projects": projects,
        "conflicts": conflicts,
        "office": office_layers(basemap),
        "canvas": canvas,
    }


def run_build(args, load, load_projects) -> int:
    """Run ``python -m geo build`` with parsed ``args``; ``load`` reads approvals, ``load_projects`` projects."""
    approvals, zones, wells = load(args.paths or ["data"])
    projects = load_projects()
    written = build_maps(
        approvals,
        zones,
        wells,
        args.output,
        offline=args.offline,
        tiles=args.tiles,
        lang=args.lang,
        projects=projects,
        basemap=args.basemap,
    )
    for path in written:
        print(f"已写出 {path}" if getattr(args, "zh", True) else f"wrote {path}")
    return 0
