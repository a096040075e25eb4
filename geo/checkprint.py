"""What ``geo check`` prints — JSON, CSV or a readable table — written a block of zones at a time.

A register's check is made block by block (:func:`geo.registercheck.iter_checked_register`);
holding the whole table for the output took about 1.5 KB a zone (both notes),
2.5 GB for a million wells.  Here each block's rows are turned into their
text as the block arrives and written out in the zones table's order: a row
waits only for the rows before it (a table that lists every 一级 row first
holds its 二级 rows until the 一级 rows of the sources before them are out).
The readable table aligns its columns over every row, so its rows and notes
go to a temporary file (in memory while small) until the last block is in.
The output is the same, byte for byte, as that of the whole table at once.
"""

from __future__ import annotations

import json
import math
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, partial

import pandas as pd

from geo.cells import display_width, inert

__all__ = ["BlockText", "CheckTally", "block_text", "table_text", "write_check"]

#: The units the table's headers name (批复面积km², 批复周长m); a figure printed in another is shown with its own.
_KM2 = frozenset({"", "km²", "km2", "平方公里", "平方千米"})
_M = frozenset({"", "m", "米"})
#: Right-aligned columns of the readable table (#, figures).
_NUMERIC = frozenset({0, 4, 5, 6, 7})
#: The readable table's rows and notes are held in memory up to this many characters, then in a temporary file.
_SPOOL_CHARS = 32 << 20
#: A text as JSON, without escaping what is not ASCII (json's C encoder where there is one).
_quote = json.encoder.encode_basestring


@dataclass
class CheckTally:
    """What the output's caller needs once every block is written: counts, and the rules not read."""

    zones: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    #: (row in the zones table, table_file, table_row, rule) of each zone whose rule was not read.
    unread: list[tuple[int, str, int, str]] = field(default_factory=list)

    @property
    def mismatches(self) -> int:
        return self.statuses.get("mismatch", 0)


@dataclass
class BlockText:
    """A block of the check as output: made where the block was checked, written in order by :func:`write_check`."""

    rows: list[int]
    #: A text a zone: its JSON record, its CSV record, or for the table its cells (as JSON) and its note (as JSON).
    pieces: list
    statuses: dict[str, int]
    unread: list[tuple[int, str, int, str]]
    #: The CSV header; for the table, the widest cell of each column.
    header: str = ""
    widths: list[int] = field(default_factory=list)


def block_text(form: str, lang: str):
    """The function that makes a block's :class:`BlockText` (``then`` of :func:`geo.registercheck.iter_checked_register`)."""
    if form not in _PIECES:
        raise ValueError(f"form must be one of {', '.join(_PIECES)}, not {form!r}")
    return partial(_block_text, form, lang)


def _block_text(form: str, lang: str, table: pd.DataFrame) -> BlockText:
    unread = table[table["shape"] == "unread"]
    out = BlockText(
        rows=table.index.tolist(),
        pieces=[],
        statuses={k: int(v) for k, v in table["status"].astype(object).value_counts(sort=False).items()},
        unread=[
            (int(i), r.table_file, int(r.table_row), r.rule)
            for i, r in zip(unread.index, unread.itertuples(index=False), strict=True)
        ],
    )
    _PIECES[form](table, lang, out)
    return out


def _json_pieces(table: pd.DataFrame, lang: str, out: BlockText) -> None:
    """Each zone's record as ``json.dumps(records, ensure_ascii=False, indent=1)`` lays it out inside the list.

    The check's cells are texts, numbers and nulls, so each record is put
    together from its cells' JSON (texts by json's C encoder): ``json.dumps``
    with an indent runs json's encoder in Python, and took about a tenth of a
    register's check.  A record with any other value is laid out by
    ``json.dumps`` itself.
    """
    from geo.validation import CHECK_COLUMNS

    columns = [table[c].tolist() for c in CHECK_COLUMNS]
    texts = [_json_column(column) for column in columns]
    for cells, raw in zip(zip(*texts, strict=True), zip(*columns, strict=True), strict=True):
        if None in cells:
            record = json.dumps(
                dict(zip(CHECK_COLUMNS, map(json_value, raw), strict=True)), ensure_ascii=False, indent=1
            )
            out.pieces.append(" " + record.replace("\n", "\n "))  # one level in (JSON strings hold no line break)
        else:
            out.pieces.append("".join(map(str.__add__, _json_keys(), cells)) + "\n }")


@cache
def _json_keys() -> tuple[str, ...]:
    """`` {\\n  "doc_no": ``, ``,\\n  "source_code": `` …: what comes before each cell of a record, two levels in."""
    from geo.validation import CHECK_COLUMNS

    keys = [f"  {json.dumps(k, ensure_ascii=False)}: " for k in CHECK_COLUMNS]
    return (" {\n" + keys[0], *(",\n" + k for k in keys[1:]))


def _json_column(values: list) -> list[str | None]:
    """:func:`_json_scalar` of each cell of a column, texts and floats by one call each."""
    kinds = set(map(type, values))
    if kinds == {str}:
        return list(map(_quote, values))
    if kinds == {float}:
        return [float.__repr__(v) if v - v == 0 else "null" for v in values]  # NaN and ±inf: v - v is NaN
    return [_json_scalar(v) for v in values]


def _json_scalar(value) -> str | None:
    """A cell's JSON as ``json.dumps(json_value(value), ensure_ascii=False)`` writes it; None for a list or mapping."""
    kind = type(value)
    if kind is str:
        return _quote(value)
    if kind is float:
        return float.__repr__(value) if math.isfinite(value) else "null"
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if hasattr(value, "item"):  # a numpy scalar
        return _json_scalar(value.item())
    return None


def _csv_pieces(table: pd.DataFrame, lang: str, out: BlockText) -> None:
    """The export's zone report (geo.reports) as CSV records."""
    from geo.exports import csv_text
    from geo.reports import report_tables

    records = _csv_records(csv_text(next(iter(report_tables(table, lang=lang).values()))))
    out.header, out.pieces = records[0], records[1:]


def _table_pieces(table: pd.DataFrame, lang: str, out: BlockText) -> None:
    zh = lang == "zh"
    cells = _cells(table, zh)
    out.widths = [max((display_width(row[c]) for row in cells), default=0) for c in range(len(_head(zh)) - 1)]
    notes = table["note"] if zh else table["note_en"]
    out.pieces = [
        (json.dumps(row, ensure_ascii=False), json.dumps(inert(note), ensure_ascii=False))
        for row, note in zip(cells, notes, strict=True)
    ]


_PIECES = {"json": _json_pieces, "csv": _csv_pieces, "table": _table_pieces}


def write_check(blocks: Iterable[BlockText | pd.DataFrame], form: str, lang: str, out) -> CheckTally:
    """Write the check's ``blocks`` to ``out`` as ``form``, in the zones table's order; the tally of what was written.

    ``blocks`` are :class:`BlockText` made by :func:`block_text` with the
    same ``form`` and ``lang``, or the check's tables (indexed by their
    zones' rows), made into text here.  ``form`` is ``"json"``, ``"csv"``
    (the export's zone report) or ``"table"`` (readable, with numbered notes
    and a summary line).
    """
    from geo.validation import STATUSES

    make = block_text(form, lang)
    tally = CheckTally(statuses=dict.fromkeys(STATUSES, 0))
    order = _InOrder()
    writer = {"json": _JsonWriter, "csv": _CsvWriter, "table": _TableWriter}[form](out, lang)
    for block in blocks:
        if isinstance(block, pd.DataFrame):
            block = make(block)
        tally.zones += len(block.rows)
        for status, count in block.statuses.items():
            tally.statuses[status] = tally.statuses.get(status, 0) + count
        tally.unread += block.unread
        writer.begin(block)
        writer.add(order.ready(block.rows, block.pieces))
    if order.waiting:
        raise AssertionError(f"rows not handed over before row {order.next}: the blocks miss a zone")
    writer.close(tally)
    tally.unread.sort()
    return tally


class _InOrder:
    """Pieces handed over block by block, keyed by their row, given back in row order once every row before them is."""

    def __init__(self) -> None:
        self.next = 0
        self.waiting: dict[int, object] = {}

    def ready(self, rows: list[int], pieces: list) -> list:
        if not self.waiting and rows == list(range(self.next, self.next + len(rows))):
            self.next += len(rows)  # the usual case: the block follows the rows written
            return pieces
        self.waiting.update(zip(rows, pieces, strict=True))
        out = []
        while self.next in self.waiting:
            out.append(self.waiting.pop(self.next))
            self.next += 1
        return out


class _JsonWriter:
    """A JSON list of records, laid out as ``json.dumps(records, ensure_ascii=False, indent=1)``."""

    def __init__(self, out, lang: str) -> None:
        self.out, self.first = out, True

    def begin(self, block: BlockText) -> None:
        pass

    def add(self, pieces: list[str]) -> None:
        if pieces:
            self.out.write(("[\n" if self.first else ",\n") + ",\n".join(pieces))
            self.first = False

    def close(self, tally: CheckTally) -> None:
        self.out.write("[]\n" if self.first else "\n]\n")


class _CsvWriter:
    """CSV records under the header of the first block."""

    def __init__(self, out, lang: str) -> None:
        self.out, self.header = out, False

    def begin(self, block: BlockText) -> None:
        if not self.header:
            self.out.write(block.header)
            self.header = True

    def add(self, pieces: list[str]) -> None:
        self.out.write("".join(pieces))

    def close(self, tally: CheckTally) -> None:
        pass


def _csv_records(text: str) -> list[str]:
    """CSV text cut into its records, each with its line end (a quoted cell may hold a line break)."""
    out: list[str] = []
    record = ""
    for line in text.splitlines(keepends=True):
        record += line
        if record.count('"') % 2 == 0:  # quotes inside a quoted cell are doubled: an odd count is a cell still open
            out.append(record)
            record = ""
    if record:
        out.append(record)
    return out


class _TableWriter:
    """The readable table: a row a zone, the numbered notes below it and the summary line an officer pastes.

    Its columns are as wide as their widest cell, known only once every
    block is in: the rows and notes wait in temporary files (in memory while
    small), as JSON, one a line.
    """

    def __init__(self, out, lang: str) -> None:
        self.out, self.zh = out, lang == "zh"
        self.head = _head(self.zh)
        self.widths = [display_width(c) for c in self.head]
        self.rows = tempfile.SpooledTemporaryFile(_SPOOL_CHARS, mode="w+", encoding="utf-8")
        self.notes = tempfile.SpooledTemporaryFile(_SPOOL_CHARS, mode="w+", encoding="utf-8")
        self.count = 0

    def begin(self, block: BlockText) -> None:
        self.widths[1:] = [max(w, b) for w, b in zip(self.widths[1:], block.widths, strict=False)]

    def add(self, pieces) -> None:
        self.count += len(pieces)
        self.rows.writelines(row + "\n" for row, _ in pieces)
        self.notes.writelines(note + "\n" for _, note in pieces)

    def close(self, tally: CheckTally) -> None:
        self.widths[0] = max(self.widths[0], len(str(self.count)))
        with self.rows, self.notes:
            self.out.write(_line(self.head, self.widths) + "\n")
            self.out.write("  ".join("-" * w for w in self.widths) + "\n")
            self.rows.seek(0)
            for i, line in enumerate(self.rows, start=1):
                self.out.write(_line([str(i), *json.loads(line)], self.widths) + "\n")
            self.out.write("\n" + ("说明：" if self.zh else "Notes:") + "\n")
            self.notes.seek(0)
            for i, line in enumerate(self.notes, start=1):
                self.out.write(f"[{i}] {json.loads(line)}\n")
            self.out.write("\n" + _summary(tally, self.zh) + "\n")


def table_text(zones: pd.DataFrame, lang: str) -> str:
    """The readable table of a whole check at once (what ``geo check`` prints, without its last line end)."""
    from io import StringIO

    text = StringIO()
    write_check([zones.reset_index(drop=True)], "table", lang, text)
    return text.getvalue().removesuffix("\n")


def _head(zh: bool) -> list[str]:
    if zh:
        return ["#", "批复文号", "水源", "级别", "批复面积km²", "实测面积m²", "批复周长m", "实测外周长m", "结果"]
    return ["#", "doc_no", "source", "level", "stated km²", "built m²", "stated m", "built outer m", "status"]


def _cells(zones: pd.DataFrame, zh: bool) -> list[list[str]]:
    """Every column but # of the readable table, a zone a row, control characters from data shown escaped."""
    from geo.reports import STATUS_WORDS

    rows = []
    for z in zones.itertuples(index=False):
        status = STATUS_WORDS["zh"].get(z.status, z.status) if zh else z.status
        row = [
            z.doc_no,
            z.source_name,
            f"{z.level}（{z.part}）" if getattr(z, "part", "") else z.level,
            _stated(z.stated_area_text, getattr(z, "stated_area_unit", ""), _KM2),
            _fmt(z.area_m2, 1),
            _stated(z.stated_perimeter_text, getattr(z, "stated_perimeter_unit", ""), _M),
            _fmt(z.outer_perimeter_m, 1),
            status,
        ]
        rows.append([inert(cell) for cell in row])
    return rows


def _line(cells: list[str], widths: list[int]) -> str:
    return "  ".join(_pad(cell, widths[c], c in _NUMERIC) for c, cell in enumerate(cells)).rstrip()


def _summary(tally: CheckTally, zh: bool) -> str:
    """The line an officer pastes: "26 个保护区：一致 24，无法推出 2" ("26 zones: match 24, not_derivable 2")."""
    from geo.reports import STATUS_WORDS

    counts = [(k, v) for k, v in tally.statuses.items() if v > 0]  # in the statuses' own order
    if zh:
        return f"{tally.zones} 个保护区：" + "，".join(f"{STATUS_WORDS['zh'].get(k, k)} {v}" for k, v in counts)
    return f"{tally.zones} zones: " + ", ".join(f"{k} {v}" for k, v in counts)


def json_value(value):
    """A cell as JSON has it: NaN and infinities as null, numpy scalars as Python numbers."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def _pad(text: str, width: int, right: bool = False) -> str:
    space = " " * max(0, width - display_width(text))
    return space + text if right else text + space


def _fmt(value: float, places: int) -> str:
    return "—" if value is None or (isinstance(value, float) and not math.isfinite(value)) else f"{value:,.{places}f}"


def _stated(text: str, unit: str, header_units: frozenset) -> str:
    """A stated figure as printed, with its unit where that is not the column's (``0.2827 hm²``)."""
    if not text:
        return "—"
    return text if unit in header_units else f"{text} {unit}"
