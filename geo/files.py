"""Files: zones and wells written out, atomically.

Every output is written to a temporary name in the same folder and renamed
over the target only when complete, so an interrupted or failed run leaves
the previous file exactly as it was.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

__all__ = [
    "NewFolder",
    "ZoneBlock",
    "atomic_folder",
    "input_paths",
    "write_folder_atomic",
    "write_texts_atomic",
    "atomic_path",
    "atomic_paths",
    "GrowingCollection",
    "collection_pieces",
    "collection_text",
    "feature_texts",
    "write_text_atomic",
    "write_zone_blocks_geojson",
    "write_zones_geojson",
    "zones_geojson",
]


def input_paths(paths, what: str) -> list[Path]:
    """The paths a reader was given, as arguments or in lists (or both), as Paths.

    Examples
    --------
    >>> [p.name for p in input_paths(("data/a", ["data/b", Path("data/c")]), "read_approvals")]
    ['a', 'b', 'c']
    >>> input_paths((42,), "read_approvals")
    Traceback (most recent call last):
    geo.errors.GeoError: read_approvals: expected a path (str or pathlib.Path) or a list of paths, got int 42
    """
    import os

    from geo.errors import GeoError

    out: list[Path] = []

    def take(item, depth: int) -> None:
        if isinstance(item, str | os.PathLike):
            if not str(os.fspath(item)).strip():
                raise GeoError(f"{what}: expected a path (str or pathlib.Path) or a list of paths, got an empty path")
            out.append(Path(item))
        elif depth < 2 and (isinstance(item, list | tuple | set | frozenset) or _is_iterable(item)):
            for sub in item:
                take(sub, depth + 1)
        else:
            shown = repr(item)
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            raise GeoError(
                f"{what}: expected a path (str or pathlib.Path) or a list of paths, got {type(item).__name__} {shown}"
            )

    for item in paths:
        take(item, 0)
    if not out:
        raise GeoError(f"{what}: expected a path (str or pathlib.Path) or a list of paths, got none")
    return out


def _is_iterable(item) -> bool:
    """A generator or other iterable of paths (not bytes, not a mapping, not a DataFrame)."""
    import collections.abc

    return isinstance(item, collections.abc.Iterator | collections.abc.KeysView | collections.abc.ValuesView)


#: Decimal places of longitude and latitude in GeoJSON: 1e-7° is about 1 cm.
COORDINATE_DECIMALS = 7

ZONE_PROPERTIES = (
    "doc_no",
    "source_code",
    "source_name",
    "county",
    "level",
    "part",
    "rule",
    "shape",
    "derivable",
    "wells",
    "radii_m",
    "stated_area_km2",
    "stated_perimeter_m",
    "stated_area_text",
    "stated_perimeter_text",
    "area_m2",
    "perimeter_m",
    "outer_perimeter_m",
    "expected_area_km2",
    "expected_perimeter_m",
    "status",
    "note",
    "note_en",
    "cite",
)
WELL_PROPERTIES = (
    "doc_no",
    "county",
    "source_name",
    "source_code",
    "well_no",
    "location",
    "source_type",
    "depth_m",
    "aquifer",
    "lon_text",
    "lat_text",
    "lon_deg",
    "lat_deg",
    "design_supply",
    "actual_supply",
    "source_design_supply",
    "cite",
)


def _temporary(target: Path) -> Path:
    """An empty file beside ``target`` that keeps its suffix (GeoPackage checks it)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=f".tmp{target.suffix}", dir=target.parent)
    os.close(handle)
    return Path(name)


def _publish(tmp: Path, target: Path) -> None:
    """Rename a finished temporary file over its target, with the usual permissions."""
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes files only their owner can read
    os.replace(tmp, target)


@contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """A temporary path beside ``target`` that replaces it only on success.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> with atomic_path(out) as tmp:
    ...     _ = tmp.write_text("new")
    >>> out.read_text()
    'new'
    """
    with atomic_paths([target]) as (tmp,):
        yield tmp


@contextmanager
def atomic_paths(targets) -> Iterator[list[Path]]:
    """Temporary paths beside several ``targets`` that replace them together, only when all are written.

    The folders are locked meanwhile and what a killed run left is swept, as
    in :func:`write_texts_atomic`.
    """
    targets = [Path(t) for t in targets]
    with _locked({t.parent for t in targets}):
        for target in targets:
            _sweep(target)
        temporary: list[Path] = []
        try:
            temporary.extend(_temporary(target) for target in targets)
            yield temporary
            for tmp, target in zip(temporary, targets, strict=True):
                _publish(tmp, target)
        finally:
            for tmp in temporary:
                tmp.unlink(missing_ok=True)


def _sweep(target: Path) -> None:
    """Remove the temporary files a killed run left beside ``target`` (only names this module makes)."""
    for stale in target.parent.glob(f".{target.stem}.*.tmp{target.suffix}"):
        stale.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_texts_atomic(files: dict[Path, str | list[str]]) -> list[Path]:
    """Write several files (UTF-8; each a text or its pieces in order) so that a failure or a kill leaves the
    old ones as they were.

    Every file is first written under a temporary name beside its target; only
    when all are complete are they renamed over the targets, one rename each.
    The target folders are locked meanwhile, so two runs writing into one
    folder take turns; temporary files that a killed run left behind (named
    as this module names them) are removed under that lock.
    """
    targets = [Path(t) for t in files]
    with atomic_paths(targets) as temporary:
        for tmp, text in zip(temporary, files.values(), strict=True):
            _write_text(tmp, text)
    return targets


def _write_text(path: Path, text: str | list[str]) -> None:
    """Write a text, or its pieces one after another (never joined: a register's GeoJSON is hundreds of MB,
    and joining it took longer than writing it), in UTF-8 as :meth:`Path.write_text` does."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.writelines([text] if isinstance(text, str) else text)


@contextmanager
def _locked(folders) -> Iterator[None]:
    """An exclusive lock on each folder itself (flock on the folder), where the system has flock.

    Nothing is created in the folder for it; on systems without flock (Windows)
    the writes stay atomic, only not serialised.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    handles = []
    try:
        for folder in sorted(Path(f) for f in folders):
            folder.mkdir(parents=True, exist_ok=True)
            handles.append(os.open(folder, os.O_RDONLY))
            fcntl.flock(handles[-1], fcntl.LOCK_EX)
        yield
    finally:
        for handle in handles:
            os.close(handle)


def write_folder_atomic(folder: str | Path, files: dict[str, str | list[str]]) -> list[Path]:
    """Write the files of ``folder`` (UTF-8; each a text or its pieces in order) so that it holds either all
    the old ones or all the new: :func:`atomic_folder` with every file written at once."""
    with atomic_folder(folder) as new:
        for name, text in files.items():
            new.write(name, text)
    return new.paths


class NewFolder:
    """The folder :func:`atomic_folder` is writing: files written whole, or appended to piece by piece."""

    def __init__(self, staging: Path, folder: Path):
        self._staging, self._folder = staging, folder
        self._names: list[str] = []
        self._open: dict[str, object] = {}

    def write(self, name: str, text: str | list[str]) -> None:
        """Write the file ``name``: a text, or its pieces one after another."""
        self._add(name)
        _write_text(self._staging / name, text)

    def append(self, name: str, pieces) -> None:
        """Add ``pieces`` to the end of the file ``name``, which the first call begins; it is complete at the end."""
        handle = self._open.get(name)
        if handle is None:
            self._add(name)
            handle = self._open[name] = open(self._staging / name, "w", encoding="utf-8")  # noqa: SIM115
        handle.writelines(pieces)

    @property
    def names(self) -> list[str]:
        """The files written so far, in the order they were begun."""
        return list(self._names)

    @property
    def paths(self) -> list[Path]:
        """Where the files are once the folder is complete, in the order they were begun."""
        return [self._folder / name for name in self._names]

    def _add(self, name: str) -> None:
        if name in self._names:
            raise ValueError(f"{name!r} is written twice into {self._folder}")
        self._names.append(name)

    def _close(self) -> None:
        while self._open:
            self._open.popitem()[1].close()


@contextmanager
def atomic_folder(folder: str | Path) -> Iterator[NewFolder]:
    """A new ``folder`` written file by file (:class:`NewFolder`), which takes the old one's place in one step
    when the block ends without an error; after an error the old folder is as it was.

    The new files are written into a new folder beside it, together with links
    to whatever else the folder holds (files this build does not write are
    kept); the two folders are then exchanged in one step (``renameat2`` with
    ``RENAME_EXCHANGE`` on Linux; elsewhere two renames, which the next run
    repairs if killed between them), and the old contents removed.  The parent
    folder is locked meanwhile, so two builds of one folder take turns; what a
    killed run left beside the folder is cleared first.  Files are written as
    they come, so a register's maps are never all held in memory at once.
    """
    import shutil

    folder = Path(folder)
    parent = folder.parent
    parent.mkdir(parents=True, exist_ok=True)
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(20, "expected a folder for the maps, found a file", str(folder))
    with _locked({parent}):
        _recover(folder)
        new = Path(tempfile.mkdtemp(prefix=f".{folder.name}.build-", dir=parent))
        writer = NewFolder(new, folder)
        try:
            yield writer
            writer._close()
            if folder.exists():
                written = set(writer.names)
                for entry in folder.iterdir():
                    # Kept: what this build does not write, but not temporaries of earlier versions' builds.
                    if entry.name not in written and not (entry.name.startswith(".") and ".tmp" in entry.name):
                        _keep(entry, new / entry.name)
                os.chmod(new, folder.stat().st_mode & 0o7777)
                _exchange(new, folder)  # ``new`` now holds the old contents
            else:
                os.chmod(new, 0o777 & ~_umask())
                os.rename(new, folder)
        finally:
            writer._close()
            shutil.rmtree(new, ignore_errors=True)


def _keep(entry: Path, into: Path) -> None:
    """A hard link (or copy) of a file or folder the build does not write, into the new folder."""
    import shutil

    def link(src, dst):
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    if entry.is_dir() and not entry.is_symlink():
        shutil.copytree(entry, into, copy_function=link, symlinks=True)
    elif entry.is_symlink():
        os.symlink(os.readlink(entry), into)
    else:
        link(entry, into)


def _exchange(a: Path, b: Path) -> None:
    """Swap two folders in one step where the system can (Linux renameat2), else in two renames."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        renameat2 = None
    if renameat2 is not None:
        at_fdcwd, rename_exchange = -100, 2
        if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
            return
    old = b.with_name(f".{b.name}.old-{os.getpid()}")
    os.rename(b, old)
    os.rename(a, b)
    os.rename(old, a)


def _recover(folder: Path) -> None:
    """Clear what a killed build left beside ``folder``; put back a folder left renamed aside."""
    import shutil

    for stale in folder.parent.glob(f".{folder.name}.old-*"):
        if not folder.exists():
            os.rename(stale, folder)
        else:
            shutil.rmtree(stale, ignore_errors=True)
    for stale in folder.parent.glob(f".{folder.name}.build-*"):
        shutil.rmtree(stale, ignore_errors=True)


def write_text_atomic(target: str | Path, text: str | list[str]) -> None:
    """Write ``text`` (UTF-8; or its pieces in order) to ``target`` under a temporary name, then rename it."""
    write_texts_atomic({Path(target): text})


def _column_values(frame: pd.DataFrame, column: str) -> list:
    """A column as JSON-ready Python values: NaN and infinities become None."""
    series = frame[column]
    values = series.tolist()
    if series.dtype.kind == "f":
        return [v if math.isfinite(v) else None for v in values]
    if series.dtype == object or isinstance(series.dtype, pd.CategoricalDtype):
        return [None if isinstance(v, float) and not math.isfinite(v) else v for v in values]
    return values


def feature_texts(frame: gpd.GeoDataFrame, kind: str, columns: tuple[str, ...], geometry_texts=None) -> list[str]:
    """One compact GeoJSON Feature (text) per row; geometry null where there is none.

    Geometries are serialised together (shapely 2), rounded to
    :data:`COORDINATE_DECIMALS`; ``geometry_texts`` (an array of geometries →
    their texts) replaces GeoJSON's own, as the maps' thinned, compact
    encoding does.
    """
    present = [c for c in columns if c in frame.columns]
    geoms = np.asarray(frame.geometry.array, dtype=object)
    drawn = np.array([g is not None and not shapely.is_empty(g) for g in geoms], dtype=bool)
    texts = np.full(len(geoms), "null", dtype=object)
    if drawn.any():
        shapes = geoms[drawn]
        if geometry_texts is not None:
            texts[drawn] = geometry_texts(shapes)
        else:
            shapes = shapely.transform(shapes, lambda xy: np.round(xy, COORDINATE_DECIMALS))
            texts[drawn] = shapely.to_geojson(shapes)
    values = {c: _column_values(frame, c) for c in present}
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    out = []
    for i, geometry in enumerate(texts):
        properties = {"kind": kind}
        properties.update((c, values[c][i]) for c in present)
        out.append(f'{{"type":"Feature","properties":{encode(properties)},"geometry":{geometry}}}')
    return out


def collection_text(features: list[str]) -> str:
    """A FeatureCollection from feature texts, one feature per line."""
    return "".join(collection_pieces(features))


def collection_pieces(features) -> list[str]:
    """:func:`collection_text` in pieces, to write without joining them (:func:`write_text_atomic`).

    >>> "".join(collection_pieces(['{"a":1}', '{"b":2}'])) == collection_text(['{"a":1}', '{"b":2}'])
    True
    """
    parts = GrowingCollection()
    return [*parts.head(), *parts.features(features), *parts.tail()]


class GrowingCollection:
    """The pieces of a FeatureCollection given out as its features come: the same text as
    :func:`collection_text` of all of them, written part by part (:meth:`NewFolder.append`).

    >>> parts = GrowingCollection()
    >>> text = "".join([*parts.head(), *parts.features(['{"a":1}']), *parts.features([]), *parts.features(['{"b":2}']), *parts.tail()])
    >>> text == collection_text(['{"a":1}', '{"b":2}'])
    True
    """

    def __init__(self):
        self.count = 0

    def head(self) -> list[str]:
        return ['{"type":"FeatureCollection","features":[\n']

    def features(self, features) -> list[str]:
        pieces = []
        for feature in features:
            if self.count:
                pieces.append(",\n")
            pieces.append(feature)
            self.count += 1
        return pieces

    def tail(self) -> list[str]:
        return ["\n]}\n"]


def zones_geojson(zones: gpd.GeoDataFrame, wells: gpd.GeoDataFrame | None = None) -> str:
    """An RFC 7946 FeatureCollection of zones (kind="zone") and wells (kind="well"), as text.

    Coordinates are CGCS2000 longitude/latitude (taken as WGS84, as RFC 7946
    requires, the difference being well under a metre), rounded to 1e-7°;
    polygons run counter-clockwise with clockwise holes.  A zone that cannot
    be derived has a null geometry and keeps its properties.

    Examples
    --------
    >>> from geo import build_zones, read_approvals
    >>> import json
    >>> text = zones_geojson(build_zones(read_approvals("data/lvzhenghan-2023-93")))
    >>> [f["geometry"] and f["geometry"]["type"] for f in json.loads(text)["features"]]
    ['Polygon', 'Polygon', 'Polygon', None]
    """
    features = feature_texts(zones, "zone", ZONE_PROPERTIES)
    if wells is not None:
        features += feature_texts(wells, "well", WELL_PROPERTIES)
    return collection_text(features)


def write_zones_geojson(target: str | Path, zones: gpd.GeoDataFrame, wells: gpd.GeoDataFrame | None = None) -> Path:
    """Write zones (and wells) as one GeoJSON file, atomically; returns the path."""
    write_text_atomic(target, zones_geojson(zones, wells))
    return Path(target)


@dataclass
class ZoneBlock:
    """A block of checked zones as a file takes it, made where the block was built (:func:`geo.exports.zone_block`).

    ``piece`` is, by ``suffix``: for ``.geojson`` the zones' feature texts,
    for ``.parquet`` the row group (:class:`geo.parquet.ParquetPiece`), for
    ``.gpkg`` the zones as the layer takes them and their Gauss–Krüger
    copies.  ``conflicts`` are the block's conflicts with the projects
    screened (None without projects), ``geometries`` their footprints.
    """

    suffix: str
    piece: object
    conflicts: pd.DataFrame | None = None
    geometries: list = field(default_factory=list)

    def piece_for(self, suffix: str):
        """The piece, which must have been made for a file ending in ``suffix``."""
        if self.suffix != suffix:
            raise ValueError(f"a block made for a {self.suffix} file cannot be written to a {suffix} file")
        return self.piece


def write_zone_blocks_geojson(target: str | Path, blocks, wells: gpd.GeoDataFrame | None = None) -> tuple[Path, int]:
    """:func:`write_zones_geojson` for zones that come in blocks (:func:`geo.iter_zones`): each written, then freed.

    The file is :func:`zones_geojson`'s text, the zones in the order of the
    blocks, written under a temporary name and renamed when complete.  A
    block is a GeoDataFrame, or a :class:`ZoneBlock` made for ``.geojson``
    where it was built.
    Returns the path and the number of zones written.

    Examples
    --------
    >>> import geo, json, pathlib, tempfile
    >>> approvals = geo.read_approvals("data/lvzhenghan-2023-93")
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "zones.geojson"
    >>> write_zone_blocks_geojson(out, geo.iter_zones(approvals, block_zones=2))[1]
    4
    >>> out.read_text(encoding="utf-8") == zones_geojson(geo.build_zones(approvals))
    True
    """
    target = Path(target)
    count = 0
    with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as handle:
        handle.write('{"type":"FeatureCollection","features":[\n')
        for block in blocks:
            texts = (
                block.piece_for(".geojson")
                if isinstance(block, ZoneBlock)
                else feature_texts(block, "zone", ZONE_PROPERTIES)
            )
            if texts:
                handle.write((",\n" if count else "") + ",\n".join(texts))
            count += len(texts)
        if wells is not None and len(wells):
            handle.write((",\n" if count else "") + ",\n".join(feature_texts(wells, "well", WELL_PROPERTIES)))
        handle.write("\n]}\n")
    return target, count
