"""Conflicts: projects that lie in, touch or come near a protection zone, and the law that applies.

The articles are those of 《中华人民共和国水污染防治法》 as revised in 2017
(in force 2018-01-01); earlier versions number them differently.  Article 64
(no sewage outfall) holds in every zone; 65, 66 and 67 set what each level forbids.

Only projects located by coordinates take part: a project known by county,
town or village name is never reported as a conflict.
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.circles import forward_gk
from geo.collector import collector_paused

__all__ = ["LAW", "RELATIONS", "ZoneIndex", "find_conflicts", "iter_conflicts"]

LAW = {
    "一级": {
        "article": "第六十五条",
        "zh": "《水污染防治法》（2017年修正）第六十五条：禁止在饮用水水源一级保护区内新建、改建、扩建与供水设施和保护水源无关的建设项目；已建成的与供水设施和保护水源无关的建设项目，由县级以上人民政府责令拆除或者关闭。禁止在饮用水水源一级保护区内从事网箱养殖、旅游、游泳、垂钓或者其他可能污染饮用水水体的活动。第六十四条：在饮用水水源保护区内，禁止设置排污口。",
        "en": "Water Pollution Prevention and Control Law (2017 revision), Article 65: no new, rebuilt or expanded construction project unrelated to water supply facilities or source protection in a level-1 zone; existing ones are to be removed or closed by order of the county-level government or above. Article 64: no sewage outfall in any protection zone.",
    },
    "二级": {
        "article": "第六十六条",
        "zh": "《水污染防治法》（2017年修正）第六十六条：禁止在饮用水水源二级保护区内新建、改建、扩建排放污染物的建设项目；已建成的排放污染物的建设项目，由县级以上人民政府责令拆除或者关闭。在饮用水水源二级保护区内从事网箱养殖、旅游等活动的，应当按照规定采取措施，防止污染饮用水水体。第六十四条：在饮用水水源保护区内，禁止设置排污口。",
        "en": "Water Pollution Prevention and Control Law (2017 revision), Article 66: no new, rebuilt or expanded construction project that discharges pollutants in a level-2 zone; existing ones are to be removed or closed by order of the county-level government or above. Article 64: no sewage outfall in any protection zone.",
    },
    "准保护区": {
        "article": "第六十七条",
        "zh": "《水污染防治法》（2017年修正）第六十七条：禁止在饮用水水源准保护区内新建、扩建对水体污染严重的建设项目；改建建设项目，不得增加排污量。第六十四条：在饮用水水源保护区内，禁止设置排污口。",
        "en": "Water Pollution Prevention and Control Law (2017 revision), Article 67: no new or expanded construction project that seriously pollutes water in a buffer zone; a rebuilt project may not increase its discharges. Article 64: no sewage outfall in any protection zone.",
    },
}
_LEVEL_ORDER = {"一级": 0, "二级": 1, "准保护区": 2}
#: How a project stands to a zone, in this order: a pandas Categorical of them in ``relation``.
RELATIONS = ("inside", "intersects", "near")
RELATION_DTYPE = pd.CategoricalDtype(list(RELATIONS))


def _law(level: str) -> dict[str, str]:
    """The article for a level of the law; for zones approvals add (监控区 …), a statement that none applies."""
    if level in LAW:
        return LAW[level]
    return {
        "article": "—",
        "zh": f"{level}不是《水污染防治法》（2017年修正）第六十三条规定的保护区级别，第六十四条至第六十七条不直接适用；按批复对该区的管理要求办理。",
        "en": f"{level} is not a zone level of the Water Pollution Prevention and Control Law (2017 revision, Article 63): Articles 64–67 do not apply as such; the approval's own provisions for this area do.",
    }


def _outside(level: str, distance_m: float) -> dict[str, str]:
    """What the law says of a project that comes near a zone but does not enter it: nothing, said plainly."""
    return {
        "zh": f"距{level}保护区 {distance_m:,.1f} m，未进入该区：《水污染防治法》（2017年修正）第六十四条至第六十七条只适用于保护区内，不因邻近而适用；当地另有距离要求的，按其办理。",
        "en": f"{distance_m:,.1f} m from the {level} zone, outside it: Articles 64–67 of the Water Pollution Prevention and Control Law (2017 revision) apply inside a zone only, not to a project near one; follow any local distance rule.",
    }


#: Metres per degree of latitude, and a safe lower bound per degree of longitude in China (54°N).
_M_PER_DEG_LAT = 110_540.0
_M_PER_DEG_LON_MIN = 111_320.0 * math.cos(math.radians(54.0))

COLUMNS = (
    "project",
    "project_doc_no",
    "project_index",
    "zone_index",
    "doc_no",
    "source_code",
    "source_name",
    "level",
    "part",
    "relation",
    "overlap_m2",
    "distance_m",
    "law_article",
    "law",
    "law_en",
)


def find_conflicts(zones: gpd.GeoDataFrame, projects: gpd.GeoDataFrame, near_m: float | None = None) -> pd.DataFrame:
    """Every project that lies in, touches or (with ``near_m``) comes near a zone.

    Parameters
    ----------
    zones : GeoDataFrame
        As returned by :func:`geo.build_zones` (EPSG:4490).
    projects : GeoDataFrame
        As returned by :func:`geo.read_projects`.
    near_m : float, optional
        Also report projects within this distance of a zone (relation ``near``).

    Returns
    -------
    DataFrame
        One row per project and zone: ``relation`` is ``inside`` (wholly within),
        ``intersects`` (overlapping or touching) or ``near``; ``overlap_m2`` and
        ``distance_m`` are measured in the zone's Gauss–Krüger plane; ``law_article``,
        ``law`` and ``law_en`` cite the 2017 law for a project in or on a zone; one
        that only comes ``near`` cites no article (``—``) and says it is outside.
        A project wholly inside a 一级 zone is reported for that 一级 zone only.

    See Also
    --------
    iter_conflicts : the same, for projects that come in batches (a cadastre read in chunks).
    """
    return ZoneIndex(zones).conflicts(projects, near_m)


def iter_conflicts(zones: gpd.GeoDataFrame, batches, near_m: float | None = None):
    """:func:`find_conflicts` for projects that come in batches: one table of conflicts per batch.

    The zones are indexed and projected once; each batch (a GeoDataFrame as
    :func:`geo.read_projects` or :func:`geo.projects.iter_projects` gives it,
    its index numbering the projects across batches) is screened and freed
    before the next, so memory is bounded by the zones and one batch.

    Examples
    --------
    >>> import geo
    >>> zones = geo.build_zones(geo.read_approvals("data"))
    >>> projects = geo.read_projects("data/projects")
    >>> halves = [projects.iloc[: len(projects) // 2], projects.iloc[len(projects) // 2 :]]
    >>> together = pd.concat(iter_conflicts(zones, halves, near_m=100), ignore_index=True)
    >>> together.equals(find_conflicts(zones, projects, near_m=100))
    True
    """
    index = ZoneIndex(zones)
    for batch in batches:
        yield index.conflicts(batch, near_m)


class ZoneIndex:
    """Zones made ready for screening projects: a tree of their boxes, their Gauss–Krüger figures on demand."""

    def __init__(self, zones: gpd.GeoDataFrame):
        self.zones = zones
        geoms = np.asarray(zones.geometry.array, dtype=object)
        self.ok = np.flatnonzero(zones.geometry.notna().to_numpy() & ~shapely.is_empty(geoms))
        self.tree = shapely.STRtree(geoms[self.ok]) if len(self.ok) else None
        self.geoms = geoms
        self.epsg = zones["gk_epsg"].to_numpy().astype(int)
        self.gk = np.full(len(zones), None, dtype=object)  # filled zone by zone as batches need them
        self.levels = zones["level"].to_numpy()

    def _zones_gk(self, rows: np.ndarray) -> np.ndarray:
        """The zones ``rows`` in their own Gauss–Krüger frame, projected once each.

        Not prepared: for 100,000 zones (benchmarks/conflicts.py's) preparing
        them took 1.6 GB more and was slower for 10^6 parcels (17.3 s against
        12.2 s), faster by 7 % only for 5·10^6 (81.1 s against 87.5 s).
        """
        todo = np.unique(rows[[g is None for g in self.gk[rows]]])
        for code in np.unique(self.epsg[todo]):
            pick = todo[self.epsg[todo] == code]
            self.gk[pick] = _in_frame(self.geoms[pick], int(code))
        return self.gk[rows]

    def candidates(self, projects: gpd.GeoDataFrame, near: float) -> tuple[np.ndarray, np.ndarray]:
        """Pairs (zone row, project row) whose boxes come within ``near`` metres."""
        empty = np.array([], dtype=int), np.array([], dtype=int)
        if self.tree is None or not len(projects):
            return empty
        geoms = np.asarray(projects.geometry.array, dtype=object)
        project_ok = np.flatnonzero(projects.geometry.notna().to_numpy() & ~shapely.is_empty(geoms))
        if not len(project_ok):
            return empty
        margin = max(near / _M_PER_DEG_LON_MIN, near / _M_PER_DEG_LAT) * 1.01 + 1e-7
        bounds = shapely.bounds(geoms[project_ok])
        boxes = shapely.box(bounds[:, 0] - margin, bounds[:, 1] - margin, bounds[:, 2] + margin, bounds[:, 3] + margin)
        p, z = self.tree.query(boxes, predicate="intersects")
        return self.ok[z], project_ok[p]

    @collector_paused()
    def conflicts(self, projects: gpd.GeoDataFrame, near_m: float | None = None) -> pd.DataFrame:
        """The conflicts of ``projects`` with these zones: see :func:`find_conflicts`."""
        near = float(near_m or 0.0)
        zone_idx, project_idx = self.candidates(projects, near)
        if not len(zone_idx):
            return _typed(pd.DataFrame({c: [] for c in COLUMNS}))
        epsg = self.epsg[zone_idx]
        zone_gk = self._zones_gk(zone_idx)
        # Each project projected once into each frame it meets, not once per pair.
        project_gk = np.empty(len(zone_idx), dtype=object)
        project_geoms = np.asarray(projects.geometry.array, dtype=object)
        for code in np.unique(epsg):
            pick = np.flatnonzero(epsg == code)
            rows, back = np.unique(project_idx[pick], return_inverse=True)
            project_gk[pick] = _in_frame(project_geoms[rows], int(code))[back]
        touching = shapely.intersects(zone_gk, project_gk)
        within = np.zeros(len(zone_idx), dtype=bool)
        within[touching] = shapely.contains(zone_gk[touching], project_gk[touching])
        overlap = np.zeros(len(zone_idx))
        overlap[within] = shapely.area(project_gk[within])
        crossing = touching & ~within
        overlap[crossing] = shapely.area(shapely.intersection(project_gk[crossing], zone_gk[crossing]))
        distance = np.zeros(len(zone_idx))
        apart = ~touching
        if near > 0 and apart.any():
            distance[apart] = shapely.distance(project_gk[apart], zone_gk[apart])
        else:
            distance[apart] = np.inf
        relation = np.where(within, "inside", np.where(touching, "intersects", np.where(distance <= near, "near", "")))
        keep = relation != ""
        zone_idx, project_idx, relation = zone_idx[keep], project_idx[keep], relation[keep]
        overlap, distance = overlap[keep], distance[keep]
        z = self.zones.iloc[zone_idx]
        levels = self.levels[zone_idx]
        out = pd.DataFrame(
            {
                "project": projects["name"].to_numpy()[project_idx],
                "project_doc_no": projects["doc_no"].to_numpy()[project_idx],
                "project_index": projects.index.to_numpy()[project_idx],
                "zone_index": self.zones.index.to_numpy()[zone_idx],
                "doc_no": z["doc_no"].to_numpy(),
                "source_code": z["source_code"].to_numpy(),
                "source_name": z["source_name"].to_numpy(),
                "level": levels,
                "part": z["part"].to_numpy(),
                "relation": relation,
                "overlap_m2": np.round(overlap, 2),
                "distance_m": np.round(distance, 2),
            }
        )
        laws = {level: _law(level) for level in pd.unique(levels)}
        for column, key in (("law_article", "article"), ("law", "zh"), ("law_en", "en")):
            out[column] = [laws[level][key] for level in levels]
        # Near is not in: the articles hold inside a zone only, so a project beside one is cited none.
        beside = relation == "near"
        if beside.any():
            rows = out[beside]
            out.loc[beside, "law_article"] = "—"
            out.loc[beside, "law"] = [
                _outside(lv, d)["zh"] for lv, d in zip(rows["level"], rows["distance_m"], strict=True)
            ]
            out.loc[beside, "law_en"] = [
                _outside(lv, d)["en"] for lv, d in zip(rows["level"], rows["distance_m"], strict=True)
            ]
        # Wholly inside 一级: that zone only, not the 二级 ring whose hole it touches.
        key = ["project_index", "doc_no", "source_code"]
        first = (out["relation"] == "inside") & (out["level"] == "一级")
        if first.any():
            inside_first = pd.MultiIndex.from_frame(out.loc[first, key].drop_duplicates())
            shadowed = (out["level"] != "一级") & pd.MultiIndex.from_frame(out[key]).isin(inside_first)
            out = out[~shadowed.to_numpy()]
        return _typed(out.iloc[ordered(out)].reset_index(drop=True))


def ordered(conflicts: pd.DataFrame) -> np.ndarray:
    """The order of conflict rows: by project, then level (一级, 二级, 准保护区, others), source and zone."""
    level = conflicts["level"].map(_LEVEL_ORDER).fillna(len(_LEVEL_ORDER)).to_numpy()
    keys = (conflicts["zone_index"].to_numpy(), conflicts["source_code"].to_numpy(dtype=str), level)
    return np.lexsort((*keys, conflicts["project_index"].to_numpy()))


def _in_frame(geoms: np.ndarray, epsg: int) -> np.ndarray:
    """Geometries in CGCS2000 longitude/latitude, in the Gauss–Krüger frame ``epsg`` (:func:`geo.circles.forward_gk`)."""
    return shapely.transform(geoms, forward_gk(epsg).transform, interleaved=False)


def _typed(out: pd.DataFrame) -> pd.DataFrame:
    """The columns' own types, empty or not: ``relation`` a Categorical of :data:`RELATIONS`, indices whole numbers."""
    types = {c: object for c in COLUMNS} | {
        "project_index": "int64",
        "zone_index": "int64",
        "overlap_m2": "float64",
        "distance_m": "float64",
        "relation": RELATION_DTYPE,
    }
    return out.astype(types)
