"""Records: the frozen Well, ZoneSpec and Approval a folder's rows become, and the helpers that read a row's cells.

:mod:`geo.wellrows` makes the wells, :mod:`geo.zonespecs` the zones and
:mod:`geo.tables` the approvals that hold them.  A cell that does not read
becomes a :class:`~geo.errors.Problem` naming its file, row and column.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from geo.cells import Figure, parse_figure, parse_number, well_key
from geo.errors import Problem, SuspiciousInputWarning, ValueProblem
from geo.rules import Rule
from geo.sheets import Sheet

__all__ = ["Approval", "Well", "ZoneSpec", "cite", "figure", "number", "source_key", "warn"]


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
    #: The header of the rule's column as written, for messages about the rule after the rows are read.
    rule_column: str = ""

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
    """An approval (批复): its record, wells and zones, and the wells its table gives no position for."""

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
    #: Wells whose rows give no position (geo.wellrows.Unlocated): kept, not drawn.
    unlocated: tuple = field(default=(), repr=False)


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
        problems.append(Problem.of(exc, sheet.file, row.number, sheet.column(name, row)))
        return None


@lru_cache(maxsize=4096)
def _number_value(text: str, expected: str) -> float | None:
    """A cell's number as a float (registers repeat depths and supplies: each text is read once)."""
    value = parse_number(text, expected)
    return None if value is None else float(value)


def figure(sheet: Sheet, row, name: str, kind: str, expected: str, problems: list[Problem]) -> Figure | None:
    """A stated area or perimeter with its unit (from the cell or the header), or None."""
    try:
        unit = row.units[name] if row.units and name in row.units else sheet.units.get(name, "")  # Sheet.unit, inline
        return parse_figure(row.values.get(name, ""), unit, kind, expected)
    except ValueProblem as exc:
        problems.append(Problem.of(exc, sheet.file, row.number, sheet.column(name, row)))
        return None


def warn(file: str, row: int | None, zh: str, en: str) -> tuple[str, str]:
    """Issue a :class:`SuspiciousInputWarning` placed at ``file`` and ``row``; return the note (zh, en)."""
    where_en, where_zh = (f"{file} row {row}", f"{file} 第{row}行") if row is not None else (file, file)
    warnings.warn(SuspiciousInputWarning(f"{where_en}: {en}", zh=f"{where_zh}：{zh}"), stacklevel=3)
    return zh, en
