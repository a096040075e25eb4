"""Exports: zones, wells, projects and conflicts as standard GIS files and reports.

The format follows the output's suffix:

``.gpkg``
    GeoPackage layers ``zones``, ``wells``, ``projects`` and ``conflicts`` in
    CGCS2000 longitude/latitude (EPSG:4490), and ``zones_gk<EPSG>`` /
    ``projects_gk<EPSG>`` with the same features in Gauss–Krüger metres.
``.geojson``
    One RFC 7946 FeatureCollection; ``kind`` tells zones, wells, projects and
    conflicts (a conflict carries its project's footprint) apart.
``.parquet``
    GeoParquet 1.1 (:mod:`geo.parquet`) for big jobs: the zones in the file
    named, one row group per block of sources, and ``<name>-wells.parquet``,
    ``<name>-projects.parquet``, ``<name>-conflicts.parquet`` beside it, all in
    EPSG:4490 with the CRS in each file's metadata.
``.kml``
    For 奥维互动地图 and Google Earth (:mod:`geo.kml`): folders by approval and level,
    zones styled by level, wells as pins, a description table on every placemark.
``.csv`` / ``.xlsx``
    A report (:mod:`geo.reports`: Chinese headers, statuses in words, figures as
    the approval prints them beside the full values): the zone check (UTF-8 with
    BOM, which Excel opens correctly) and, beside it, ``<name>-conflicts.csv``;
    one workbook with a sheet each in .xlsx, header frozen, columns sized.

Every file is written under a temporary name and renamed when complete.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.cells import display_width, inert, is_inert, spreadsheet_safe
from geo.conflicts import COLUMNS as CONFLICT_COLUMNS
from geo.errors import GeoError
from geo.files import (
    WELL_PROPERTIES,
    ZONE_PROPERTIES,
    ZoneBlock,
    atomic_path,
    collection_pieces,
    feature_texts,
    write_texts_atomic,
)
from geo.projects import PROJECT_PROPERTIES

__all__ = ["FORMATS", "csv_text", "export", "export_blocks", "zone_block"]

FORMATS = (".gpkg", ".parquet", ".geojson", ".kml", ".csv", ".xlsx")
_CONFLICT_PROPERTIES = tuple(c for c in CONFLICT_COLUMNS if c not in ("project_index", "zone_index"))


def export(
    target: str | Path,
    zones: gpd.GeoDataFrame,
    wells: gpd.GeoDataFrame | None = None,
    projects: gpd.GeoDataFrame | None = None,
    conflicts: pd.DataFrame | None = None,
    lang: str = "zh",
) -> list[Path]:
    """Write everything to ``target`` in the format its suffix names; returns the files written.

    ``zones`` must carry the check columns (:func:`geo.validation.checked_zones`);
    ``lang`` is the language of the .csv and .xlsx reports' headers and words.
    """
    target = Path(target)
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise GeoError(f"-o: expected a file ending in {', '.join(FORMATS)}, got {str(target)!r}")
    layers = _layers(zones, wells, projects, conflicts)
    if suffix == ".gpkg":
        return [_gpkg(target, layers)]
    if suffix == ".parquet":
        from geo.parquet import parquet_piece

        rest = {name: frame for name, frame in layers.items() if name != "zones"}
        return _parquet_streamed(target, iter([parquet_piece(_flat(layers["zones"]))]), lambda: rest, list(rest))
    if suffix == ".geojson":
        return [_geojson(target, layers)]
    if suffix == ".kml":
        return [_kml(target, layers, lang)]
    if suffix == ".xlsx":
        return [_xlsx(target, zones, layers, lang)]
    return _csv(target, zones, layers, lang)


def _layers(zones, wells, projects, conflicts) -> dict[str, gpd.GeoDataFrame]:
    layers = {"zones": _keep(zones, ZONE_PROPERTIES)}
    if wells is not None:
        layers["wells"] = _keep(wells, WELL_PROPERTIES)
    if projects is not None:
        layers["projects"] = _keep(projects, PROJECT_PROPERTIES)
    if conflicts is not None and projects is not None:
        layers["conflicts"] = gpd.GeoDataFrame(
            conflicts[list(_CONFLICT_PROPERTIES)].reset_index(drop=True),
            geometry=_conflict_geometries(zones, projects, conflicts),
            crs="EPSG:4490",
        )
    return layers


def _conflict_geometries(zones, projects, conflicts) -> list:
    """What each conflict is on the ground: the part of the project inside the zone, or, for a project
    only near it, the shortest line from the project to the zone (its length the distance)."""
    if not len(conflicts):
        return []
    project = np.asarray(projects.geometry.loc[conflicts["project_index"]].array, dtype=object)
    zone = np.asarray(zones.geometry.loc[conflicts["zone_index"]].array, dtype=object)
    near = conflicts["relation"].to_numpy() == "near"
    overlap = shapely.intersection(project, zone)
    # Touching only along an edge leaves a line or a point: the shared boundary, kept as what it is.
    return list(np.where(near, shapely.shortest_line(project, zone), overlap))


def _keep(frame: gpd.GeoDataFrame, columns) -> gpd.GeoDataFrame:
    present = [c for c in columns if c in frame.columns]
    kept = gpd.GeoDataFrame(
        frame[present].reset_index(drop=True), geometry=frame.geometry.reset_index(drop=True), crs="EPSG:4490"
    )
    return _texts(kept, inert)  # no control character reaches a KML, GPKG or workbook


def _texts(frame: pd.DataFrame, clean) -> pd.DataFrame:
    """``frame`` with ``clean`` applied to every text cell."""
    out = frame.copy()
    for column in out.columns:
        if column != "geometry" and (out[column].dtype == object or pd.api.types.is_string_dtype(out[column])):
            values = out[column].tolist()
            if clean is inert and isinstance(out[column].dtype, pd.StringDtype):
                if is_inert("".join(v for v in values if isinstance(v, str))):
                    continue  # nothing to escape (the usual case): the column as it is
            out[column] = [clean(v) if isinstance(v, str) else v for v in values]
    return out


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """List cells (``wells``, ``radii_m``) as "30、30", for GeoPackage, which has no list fields; control characters
    in them escaped, as :func:`_keep` escapes text cells."""
    out = frame
    for column in frame.columns:
        if column != "geometry" and frame[column].dtype == object and frame[column].map(_is_list).any():
            out = out.copy() if out is frame else out
            out[column] = [_joined(v) for v in frame[column]]
    return out


def _is_list(value) -> bool:
    return isinstance(value, list | tuple | np.ndarray)


def _joined(value):
    if not _is_list(value):
        return value
    return inert("、".join(format(v, ".15g") if isinstance(v, float) else str(v) for v in value))


def _gpkg(target: Path, layers) -> Path:
    rest = {name: frame for name, frame in layers.items() if name != "zones"}
    zones = _flat(layers["zones"])
    batches = (zones.iloc[i : i + _GK_BATCH] for i in range(0, max(len(zones), 1), _GK_BATCH))
    return _gpkg_streamed(target, ((batch, _gk_frames(batch)) for batch in batches), lambda: rest)


def _gpkg_streamed(target: Path, zone_layers, later) -> Path:
    """A GeoPackage whose zones come a block at a time and its other layers after them.

    ``zone_layers`` gives each block flattened and its Gauss–Krüger copies
    (:func:`_gk_frames`, made where the block was built); they are appended to
    ``zones`` and ``zones_gk<EPSG>``, so no more than one block is held.
    ``later()`` gives the other layers once every block is written.  The
    whole file is written under a temporary name and renamed when complete.
    """
    import pyogrio

    with atomic_path(target) as tmp:
        tmp.unlink()
        for frame, copies in zone_layers:
            pyogrio.write_dataframe(
                frame, tmp, layer="zones", driver="GPKG", append=tmp.exists(), promote_to_multi=True
            )
            _write_gk(tmp, "zones", copies)
        layers = {name: _flat(frame) for name, frame in later().items()}
        for name, frame in layers.items():
            pyogrio.write_dataframe(
                frame, tmp, layer=name, driver="GPKG", append=True, promote_to_multi=name in {"projects", "conflicts"}
            )
        if "projects" in layers:
            _write_gk(tmp, "projects", _gk_frames(layers["projects"]))
    return target


def _parquet_streamed(target: Path, zone_layers, later, names) -> list[Path]:
    """GeoParquet files: the zones in ``target`` a block per row group (``zone_layers``: their
    :class:`geo.parquet.ParquetPiece`), then each layer ``names`` lists beside it.

    ``later()`` gives those layers once every block is written.  The files are
    written under temporary names and renamed together when all are complete;
    a file beside the target is replaced only when an export wrote it.
    """
    from geo.files import atomic_paths
    from geo.parquet import ParquetLayer, parquet_layer_of

    beside = [target.with_name(f"{target.stem}-{name}.parquet") for name in names]
    for path, name in zip(beside, names, strict=True):
        if path.exists() and parquet_layer_of(path) != name:
            raise GeoError(
                f"-o: {path} exists and was not written by an export (it holds no {name} layer); move it or choose another -o"
            )
    with atomic_paths([target, *beside]) as (tmp, *rest):
        zones = ParquetLayer(tmp, "zones")
        for piece in zone_layers:
            zones.write_piece(piece)
        zones.close()
        layers = later()
        for path, name in zip(rest, names, strict=True):
            layer = ParquetLayer(path, name)
            layer.write(_flat(layers[name]))
            layer.close()
    return [target, *beside]


#: Zones of a frame exported whole made into their Gauss–Krüger copies and written at a time.
_GK_BATCH = 20_000


def _gk_frames(frame) -> list[tuple[int, gpd.GeoDataFrame]]:
    """``frame``'s drawn features in the Gauss–Krüger zone of each, by EPSG code: ``(code, features)``, codes in order."""
    from geo.coordinates import gk_epsg, gk_zone

    drawn = frame[frame.geometry.notna()]
    if not len(drawn):
        return []
    codes = np.asarray([gk_epsg(gk_zone(p.x)) for p in drawn.geometry.representative_point()])
    return [(code, drawn[codes == code].to_crs(f"EPSG:{code}")) for code in sorted(set(codes.tolist()))]


def _write_gk(tmp: Path, name: str, copies) -> None:
    """The Gauss–Krüger copies :func:`_gk_frames` made, appended to layers ``<name>_gk<EPSG>``."""
    import pyogrio

    for code, features in copies:
        pyogrio.write_dataframe(
            features, tmp, layer=f"{name}_gk{code}", driver="GPKG", append=True, promote_to_multi=True
        )


def zone_block(suffix: str, projects: gpd.GeoDataFrame | None = None, near_m: float | None = None):
    """The function that makes a block of zones into what a file ending in ``suffix`` takes: a :class:`ZoneBlock`.

    ``then`` of :func:`geo.registercheck.iter_checked_zones`: each block is
    checked (when it lacks the check's columns), screened against
    ``projects`` and turned into its features' text (``.geojson``), its row
    group (``.parquet``) or its layer's rows (``.gpkg``) in the worker that
    built it, so that only what the file takes is sent back.
    """
    suffix = suffix.lower()
    if suffix not in (".geojson", ".parquet", ".gpkg"):
        raise ValueError(f"suffix must be one of .geojson, .parquet, .gpkg, not {suffix!r}")
    return partial(_zone_block, suffix, projects, near_m)


def _zone_block(suffix: str, projects, near_m, block: gpd.GeoDataFrame) -> ZoneBlock:
    from geo.conflicts import ZoneIndex
    from geo.parquet import parquet_piece
    from geo.validation import CHECK_COLUMNS, checked_zones

    checked = block if set(CHECK_COLUMNS) <= set(block.columns) else checked_zones(block)
    conflicts, geometries = None, []
    if projects is not None:
        conflicts = ZoneIndex(checked).conflicts(projects, near_m)
        geometries = _conflict_geometries(checked, projects, conflicts)
    if suffix == ".geojson":
        piece = feature_texts(checked, "zone", ZONE_PROPERTIES)
    else:
        kept = _flat(_keep(checked, ZONE_PROPERTIES))
        piece = parquet_piece(kept) if suffix == ".parquet" else (kept, _gk_frames(kept))
    return ZoneBlock(suffix, piece, conflicts, geometries)


def export_blocks(
    target: str | Path,
    blocks,
    wells: gpd.GeoDataFrame | None = None,
    projects: gpd.GeoDataFrame | None = None,
    near_m: float | None = None,
) -> list[Path]:
    """:func:`export` to a GeoPackage or GeoParquet for zones that come in blocks (:func:`geo.iter_zones`), one held at a time.

    Each block is checked (when it lacks the check's columns), screened
    against ``projects`` and written before the next is built — or comes so
    already, a :class:`geo.files.ZoneBlock` made by :func:`zone_block` where
    it was built (:func:`geo.registercheck.iter_checked_zones`); the conflicts
    (small) are gathered and written after the zones, in the order
    :func:`geo.find_conflicts` gives them.  The file holds the layers and
    features :func:`export` writes from the whole table, the zones in the
    order of the blocks.

    Examples
    --------
    >>> import geo, tempfile, pathlib, pyogrio
    >>> approvals = geo.read_approvals("data")
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "zones.gpkg"
    >>> [p.name for p in export_blocks(out, geo.iter_zones(approvals, block_zones=10), geo.wells_frame(approvals))]
    ['zones.gpkg']
    >>> [(name, pyogrio.read_info(out, layer=name)["features"]) for name, _ in pyogrio.list_layers(out)][:3]
    [('zones', 26), ('zones_gk4546', 24), ('wells', 18)]
    """
    from geo.conflicts import ordered

    target = Path(target)
    suffix = target.suffix.lower()
    if suffix not in (".gpkg", ".parquet"):
        raise GeoError(
            f"-o: expected a file ending in .gpkg or .parquet for zones written block by block, got {str(target)!r}"
        )
    found, geometries = [], []

    def zone_layers():
        make = zone_block(suffix, projects, near_m)
        for block in blocks:
            block = block if isinstance(block, ZoneBlock) else make(block)
            piece = block.piece_for(suffix)
            if projects is not None:
                if block.conflicts is None:
                    raise ValueError("a block made without the projects cannot be written with them")
                found.append(block.conflicts)
                geometries.extend(block.geometries)
            yield piece

    def later():
        layers = {}
        if wells is not None:
            layers["wells"] = _keep(wells, WELL_PROPERTIES)
        if projects is not None:
            layers["projects"] = _keep(projects, PROJECT_PROPERTIES)
            conflicts = pd.concat(found, ignore_index=True) if found else pd.DataFrame(columns=CONFLICT_COLUMNS)
            order = ordered(conflicts) if len(conflicts) else []
            layers["conflicts"] = gpd.GeoDataFrame(
                conflicts.iloc[order][list(_CONFLICT_PROPERTIES)].reset_index(drop=True),
                geometry=[geometries[k] for k in order],
                crs="EPSG:4490",
            )
        return layers

    if suffix == ".parquet":
        names = (["wells"] if wells is not None else []) + (["projects", "conflicts"] if projects is not None else [])
        return _parquet_streamed(target, zone_layers(), later, names)
    return [_gpkg_streamed(target, zone_layers(), later)]


def _geojson(target: Path, layers) -> Path:
    from geo.files import write_text_atomic

    properties = {
        "zones": ZONE_PROPERTIES,
        "wells": WELL_PROPERTIES,
        "projects": PROJECT_PROPERTIES,
        "conflicts": _CONFLICT_PROPERTIES,
    }
    kinds = {"zones": "zone", "wells": "well", "projects": "project", "conflicts": "conflict"}
    features = []
    for name, frame in layers.items():
        features += feature_texts(frame, kinds[name], properties[name])
    write_text_atomic(target, collection_pieces(features))
    return target


def _kml(target: Path, layers, lang: str) -> Path:
    from geo.files import write_text_atomic
    from geo.kml import kml_text

    write_text_atomic(target, kml_text(layers, lang))
    return target


def _tables(zones, layers, lang: str, names=("wells", "projects", "conflicts")) -> dict[str, pd.DataFrame]:
    from geo.reports import report_tables

    given = {name: layers.get(name) for name in names}
    return report_tables(zones, **given, lang=lang)


def _csv(target: Path, zones, layers, lang: str) -> list[Path]:
    """The zone check and, beside it, ``<name>-conflicts.csv``: written together or not at all."""
    check, *rest = _tables(zones, layers, lang, names=("conflicts",)).values()
    tables = {target: check}
    if rest:
        beside = target.with_name(f"{target.stem}-conflicts.csv")
        _check_ours(beside, rest[0])
        tables[beside] = rest[0]
    texts = {path: "\ufeff" + csv_text(table) for path, table in tables.items()}
    return write_texts_atomic(texts)


def csv_text(table: pd.DataFrame) -> str:
    """A report table as CSV text, every text cell safe for a spreadsheet (no formula, no control character)."""
    return _texts(table, spreadsheet_safe).to_csv(index=False)


def _check_ours(path: Path, table: pd.DataFrame) -> None:
    """A file the user did not name is replaced only when an earlier export wrote it (same header)."""
    if not path.exists():
        return
    header = ",".join(table.columns)
    try:
        with path.open(encoding="utf-8-sig") as handle:
            first = handle.readline().rstrip("\r\n")
    except (OSError, UnicodeDecodeError):
        first = None
    if first != header:
        raise GeoError(
            f"-o: {path} exists and was not written by an export (its header differs); move it or choose another -o"
        )


def _xlsx(target: Path, zones, layers, lang: str) -> Path:
    from openpyxl.styles import Alignment, Font

    with atomic_path(target) as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            for name, table in _tables(zones, layers, lang).items():
                _texts(table, spreadsheet_safe).to_excel(writer, sheet_name=name, index=False)
                sheet = writer.sheets[name]
                sheet.freeze_panes = "A2"
                for cell in sheet[1]:
                    cell.font = Font(bold=True)
                for k, column in enumerate(table.columns, start=1):
                    width = max([_width(column), *(_width(v) for v in table[column].head(500))])
                    letter = sheet.cell(row=1, column=k).column_letter
                    sheet.column_dimensions[letter].width = min(width + 2, _MAX_WIDTH)
                    if width > _MAX_WIDTH:  # notes and articles wrap in a column of readable width
                        for cell in sheet[letter][1:]:
                            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return target


#: Widest column of a workbook, in Excel's character widths; longer texts wrap.
_MAX_WIDTH = 60


def _width(value) -> int:
    """Display width of a cell's value (none for an empty cell)."""
    if value is None or (isinstance(value, float) and value != value):
        return 0
    return display_width(str(value))
