"""Tables: folders of approval tables assembled into approvals, their wells and zones.

A folder holds a ``wells`` and a ``zones`` table and, optionally, an
``approval`` table (one record or several) and a ``corners`` table
(拐点坐标表), each as ``.csv``, ``.xlsx`` or ``.xls`` (read by
:mod:`geo.sheets`).  One table may list the sources of several approvals,
as a county register (台账) does: every source is keyed by (批复文号, 水源编码).
Rows become frozen :class:`Well` and :class:`ZoneSpec` records here, checked
once; every problem of every file is raised together as one
:class:`~geo.errors.InputError`, and what is only suspicious is a
:class:`~geo.errors.SuspiciousInputWarning`.
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from geo.cells import Figure, parse_figure, parse_number, well_key
from geo.collector import collector_paused
from geo.columns import APPROVAL_COLUMNS, LEVELS, WELL_COLUMNS, ZONE_COLUMNS
from geo.coordinates import gk_zone, parse_dms
from geo.errors import CoordinateError, InputError, Problem, SuspiciousInputWarning, ValueProblem
from geo.rules import Rule
from geo.sheets import Sheet, find_table, read_sheet
from geo.sources import check_sources

__all__ = [
    "APPROVAL_COLUMNS",
    "LEVELS",
    "WELL_COLUMNS",
    "ZONE_COLUMNS",
    "Approval",
    "Well",
    "ZoneSpec",
    "read_approvals",
]

_RECORD_FIELDS = ("title", "issuer", "addressee", "request", "date", "county", "bulletin", "cite", "note")


@dataclass(frozen=True, slots=True)
class Well:
    """One well of a water source, as printed, with its position in decimal degrees."""

    doc_no: str
    county: str
    source_name: str
    source_code: str
    well_no: str
    location: str
    source_type: str
    depth_m: float | None
    aquifer: str
    lon_deg: float
    lat_deg: float
    lon_text: str
    lat_text: str
    design_supply: str
    actual_supply: str
    well_count: int | None
    cite: str
    note: str
    file: str
    row: int

    @property
    def key(self) -> str:
        """The well number in the form rules use ("1#"), "" for a single well."""
        return well_key(self.well_no)


@dataclass(frozen=True, slots=True)
class ZoneSpec:
    """One zone row: its level and part, stated figures and rule, resolved to its wells.

    ``well_keys`` and ``radii_m`` give, well by well, the wells the rule
    draws around and the outer radius of each; ``inner_radii_m`` the inner
    radius of rings between two radii (empty otherwise); ``groups`` the
    hull group of each well (hulls are drawn per group).  ``corners`` holds
    rings of (lon, lat) for zones drawn through corner points.
    ``warnings`` are (Chinese, English) notes on what is suspicious.
    """

    doc_no: str
    source_code: str
    level: str
    stated_area: Figure | None
    stated_perimeter: Figure | None
    rule: Rule
    corners: tuple[tuple[tuple[float, float], ...], ...]
    well_keys: tuple[str, ...]
    radii_m: tuple[Decimal, ...]
    inner_radii_m: tuple[Decimal, ...]
    cite: str
    note: str
    file: str
    row: int
    part: str = ""
    groups: tuple[int, ...] = ()
    source_name: str = ""
    warnings: tuple[tuple[str, str], ...] = ()
    #: The 点号 of each corner point, ring by ring, as printed (parallel to ``corners``).
    corner_labels: tuple[tuple[str, ...], ...] = ()

    @property
    def stated_area_km2(self) -> Decimal | None:
        """The stated area in km² (as printed when printed in km²)."""
        if self.stated_area is None:
            return None
        if self.stated_area.per_unit == 1_000_000:
            return self.stated_area.value
        return self.stated_area.base / Decimal(1_000_000)

    @property
    def stated_perimeter_m(self) -> Decimal | None:
        """The stated perimeter in metres (as printed when printed in m)."""
        return None if self.stated_perimeter is None else self.stated_perimeter.base


@dataclass(frozen=True)
class Approval:
    """An approval (批复): its record, wells and zones."""

    folder: str
    doc_no: str
    title: str = ""
    issuer: str = ""
    addressee: str = ""
    request: str = ""
    date: str = ""
    county: str = ""
    bulletin: str = ""
    cite: str = ""
    note: str = ""
    wells: tuple[Well, ...] = field(default=(), repr=False)
    zones: tuple[ZoneSpec, ...] = field(default=(), repr=False)


_FOLDER_EXPECTED = (
    "a folder of approval tables (with wells and zones as .csv, .xlsx or .xls) or a folder of such folders"
)


@collector_paused()
def read_approvals(*paths: str | Path | list) -> list[Approval]:
    """Read folders of approval tables, or folders that contain them.

    Parameters
    ----------
    *paths : str or Path, or lists of them
        Each a folder holding ``wells`` and ``zones`` tables (of one approval
        or a register of several) or a folder of such folders, such as
        ``data/``.  A folder given twice is read once.

    Returns
    -------
    list of Approval
        One per 批复文号, in the order folders are given (sub-folders sorted
        by name) and approvals first appear in them.

    Raises
    ------
    InputError
        Listing every problem of every file read.

    Examples
    --------
    >>> approvals = read_approvals("data")
    >>> [(a.doc_no, len(a.wells), len(a.zones)) for a in approvals]
    [('吕政函〔2023〕92号', 16, 22), ('吕政函〔2023〕93号', 2, 4)]
    """
    from geo.files import input_paths

    problems: list[Problem] = []
    folders: list[Path] = []
    for path in input_paths(paths, "read_approvals"):
        if _holds_tables(path):
            found = [path]
        elif path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_dir() and _holds_tables(p))
            if not found:
                problems.append(Problem(str(path), None, None, None, _FOLDER_EXPECTED))
        else:
            problems.append(Problem(str(path), None, None, None, _FOLDER_EXPECTED))
            found = []
        for folder in found:
            if all(folder.resolve() != f.resolve() for f in folders):
                folders.append(folder)
    approvals: list[Approval] = []
    owner: dict[tuple[str, str], tuple[Path, str]] = {}  # (批复文号, 水源编码) → the folder and file first listing it
    for folder in folders:
        read = _read_folder(folder, problems)
        for approval in read:
            for w in approval.wells:
                there, first = owner.setdefault((w.doc_no, w.source_code), (folder, w.file))
                if there != folder:
                    problems.append(
                        Problem(
                            w.file,
                            w.row,
                            None,
                            w.source_code,
                            f"each source (批复文号, 水源编码) in one folder only, but {first} also lists {w.doc_no} {w.source_code}",
                        )
                    )
                    break
        approvals.extend(read)
    if problems:
        raise InputError(_unique(problems))
    return approvals


def holds_approvals(path: str | Path) -> bool:
    """Whether ``path`` is what :func:`read_approvals` reads: a folder of approval tables, or a folder of such folders."""
    path = Path(path)
    if not path.is_dir():
        return False
    return _holds_tables(path) or any(p.is_dir() and _holds_tables(p) for p in path.iterdir())


def _holds_tables(folder: Path) -> bool:
    """A folder of approval tables has a wells or a zones table (zones drawn through corners need no wells)."""
    return any(find_table(folder, kind, []) is not None for kind in ("wells", "zones"))


def _unique(problems: list[Problem]) -> list[Problem]:
    """Every problem once, and one per cell: a second message on a cell already reported is dropped."""
    seen: set = set()
    out = []
    for p in problems:
        key = (p.file, p.row, p.column) if p.row is not None and p.column is not None else (p.file, p.row, p.expected)
        if key in seen:
            continue
        seen.add(key)
        out.append(p)
    return out


def _read_folder(folder: Path, problems: list[Problem]) -> list[Approval]:
    start = len(problems)
    found: dict[str, Sheet | None] = {}
    present: set[str] = set()
    for kind in ("approval", "wells", "zones", "corners"):
        path = find_table(folder, kind, problems)
        found[kind] = read_sheet(path, kind, problems) if path is not None else None
        if path is not None:
            present.add(kind)
        elif kind == "zones":
            problems.append(
                Problem(
                    str(folder / "zones.csv"), None, None, None, "a zones table (zones.csv, .xlsx or .xls) beside wells"
                )
            )
    merged = _MergedCells(found.values())
    records = _records(found["approval"])
    wells_sheet = found.pop("wells")
    wells_read = wells_sheet is not None
    docs = _DocResolver(folder, records, wells_sheet, problems)
    broken: set[tuple[str, str]] = set()
    wells = _parse_wells(wells_sheet, docs, broken, problems) if wells_sheet else []
    check_sources(wells, wells_sheet, broken, problems)
    del wells_sheet  # its rows are as big as the wells themselves: freed before the zones are parsed
    zones = []
    # Zones are read unless the wells table exists but could not be read (reported: one mistake, one message).
    if found["zones"] is not None and (wells_read or "wells" not in present):
        from geo.zonespecs import parse_zones

        zones = parse_zones(found["zones"], found["corners"], wells, docs, broken, problems)
    problems[start:] = [merged.hint(p) for p in problems[start:]]
    by_doc: dict[str, dict] = {}
    for doc in [*records, *(w.doc_no for w in wells), *(z.doc_no for z in zones)] or [docs.default or folder.name]:
        by_doc.setdefault(doc, {"wells": [], "zones": []})
    for w in wells:
        by_doc[w.doc_no]["wells"].append(w)
    for z in zones:
        by_doc[z.doc_no]["zones"].append(z)
    return [
        Approval(
            folder=str(folder),
            doc_no=doc,
            **{k: records.get(doc, {}).get(k, "") for k in _RECORD_FIELDS},
            wells=tuple(parts["wells"]),
            zones=tuple(parts["zones"]),
        )
        for doc, parts in by_doc.items()
    ]


class _MergedCells:
    """The merged cells of a folder's sheets, row by row, to say so when a cell at fault is part of one."""

    def __init__(self, sheets):
        self._rows = {s.file: {r.number: r.merged for r in s.rows if r.merged} for s in sheets if s is not None}
        self._written = {s.file: s.written for s in sheets if s is not None}

    def hint(self, problem: Problem) -> Problem:
        """``problem``, its hint saying that the merged cell's value applies to every row it covers."""
        import dataclasses

        spans = self._rows.get(problem.file, {}).get(problem.row) if problem.row is not None else None
        if not spans:
            return problem
        name = next((k for k, v in self._written[problem.file].items() if v == problem.column), None)
        if name not in spans:
            return problem
        return dataclasses.replace(
            problem, hint=f"{problem.hint} (from the merged cell {spans[name]}, which applies to every row it covers)"
        )


def _records(sheet: Sheet | None) -> dict[str, dict[str, str]]:
    if sheet is None:
        return {}
    records: dict[str, dict[str, str]] = {}
    for row in sheet.rows:
        values = {k: v for k, v in row.values.items() if k in APPROVAL_COLUMNS}
        values["cite"] = cite(values)
        if values.get("doc_no"):
            records.setdefault(values["doc_no"], values)
    return records


class _DocResolver:
    """The 批复文号 of a row: its own cell, else the one approval of the folder, else the folder's name."""

    def __init__(self, folder: Path, records: dict, wells: Sheet | None, problems: list[Problem]):
        self.records = records
        self.problems = problems
        row_docs = {r.values["doc_no"] for r in (wells.rows if wells else ()) if r.values.get("doc_no")}
        known = list(records) or sorted(row_docs)
        self.default = known[0] if len(known) == 1 else ("" if known else folder.name)
        self.known = known

    def __call__(self, sheet: Sheet, row) -> str | None:
        doc = row.values.get("doc_no", "")
        if doc:
            return doc
        if self.default:
            return self.default
        self.problems.append(
            Problem(
                sheet.file,
                row.number,
                sheet.column("doc_no"),
                "",
                f"a 批复文号 for this row: the folder holds several approvals ({'、'.join(self.known)})",
            )
        )
        return None


def source_key(values: dict[str, str]) -> str:
    """A source's key within its approval: its 水源编码, or its name where the approval prints no codes."""
    return values.get("source_code", "") or values.get("source_name", "")


def cite(values: dict[str, str]) -> str:
    """The source file and lines a row cites, as "file:lines"."""
    source, lines = values.get("source_file", ""), values.get("source_lines", "")
    return f"{source}:{lines}" if source and lines else source or lines


def number(sheet: Sheet, row, name: str, expected: str, problems: list[Problem]) -> float | None:
    """A plain number from a cell, or None (empty, or after recording a problem)."""
    try:
        return _number_value(row.values.get(name, ""), expected)
    except ValueProblem as exc:
        problems.append(Problem.of(exc, sheet.file, row.number, sheet.column(name)))
        return None


@lru_cache(maxsize=4096)
def _number_value(text: str, expected: str) -> float | None:
    """A cell's number as a float (registers repeat depths and supplies: each text is read once)."""
    value = parse_number(text, expected)
    return None if value is None else float(value)


def figure(sheet: Sheet, row, name: str, kind: str, expected: str, problems: list[Problem]) -> Figure | None:
    """A stated area or perimeter with its unit (from the cell or the header), or None."""
    try:
        return parse_figure(row.values.get(name, ""), sheet.units.get(name, ""), kind, expected)
    except ValueProblem as exc:
        problems.append(Problem.of(exc, sheet.file, row.number, sheet.column(name)))
        return None


def warn(file: str, row: int | None, zh: str, en: str) -> tuple[str, str]:
    """Issue a :class:`SuspiciousInputWarning` placed at ``file`` and ``row``; return the note (zh, en)."""
    where_en, where_zh = (f"{file} row {row}", f"{file} 第{row}行") if row is not None else (file, file)
    warnings.warn(SuspiciousInputWarning(f"{where_en}: {en}", zh=f"{where_zh}：{zh}"), stacklevel=3)
    return zh, en


def _parse_wells(sheet: Sheet, docs: _DocResolver, broken: set, problems: list[Problem]) -> list[Well]:
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
                lon_text=values.get("lon") or f"Y={values.get('y', '')}",
                lat_text=values.get("lat") or f"X={values.get('x', '')}",
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


def _position(sheet: Sheet, row, crs_default, problems: list[Problem]) -> dict[str, float]:
    """A well's longitude and latitude: DMS or decimal degrees, or Gauss–Krüger X/Y in its system."""
    values = row.values
    if values.get("lon") or values.get("lat") or not (values.get("x") or values.get("y")):
        coords = {}
        for axis in ("lon", "lat"):
            try:
                coords[axis] = parse_dms(values.get(axis, ""), axis=axis)
            except CoordinateError as exc:
                problems.append(Problem.of(exc, sheet.file, row.number, sheet.column(axis)))
        return coords
    from geo.corners import position, row_crs

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
