"""Zone rows: the zones table (and its corner points) read into :class:`geo.records.ZoneSpec`.

Each row is one zone, or one part of a level (水域 / 陆域, or one of several
separate polygons).  Its rule is read by :func:`geo.zonerules.zone_rule` and
resolved against the wells of its source; corner points come from the
row's ``corners`` cell or from the folder's ``corners`` table.  What the
table cannot draw is kept, with the reason; what it contradicts is an error.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from geo.cells import parse_level, parse_part
from geo.corners import corner_rings, crossing_edges, parse_corner_cell
from geo.errors import CoordinateError, Problem, ValueProblem, warn_rows
from geo.figureunits import units_from_figures
from geo.records import ZoneSpec, cite, figure, source_key, warn
from geo.rules import Rule
from geo.sources import MAX_WELL_SPREAD_M
from geo.wellrows import zone_of_wells
from geo.zonerules import check_rule, figures_in_words, figures_printed_twice, zone_rule
from geo.zonewells import check_wells_inside, check_wells_named, unlocated_wells, without_position

__all__ = ["MAX_CORNER_DISTANCE_M", "parse_zones"]

#: A corner point farther than this from every well of its source is an error, not a warning.
MAX_CORNER_DISTANCE_M = 100_000.0


def parse_zones(sheet, corner_sheet, wells, docs, broken: set, problems: list[Problem], unlocated=()) -> list[ZoneSpec]:
    """The zones of a folder's zones table, with the rings of its corners table.

    A zone drawn around a well of ``unlocated`` (a row without a position) is
    kept and cannot be derived: its reason names the wells without coordinates.
    """
    wells_of: dict[tuple[str, str], list] = defaultdict(list)
    for well in wells:
        wells_of[(well.doc_no, well.source_code)].append(well)
    unlocated_of: dict[tuple[str, str], list] = defaultdict(list)
    for well in unlocated:
        unlocated_of[(well.doc_no, well.source_code)].append(well)
    docs_of_code: dict[str, tuple[str, ...]] = {}  # tuples: a set for each of a million sources is 216 bytes
    for doc, code in [*wells_of, *(k for k in unlocated_of if k not in wells_of)]:
        docs_of_code[code] = (*docs_of_code.get(code, ()), doc)
    rings = _rings(corner_sheet, wells, docs, docs_of_code, problems)
    specs: list[ZoneSpec] = []
    names = _Names(wells, unlocated)
    seen: dict[tuple, int] = {}
    used_rings: set = set()
    for row in sheet.rows:
        if row.faulty:
            continue  # reported by the sheet reader: one mistake, one message
        values = row.values
        bad = len(problems)
        doc = _doc(sheet, row, docs, docs_of_code, problems)
        code = names.code(values, doc, row.number)
        level, part = _level_part(sheet, row, problems)
        area = figure(sheet, row, "stated_area", "area", "an area above zero such as 0.0028 (km²)", problems)
        perimeter = figure(
            sheet, row, "stated_perimeter", "length", "a perimeter above zero such as 188.4 (m)", problems
        )
        corners, labels = _inline_corners(sheet, row, problems)
        key = (doc, code, level, part)
        for ring in rings.get(key, ()):
            corners.append(ring.points)
            labels.append(ring.labels)
            used_rings.add(key)
        rule, rule_notes = zone_rule(sheet, row, bool(corners), level, part, problems)
        area, perimeter, twice = figures_printed_twice(sheet, row, area, perimeter, problems)
        area, perimeter, in_words = figures_in_words(sheet, row, rule.text, area, perimeter)
        rule_notes += twice + in_words
        if doc is None or len(problems) > bad:
            continue
        if (doc, code) in broken:
            continue  # its wells have problems of their own, reported above
        source = wells_of.get((doc, code))
        missing = unlocated_wells(rule, source or [], unlocated_of.get((doc, code), ()))
        if missing:
            rule = without_position(rule, missing)
        if source is None and not corners and not missing:
            if not values.get("source_code") and values.get("source_name"):  # a source named, not coded
                column, what, known = "source_name", "水源名称", names.known(doc)
            else:
                column, what = "source_code", "水源编码"
                known = ", ".join(sorted({c for d, c in (*wells_of, *broken) if d == doc and c})) or "none"
            problems.append(
                Problem(
                    sheet.file,
                    row.number,
                    sheet.column(column, row),
                    code,
                    f"a {what} listed in the wells table for {doc} ({known})",
                )
            )
            continue
        same = (key, rule.text, area, perimeter, tuple(corners))
        if same in seen:
            problems.append(
                Problem(
                    sheet.file,
                    row.number,
                    sheet.column("level", row),
                    values.get("level", ""),
                    f"each zone once, but row {seen[same]} gives the same {level}{part} of {code}",
                )
            )
            continue
        seen[same] = row.number
        notes = rule_notes + check_rule(sheet, row, rule, corners, labels, problems)
        notes += _check_corners(sheet, row, corners, labels, source or [], rings.get(key, ()), problems)
        resolved = ((), (), (), ()) if missing else _resolve_wells(rule, source or [], sheet, row, problems)
        if resolved is None or len(problems) > bad:
            continue
        keys, radii, inner, groups = resolved
        specs.append(
            ZoneSpec(
                doc_no=doc,
                source_code=code,
                level=level,
                part=part,
                stated_area=area,
                stated_perimeter=perimeter,
                rule=rule,
                corners=tuple(corners),
                corner_labels=tuple(tuple(str(x) for x in ring) for ring in labels),
                well_keys=keys,
                radii_m=radii,
                inner_radii_m=inner,
                groups=groups,
                source_name=values.get("source_name", "") or _name_of(source or unlocated_of.get((doc, code)), code),
                warnings=tuple(notes),
                cite=cite(values),
                note=values.get("note", ""),
                file=sheet.file,
                row=row.number,
                rule_column=row.headers.get("rule", "") if row.headers else "",  # the sheet's otherwise
            )
        )
    names.warn(sheet.file)
    for key, found in rings.items():
        if key not in used_rings:
            doc, code, level, part = key
            ring = found[0]
            problems.append(
                Problem(
                    ring.file,
                    ring.rows[0],
                    None,
                    f"{code} {level}{part}",
                    f"a zones row for these corner points ({doc}, {code}, {level}{part})",
                )
            )
    specs = _outward(check_wells_named(check_wells_inside(_check_nesting(specs, sheet, problems), wells_of), wells_of))
    return units_from_figures(specs, sheet.file, sheet.written)


def _name_of(wells, code: str) -> str:
    return wells[0].source_name if wells else code


class _Names:
    """The sources of the wells table by name, approval by approval, for zone rows that name their source only.

    A name the wells table does not hold exactly may be its short or long form
    (甲村 for 甲村集中供水工程): taken where it is part of exactly one source's
    name, or that name part of it, and said once per table (:meth:`warn`).
    """

    def __init__(self, wells, unlocated) -> None:
        self.wells = (wells, unlocated)
        self._by_doc: dict[str, dict[str, set[str]]] | None = None
        self.taken: list[tuple[int, str, str]] = []  # (row, name as written, name taken)

    @property
    def by_doc(self) -> dict[str, dict[str, set[str]]]:
        """Approval → name → codes, made when a row first names its source without a code (a register that
        prints its codes never pays the index: a set a source is some 300 MB for a million)."""
        if self._by_doc is None:
            self._by_doc = defaultdict(dict)
            for group in self.wells:
                for w in group:
                    self._by_doc[w.doc_no].setdefault(w.source_name, set()).add(w.source_code)
        return self._by_doc

    def code(self, values: dict[str, str], doc: str | None, row: int) -> str:
        """The zone's source: its 水源编码, or the source its 水源名称 names (approvals without codes)."""
        code = source_key(values)
        name = values.get("source_name", "")
        if values.get("source_code") or not name:
            return code
        names = [self.by_doc[d] for d in ([doc] if doc is not None else list(self.by_doc)) if d in self.by_doc]
        exact = {c for named in names for c in named.get(name, ())}
        if exact:
            return exact.pop() if len(exact) == 1 else code
        near = {(n, c) for named in names for n, codes in named.items() for c in codes if _part_of(name, n)}
        if len({c for _, c in near}) != 1:
            return code
        taken, found = near.pop()
        self.taken.append((row, name, taken))
        return found

    def warn(self, label: str) -> None:
        if not self.taken:
            return
        pairs = "；".join(dict.fromkeys(f"{a} → {b}" for _, a, b in self.taken))
        warn_rows(
            label,
            [r for r, _, _ in self.taken],
            f"the 水源名称 is not the wells table's; read as the one source whose name holds it or is held by it "
            f"({pairs})",
            f"水源名称与井表不完全相同，按井表中唯一与之互相包含的水源读取（{pairs}），请核对",
        )

    def known(self, doc: str) -> str:
        return ", ".join(sorted(n for n in self.by_doc.get(doc, {}) if n)) or "none"


def _part_of(name: str, other: str) -> bool:
    """Whether one of two source names holds the other, the shorter of at least two characters."""
    short, long = sorted((name, other), key=len)
    return len(short) >= 2 and short in long


def _doc(sheet, row, docs, docs_of_code, problems) -> str | None:
    if row.values.get("doc_no") or docs.default:
        return docs(sheet, row)
    code = source_key(row.values)
    found = docs_of_code.get(code, ())
    if len(found) == 1:
        return found[0]
    return docs(sheet, row)


def _level_part(sheet, row, problems) -> tuple[str, str]:
    raw = row.values.get("level", "")
    try:
        level, part = parse_level(raw)
    except ValueProblem as exc:
        problems.append(Problem.of(exc, sheet.file, row.number, sheet.column("level", row)))
        return "", ""
    column = parse_part(row.values.get("part", "")) if row.values.get("part") else ""
    if column and part and column != part:
        problems.append(
            Problem(
                sheet.file,
                row.number,
                sheet.column("part", row),
                row.values["part"],
                f"the part the level names, {part} ({raw!r})",
            )
        )
    return level, column or part


def _inline_corners(sheet, row, problems):
    raw = row.values.get("corners", "")
    if not raw:
        return [], []
    try:
        points = parse_corner_cell(raw)
    except CoordinateError as exc:
        problems.append(Problem.of(exc, sheet.file, row.number, sheet.column("corners", row)))
        return [], []
    return [points], [tuple(str(i) for i in range(1, len(points) + 1))]


def _raw(sheet, row, rings, points, names) -> tuple[str, int, str, str]:
    """Where a ring was given (file, row, column) and its text, for messages."""
    ring = next((r for r in rings if r.points == points), None)
    if ring is None:
        return sheet.file, row.number, sheet.column("corners", row), row.values.get("corners", "")
    return ring.file, ring.rows[0], "点号", " ".join(names)


def _rings(corner_sheet, wells, docs, docs_of_code, problems):
    if corner_sheet is None:
        return {}
    zone = zone_of_wells(wells)
    out = defaultdict(list)
    for ring in corner_rings(corner_sheet, zone, problems):
        doc, code, level_text, part_text = ring.key
        try:
            level, part = parse_level(level_text)
        except ValueProblem as exc:
            problems.append(Problem.of(exc, ring.file, ring.rows[0], corner_sheet.column("level")))
            continue
        part = parse_part(part_text) if part_text else part
        if not doc:
            found = docs_of_code.get(code, ())
            doc = docs.default or (found[0] if len(found) == 1 else "")
        out[(doc, code, level, part)].append(ring)
    return out


def _check_corners(sheet, row, corners, labels, source, rings, problems) -> list[tuple[str, str]]:
    notes = []
    for points, names in zip(corners, labels, strict=True):
        file, number, column, raw = _raw(sheet, row, rings, points, names)
        if len(points) < 3:
            problems.append(Problem(file, number, column, raw, f"at least 3 corner points, got {len(points)}"))
            continue
        crossings = crossing_edges(points, names)
        if crossings:
            text = "; ".join(f"edge {a}–{b} crosses edge {c}–{d}" for a, b, c, d in crossings[:5])
            problems.append(
                Problem(file, number, column, raw, f"corner points that outline a simple polygon in 点号 order: {text}")
            )
    if not source or not corners or len(problems) and any(len(p) < 3 for p in corners):
        return notes
    from pyproj import Geod  # only for zones with corners and wells: an import costs a row its time

    geod = Geod(ellps="GRS80")
    for points, names in zip(corners, labels, strict=True):
        for (lon, lat), name in zip(points, names, strict=True):
            dist = min(geod.inv(lon, lat, w.lon_deg, w.lat_deg)[2] for w in source)
            if dist > MAX_CORNER_DISTANCE_M:
                # Not a zone of this source at all: a typing error or a point of another table.
                file, number, column, raw = _raw(sheet, row, rings, points, names)
                problems.append(
                    Problem(
                        file,
                        number,
                        column,
                        raw,
                        f"corner points within {MAX_CORNER_DISTANCE_M / 1000:g} km of the source's wells; point {name} lies {dist / 1000:.0f} km away",
                    )
                )
                return notes
            if dist > MAX_WELL_SPREAD_M:
                notes.append(
                    warn(
                        sheet.file,
                        row.number,
                        f"拐点{name}距本水源最近的井{dist / 1000:.1f} km，请核对。",
                        f"corner point {name} lies {dist / 1000:.1f} km from the nearest well of the source",
                    )
                )
    for ring in rings:
        if not ring.accurate:
            notes.append(
                warn(
                    ring.file,
                    None,
                    f"拐点坐标为{ring.crs_name}坐标系，按pyproj换算到CGCS2000：pyproj没有该坐标系到CGCS2000的转换参数，只换了椭球（点位因此移动{ring.pyproj_shift_m:.1f} m），未作基准转换；没有本地转换参数时，位置仅精确到数十米。",
                    f"corner points in {ring.crs_name}, converted by pyproj, which knows no transformation to CGCS2000 and changes only the ellipsoid (moving the points {ring.pyproj_shift_m:.1f} m); without the office's conversion parameters the position is good to tens of metres only",
                )
            )
    return notes


def _resolve_wells(rule: Rule, source_wells, sheet, row, problems):
    """(well keys, radius per well, inner radius per well, hull group per well), or None after a problem."""
    if rule.shape in ("corners", "terrain", "unread") and not rule.radii_m:
        return (), (), (), ()
    keys = [w.key for w in source_wells]
    column = sheet.column("rule", row)
    named = list(rule.wells) + [k for k, _ in rule.exceptions] + [k for ws, _ in rule.groups for k in ws]
    unknown = [k for k in dict.fromkeys(named) if k not in keys]
    if unknown:
        listed = "、".join(k or "(unnumbered)" for k in keys)
        problems.append(
            Problem(
                sheet.file,
                row.number,
                column,
                rule.text,
                f"wells of this source ({listed}); the rule names {'、'.join(unknown)}",
            )
        )
        return None
    if rule.groups:
        out_keys, radii, groups = [], [], []
        for index, (members, distance) in enumerate(rule.groups):
            for key in members or keys:
                out_keys.append(key)
                radii.append(distance)
                groups.append(index)
        return tuple(out_keys), tuple(radii), (), tuple(groups)
    if rule.wells:
        keys = list(rule.wells)
    if rule.shape == "outward":
        return tuple(keys), rule.radii_for(len(keys)), (), ()
    if len(rule.radii_m) not in (1, len(keys)):
        problems.append(
            Problem(
                sheet.file,
                row.number,
                column,
                rule.text,
                f"one radius for every well or one per well ({len(keys)} wells), not {len(rule.radii_m)} radii",
            )
        )
        return None
    radii = rule.radii_for(len(keys))
    if rule.exceptions:
        special = dict(rule.exceptions)
        radii = tuple(special.get(k, r) for k, r in zip(keys, radii, strict=True))
    return tuple(keys), radii, rule.inner_radii_for(len(keys)), (0,) * len(keys)


def _single_circles(specs, level: str):
    """The zone of ``level`` of each source, by (doc_no, source_code), where it is one row of circles."""
    found: dict[tuple[str, str], ZoneSpec] = {}
    repeated: set[tuple[str, str]] = set()
    for s in specs:
        if s.level == level:
            key = (s.doc_no, s.source_code)
            if key in found:
                repeated.add(key)
            found[key] = s
    return {key: s for key, s in found.items() if s.rule.shape == "circles" and key not in repeated}


def _level1_circles(specs):
    """The single circles 一级 zone of each source, by (doc_no, source_code)."""
    return _single_circles(specs, "一级")


def _check_nesting(specs: list[ZoneSpec], sheet, problems: list[Problem]) -> list[ZoneSpec]:
    """A ring's outer radius must exceed the 一级 radius it removes, well by well."""
    level1 = _level1_circles(specs)
    for spec in specs:
        first = level1.get((spec.doc_no, spec.source_code))
        if spec.level == "一级" or not spec.rule.minus_level1 or first is None or spec.rule.shape == "outward":
            continue
        inner = dict(zip(first.well_keys, first.radii_m, strict=True))
        for key, radius in zip(spec.well_keys, spec.radii_m, strict=True):
            if key in inner and radius <= inner[key]:
                well = f"well {key}" if key else "the well"
                problems.append(
                    Problem(
                        spec.file,
                        spec.row,
                        spec.rule_column or sheet.column("rule"),
                        spec.rule.text,
                        f"a {spec.level} radius larger than the 一级 radius it removes ({inner[key]} m at {well}), not {radius} m",
                    )
                )
    return specs


def _outward(specs: list[ZoneSpec]) -> list[ZoneSpec]:
    """A level pushed out by d around circles is itself circles, so the drafters' arithmetic applies.

    "一级保护区外延200米" around 一级 circles r: circles r + 200 m, less 一级.
    "二级保护区外延2000米" around 二级 circles R: the ring between R and R + 2000 m.
    Around other shapes the zone is drawn by buffering (geo.zones).
    """
    if not any(spec.rule.shape == "outward" for spec in specs):
        return specs
    for level in ("一级", "二级"):  # 二级 first drawn from 一级 can then carry a 准保护区 in turn
        bases = _single_circles(specs, level)
        out = []
        for spec in specs:
            base = bases.get((spec.doc_no, spec.source_code))
            if spec.rule.shape == "outward" and spec.rule.outward_from == level and base is not None:
                spec = _pushed_out(spec, base, from_level1=level == "一级")
            out.append(spec)
        specs = out
    return specs


def _pushed_out(spec: ZoneSpec, base: ZoneSpec, from_level1: bool) -> ZoneSpec:
    distance = spec.rule.radii_m[0]
    radii = tuple(r + distance for r in base.radii_m)
    inner = () if from_level1 else base.radii_m
    rule = dataclasses.replace(spec.rule, shape="circles", radii_m=radii, inner_radii_m=inner, minus_level1=from_level1)
    return dataclasses.replace(
        spec, rule=rule, well_keys=base.well_keys, radii_m=radii, inner_radii_m=inner, groups=(0,) * len(radii)
    )
