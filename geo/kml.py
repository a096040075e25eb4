"""KML 2.2 for 奥维互动地图 and Google Earth: zones styled by level, wells as pins, a description on every placemark.

Folders: one per approval, holding one per level (一级, 二级, 准保护区 …) and
the wells; then the projects, then the conflicts (the part of a project
inside a zone, or the shortest line to a zone it only comes near).  Styles
take the maps' colours (:data:`geo.mapdata.LEVEL_STYLES`).  Each placemark
has a description table (source, level, rule, stated and measured figures,
status, approval) and the same as ``ExtendedData``.  Every text is escaped;
coordinates are longitude, latitude in CGCS2000 (as WGS84, the difference
well under a metre), to 1e-7°.
"""

from __future__ import annotations

from html import escape as html_escape
from xml.sax.saxutils import escape

import numpy as np
import shapely

__all__ = ["kml_text"]

_PIN = "http://maps.google.com/mapfiles/kml/pushpin/ylw-pushpin.png"


def kml_text(layers: dict, lang: str = "zh", name: str = "饮用水水源保护区") -> str:
    """The KML document of the export's ``layers`` (zones, wells, projects, conflicts GeoDataFrames)."""
    from geo.mapdata import LEVEL_STYLES, OTHER_LEVEL_STYLE
    from geo.reports import RELATION_WORDS, STATUS_WORDS

    en = lang == "en"
    words = STATUS_WORDS[lang]
    keys = {s["level"]: s for s in LEVEL_STYLES}
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<kml xmlns="http://www.opengis.net/kml/2.2">', "<Document>"]
    out.append(f"<name>{escape(name)}</name>")
    for style in (*LEVEL_STYLES, dict(OTHER_LEVEL_STYLE, key="other")):
        out.append(_polygon_style(f"level-{style['key']}", style["stroke"], style["fill"]))
    out.append(_polygon_style("project", "#762a83", "#c2a5cf"))
    out.append(_polygon_style("conflict", "#e31a1c", "#e31a1c", width=3))
    out.append(
        f'<Style id="well"><IconStyle><scale>0.9</scale><Icon><href>{_PIN}</href></Icon></IconStyle>'
        "<LabelStyle><scale>0.8</scale></LabelStyle></Style>"
    )

    zones, wells = layers["zones"], layers.get("wells")
    for doc_no in dict.fromkeys(zones["doc_no"]):
        out.append(f"<Folder><name>{escape(str(doc_no))}</name>")
        mine = zones[(zones["doc_no"] == doc_no) & zones.geometry.notna()]
        for level in dict.fromkeys(mine["level"]):
            style = f"level-{keys[level]['key']}" if level in keys else "level-other"
            out.append(f"<Folder><name>{escape(str(level))}</name>")
            for row in mine[mine["level"] == level].itertuples():
                label = " ".join(filter(None, [row.source_name, row.level, row.part]))
                rows = [
                    ("source_name", "水源名称" if not en else "source", row.source_name),
                    ("source_code", "水源编码" if not en else "code", row.source_code),
                    ("level", "保护区级别" if not en else "level", " ".join(filter(None, [row.level, row.part]))),
                    ("rule", "划定方案" if not en else "rule", row.rule),
                    ("stated_area_km2", "批复面积（km²）" if not en else "stated area (km²)", row.stated_area_text),
                    ("area_m2", "实测面积（m²）" if not en else "measured area (m²)", _fixed(row.area_m2, 1)),
                    (
                        "stated_perimeter_m",
                        "批复周长（m）" if not en else "stated perimeter (m)",
                        row.stated_perimeter_text,
                    ),
                    (
                        "outer_perimeter_m",
                        "实测外周长（m）" if not en else "measured outer perimeter (m)",
                        _fixed(row.outer_perimeter_m, 1),
                    ),
                    ("status", "核对结论" if not en else "status", words.get(row.status, row.status)),
                    ("note", "说明" if not en else "note", row.note_en if en else row.note),
                    ("doc_no", "批复文号" if not en else "approval", row.doc_no),
                ]
                out.append(_placemark(label, style, rows, row.geometry))
            out.append("</Folder>")
        if wells is not None:
            drawn = wells[(wells["doc_no"] == doc_no) & wells.geometry.notna()]
            if len(drawn):
                out.append(f"<Folder><name>{'水源井' if not en else 'wells'}</name>")
                for row in drawn.itertuples():
                    rows = [
                        ("source_name", "水源名称" if not en else "source", row.source_name),
                        ("well_no", "水源井编号" if not en else "well", row.well_no),
                        ("location", "位置" if not en else "location", row.location),
                        ("lon", "经度" if not en else "longitude", row.lon_text),
                        ("lat", "纬度" if not en else "latitude", row.lat_text),
                        ("depth_m", "井深（m）" if not en else "depth (m)", _fixed(row.depth_m, 1)),
                        ("doc_no", "批复文号" if not en else "approval", row.doc_no),
                    ]
                    label = " ".join(filter(None, [row.source_name, row.well_no]))
                    out.append(_placemark(label, "well", rows, row.geometry))
                out.append("</Folder>")
        out.append("</Folder>")

    projects = layers.get("projects")
    if projects is not None and projects.geometry.notna().any():
        out.append(f"<Folder><name>{'建设项目' if not en else 'projects'}</name>")
        for row in projects[projects.geometry.notna()].itertuples():
            rows = [
                ("project", "项目名称" if not en else "project", row.name),
                ("project_doc_no", "文号" if not en else "document", row.doc_no),
                ("location", "建设地点" if not en else "location", row.location),
                ("stated_area_m2", "批复面积（m²）" if not en else "stated area (m²)", row.stated_area_text),
                ("area_m2", "实测面积（m²）" if not en else "measured area (m²)", _fixed(row.area_m2, 1)),
            ]
            out.append(_placemark(row.name, "project", rows, row.geometry))
        out.append("</Folder>")

    conflicts = layers.get("conflicts")
    if conflicts is not None and len(conflicts):
        out.append(f"<Folder><name>{'冲突' if not en else 'conflicts'}</name>")
        relation = RELATION_WORDS[lang]
        for row in conflicts[conflicts.geometry.notna()].itertuples():
            where = " ".join(filter(None, [row.source_name, row.level, row.part]))
            rows = [
                ("project", "项目名称" if not en else "project", row.project),
                ("relation", "关系" if not en else "relation", relation.get(row.relation, row.relation)),
                ("zone", "保护区" if not en else "zone", where),
                ("overlap_m2", "重叠面积（m²）" if not en else "overlap (m²)", _fixed(row.overlap_m2, 1)),
                ("distance_m", "距离（m）" if not en else "distance (m)", _fixed(row.distance_m, 1)),
                ("law_article", "条款" if not en else "article", row.law_article),
                ("law", "法律规定" if not en else "law", row.law_en if en else row.law),
            ]
            out.append(_placemark(f"{row.project} → {where}", "conflict", rows, row.geometry))
        out.append("</Folder>")
    out += ["</Document>", "</kml>", ""]
    return "\n".join(out)


def _colour(hex_rgb: str, alpha: str) -> str:
    """KML colours are aabbggrr."""
    h = hex_rgb.lstrip("#")
    return alpha + h[4:6] + h[2:4] + h[0:2]


def _polygon_style(name: str, stroke: str, fill: str, width: int = 2) -> str:
    return (
        f'<Style id="{name}"><LineStyle><color>{_colour(stroke, "ff")}</color><width>{width}</width></LineStyle>'
        f"<PolyStyle><color>{_colour(fill, '80')}</color></PolyStyle></Style>"
    )


def _fixed(value, decimals: int) -> str | None:
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return None
    return f"{float(value):,.{decimals}f}"


def _text(value) -> str:
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return ""
    return str(value)


def _placemark(label, style: str, rows, geometry) -> str:
    """A placemark: ``rows`` are (field, label, value); the description shows labels, ExtendedData keeps
    ASCII field names (GIS software reads them as columns) with the label as displayName."""
    if geometry is None or geometry.is_empty:
        return ""
    rows = [(k, shown, _text(v)) for k, shown, v in rows if _text(v)]
    table = "<table>" + "".join(f"<tr><th>{html_escape(s)}</th><td>{html_escape(v)}</td></tr>" for _, s, v in rows)
    data = "".join(
        f'<Data name="{k}"><displayName>{escape(s)}</displayName><value>{escape(v)}</value></Data>' for k, s, v in rows
    )
    return (
        f"<Placemark><name>{escape(_text(label))}</name><styleUrl>#{style}</styleUrl>"
        f"<description>{escape(table + '</table>')}</description><ExtendedData>{data}</ExtendedData>"
        f"{_geometry(geometry)}</Placemark>"
    )


def _coordinates(coords) -> str:
    return " ".join(f"{x:.7f},{y:.7f}" for x, y in np.asarray(coords)[:, :2])


def _geometry(geom) -> str:
    kind = geom.geom_type
    if kind == "Point":
        return f"<Point><coordinates>{_coordinates(shapely.get_coordinates(geom))}</coordinates></Point>"
    if kind == "LineString":
        return f"<LineString><coordinates>{_coordinates(geom.coords)}</coordinates></LineString>"
    if kind == "Polygon":
        inner = "".join(
            f"<innerBoundaryIs><LinearRing><coordinates>{_coordinates(r.coords)}</coordinates></LinearRing></innerBoundaryIs>"
            for r in geom.interiors
        )
        return (
            f"<Polygon><outerBoundaryIs><LinearRing><coordinates>{_coordinates(geom.exterior.coords)}</coordinates>"
            f"</LinearRing></outerBoundaryIs>{inner}</Polygon>"
        )
    return "<MultiGeometry>" + "".join(_geometry(g) for g in geom.geoms if not g.is_empty) + "</MultiGeometry>"
