"""Well rows: the wells table read into :class:`geo.records.Well` records.

Each row is one well: its source (批复文号, 水源编码), number, position (DMS
or decimal degrees as printed, or Gauss–Krüger X/Y in the system its header
or cell names) and the figures printed beside it.  A row that does not read
marks its source as broken, so its zones are not checked again (one
mistake, one message).
"""

from __future__ import annotations

from collections import defaultdict

from geo.cells import well_key
from geo.coordinates import gk_zone, parse_dms
from geo.errors import CoordinateError, Problem
from geo.records import Well, cite, number, source_key, warn
from geo.sheets import Sheet

__all__ = ["parse_wells", "zone_of_wells"]


def parse_wells(sheet: Sheet, docs, broken: set, problems: list[Problem]) -> list[Well]:
    """Wells of the rows that read; ``broken`` gets the sources of rows that do not (their
    counts and rules are then not checked again: one mistake, one message)."""
    from geo.corners import header_crs

    crs_default = header_crs(sheet)
    wells: list[Well] = []
    seen: dict[tuple[str, str, str], int] = {}
    for row in sheet.rows:
        values = row.values
        bad = len(problems)
        code = source_key(values)
        if not code:
            problems.append(
                Problem(sheet.file, row.number, sheet.column("source_code"), "", "a 水源编码 (source code)")
            )
        coords = _position(sheet, row, crs_default, problems)
        depth = number(sheet, row, "depth_m", "a depth in metres such as 120", problems)
        for name in ("design_supply", "actual_supply"):
            number(sheet, row, name, "a supply in 万m3/年 such as 4.976", problems)
        count = number(sheet, row, "well_count", "a whole number of wells such as 2", problems)
        if count is not None and (count != int(count) or count < 1):
            problems.append(
                Problem(
                    sheet.file,
                    row.number,
                    sheet.column("well_count"),
                    values["well_count"],
                    "a whole number of wells such as 2",
                )
            )
        doc = docs(sheet, row)
        if row.faulty:
            broken.add((doc, code))  # reported by the sheet reader: one mistake, one message
            continue
        key = (doc, code, well_key(values.get("well_no", "")))
        if code and key in seen:
            label = f"well {key[2]}" if key[2] else "a single unnumbered well"
            problems.append(
                Problem(
                    sheet.file,
                    row.number,
                    sheet.column("well_no"),
                    values.get("well_no", ""),
                    f"each well once, but row {seen[key]} already lists {label} of source {code}",
                )
            )
        seen.setdefault(key, row.number)
        if len(problems) > bad or doc is None:
            broken.add((doc, code))
            continue
        wells.append(
            Well(
                doc_no=doc,
                county=values.get("county", ""),
                source_name=values.get("source_name", "") or code,
                source_code=code,
                well_no=values.get("well_no", ""),
                location=values.get("location", ""),
                source_type=values.get("source_type", ""),
                depth_m=depth,
                aquifer=values.get("aquifer", ""),
                lon_deg=coords["lon"],
                lat_deg=coords["lat"],
                lon_text=coords.get("lon_text") or values.get("lon") or f"Y={values.get('y', '')}",
                lat_text=coords.get("lat_text") or values.get("lat") or f"X={values.get('x', '')}",
                design_supply=values.get("design_supply", ""),
                actual_supply=values.get("actual_supply", ""),
                well_count=int(count) if count is not None else None,
                cite=cite(values),
                note=values.get("note", ""),
                file=sheet.file,
                row=row.number,
            )
        )
    return wells


def _position(sheet: Sheet, row, crs_default, problems: list[Problem]) -> dict:
    """A well's longitude and latitude: DMS or decimal degrees, or Gauss–Krüger X/Y in its system."""
    values = row.values
    if values.get("lon") or values.get("lat") or not (values.get("lonlat") or values.get("x") or values.get("y")):
        coords = {}
        for axis in ("lon", "lat"):
            try:
                coords[axis] = parse_dms(values.get(axis, ""), axis=axis)
            except CoordinateError as exc:
                problems.append(Problem.of(exc, sheet.file, row.number, sheet.column(axis)))
        return coords
    from geo.corners import degree_cells, position, row_crs

    if values.get("lonlat"):  # both in one cell
        cells = degree_cells(sheet, row, problems)
        if cells is None:
            return {}
        texts, columns = cells
        coords = {f"{axis}_text": texts[axis] for axis in ("lon", "lat")}
        for axis in ("lon", "lat"):
            try:
                coords[axis] = parse_dms(texts[axis], axis=axis)
            except CoordinateError as exc:
                problems.append(Problem.of(exc, sheet.file, row.number, columns[axis]))
        return coords

    crs = row_crs(sheet, row, crs_default, problems)
    point = position(sheet, row, crs, problems)
    if point is None:
        return {}
    if not crs[2]:
        warn(
            sheet.file,
            row.number,
            f"井坐标为{crs[1]}坐标系，按pyproj换算到CGCS2000，未作基准转换（点位只移动了{point[2]:.1f} m），位置仅精确到数十米。",
            f"well coordinates in {crs[1]}, converted by pyproj with no datum shift (moving them {point[2]:.1f} m); good to tens of metres only",
        )
    return {"lon": point[0], "lat": point[1]}


def zone_of_wells(wells: list[Well]):
    """A function (doc_no, code) → the 3-degree Gauss–Krüger zone of the source's wells, or None."""
    lon: dict[tuple[str, str], list[float]] = defaultdict(list)
    for w in wells:
        lon[(w.doc_no, w.source_code)].append(w.lon_deg)

    def zone(doc: str, code: str) -> int | None:
        found = lon.get((doc, code)) or [v for (d, c), vs in lon.items() if c == code for v in vs]
        return gk_zone(sum(found) / len(found)) if found else None

    return zone
