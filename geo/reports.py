"""Reports officers paste into a document: the zone check, wells, projects and conflicts as tables.

Headers in Chinese (or English), statuses in words, every measured figure
twice — rounded to the decimals the approval printed its own figure with, and
in full (to 0.01) — and the note that explains a difference.  Used by the
``.csv`` and ``.xlsx`` exports (:mod:`geo.exports`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["RELATION_WORDS", "STATUS_WORDS", "report_tables"]

#: A zone's check status in words, as the map and the check table say it.
STATUS_WORDS = {
    "zh": {"match": "一致", "mismatch": "不一致", "not_derivable": "无法推出", "not_stated": "未列数字"},
    "en": {"match": "match", "mismatch": "mismatch", "not_derivable": "not derivable", "not_stated": "no figures"},
}
#: How a project stands to a zone, in words.
RELATION_WORDS = {
    "zh": {"inside": "位于", "intersects": "压占/接触", "near": "邻近（未进入）"},
    "en": {"inside": "inside", "intersects": "intersects", "near": "near (outside)"},
}

# (column in the report, Chinese header, English header); the values come from _zone_values & c.
_ZONE_COLUMNS = (
    ("doc_no", "批复文号", "approval"),
    ("county", "县区", "county"),
    ("source_name", "水源名称", "source"),
    ("source_code", "水源编码", "source code"),
    ("level", "保护区级别", "level"),
    ("part", "分区", "part"),
    ("rule", "划定方案", "rule"),
    ("stated_area_text", "批复面积（km²）", "stated area (km²)"),
    ("area_as_printed", "实测面积（km²，按批复位数）", "measured area (km², decimals as stated)"),
    ("area_m2", "实测面积（m²）", "measured area (m²)"),
    ("expected_area_km2", "按批复算法的面积（km²）", "area by the approval's arithmetic (km²)"),
    ("stated_perimeter_text", "批复周长（m）", "stated perimeter (m)"),
    ("perimeter_as_printed", "实测外周长（m，按批复位数）", "measured outer perimeter (m, decimals as stated)"),
    ("outer_perimeter_m", "实测外周长（m）", "measured outer perimeter (m)"),
    ("perimeter_m", "全部边界长度（m，含内圈）", "all boundaries (m, inner rings too)"),
    ("expected_perimeter_m", "按批复算法的周长（m）", "perimeter by the approval's arithmetic (m)"),
    ("status", "核对结论", "status"),
    ("note", "说明", "note"),
    ("cite", "来源", "source lines"),
)
_WELL_COLUMNS = (
    ("doc_no", "批复文号", "approval"),
    ("county", "县区", "county"),
    ("source_name", "水源名称", "source"),
    ("source_code", "水源编码", "source code"),
    ("well_no", "水源井编号", "well"),
    ("location", "位置", "location"),
    ("source_type", "水源类型", "source type"),
    ("depth_m", "井深（m）", "depth (m)"),
    ("aquifer", "含水层类型", "aquifer"),
    ("lon_text", "经度（批复）", "longitude (as printed)"),
    ("lat_text", "纬度（批复）", "latitude (as printed)"),
    ("lon_deg", "经度（十进制度）", "longitude (decimal degrees)"),
    ("lat_deg", "纬度（十进制度）", "latitude (decimal degrees)"),
    ("design_supply", "设计供水量（万m³/年）", "design supply (10⁴ m³/a)"),
    ("actual_supply", "实际供水量（万m³/年）", "actual supply (10⁴ m³/a)"),
    ("cite", "来源", "source lines"),
)
_PROJECT_COLUMNS = (
    ("doc_no", "文号", "document"),
    ("name", "项目名称", "project"),
    ("category", "类别", "category"),
    ("unit", "单位", "unit"),
    ("location", "建设地点", "location"),
    ("county", "县区", "county"),
    ("precision", "位置精度", "location precision"),
    ("stated_area_text", "批复面积（m²）", "stated area (m²)"),
    ("area_m2", "实测面积（m²，椭球面）", "measured area (m², ellipsoid)"),
    ("plane_area_m2", "实测面积（m²，高斯平面）", "measured area (m², Gauss–Krüger plane)"),
    ("area_status", "面积核对", "area check"),
    ("area_note", "说明", "note"),
    ("file", "文件", "file"),
    ("cite", "来源", "source lines"),
)
_CONFLICT_COLUMNS = (
    ("project", "项目名称", "project"),
    ("project_doc_no", "项目文号", "project document"),
    ("doc_no", "批复文号", "approval"),
    ("source_code", "水源编码", "source code"),
    ("source_name", "水源名称", "source"),
    ("level", "保护区级别", "level"),
    ("relation", "关系", "relation"),
    ("overlap_m2", "重叠面积（m²）", "overlap (m²)"),
    ("distance_m", "距离（m）", "distance (m)"),
    ("law_article", "条款", "article"),
    ("law", "法律规定", "law"),
)
#: The decimals a figure is given with when the approval printed none of its own.
_DEFAULT_DECIMALS = {"area": 4, "perimeter": 1}


def report_tables(zones, wells=None, projects=None, conflicts=None, lang: str = "zh") -> dict[str, pd.DataFrame]:
    """The report's tables, each with headers in ``lang``: ``zones`` (the check) and, when given, the rest.

    Keys are the sheet names of the workbook (``保护区核对``, ``水源井``, ``建设项目``,
    ``冲突`` in Chinese; ``zones``, ``wells``, ``projects``, ``conflicts`` in English).

    Examples
    --------
    >>> _as_printed([2827.36, 40212.0], ["0.0028", None], 1e6, "area")
    ['0.0028', '0.0402']
    """
    en = lang == "en"
    tables = {("zones" if en else "保护区核对"): _table(_zone_values(zones, lang), _ZONE_COLUMNS, en)}
    if wells is not None:
        tables["wells" if en else "水源井"] = _table(_round(wells, {"lon_deg": 7, "lat_deg": 7}), _WELL_COLUMNS, en)
    if projects is not None:
        values = _round(projects, {"area_m2": 2, "plane_area_m2": 2})
        values["area_status"] = values["area_status"].astype(object).map(lambda s: STATUS_WORDS[lang].get(s, s))
        if en:
            values["area_note"] = values["area_note_en"]
        tables["projects" if en else "建设项目"] = _table(values, _PROJECT_COLUMNS, en)
    if conflicts is not None:
        values = _round(conflicts, {"overlap_m2": 2, "distance_m": 2})
        values["relation"] = values["relation"].astype(object).map(lambda r: RELATION_WORDS[lang].get(r, r))
        if en:
            values["law"] = values["law_en"]
        tables["conflicts" if en else "冲突"] = _table(values, _CONFLICT_COLUMNS, en)
    return tables


def _zone_values(zones, lang: str) -> pd.DataFrame:
    values = _round(zones, {"area_m2": 2, "perimeter_m": 2, "outer_perimeter_m": 2})
    values["area_as_printed"] = _as_printed(zones["area_m2"], zones["stated_area_text"], 1e6, "area")
    values["perimeter_as_printed"] = _as_printed(
        zones["outer_perimeter_m"], zones["stated_perimeter_text"], 1.0, "perimeter"
    )
    values["status"] = values["status"].astype(object).map(lambda s: STATUS_WORDS[lang].get(s, s))
    if lang == "en":
        values["note"] = values["note_en"]
    return values


def _as_printed(measured, stated_text, per_unit: float, kind: str) -> list[str | None]:
    """Each measured figure in the approval's unit, with as many decimals as the approval printed."""
    out: list[str | None] = []
    for value, text in zip(measured, stated_text, strict=True):
        if value is None or (isinstance(value, float) and np.isnan(value)):
            out.append(None)
            continue
        text = "" if text is None or (isinstance(text, float) and np.isnan(text)) else str(text).strip()
        decimals = len(text.split(".")[1]) if "." in text else (0 if text else _DEFAULT_DECIMALS[kind])
        out.append(f"{float(value) / per_unit:.{decimals}f}")
    return out


def _round(frame, decimals: dict[str, int]) -> pd.DataFrame:
    values = pd.DataFrame(frame.drop(columns="geometry", errors="ignore")).reset_index(drop=True)
    for column, places in decimals.items():
        if column in values.columns:
            values[column] = pd.to_numeric(values[column], errors="coerce").round(places)
    return values


def _table(values: pd.DataFrame, columns, en: bool) -> pd.DataFrame:
    present = [c for c in columns if c[0] in values.columns]
    return pd.DataFrame({(en_name if en else zh): values[key].to_numpy() for key, zh, en_name in present})
