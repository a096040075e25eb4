"""A folder's tables by what they hold: named ``wells.csv`` … or told apart by their headers.

Officers keep their tables under the names the approval printed them with
(``附表1 水源井坐标表.xlsx``, ``岚县水源保护区划分.csv``) or as one workbook with a
sheet of wells and a sheet of zones.  A table named ``approval``, ``wells``,
``zones`` or ``corners`` is that table, as before; every other table file of the
folder is read for its header and taken as the kind of table its columns make:

* corner points (拐点坐标表): a level, a source, coordinates and a point number
  (点号), and no well number, rule or stated figure;
* wells: coordinates and a source (a register of a zone a row, with a level and a
  rule beside the wells, is a wells table whose zones are read from it);
* zones: a level (or a column per level) and a source;
* the approval's record: a 批复文号 with its title, issuer, addressee, request,
  date or bulletin.

Nothing is left unsaid: a table file whose header makes none of these, or one
more of a kind the folder already has, is not read and a warning says so; two
unnamed files of one kind are an error naming both (which one is the
approval's?); a file that does not open is an error where the folder has no
wells or zones table besides it, else a warning.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo.columns import REQUIRED, TABLES
from geo.errors import Problem, SuspiciousInputWarning
from geo.headers import find_header
from geo.messages import translate
from geo.sheets import SUFFIXES, find_table
from geo.tablefiles import TableFileProblem, read_heads

__all__ = ["KINDS", "Table", "folder_tables", "grid_kind", "holds_tables"]

#: The kinds of table a folder of approval tables may hold, in the order they are read.
KINDS = ("approval", "wells", "zones", "corners")
#: Rows of each sheet read to find its header (it is looked for in the first 30).
_HEAD_ROWS = 40
_COORDINATES = ({"lon", "lat"}, {"x", "y"}, {"lonlat"}, {"lon_deg", "lat_deg"})
#: Columns only a wells or zones table has: a table with one of them is not a corner table.
_NOT_CORNERS = {"well_no", "well_count", "depth_m", "aquifer", "rule", "stated_area", "stated_perimeter", "radius"}
_RECORD = {"title", "issuer", "addressee", "request", "date", "bulletin"}
_ZH = {"approval": "批复表", "wells": "井表", "zones": "保护区表", "corners": "拐点坐标表"}


@dataclass(frozen=True)
class Table:
    """A table of a folder: its file and, for a table told by its header, the sheet to read (its label)."""

    path: Path
    sheet: str | None = None  # None: the first sheet whose header fits (a table named by its kind)
    #: One of several files of this kind, none named by it: a problem already, so the table is not read.
    ambiguous: bool = False


_NONE_EN = (
    "not read: its header is not one of an approval's tables (wells: coordinates, 经度 and 纬度 or X and Y, and "
    "a source, 水源编码 or 水源名称; zones: a source and 保护区级别 or a column per level; corner points: 点号, a "
    "level, a source and coordinates; the approval: 批复文号 with 标题, 发文机关 or 日期)"
)
_HEADER_EXPECTED = "the header of one of an approval's tables " + _NONE_EN.split("tables ", 1)[1]
_NONE_ZH = "未读取：表头不是" + translate(_HEADER_EXPECTED)


def grid_kind(grid: list[list[str]]) -> str | None:
    """The kind of table a grid's header makes (see the module's description), or None."""
    columns: set[str] = set()
    fits: set[str] = set()
    for kind in KINDS:
        found = find_header(grid, kind, TABLES[kind], REQUIRED[kind])
        if found is None:
            continue
        columns |= set(found[2].values())
        if not found[-1]:
            fits.add(kind)
    located = any(c <= columns for c in _COORDINATES)
    named = bool(columns & {"source_code", "source_name"})
    if "corners" in fits and "point_no" in columns and located and not columns & _NOT_CORNERS:
        return "corners"
    if "wells" in fits and located and named:
        return "wells"
    if "zones" in fits and named:
        return "zones"
    if "approval" in fits and columns & _RECORD:
        return "approval"
    return None


#: Spreadsheets saved in formats no library here reads: suffix → (English, Chinese) name.
UNREAD_BOOKS = {
    ".et": ("a WPS spreadsheet (.et)", "WPS 表格文件（.et）"),
    ".ett": ("a WPS spreadsheet template (.ett)", "WPS 表格模板（.ett）"),
    ".xlsb": ("an Excel binary workbook (.xlsb)", "Excel 二进制工作簿（.xlsb）"),
    ".numbers": ("a Numbers spreadsheet (.numbers)", "Numbers 表格（.numbers）"),
}


def unread_book(path: Path) -> tuple[str, str] | None:
    """Why ``path`` is not read, in English and Chinese, where it is a spreadsheet in a format not read; else None."""
    name = UNREAD_BOOKS.get(path.suffix.lower())
    if name is None:
        return None
    return (
        f"not read: {name[0]} is not a format read here; save it as .xlsx or .csv",
        f"未读取：{name[1]}不是本工具能读取的格式，请另存为 .xlsx 或 .csv",
    )


def folder_tables(
    folder: Path, problems: list[Problem], quiet: bool = False, only: tuple[Path, ...] | None = None
) -> dict[str, Table]:
    """The tables of ``folder`` by kind (of the files ``only``, where given); what is not read is warned (unless
    ``quiet``) or a problem."""
    if only is None:
        tables = {kind: Table(path) for kind in KINDS if (path := find_table(folder, kind, problems)) is not None}
        others = _other_files(folder)
    else:
        tables, others = {}, []
        for path in only:
            if path.stem in KINDS and path.stem not in tables:
                tables[path.stem] = Table(path)
            else:
                others.append(path)
    found: dict[str, list[Table]] = {}
    unread: list[tuple[Path, str, str]] = []  # (file, English, Chinese)
    if only is None and folder.is_dir():
        for path in sorted(folder.iterdir()):
            if (why := unread_book(path)) is not None and not path.name.startswith(("~$", ".")):
                unread.append((path, *why))
    broken: list[Problem] = []
    for path in others:
        try:
            kinds = _kinds(str(path), *_stamp(path))
        except TableFileProblem as exc:
            broken.append(Problem(str(path), None, None, None, str(exc)))
            continue
        if not kinds:
            unread.append((path, _NONE_EN, _NONE_ZH))
        for kind, label in kinds:
            if any(t.path == path for t in found.get(kind, ())):
                unread.append(
                    (
                        path,
                        f"sheet {label!r} is a {kind} table too; only the first is read",
                        f"工作表“{label}”也是{_ZH[kind]}，只读取第一个",
                    )
                )
                continue
            found.setdefault(kind, []).append(Table(path, label))
    for kind, candidates in found.items():
        if kind in tables:
            for t in candidates:
                there = tables[kind].path.name
                unread.append(
                    (
                        t.path,
                        f"a {kind} table too, but the folder's is {there}; not read",
                        f"也是{_ZH[kind]}，但本文件夹的{_ZH[kind]}是 {there}，未读取",
                    )
                )
            continue
        if len({t.path for t in candidates}) > 1:
            names = " and ".join(dict.fromkeys(t.path.name for t in candidates))
            problems.append(
                Problem(
                    str(folder),
                    None,
                    None,
                    None,
                    f"one {kind} table per folder, found {names} (each has the header of a {kind} table; name "
                    f"the one to read {kind}.csv, .xlsx or .xls)",
                )
            )
            tables[kind] = Table(candidates[0].path, candidates[0].sheet, ambiguous=True)
            continue
        tables[kind] = candidates[0]
    if only is not None:  # files asked for by name: one not read is an error, not a warning
        problems.extend(Problem(str(p), None, None, None, _HEADER_EXPECTED) for p, en, _ in unread if en == _NONE_EN)
        unread = [u for u in unread if u[1] != _NONE_EN]
    if broken:
        if only is None and ("wells" in tables or "zones" in tables):
            for p in broken:
                unread.append(
                    (Path(p.file), f"not read: expected {p.expected}", f"未读取：应为{translate(p.expected)}")
                )
        else:
            problems.extend(broken)
    if not quiet:
        for path, en, zh in sorted(unread, key=lambda u: str(u[0])):
            warnings.warn(SuspiciousInputWarning(f"{path}: {en}", zh=f"{path}：{zh}"), stacklevel=3)
    return tables


def holds_tables(folder: Path) -> bool:
    """Whether ``folder`` holds a wells or a zones table (zones drawn through corners need no wells)."""
    if not folder.is_dir():
        return False
    tables = folder_tables(folder, [], quiet=True)
    return "wells" in tables or "zones" in tables


def _other_files(folder: Path) -> list[Path]:
    """The folder's table files not named by a kind; Excel's lock files (``~$…``) and hidden files are not tables."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in SUFFIXES and p.stem not in KINDS and not p.name.startswith(("~$", ".")) and p.is_file()
    )


def _stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError as exc:
        raise TableFileProblem(f"a readable file ({exc.strerror})") from exc
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=256)
def _kinds(path: str, _mtime: int, _size: int) -> tuple[tuple[str, str], ...]:
    """(kind, sheet label) of each sheet of the file whose header makes a table, in the order read; cached by
    the file's time and size, as a folder is looked at before it is read."""
    out = []
    with warnings.catch_warnings():  # what reading the file warns of is said when it is read
        warnings.simplefilter("ignore")
        heads = read_heads(Path(path), _HEAD_ROWS)
    for label, grid in heads:
        kind = grid_kind(grid)
        if kind is not None:
            out.append((kind, label))
    return tuple(out)
