"""Well rows: the wells table read into :class:`geo.records.Well` records.

Each row is one well: its source (批复文号, 水源编码), number, position (DMS
or decimal degrees as printed, or Gauss–Krüger X/Y in the system its header
or cell names) and the figures printed beside it.  A row that does not read
marks its source as broken, so its zones are not checked again (one
mistake, one message).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import NamedTuple

from geo.cells import fold, well_key
from geo.coordinates import gk_zone
from geo.errors import CoordinateError, Problem, warn_rows
from geo.records import Well, cite, number, source_key, warn
from geo.sheets import Row, Sheet

__all__ = ["Unlocated", "parse_wells", "zone_of_wells"]


class Unlocated(NamedTuple):
    """A well whose row gives no position at all (its coordinate cells empty, "/", "待测" …): kept, not drawn."""

    doc_no: str
    source_code: str
    source_name: str
    well_no: str
    key: str
    file: str
    row: int
    #: Why, where it is not the row's own empty cells: (Chinese, English), e.g. a 井数 above the wells listed.
    note: tuple[str, str] | tuple[()] = ()
    county: str = ""
    #: The row as a well with no position (longitude and latitude NaN), for the tables and files; None where
    #: there is no row (a 井数 above the wells listed).
    well: Well | None = None


#: What officers type in a coordinate cell for "not known yet" (folded); empty cells too.
_NO_POSITION = frozenset(
    {
        "",
        "-",
        "—",
        "——",
        "--",
        "/",
        "／",
        "\\",
        "无",
        "暂无",
        "待测",
        "待定",
        "待补充",
        "待核实",
        "不详",
        "未知",
        "未测",
        "空",
    }
)
_POSITION_COLUMNS = ("lon", "lat", "lonlat", "x", "y")


def parse_wells(
    sheet: Sheet,
    docs,
    broken: set,
    problems: list[Problem],
    unlocated: list[Unlocated] | None = None,
    repeated: bool = False,
) -> list[Well]:
    """Wells of the rows that read; ``broken`` gets the sources of rows that do not (their
    counts and rules are then not checked again: one mistake, one message).

    A row that gives no position at all — every coordinate cell empty or a
    placeholder ("/", "—", "待测", "暂无") — is no mistake in a cell: the well is
    appended to ``unlocated`` (its zones then cannot be derived) and warned
    once for the table.  Half a position (a longitude without its latitude)
    stays a problem.  With ``repeated`` (a one-file register of a zone a row),
    a well's later rows with the same position are the same well.
    """
    from geo.corners import header_crs
    from geo.packed import CoordinateReader

    crs_default = header_crs(sheet)
    cells = CoordinateReader(sheet)
    wells: list[Well] = []
    without: list[int] = []
    seen: dict[tuple[str, str, str], int] = {}
    positions: dict[tuple[str, str, str], tuple] = {}  # each well's first position, for ``repeated``
    for row, read in _each_well(sheet, problems):
        values = row.values
        if not read:  # several wells whose coordinates are not one a well: reported
            broken.add((docs(sheet, row), source_key(values)))
            continue
        bad = len(problems)
        code = source_key(values)
        if not code:
            problems.append(
                Problem(sheet.file, row.number, sheet.column("source_code"), "", "a 水源编码 (source code)")
            )
        if unlocated is not None and _no_position(values):
            coords = None
        else:
            coords = _position(sheet, row, crs_default, problems, cells)
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
        if repeated and code and key in seen and (coords or {}).get("lon") == positions.get(key, (None,))[0]:
            if (coords or {}).get("lat") == positions[key][1]:
                continue  # the same well on the row of another of its levels
        if code and key in seen:
            label = f"well {key[2]}" if key[2] else "a single unnumbered well"
            problems.append(
                Problem(
                    sheet.file,
                    row.number,
                    sheet.column("well_no" if "well_no" in sheet.written else "source_code"),
                    values.get("well_no", "") if "well_no" in sheet.written else code,
                    f"each well once, but row {seen[key]} already lists {label} of source {code}",
                )
            )
        seen.setdefault(key, row.number)
        if repeated and coords:
            positions.setdefault(key, (coords.get("lon"), coords.get("lat")))
        if len(problems) > bad or doc is None:
            broken.add((doc, code))
            continue
        record = Well(
            doc_no=doc,
            county=values.get("county", ""),
            source_name=values.get("source_name", "") or code,
            source_code=code,
            well_no=values.get("well_no", ""),
            location=values.get("location", ""),
            source_type=values.get("source_type", ""),
            depth_m=depth,
            aquifer=values.get("aquifer", ""),
            lon_deg=coords["lon"] if coords else _NAN,
            lat_deg=coords["lat"] if coords else _NAN,
            lon_text=(coords or {}).get("lon_text") or values.get("lon") or _xy_text(values, "y"),
            lat_text=(coords or {}).get("lat_text") or values.get("lat") or _xy_text(values, "x"),
            design_supply=values.get("design_supply", ""),
            actual_supply=values.get("actual_supply", ""),
            well_count=int(count) if count is not None else None,
            cite=cite(values),
            note=values.get("note", ""),
            file=sheet.file,
            row=row.number,
        )
        if coords is None:
            number_ = values.get("well_no", "")
            unlocated.append(
                Unlocated(
                    doc,
                    code,
                    record.source_name,
                    number_,
                    well_key(number_),
                    sheet.file,
                    row.number,
                    county=record.county,
                    well=record,
                )
            )
            without.append(row.number)
            continue
        wells.append(record)
    cells.finish()
    if without:
        _warn_unlocated(sheet, without)
    return wells


_NAN = float("nan")


def _xy_text(values: dict[str, str], axis: str) -> str:
    """``Y=37512342.575`` for a well placed by X/Y; the cell as printed (or empty) for one with no position."""
    text = values.get(axis, "")
    return f"{axis.upper()}={text}" if text else values.get("lonlat", "")


def _no_position(values: dict[str, str]) -> bool:
    for column in _POSITION_COLUMNS:
        cell = values.get(column)
        # A cell starting with a digit holds a position, right or wrong: folded only when it does not.
        if cell and (cell[0].isdigit() or fold(cell) not in _NO_POSITION):
            return False
    return True


def _warn_unlocated(sheet: Sheet, rows: list[int]) -> None:
    warn_rows(
        sheet.file,
        rows,
        "the well has no coordinates (empty, or '/', '待测' …); it is kept but not drawn, and the zones drawn "
        "around it cannot be derived",
        "井没有坐标（为空或为“/”“待测”等），井保留、不绘制，以其为中心的保护区无法由本表推出",
    )


#: Between the wells a row names ("1#、2#", "1号井和2号井") and between their coordinates, one a line or apart by
#: semicolons ("111°42′11.58″；111°42′12.58″"; commas too where a cell holds one coordinate each).
_LIST_MARKS = re.compile(r"[、,，;；/\n和及]")
_WELLS_APART = re.compile(r"\s*(?:[、,，;；/\n]|和|及)\s*")
_APART = {"one": re.compile(r"\s*[\n;；、,，]\s*"), "both": re.compile(r"\s*[\n;；]\s*")}
#: A well's own label in front of its coordinate: "1#：111°42′11.58″".
_LABEL = re.compile(r"^\s*([^:：\s]{1,12})\s*[:：]\s*")
#: The columns a row of several wells gives once per well: coordinates always, the others where they split so.
_PER_WELL = ("lon", "lat", "lonlat", "x", "y")
_PER_WELL_IF_SPLIT = ("depth_m", "location", "aquifer")


def _each_well(sheet: Sheet, problems: list[Problem]):
    """The rows of the wells table, each with whether it reads, a row naming several wells ("1#、2#") as one row per well.

    Such a row gives each well's coordinates in the same order, one a line
    (or apart by semicolons; each may carry its well's label, "2#：…"); its
    depth and location likewise where they split into as many, else they
    are the wells' common ones.  A row whose coordinates are not one per
    well named is reported.
    """
    for row in sheet.rows:
        no = row.values.get("well_no", "")
        if not no or _LIST_MARKS.search(no) is None:
            yield row, True
            continue
        numbers = [n for n in _WELLS_APART.split(no.strip()) if n]
        if len(numbers) < 2:
            yield row, True
            continue
        split = _split_per_well(sheet, row, numbers, problems)
        if split is None:
            yield row, False
            continue
        for one in split:
            yield one, True


def _split_per_well(sheet: Sheet, row, numbers: list[str], problems: list[Problem]) -> list | None:
    values = row.values
    pieces: dict[str, list[str]] = {}
    for name in _PER_WELL:
        text = values.get(name, "")
        if not text:
            continue
        parts = [p for p in _APART["both" if name == "lonlat" else "one"].split(text.strip()) if p]
        labels = [m[1] if (m := _LABEL.match(p)) else "" for p in parts]
        parts = [_LABEL.sub("", p) for p in parts]
        if all(labels) and sorted(map(well_key, labels)) == sorted(map(well_key, numbers)):
            order = {well_key(label): part for label, part in zip(labels, parts, strict=True)}
            parts = [order[well_key(n)] for n in numbers]  # by their labels, whatever their order
        if len(parts) != len(numbers):
            problems.append(
                Problem(
                    sheet.file,
                    row.number,
                    sheet.column(name),
                    text,
                    f"one coordinate per well named in {sheet.column('well_no')} "
                    f"({len(numbers)}: {'、'.join(numbers)}), one a line, not {len(parts)}",
                )
            )
            return None
        pieces[name] = parts
    for name in _PER_WELL_IF_SPLIT:
        parts = [p.strip() for p in values.get(name, "").split("\n")]
        if len(parts) == len(numbers):
            pieces[name] = parts
    return [
        Row(
            row.number,
            {**values, "well_no": number, **{name: parts[i] for name, parts in pieces.items()}},
            row.merged,
            row.faulty,
            row.headers,
            row.units,
        )
        for i, number in enumerate(numbers)
    ]


def _position(sheet: Sheet, row, crs_default, problems: list[Problem], read) -> dict:
    """A well's longitude and latitude: DMS or decimal degrees, or Gauss–Krüger X/Y in its system."""
    values = row.values
    if values.get("lon") or values.get("lat") or not (values.get("lonlat") or values.get("x") or values.get("y")):
        coords = {}
        for axis in ("lon", "lat"):
            try:
                coords[axis] = read(values.get(axis, ""), axis, row.number)
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
                coords[axis] = read(texts[axis], axis, row.number, "lonlat")
            except CoordinateError as exc:
                problems.append(Problem.of(exc, sheet.file, row.number, columns[axis]))
        return coords

    crs = row_crs(sheet, row, crs_default, problems)
    point = position(sheet, row, crs, problems, read)
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
