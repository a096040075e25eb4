"""OpenDocument spreadsheets (.ods), as LibreOffice, WPS and 永中 save them, read into grids of text.

Each cell's text is what the sheet shows where that is the value typed
(``376.80`` keeps its decimals), the number typed where a format hides digits
(warned, as for .xlsx: :mod:`geo.tablefiles`), and a coordinate typed as a
time (``111:08:58.21``) as typed.
"""

from __future__ import annotations

import re
import warnings
from decimal import Decimal
from pathlib import Path

from geo.errors import SuspiciousInputWarning
from geo.tablefiles import _a1, _check_size, _hours_text, _number_text, visible

__all__ = ["read_ods"]


def read_ods(path: Path):
    """An OpenDocument spreadsheet (LibreOffice, WPS, 永中), each cell's text as the sheet shows it.

    The displayed text is what was printed (``188.40``, ``111°42′11.58″``), as
    Excel's number formats are for .xlsx.  Repeated rows and cells (how the
    format stores runs of equal or empty cells) are expanded up to the last
    one holding text; merged cells fill the cells they cover, as in .xlsx.
    """
    from odf.namespaces import TABLENS
    from odf.opendocument import load
    from odf.table import Table

    def attr(node, name: str, default: str = "") -> str:
        return node.attributes.get((TABLENS, name), default)

    out = []
    for table in load(str(path)).spreadsheet.getElementsByType(Table):
        grid: list[list[str]] = []
        spans: list[tuple[int, int, int, int]] = []  # (row, column, rows, columns) from 0
        blank_rows = 0
        for row in _ods_rows(table):
            times = int(attr(row, "number-rows-repeated", "1") or 1)
            cells: list[str] = []
            blanks = 0
            for cell in row.childNodes:
                if cell.qname[1] not in ("table-cell", "covered-table-cell"):
                    continue
                repeat = int(attr(cell, "number-columns-repeated", "1") or 1)
                text = visible("\n".join(_ods_text(p) for p in cell.childNodes if p.qname[1] == "p"))
                if text:
                    text = _ods_typed(
                        cell, text, f"{path} [{attr(table, 'name')}] {_a1(len(grid) + blank_rows, len(cells) + blanks)}"
                    )
                if not text:
                    blanks += repeat
                    continue
                _check_size(len(grid) + blank_rows + 1, len(cells) + blanks + repeat, attr(table, "name"))
                cells.extend([""] * blanks + [text] * repeat)
                blanks = 0
                if (
                    cell.qname[1] == "table-cell"
                    and attr(cell, "number-columns-spanned", "1") + attr(cell, "number-rows-spanned", "1") != "11"
                ):
                    spans.append(
                        (
                            len(grid) + blank_rows,
                            len(cells) - 1,
                            int(attr(cell, "number-rows-spanned", "1") or 1),
                            int(attr(cell, "number-columns-spanned", "1") or 1),
                        )
                    )
            if not cells:
                blank_rows += times
                continue
            grid.extend([[] for _ in range(blank_rows)])
            blank_rows = 0
            _check_size(len(grid) + times, len(cells), attr(table, "name"))
            grid.extend([list(cells) for _ in range(times)])
        width = max((len(r) for r in grid), default=0)
        _check_size(len(grid), width, attr(table, "name"))
        grid = [r + [""] * (width - len(r)) for r in grid]
        merged = {}
        for r0, c0, rows, columns in spans:
            coord = f"{_a1(r0, c0)}:{_a1(r0 + rows - 1, c0 + columns - 1)}"
            for r in range(r0, min(r0 + rows, len(grid))):
                for c in range(c0, min(c0 + columns, width)):
                    if (r, c) != (r0, c0):
                        grid[r][c] = grid[r0][c0]
                        merged[(r + 1, c)] = coord
        hidden = attr(table, "display", "true") == "false"
        out.append((attr(table, "name"), grid, merged, hidden))
    return out


_ODS_DURATION_RE = re.compile(r"-?PT?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?")


def _ods_typed(cell, shown: str, where: str) -> str:
    """A number's text as typed, as for .xlsx: what the cell shows where that is the number (``376.80`` keeps its
    decimals), the number typed where the format hides digits (warned); a time typed for a coordinate
    (``111:08:58.21``, hours) as its hours, minutes and seconds."""
    from odf.namespaces import OFFICENS

    kind = cell.attributes.get((OFFICENS, "value-type"), "")
    if kind == "time" and (match := _ODS_DURATION_RE.fullmatch(cell.attributes.get((OFFICENS, "time-value"), ""))):
        hours, minutes, seconds = (float(g or 0) for g in match.groups())
        return _hours_text(hours + minutes / 60 + seconds / 3600)
    if kind != "float" or (value := cell.attributes.get((OFFICENS, "value"))) is None:
        return shown
    try:
        typed = _number_text(float(value), "", where)
        if Decimal(shown) == Decimal(typed):
            return shown
    except (ValueError, ArithmeticError):
        return shown  # a float shown as words or with a unit: what it shows
    warnings.warn(
        SuspiciousInputWarning(
            f"{where}: the cell shows {shown} but holds {typed}; {typed} is used",
            zh=f"{where}：单元格显示为 {shown}，实际输入的是 {typed}，按 {typed} 读取",
        ),
        stacklevel=2,
    )
    return typed


def _ods_rows(node):
    """A table's rows, in order, through the groups that hold them (header rows, row groups)."""
    for child in node.childNodes:
        if child.qname[1] == "table-row":
            yield child
        elif child.qname[1] in ("table-header-rows", "table-rows", "table-row-group"):
            yield from _ods_rows(child)


def _ods_text(node) -> str:
    """The text of a paragraph, its spaces (``<text:s text:c="3"/>``), tabs and line breaks as such."""
    from odf.namespaces import TEXTNS

    out = []
    for child in node.childNodes:
        if child.nodeType == child.TEXT_NODE:
            out.append(child.data)
        elif child.qname[1] == "s":
            out.append(" " * int(child.attributes.get((TEXTNS, "c"), "1") or 1))
        elif child.qname[1] == "tab":
            out.append("\t")
        elif child.qname[1] == "line-break":
            out.append("\n")
        else:
            out.append(_ods_text(child))
    return "".join(out)
