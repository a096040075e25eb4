"""Tables: folders of approval tables assembled into approvals, their wells and zones.

A folder holds a ``wells`` and a ``zones`` table and, optionally, an
``approval`` table (one record or several) and a ``corners`` table
(拐点坐标表), each as ``.csv``, ``.xlsx`` or ``.xls`` (read by
:mod:`geo.sheets`).  One table may list the sources of several approvals,
as a county register (台账) does: every source is keyed by (批复文号, 水源编码).
Rows become frozen :class:`~geo.records.Well` (:mod:`geo.wellrows`) and
:class:`~geo.records.ZoneSpec` (:mod:`geo.zonespecs`) records, checked
once; every problem of every file is raised together as one
:class:`~geo.errors.InputError`, and what is only suspicious is a
:class:`~geo.errors.SuspiciousInputWarning`.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from geo.collector import collector_paused
from geo.columns import APPROVAL_COLUMNS, LEVELS, WELL_COLUMNS, ZONE_COLUMNS
from geo.errors import InputError, Problem, SuspiciousInputWarning
from geo.records import Approval, Well, ZoneSpec, cite
from geo.sheets import SUFFIXES, Sheet, read_sheet
from geo.sources import check_sources
from geo.tablekinds import KINDS, Table, folder_tables, holds_tables, unread_book
from geo.wellcounties import check_counties
from geo.wellrows import Unlocated, parse_wells

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


_FOLDER_EXPECTED = (
    "a folder of approval tables (with wells and zones as .csv, .xlsx, .xls or .ods) or a folder of such folders"
)
_BOOK_EXPECTED = "a table as .csv, .xlsx, .xlsm, .xls or .ods"


@collector_paused()
def read_approvals(*paths: str | Path | list) -> list[Approval]:
    """Read folders of approval tables, or folders that contain them.

    Parameters
    ----------
    *paths : str or Path, or lists of them
        Each a folder holding ``wells`` and ``zones`` tables (of one approval
        or a register of several; named so or under any name, see
        :mod:`geo.tablekinds`), a folder of such folders at any depth, such as
        ``data/``, or a table file itself (``附表1 水源井坐标表.xlsx``): files
        of one folder given one by one are read together, as that folder's
        only tables.  A folder given twice is read once.

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
    # Each folder once, by its resolved path: (folder, its files given one by one, or None for all of them).
    folders: dict[Path, tuple[Path, tuple[Path, ...] | None]] = {}
    for path in input_paths(paths, "read_approvals"):
        if path.is_file() and path.suffix.lower() in SUFFIXES:
            found = [(path.parent, (path,))]
        elif _holds_tables(path):
            found = [(path, None)]
        elif path.is_dir():
            found = [(f, None) for f in _approval_folders(path)]
            if not found:
                # What its own table files are, where it has any (a workbook that does not open, a header not read).
                tried: list[Problem] = []
                folder_tables(path, tried)
                problems.extend(tried or [Problem(str(path), None, None, None, _FOLDER_EXPECTED)])
        elif path.is_file() and (why := unread_book(path)) is not None:
            problems.append(Problem(str(path), None, None, None, f"{_BOOK_EXPECTED} ({why[0][10:]})"))
            found = []
        else:
            problems.append(Problem(str(path), None, None, None, _FOLDER_EXPECTED))
            found = []
        for folder, files in found:
            _add_folder(folders, folder, files)
    approvals: list[Approval] = []
    owner: dict[tuple[str, str], tuple[Path, str]] = {}  # (批复文号, 水源编码) → the folder and file first listing it
    for folder, files in folders.values():
        read = _read_folder(folder, problems, files)
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
    """Whether ``path`` is what :func:`read_approvals` reads: a folder of approval tables, a folder of such
    folders (at any depth), or a table file of wells or zones."""
    path = Path(path)
    if path.is_file():
        return path.suffix.lower() in SUFFIXES and bool(folder_tables(path.parent, [], quiet=True, only=(path,)))
    if not path.is_dir():
        return False
    return _holds_tables(path) or bool(_approval_folders(path))


#: How deep folders of folders are looked into (省 / 市 / 县 / 批复 is four).
_MAX_DEPTH = 6


def _approval_folders(path: Path, depth: int = 1) -> list[Path]:
    """The folders of approval tables below ``path``, sorted by name at each level; hidden folders passed over."""
    out: list[Path] = []
    if depth > _MAX_DEPTH:
        return out
    try:
        below = sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        return out
    for sub in below:
        out.extend([sub] if _holds_tables(sub) else _approval_folders(sub, depth + 1))
    return out


def _add_folder(folders: dict, folder: Path, files: tuple[Path, ...] | None) -> None:
    """A folder once: a folder read whole takes in its files given one by one; files of one folder are read together."""
    key = folder.resolve()
    if key not in folders:
        folders[key] = (folder, files)
        return
    there, taken = folders[key]
    if taken is None:
        return
    if files is None:
        folders[key] = (there, None)
    else:
        known = {t.resolve() for t in taken}
        folders[key] = (there, taken + tuple(f for f in files if f.resolve() not in known))


def _holds_tables(folder: Path) -> bool:
    """A folder of approval tables has a wells or a zones table (zones drawn through corners need no wells)."""
    return holds_tables(folder)


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


def _read_folder(folder: Path, problems: list[Problem], files: tuple[Path, ...] | None = None) -> list[Approval]:
    start = len(problems)
    found: dict[str, Sheet | None] = {}
    present: set[str] = set()
    tables = folder_tables(folder, problems, only=files)
    told = len(problems) > start  # files given by name that are no tables: said, and nothing more of them
    for kind in KINDS:
        table = tables.get(kind)
        if table is not None and table.ambiguous:  # several files of the kind: reported, none read
            present.add(kind)
            found[kind] = None
            continue
        found[kind] = read_sheet(table.path, kind, problems, sheet=table.sheet) if table is not None else None
        if table is not None:
            present.add(kind)
        elif kind == "zones":
            found["zones"] = _zones_in_wells(tables.get("wells"), problems)
            if found["zones"] is None and not (told and files is not None):
                problems.append(
                    Problem(
                        str(folder / "zones.csv") if files is None else str(files[0]),
                        None,
                        None,
                        None,
                        "a zones table (zones.csv, .xlsx or .xls) beside wells, or a level column or a column "
                        "per level in this table",
                    )
                )
    merged = _MergedCells(found.values())
    records = _records(found["approval"])
    wells_sheet = found.pop("wells")
    wells_read = wells_sheet is not None
    docs = _DocResolver(folder, records, wells_sheet, problems)
    broken: set[tuple[str, str]] = set()
    unlocated: list[Unlocated] = []  # wells whose rows give no position: kept, not drawn
    # A one-file register of a zone a row repeats each well on the rows of its levels.
    one_file = "zones" not in present and found["zones"] is not None and not found["zones"].by_level
    wells = parse_wells(wells_sheet, docs, broken, problems, unlocated, repeated=one_file) if wells_sheet else []
    check_sources(wells, wells_sheet, broken, problems, unlocated)
    if wells_sheet is not None:
        check_counties(wells, wells_sheet.file)
    del wells_sheet  # its rows are as big as the wells themselves: freed before the zones are parsed
    zones = []
    # Zones are read unless the wells table exists but could not be read (reported: one mistake, one message).
    if found["zones"] is not None and (wells_read or "wells" not in present):
        from geo.zonespecs import parse_zones

        zones = parse_zones(found["zones"], found["corners"], wells, docs, broken, problems, unlocated)
    problems[start:] = [merged.hint(p) for p in problems[start:]]
    by_doc: dict[str, dict] = {}
    docs_seen = [*records, *(w.doc_no for w in wells), *(w.doc_no for w in unlocated), *(z.doc_no for z in zones)]
    for doc in docs_seen or [docs.default or folder.name]:
        by_doc.setdefault(doc, {"wells": [], "zones": [], "unlocated": []})
    for w in wells:
        by_doc[w.doc_no]["wells"].append(w)
    for w in unlocated:
        by_doc[w.doc_no]["unlocated"].append(w)
    for z in zones:
        by_doc[z.doc_no]["zones"].append(z)
    return [
        Approval(
            folder=str(folder),
            doc_no=doc,
            **{k: records.get(doc, {}).get(k, "") for k in _RECORD_FIELDS},
            wells=tuple(parts["wells"]),
            zones=tuple(parts["zones"]),
            unlocated=tuple(parts["unlocated"]),
        )
        for doc, parts in by_doc.items()
    ]


def _zones_in_wells(table: Table | None, problems: list[Problem]) -> Sheet | None:
    """The zones of a register that keeps them in its wells table, a column per level ("一级保护区面积"), or None.

    Read only where the folder has no zones table; said so by a warning.
    """
    if table is None:
        return None
    tried: list[Problem] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sheet = read_sheet(table.path, "zones", tried, sheet=table.sheet)
    by_row = sheet is not None and not sheet.by_level and "level" in sheet.written
    by_row = by_row and bool(sheet.written.keys() & {"rule", "stated_area", "radius", "corners"})
    if sheet is None or not (sheet.by_level or by_row):
        return None
    for warning in caught:  # the reading's own warnings, now that the table is taken
        warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    problems.extend(tried)
    levels = sheet.written.get("level", "")
    if by_row:  # a row per zone, each repeating its well: "台账" kept as one sheet
        en = f"no zones table; the zones are read from this table, a zone a row (level in its column {levels!r})"
        zh = f"{sheet.file}：没有 zones 表，保护区取自本表，每行一个保护区（级别见“{levels}”列）"
    else:
        en = f"no zones table; the zones are read from this table's columns of each level ({levels})"
        zh = f"{sheet.file}：没有 zones 表，保护区取自本表各级保护区的列（{levels}）"
    warnings.warn(SuspiciousInputWarning(f"{sheet.file}: {en}", zh=zh), stacklevel=3)
    return sheet


class _MergedCells:
    """The merged cells of a folder's sheets, row by row, to say so when a cell at fault is part of one."""

    def __init__(self, sheets):
        # File → row number → header as written → the merged cell's span.
        self._spans: dict[str, dict[int, dict[str, str]]] = {}
        for sheet in sheets:
            if sheet is None:
                continue
            rows = self._spans.setdefault(sheet.file, {})
            for r in sheet.rows:
                if r.merged:
                    rows.setdefault(r.number, {}).update({sheet.column(n, r): span for n, span in r.merged.items()})

    def hint(self, problem: Problem) -> Problem:
        """``problem``, its hint saying that the merged cell's value applies to every row it covers."""
        import dataclasses

        spans = self._spans.get(problem.file, {}).get(problem.row) if problem.row is not None else None
        if not spans or problem.column not in spans:
            return problem
        return dataclasses.replace(
            problem,
            hint=f"{problem.hint} (from the merged cell {spans[problem.column]}, which applies to every row it covers)",
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
