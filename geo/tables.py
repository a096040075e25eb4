"""Tables: approval folders read into frozen rows, validated once.

An approval folder holds ``wells`` and ``zones`` (``.csv`` or ``.xlsx``) and,
optionally, ``approval`` (the approval's own record).  Headers may be the
English names below or the Chinese of the approvals.  Every problem of every
file is collected and raised together as one :class:`~geo.errors.InputError`.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from pathlib import Path

import numpy as np

from geo.coordinates import parse_dms
from geo.errors import CoordinateError, InputError, Problem, RuleError
from geo.rules import Rule, parse_rule

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

#: Zone levels in the order they nest, and the spellings accepted for each.
LEVELS = {
    "一级": ("一级", "一级保护区", "1级", "一", "level1", "first"),
    "二级": ("二级", "二级保护区", "2级", "二", "level2", "second"),
    "准保护区": ("准保护区", "准", "准级", "准级保护区", "quasi", "buffer"),
}

#: Canonical column name → accepted headers (besides the canonical name itself).
WELL_COLUMNS = {
    "doc_no": ("批复文号", "文号"),
    "county": ("县区", "县（市、区）", "县"),
    "source_name": ("水源名称", "水源地名称"),
    "source_code": ("水源编码", "水源地编码"),
    "well_count": ("水源井数量（眼）", "水源井数量", "井数"),
    "well_no": ("水源井编号", "井号", "井编号"),
    "location": ("位置",),
    "source_type": ("水源类型",),
    "depth_m": ("井深（m）", "井深"),
    "aquifer": ("含水层类型", "含水层"),
    "lon": ("经度",),
    "lat": ("纬度",),
    "design_supply": ("设计供水量（万m3/年）", "设计供水量"),
    "actual_supply": ("实际供水量（万m3/年）", "实际供水量"),
    "source_file": ("来源文件",),
    "source_lines": ("来源行",),
    "note": ("备注",),
}
ZONE_COLUMNS = {
    "doc_no": ("批复文号", "文号"),
    "source_code": ("水源编码", "水源地编码"),
    "level": ("保护区级别", "级别"),
    "stated_area_km2": ("保护区面积（km2）", "面积（km2）", "保护区面积"),
    "stated_perimeter_m": ("保护区周长（m）", "周长（m）", "保护区周长"),
    "rule": ("划定方案",),
    "corners": ("拐点坐标",),
    "source_file": ("来源文件",),
    "source_lines": ("来源行",),
    "note": ("备注",),
}
APPROVAL_COLUMNS = {
    "doc_no": ("批复文号", "文号"),
    "title": ("标题",),
    "issuer": ("发文机关",),
    "addressee": ("主送",),
    "request": ("请示文号",),
    "date": ("日期", "成文日期"),
    "county": ("县区",),
    "bulletin": ("公报",),
    "source_file": ("来源文件",),
    "source_lines": ("来源行",),
    "note": ("备注",),
}
_REQUIRED = {
    "wells": ("source_name", "source_code", "lon", "lat"),
    "zones": ("source_code", "level", "rule"),
    "approval": ("doc_no",),
}
_COLUMNS = {"wells": WELL_COLUMNS, "zones": ZONE_COLUMNS, "approval": APPROVAL_COLUMNS}
#: Wells of one source farther apart than this are reported as misplaced.
MAX_WELL_SPREAD_M = 10_000.0


@dataclass(frozen=True)
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
        return _well_key(self.well_no)


@dataclass(frozen=True)
class ZoneSpec:
    """One zone row: its level, stated figures and rule, resolved to its wells.

    ``well_keys`` and ``radii_m`` give, well by well, the wells the rule
    draws around and the outer radius of each; ``inner_radii_m`` the inner
    radius of "X至Y米" rings (empty otherwise).
    """

    doc_no: str
    source_code: str
    level: str
    stated_area_km2: Decimal | None
    stated_perimeter_m: Decimal | None
    rule: Rule
    corners: tuple[tuple[float, float], ...]
    well_keys: tuple[str, ...]
    radii_m: tuple[Decimal, ...]
    inner_radii_m: tuple[Decimal, ...]
    cite: str
    note: str
    file: str
    row: int


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


def read_approvals(*paths: str | Path) -> list[Approval]:
    """Read approval folders, or folders that contain approval folders.

    Parameters
    ----------
    *paths : str or Path
        Each an approval folder (holding ``wells`` and ``zones`` tables) or a
        folder of such folders, such as ``data/``.

    Returns
    -------
    list of Approval
        In the order given, sub-folders sorted by name.

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
    problems: list[Problem] = []
    folders: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if _table(path, "wells") is not None:
            folders.append(path)
        elif path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_dir() and _table(p, "wells"))
            if not found:
                problems.append(Problem(str(path), None, None, None, _FOLDER_EXPECTED))
            folders.extend(found)
        else:
            problems.append(Problem(str(path), None, None, None, _FOLDER_EXPECTED))
    approvals = []
    for folder in folders:
        approval, found = _read_folder(folder)
        problems.extend(found)
        approvals.append(approval)
    if problems:
        raise InputError(problems)
    return approvals


_FOLDER_EXPECTED = (
    "an approval folder (with wells.csv or wells.xlsx and zones.csv or zones.xlsx) or a folder of approval folders"
)


def _table(folder: Path, stem: str) -> Path | None:
    if not folder.is_dir():
        return None
    for suffix in (".csv", ".xlsx"):
        candidate = folder / f"{stem}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def _read_folder(folder: Path) -> tuple[Approval, list[Problem]]:
    problems: list[Problem] = []
    record: dict[str, str] = {}
    approval_path = _table(folder, "approval")
    if approval_path is not None:
        rows = _read_rows(approval_path, "approval", problems)
        if rows:
            record = {k: v for k, v in rows[0][1].items() if k in APPROVAL_COLUMNS}
            record["cite"] = _cite(record)
    wells_path = _table(folder, "wells")
    zones_path = _table(folder, "zones")
    if zones_path is None:
        problems.append(
            Problem(str(folder / "zones.csv"), None, None, None, "a zones table (zones.csv or zones.xlsx) beside wells")
        )
    well_rows = _read_rows(wells_path, "wells", problems)
    # The folder's 批复文号: approval.csv's, else the first the wells table gives, else the folder name.
    default_doc = (
        record.get("doc_no") or next((v["doc_no"] for _, v, _ in well_rows if v.get("doc_no")), "") or folder.name
    )
    wells = _parse_wells(well_rows, str(wells_path), default_doc, problems)
    zones = ()
    if zones_path is not None:
        named = {v.get("source_code", "") for _, v, _ in well_rows} - {""}
        zones = _parse_zones(
            _read_rows(zones_path, "zones", problems), str(zones_path), default_doc, wells, named, problems
        )
    approval = Approval(
        folder=str(folder),
        doc_no=default_doc,
        **{
            k: record.get(k, "")
            for k in ("title", "issuer", "addressee", "request", "date", "county", "bulletin", "cite", "note")
        },
        wells=wells,
        zones=zones,
    )
    return approval, problems


# --- reading files -----------------------------------------------------------


def _normalise_header(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("³", "3").replace("²", "2")
    return re.sub(r"\s+", "", text).lower()


def _header_map(columns: dict[str, tuple[str, ...]]) -> dict[str, str]:
    mapping = {}
    for name, aliases in columns.items():
        for alias in (name, *aliases):
            mapping[_normalise_header(alias)] = name
    return mapping


def _read_rows(
    path: Path,
    kind: str,
    problems: list[Problem],
    columns: dict[str, tuple[str, ...]] | None = None,
    required: tuple[str, ...] | None = None,
) -> list[tuple[int, dict[str, str], dict[str, str]]]:
    """Rows as (row number, values by canonical name, header as written by name)."""
    name = str(path)
    try:
        grid = _read_xlsx(path) if path.suffix.lower() == ".xlsx" else _read_csv(path)
    except _FileProblem as exc:
        problems.append(Problem(name, None, None, None, str(exc)))
        return []
    # Skip blank rows before the header; keep spreadsheet row numbers.
    numbered = [(i + 1, row) for i, row in enumerate(grid)]
    while numbered and not any(cell.strip() for cell in numbered[0][1]):
        numbered.pop(0)
    if not numbered:
        problems.append(Problem(name, None, None, None, f"a header row naming the {kind} columns, found an empty file"))
        return []
    header_row, header = numbered[0]
    columns = columns or _COLUMNS[kind]
    required = _REQUIRED[kind] if required is None else required
    mapping = _header_map(columns)
    positions: dict[int, str] = {}
    written: dict[str, str] = {}
    for index, cell in enumerate(header):
        canonical = mapping.get(_normalise_header(cell))
        if canonical is None:
            continue
        if canonical in written:
            problems.append(
                Problem(
                    name,
                    header_row,
                    cell,
                    cell,
                    f"each column once; {written[canonical]!r} is the same column ({canonical})",
                )
            )
            continue
        positions[index] = canonical
        written[canonical] = cell.strip()
    missing = [c for c in required if c not in written]
    if missing:
        accepted = "; ".join(f"{c}: {' / '.join((c, *columns[c]))}" for c in missing)
        problems.append(
            Problem(
                name,
                header_row,
                None,
                None,
                f"the required column(s) {', '.join(missing)} (accepted headers — {accepted})",
            )
        )
        return []
    rows = []
    for number, cells in numbered[1:]:
        if not any(cell.strip() for cell in cells):
            continue
        extra = [c for i, c in enumerate(cells) if i >= len(header) and c.strip()]
        if extra:
            problems.append(
                Problem(name, number, None, extra[0], f"at most {len(header)} cells, as many as the header has")
            )
        values = {canonical: (cells[i].strip() if i < len(cells) else "") for i, canonical in positions.items()}
        rows.append((number, values, written))
    return rows


class _FileProblem(Exception):
    pass


def _read_csv(path: Path) -> list[list[str]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _FileProblem(f"a readable file ({exc.strerror})") from exc
    # Excel's "Unicode text" is UTF-16 with a byte-order mark, separated by tabs.
    utf16 = data[:2] in (b"\xff\xfe", b"\xfe\xff")
    if not utf16 and b"\x00" in data[:4096]:
        raise _FileProblem("a text file (CSV in UTF-8 or GBK), found binary data")
    encodings = ("utf-16",) if utf16 else ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _FileProblem("text in UTF-8, UTF-8 with BOM or GBK/GB18030")
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise _FileProblem(f"well-formed CSV ({exc})") from exc


def _read_xlsx(path: Path) -> list[list[str]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any failure to parse a foreign file is the user's input problem
        raise _FileProblem(f"an Excel workbook (.xlsx) that opens ({type(exc).__name__}: {exc})") from exc
    try:
        sheet = book.worksheets[0]
        return [[_cell_text(cell) for cell in row] for row in sheet.iter_rows()]
    except Exception as exc:  # noqa: BLE001 - a malformed sheet inside a valid zip
        raise _FileProblem(f"an Excel workbook (.xlsx) whose first sheet reads ({type(exc).__name__}: {exc})") from exc
    finally:
        book.close()


def _cell_text(cell) -> str:
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        # Keep the decimals the sheet shows ("0.0000", "0.0"), as printed;
        # openpyxl gives 1099.0 back as the int 1099.
        match = re.fullmatch(r"[#,0]*0\.(0+)", getattr(cell, "number_format", "") or "")
        if match:
            return f"{value:.{len(match[1])}f}"
        if isinstance(value, int) or value.is_integer():
            return str(int(value))
        return repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)


# --- wells -------------------------------------------------------------------


def _header(written: dict[str, str], name: str) -> str:
    """The header of column ``name`` as the user wrote it, for messages."""
    return written.get(name, name)


def _well_key(well_no: str) -> str:
    digits = re.search(r"\d+", unicodedata.normalize("NFKC", well_no or ""))
    return f"{int(digits[0])}#" if digits else (well_no or "").strip()


def _cite(values: dict[str, str]) -> str:
    source, lines = values.get("source_file", ""), values.get("source_lines", "")
    return f"{source}:{lines}" if source and lines else source or lines


def _parse_wells(rows, file: str, default_doc: str, problems: list[Problem]) -> tuple[Well, ...]:
    wells: list[Well] = []
    seen: dict[tuple[str, str], int] = {}
    for number, values, written in rows:
        col = partial(_header, written)
        bad = len(problems)
        code = values.get("source_code", "")
        if not code:
            problems.append(Problem(file, number, col("source_code"), code, "a 水源编码 (source code)"))
        if not values.get("source_name"):
            problems.append(Problem(file, number, col("source_name"), "", "a 水源名称 (source name)"))
        coords = {}
        for axis in ("lon", "lat"):
            try:
                coords[axis] = parse_dms(values.get(axis, ""), axis=axis)
            except CoordinateError as exc:
                problems.append(Problem.of(exc, file, number, col(axis)))
        depth = _number(values, "depth_m", file, number, col, problems, "a depth in metres such as 120")
        for name in ("design_supply", "actual_supply"):
            _number(values, name, file, number, col, problems, "a supply in 万m3/年 such as 4.976")
        count = _number(values, "well_count", file, number, col, problems, "a whole number of wells such as 2")
        if count is not None and (count != int(count) or count < 1):
            problems.append(
                Problem(file, number, col("well_count"), values["well_count"], "a whole number of wells such as 2")
            )
        doc = values.get("doc_no") or default_doc
        if default_doc and values.get("doc_no") and values["doc_no"] != default_doc:
            problems.append(
                Problem(file, number, col("doc_no"), values["doc_no"], f"the 批复文号 of this folder, {default_doc!r}")
            )
        key = (code, _well_key(values.get("well_no", "")))
        if code and key in seen:
            label = f"well {key[1]}" if key[1] else "a single unnumbered well"
            problems.append(
                Problem(
                    file,
                    number,
                    col("well_no"),
                    values.get("well_no", ""),
                    f"each well once, but row {seen[key]} already lists {label} of source {code}",
                )
            )
        seen.setdefault(key, number)
        if len(problems) > bad:
            continue
        wells.append(
            Well(
                doc_no=doc,
                county=values.get("county", ""),
                source_name=values["source_name"],
                source_code=code,
                well_no=values.get("well_no", ""),
                location=values.get("location", ""),
                source_type=values.get("source_type", ""),
                depth_m=depth,
                aquifer=values.get("aquifer", ""),
                lon_deg=coords["lon"],
                lat_deg=coords["lat"],
                lon_text=values["lon"],
                lat_text=values["lat"],
                design_supply=values.get("design_supply", ""),
                actual_supply=values.get("actual_supply", ""),
                well_count=int(count) if count is not None else None,
                cite=_cite(values),
                note=values.get("note", ""),
                file=file,
                row=number,
            )
        )
    _check_sources(wells, file, rows[0][2] if rows else {}, problems)
    return tuple(wells)


def _figure(values, name, file, number, col, problems, expected, *, parse=float, positive=False):
    """A number from a cell (float or Decimal by ``parse``), or None after recording a problem.

    Empty cells give None.  Values must be finite and at least zero, or above
    zero with ``positive``.
    """
    raw = values.get(name, "")
    if not raw:
        return None
    try:
        value = parse(unicodedata.normalize("NFKC", raw).replace(",", ""))
        ok = math.isfinite(value) and (value > 0 if positive else value >= 0)
    except (ValueError, ArithmeticError):
        ok = False
    if not ok:
        problems.append(Problem(file, number, col(name), raw, expected))
        return None
    return value


_number = partial(_figure, parse=float)
_stated = partial(_figure, parse=Decimal, positive=True)


def _check_sources(wells: list[Well], file: str, written: dict[str, str], problems: list[Problem]) -> None:
    from pyproj import Geod

    col = partial(_header, written)

    by_source: dict[str, list[Well]] = defaultdict(list)
    for well in wells:
        by_source[well.source_code].append(well)
    geod = Geod(ellps="GRS80")
    for code, group in by_source.items():
        first = group[0]
        for well in group[1:]:
            if well.source_name != first.source_name:
                problems.append(
                    Problem(
                        file,
                        well.row,
                        col("source_name"),
                        well.source_name,
                        f"the same 水源名称 for every well of source {code}, {first.source_name!r} (row {first.row})",
                    )
                )
        counts = {w.well_count for w in group if w.well_count is not None}
        if counts and counts != {len(group)}:
            problems.append(
                Problem(
                    file,
                    first.row,
                    col("well_count"),
                    sorted(counts)[0],
                    f"the number of wells listed for source {code}, {len(group)}",
                )
            )
        supplies = {w.design_supply for w in group if w.design_supply}
        if len(supplies) > 1:
            problems.append(
                Problem(
                    file,
                    group[1].row,
                    col("design_supply"),
                    group[1].design_supply,
                    f"one 设计供水量 per source (it is a figure of the source, printed once), as row {first.row} gives",
                )
            )
        if len(group) > 1 and any(not w.key for w in group):
            unnumbered = next(w for w in group if not w.key)
            problems.append(
                Problem(
                    file,
                    unnumbered.row,
                    col("well_no"),
                    unnumbered.well_no,
                    f"a 水源井编号 for each of the {len(group)} wells of source {code}",
                )
            )
        if len(group) > 1:
            _check_spread(group, code, file, col, geod, problems)


def _check_spread(group: list[Well], code: str, file: str, col, geod, problems: list[Problem]) -> None:
    """A well whose nearest sibling is more than MAX_WELL_SPREAD_M away is probably mistyped."""
    n = len(group)
    first, second = np.triu_indices(n, k=1)
    lon = np.array([w.lon_deg for w in group])
    lat = np.array([w.lat_deg for w in group])
    _, _, dist = geod.inv(lon[first], lat[first], lon[second], lat[second])
    matrix = np.full((n, n), np.inf)
    matrix[first, second] = matrix[second, first] = dist
    nearest = matrix.argmin(axis=1)
    for i, well in enumerate(group):
        j = int(nearest[i])
        if matrix[i, j] <= MAX_WELL_SPREAD_M or (n == 2 and i == 0):
            continue  # a pair too far apart is reported once, at its second well
        problems.append(
            Problem(
                file,
                well.row,
                f"{col('lon')}/{col('lat')}",
                f"{well.lon_text} {well.lat_text}",
                f"a well within {MAX_WELL_SPREAD_M / 1000:g} km of another well of source {code}; the nearest, row {group[j].row}, lies {matrix[i, j] / 1000:.1f} km away (typing error?)",
            )
        )


# --- zones -------------------------------------------------------------------


def _level(raw: str) -> str | None:
    folded = _normalise_header(raw)
    for level, spellings in LEVELS.items():
        if folded in {_normalise_header(s) for s in spellings}:
            return level
    return None


def _parse_corners(raw: str) -> tuple[tuple[float, float], ...]:
    points = []
    for part in re.split(r"[;；\n]+", raw.strip()):
        if not part.strip():
            continue
        pieces = re.split(r"[\s,，]+", part.strip())
        if len(pieces) != 2:
            raise CoordinateError("corner points as 'lon lat; lon lat; …'", part.strip())
        points.append((parse_dms(pieces[0], "lon"), parse_dms(pieces[1], "lat")))
    return tuple(points)


def _parse_zones(
    rows, file: str, default_doc: str, wells: tuple[Well, ...], named: set[str], problems: list[Problem]
) -> tuple[ZoneSpec, ...]:
    wells_of: dict[str, list[Well]] = defaultdict(list)
    for well in wells:
        wells_of[well.source_code].append(well)
    parsed: list[tuple[int, dict, dict, str, Rule, tuple]] = []
    seen: dict[tuple[str, str], int] = {}
    for number, values, written in rows:
        col = partial(_header, written)
        bad = len(problems)
        code = values.get("source_code", "")
        if code not in named:
            known = ", ".join(sorted(named)) or "none"
            problems.append(
                Problem(file, number, col("source_code"), code, f"a 水源编码 listed in the wells table ({known})")
            )
        level = _level(values.get("level", ""))
        if level is None:
            problems.append(
                Problem(file, number, col("level"), values.get("level", ""), "a 保护区级别: 一级, 二级 or 准保护区")
            )
        elif (code, level) in seen:
            problems.append(
                Problem(
                    file,
                    number,
                    col("level"),
                    values["level"],
                    f"each level once per source, but row {seen[(code, level)]} already gives {level} for {code}",
                )
            )
        else:
            seen[(code, level)] = number
        _stated(values, "stated_area_km2", file, number, col, problems, "an area in km² above zero such as 0.0028")
        _stated(
            values, "stated_perimeter_m", file, number, col, problems, "a perimeter in metres above zero such as 188.4"
        )
        if default_doc and values.get("doc_no") and values["doc_no"] != default_doc:
            problems.append(
                Problem(file, number, col("doc_no"), values["doc_no"], f"the 批复文号 of this folder, {default_doc!r}")
            )
        rule = None
        try:
            rule = parse_rule(values.get("rule", ""))
        except RuleError as exc:
            problems.append(Problem.of(exc, file, number, col("rule")))
        corners: tuple = ()
        if values.get("corners"):
            try:
                corners = _parse_corners(values["corners"])
            except CoordinateError as exc:
                problems.append(Problem.of(exc, file, number, col("corners")))
            else:
                _check_corners(corners, values["corners"], file, number, col("corners"), problems)
        if rule is not None and rule.shape == "corners" and not values.get("corners"):
            problems.append(
                Problem(
                    file,
                    number,
                    col("corners"),
                    "",
                    "拐点坐标 ('lon lat; lon lat; …') for a rule drawn through corner points",
                )
            )
        if len(problems) == bad:
            parsed.append((number, values, written, level, rule, corners))
    specs = []
    for number, values, written, level, rule, corners in parsed:
        col = partial(_header, written)
        if values["source_code"] not in wells_of:
            continue  # its wells have problems of their own, reported above
        resolved = _resolve_wells(rule, wells_of[values["source_code"]], file, number, col("rule"), problems)
        if resolved is None:
            continue
        keys, radii, inner = resolved
        specs.append(
            ZoneSpec(
                doc_no=values.get("doc_no") or default_doc,
                source_code=values["source_code"],
                level=level,
                stated_area_km2=_stated(values, "stated_area_km2", file, number, col, [], ""),
                stated_perimeter_m=_stated(values, "stated_perimeter_m", file, number, col, [], ""),
                rule=rule,
                corners=corners,
                well_keys=keys,
                radii_m=radii,
                inner_radii_m=inner,
                cite=_cite(values),
                note=values.get("note", ""),
                file=file,
                row=number,
            )
        )
    _check_nesting(specs, rows[0][2].get("rule", "rule") if rows else "rule", problems)
    return tuple(specs)


def _resolve_wells(rule: Rule, source_wells: list[Well], file, number, column, problems):
    if rule.shape in ("corners", "terrain") and not rule.radii_m:
        return (), (), ()
    keys = [w.key for w in source_wells]
    if rule.wells:
        unknown = [k for k in rule.wells if k not in keys]
        if unknown:
            listed = "、".join(k or "(unnumbered)" for k in keys)
            problems.append(
                Problem(
                    file,
                    number,
                    column,
                    rule.text,
                    f"wells of this source ({listed}); the rule names {'、'.join(unknown)}",
                )
            )
            return None
        keys = list(rule.wells)
    if len(rule.radii_m) not in (1, len(keys)):
        problems.append(
            Problem(
                file,
                number,
                column,
                rule.text,
                f"one radius for every well or one per well ({len(keys)} wells), not {len(rule.radii_m)} radii",
            )
        )
        return None
    return tuple(keys), rule.radii_for(len(keys)), rule.inner_radii_for(len(keys))


def _check_corners(corners, raw, file, number, column, problems) -> None:
    import shapely

    if len(corners) < 3:
        problems.append(Problem(file, number, column, raw, f"at least 3 corner points, got {len(corners)}"))
        return
    ring = shapely.polygons(list(corners))
    if not shapely.is_valid(ring):
        reason = shapely.is_valid_reason(ring)
        problems.append(Problem(file, number, column, raw, f"corner points that outline a simple polygon; {reason}"))


def _check_nesting(specs: list[ZoneSpec], column: str, problems: list[Problem]) -> None:
    """A ring's outer radius must exceed the 一级 radius it removes, well by well."""
    level1 = {(s.source_code): s for s in specs if s.level == "一级" and s.rule.shape == "circles"}
    for spec in specs:
        first = level1.get(spec.source_code)
        if spec.level == "一级" or not spec.rule.minus_level1 or first is None:
            continue
        inner = dict(zip(first.well_keys, first.radii_m, strict=True))
        for key, radius in zip(spec.well_keys, spec.radii_m, strict=True):
            if key in inner and radius <= inner[key]:
                well = f"well {key}" if key else "the well"
                problems.append(
                    Problem(
                        spec.file,
                        spec.row,
                        column,
                        spec.rule.text,
                        f"a {spec.level} radius larger than the 一级 radius it removes ({inner[key]} m at {well}), not {radius} m",
                    )
                )
