"""Project tables: the CSV forms of :func:`geo.projects.read_projects`.

* vertex lists in the layout of land decisions — ``name, vertex_no, x, y``,
  eastings with the Gauss–Krüger zone number in front; the stated area checked
  in the Gauss–Krüger plane, as land surveys state it;
* points — ``name, lon, lat`` in DMS or decimal degrees;
* lists without coordinates — ``name`` and ``location``, kept and listed with
  the precision of their location, never drawn.

Each reader returns the projects GeoDataFrame of :data:`geo.projects.COLUMNS`
and adds what is wrong to ``problems`` (file, row, column, value).
"""

from __future__ import annotations

import math
import re
import unicodedata
import warnings
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Transformer

from geo.coordinates import gk_epsg, parse_dms
from geo.errors import CoordinateError, Problem, SuspiciousInputWarning
from geo.projects import _GEOD, _frame
from geo.sheets import read_sheet

__all__ = ["PROJECT_COLUMNS", "read_csv"]

#: The headers each column of a project table is known by.
PROJECT_COLUMNS = {
    "doc_no": ("文号", "批复文号"),
    "seq": ("序号",),
    "category": ("类别",),
    "name": ("名称", "项目名称", "宗地名称"),
    "unit": ("项目单位", "承载企业", "建设单位", "使用权人"),
    "location": ("建设地点", "位置", "坐落"),
    "county": ("县区", "县（市、区）"),
    "precision": ("位置精度",),
    "vertex_no": ("点号", "拐点号", "界址点号"),
    "x": ("X", "纵坐标", "x坐标"),
    "y": ("Y", "横坐标", "y坐标"),
    "lon": ("经度",),
    "lat": ("纬度",),
    "stated_area_m2": ("批复面积（平方米）", "面积（平方米）", "面积（m2）"),
    "stated_area": ("批复面积", "面积", "占地面积"),
    "total_investment": ("总投资（亿元）",),
    "plan_investment": ("2022年计划投资（亿元）", "计划投资（亿元）"),
    "source_file": ("来源文件",),
    "source_lines": ("来源行",),
    "note": ("备注",),
}

_AREA_UNITS = {
    "平方米": 1,
    "m2": 1,
    "m²": 1,
    "公顷": 10_000,
    "ha": 10_000,
    "亩": Decimal(10_000) / 15,
    "平方公里": 1_000_000,
    "km2": 1_000_000,
    "km²": 1_000_000,
}
#: Half the last printed digit of land-decision coordinates (millimetres).
_VERTEX_HALF_STEP_M = 0.0005


def read_csv(path: Path, epsg: int | None, problems: list[Problem]) -> gpd.GeoDataFrame | None:
    sheet = read_sheet(path, "projects", problems, columns=PROJECT_COLUMNS, required=("name",))
    rows = [(r.number, r.values, sheet.written) for r in sheet.rows] if sheet else []
    if not rows:
        return None
    written = rows[0][2]
    if "x" in written or "y" in written:
        return _vertex_lists(path, rows, epsg if epsg is not None else _Stated(path), problems)
    if "lon" in written or "lat" in written:
        return _points(path, rows, problems)
    return _unlocated(path, rows, problems)


def _common(path: Path, number: int, values: dict, written: dict, problems: list[Problem]) -> dict:
    text, m2 = _stated_area(values, path, number, written, problems)
    cite = ":".join(v for v in (values.get("source_file", ""), values.get("source_lines", "")) if v)
    return {
        "doc_no": values.get("doc_no", ""),
        "name": values.get("name", ""),
        "category": values.get("category", ""),
        "unit": values.get("unit", ""),
        "location": values.get("location", ""),
        "county": values.get("county", ""),
        "precision": values.get("precision", ""),
        "stated_area_text": text,
        "stated_area_m2": m2,
        "file": path.name,
        "cite": cite,
        "note": values.get("note", ""),
    }


def _stated_area(values, path, number, written, problems) -> tuple[str, Decimal | None]:
    if values.get("stated_area_m2"):
        raw, column, default_unit = values["stated_area_m2"], "stated_area_m2", "平方米"
    elif values.get("stated_area"):
        raw, column, default_unit = values["stated_area"], "stated_area", None
    else:
        return "", None
    folded = unicodedata.normalize("NFKC", raw).replace(",", "").strip()
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(平方米|m2|m²|公顷|ha|亩|平方公里|km2|km²)?", folded)
    unit = (match[2] if match else None) or default_unit
    if match is None or unit is None:
        problems.append(
            Problem(
                str(path), number, written.get(column, column), raw, "an area such as 513.05 (平方米) or 0.8740 公顷"
            )
        )
        return raw, None
    return raw, Decimal(match[1]) * Decimal(_AREA_UNITS[unit])


def _vertex_lists(path: Path, rows, epsg: int | None, problems: list[Problem]) -> gpd.GeoDataFrame:
    written = rows[0][2]
    col = {k: written.get(k, k) for k in ("x", "y", "vertex_no", "name")}
    parcels: dict[tuple[str, str], list] = defaultdict(list)
    for number, values, _ in rows:
        x, y = _metres(values.get("x", "")), _metres(values.get("y", ""))
        if x is None or y is None:
            bad = "x" if x is None else "y"
            problems.append(
                Problem(
                    str(path),
                    number,
                    col[bad],
                    values.get(bad, ""),
                    "a coordinate in metres such as X=4153957.597, Y=37512342.575",
                )
            )
            continue
        parcels[(values.get("doc_no", ""), values.get("name", ""))].append((number, values, x, y))
    records = []
    for (_, name), vertices in parcels.items():
        first_row, values = vertices[0][0], vertices[0][1]
        record = _common(path, first_row, values, written, problems)
        frame = _parcel_epsg(path, vertices, epsg, col, problems)
        if frame is None:
            continue
        points = [(y, x) for _, _, x, y in vertices]  # easting, northing
        if len(points) < 4 or points[0] != points[-1]:
            last = vertices[-1][0]
            problems.append(
                Problem(
                    str(path),
                    last,
                    col["vertex_no"],
                    vertices[-1][1].get("vertex_no", ""),
                    f"parcel {name!r} closed by repeating its first vertex as the last, with at least 3 vertices before it",
                )
            )
            continue
        # About a local origin: with 8-digit eastings the shoelace sum would lose ~0.01 m².
        origin = np.array(points[0])
        local = shapely.Polygon(np.array(points[:-1]) - origin)
        if not local.is_valid:
            problems.append(
                Problem(
                    str(path),
                    first_row,
                    col["name"],
                    name,
                    f"vertices that outline a simple polygon; {shapely.is_valid_reason(shapely.Polygon(points[:-1]))}",
                )
            )
            continue
        code = frame[0]
        to_lonlat = Transformer.from_crs(f"EPSG:{code}", "EPSG:4490", always_xy=True)
        plane = local.area
        lonlat = shapely.transform(
            local, lambda xy, t=to_lonlat, o=origin: np.column_stack(t.transform(xy[:, 0] + o[0], xy[:, 1] + o[1]))
        )
        lonlat = shapely.orient_polygons(lonlat, exterior_cw=False)
        area, _ = _GEOD.geometry_area_perimeter(lonlat)
        record.update(
            geometry=lonlat,
            area_m2=abs(area),
            plane_area_m2=plane,
            gk_epsg=code,
            precision=record["precision"] or "坐标",
        )
        record.update(
            _check_plane_area(record["stated_area_m2"], record["stated_area_text"], plane, local.length, abs(area))
        )
        records.append(record)
    return _frame(records)


def _metres(text: str) -> float | None:
    """A finite coordinate in metres, or None."""
    try:
        value = float(unicodedata.normalize("NFKC", text))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _parcel_epsg(path, vertices, epsg, col, problems):
    """(EPSG code, prefixed, zone number) of a parcel's coordinates, or None after a problem.

    ``epsg`` is the code given (--epsg), or the :class:`_Stated` words above the table.
    """
    zones = {int(y // 1_000_000) for _, _, _, y in vertices}
    number, values = vertices[0][0], vertices[0][1]

    def refuse(expected: str) -> None:
        problems.append(Problem(str(path), number, col["y"], values.get("y", ""), expected))

    if zones == {0}:
        if isinstance(epsg, _Stated):
            code, hint = epsg.code()
            if code is None:
                refuse(
                    "an easting with its Gauss–Krüger zone number in front (such as 37512342.575), or the CRS given "
                    f"with --epsg{hint}"
                )
                return None
            return code, False, 0
        return epsg, False, 0
    if len(zones) != 1:
        refuse(f"one zone number for every vertex of a parcel, found {sorted(zones)}")
        return None
    zone = zones.pop()
    try:
        return gk_epsg(zone, prefixed=True), True, zone
    except CoordinateError:
        refuse(f"a CGCS2000 3-degree zone number from 25 to 45 in front of the easting, got {zone}")
        return None


class _Stated:
    """The coordinate system a vertex list's title or notes state in words ("2000国家大地坐标系，中央子午线111°").

    Read once, where a parcel's eastings carry no zone number and no --epsg is given: a central meridian
    (中央子午线, 中央经线) with CGCS2000 named is that meridian's CGCS2000 Gauss–Krüger CRS (3° zones and 6°
    zones share their meridians' projection), warned; a meridian without CGCS2000 is only suggested.
    """

    _MERIDIAN = re.compile(r"中央(?:子午线|经线|经度)(?:为|是|:)?(\d{2,3})(?:°|度|e)?")
    _CGCS2000 = re.compile(r"cgcs2000|2000国家大地|国家2000|2000坐标|2000大地")
    _OTHER = re.compile(r"西安|1980|北京|1954|54坐标|wgs")

    def __init__(self, path: Path) -> None:
        self.path = path
        self.found: tuple[int | None, str] | None = None

    def code(self) -> tuple[int | None, str]:
        """(EPSG code or None, a hint for the message) — worked out and warned once."""
        if self.found is None:
            self.found = self._read()
        return self.found

    def _read(self) -> tuple[int | None, str]:
        from geo.tablefiles import TableFileProblem, read_heads

        try:
            heads = read_heads(self.path, 60)
        except TableFileProblem:
            return None, ""
        for _, grid in heads:
            for cells in grid:
                words = unicodedata.normalize("NFKC", "".join("".join(cells).split())).lower()
                meridian = self._MERIDIAN.search(words)
                if meridian is None or (int(meridian[1]) - 75) % 3 or not 75 <= int(meridian[1]) <= 135:
                    continue
                code = 4534 + (int(meridian[1]) - 75) // 3
                said = "".join(cells).strip()
                if self._CGCS2000.search(words) and not self._OTHER.search(words.replace("2000", "")):
                    warnings.warn(
                        SuspiciousInputWarning(
                            f"{self.path}: eastings without a zone number read as EPSG:{code}, the CRS the table "
                            f"states ({said})",
                            zh=f"{self.path}：东坐标不带带号，按表中写明的坐标系读作 EPSG:{code}（{said}）",
                        ),
                        stacklevel=2,
                    )
                    return code, ""
                return None, f" (the table states {said!r}: --epsg {code} if it is CGCS2000)"
        return None, ""


def _check_plane_area(stated: Decimal | None, text: str, plane: float, perimeter: float, ellipsoid: float) -> dict:
    if stated is None:
        return {"area_status": "not_stated"}
    places = max(0, -Decimal(re.sub(r"[^\d.]", "", text) or "0").as_tuple().exponent)
    allowance = 0.5 * 10.0**-places + perimeter * _VERTEX_HALF_STEP_M
    diff = float(stated) - plane
    ok = abs(diff) <= allowance
    zh = (
        f"按高斯-克吕格平面坐标计算面积{plane:.3f} m²，批复{text} m²，差{diff:+.3f} m²，"
        f"{'在' if ok else '超出'}坐标取位（1 mm）与面积取位所允许的±{allowance:.3f} m²{'以内' if ok else ''}；椭球面积{ellipsoid:.3f} m²。"
    )
    en = (
        f"Area in the Gauss–Krüger plane {plane:.3f} m², stated {text} m², a difference of {diff:+.3f} m², "
        f"{'within' if ok else 'beyond'} the ±{allowance:.3f} m² that millimetre coordinates and the printed decimals allow; on the ellipsoid {ellipsoid:.3f} m²."
    )
    return {"area_status": "match" if ok else "mismatch", "area_note": zh, "area_note_en": en}


def _points(path: Path, rows, problems: list[Problem]) -> gpd.GeoDataFrame:
    records = []
    for number, values, written in rows:
        coords = {}
        for axis in ("lon", "lat"):
            try:
                coords[axis] = parse_dms(values.get(axis, ""), axis=axis)
            except CoordinateError as exc:
                problems.append(Problem.of(exc, str(path), number, written.get(axis, axis)))
        if len(coords) < 2:
            continue
        record = _common(path, number, values, written, problems)
        record.update(
            geometry=shapely.Point(coords["lon"], coords["lat"]),
            precision=record["precision"] or "坐标",
            area_status="not_stated",
        )
        records.append(record)
    return _frame(records)


def _unlocated(path: Path, rows, problems: list[Problem]) -> gpd.GeoDataFrame:
    records = []
    for number, values, written in rows:
        record = _common(path, number, values, written, problems)
        record.update(
            geometry=None,
            precision=record["precision"] or "无",
            area_status="not_stated" if record["stated_area_m2"] is None else "not_derivable",
        )
        if record["stated_area_m2"] is not None:
            record["area_note"] = "无坐标，无法核对面积。"
            record["area_note_en"] = "No coordinates: the area cannot be checked."
        records.append(record)
    return _frame(records)
