"""Atomic writing: a file, several files or a whole folder replaces what was there only when complete.

Each output is written under a temporary name beside its target and renamed
over it at the end; a folder is built beside its target and exchanged with
it in one step.  A run that fails or is interrupted leaves the previous
files exactly as they were, and no half-written one.  :mod:`geo.files`
offers these names too.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = [
    "NewFolder",
    "atomic_folder",
    "atomic_path",
    "atomic_paths",
    "write_folder_atomic",
    "write_text_atomic",
    "write_texts_atomic",
]


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
