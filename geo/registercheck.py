"""A register checked block by block, in worker processes where the machine has cores and memory to spare.

:func:`check_register` is :func:`geo.validation.checked_zones` of
:func:`geo.zones.build_zones` without the polygons: what ``geo check`` prints.
Holding every polygon of a register is what made a check of a million wells
need some 30 GB; here each block of zones (:func:`geo.zones.iter_zones`) is
built, checked and its polygons dropped before the next, so the check holds
the register as read and a block or two.

Building and checking are mostly Python, which one interpreter runs on one
core whatever its threads; so the blocks are handed to forked worker
processes, one a core, that build and check them and send back only the
check's table (a few kilobytes a zone, not the polygons).  A forked worker
shares the register it was forked with; what it touches is copied, so each
worker costs up to the register's size again: they are used only where the
memory the system has available holds that (:func:`processes_for`).

:func:`iter_checked_zones` runs the same workers with the polygons kept, for
``geo zones`` and ``geo export``: each block is made into what its file takes
(:func:`geo.exports.zone_block`) in the worker that built it, and only that is
sent back.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections import deque

import pandas as pd

from geo.collector import collector_paused

__all__ = ["check_register", "iter_checked_register", "iter_checked_zones", "processes_for"]

#: The most worker processes :func:`check_register` starts by default.
MAX_PROCESSES = 4
#: Blocks a worker process builds and checks before a fresh one takes its place.  What a worker reads of the
#: register it was forked with is copied into it, page by page, and stays until it ends: at a million wells
#: (2.5 GB of register), two workers left to run took 9.5 GB in all, replaced every 64 blocks 5.7 GB, every 16
#: 3.9 GB, every 8 3.5 GB, the parent's time for the forks 2–5 s of the 170–190 s.
BLOCKS_PER_WORKER = 8
#: The register as a worker process has it (set in the worker as it starts).
_WORKER: dict = {}


def check_register(approvals, processes: int | None = None, block_zones: int = 5000) -> pd.DataFrame:
    """Every zone of ``approvals`` checked, as :func:`geo.validation.checked_zones` gives it, without geometry.

    Parameters
    ----------
    approvals : list of Approval
        As :func:`geo.read_approvals` returns them.
    processes : int, optional
        Worker processes to build and check blocks in; 1 builds them in this
        process.  By default :func:`processes_for` decides.
    block_zones : int
        Zones a block (every zone of a source in one block).

    Returns
    -------
    DataFrame
        One row a zone in the zones table's order, the columns of
        ``checked_zones(build_zones(approvals))`` but ``geometry``.

    Examples
    --------
    >>> from geo import read_approvals
    >>> table = check_register(read_approvals("data"), processes=1)
    >>> table["status"].value_counts().to_dict()
    {'match': 24, 'not_derivable': 2, 'mismatch': 0, 'not_stated': 0}
    """
    tables = list(iter_checked_register(approvals, processes, block_zones))
    return pd.concat(tables).sort_index() if len(tables) > 1 else tables[0]


def iter_checked_register(approvals, processes: int | None = None, block_zones: int = 5000, then=None):
    """The tables of :func:`check_register` a block at a time, as each is checked: for output that streams.

    Each table is a block's zones (every zone of a source in one block),
    indexed by their rows in the zones table and in that order; blocks come
    in the order their sources first appear, so a table that lists every 一级
    row first gives rows out of order across blocks.  At least one table,
    empty for a register without zones.

    ``then``, a function of a block's table, is applied where the block was
    checked (in its worker), and what it returns is handed over instead:
    the text of the block's output (:func:`geo.checkprint.block_text`) is
    sent back cheaper than the table, and made on every core.  Workers are
    forked, so ``then`` need not be picklable.

    At most two blocks a worker are under way or waiting to be taken, so a
    caller slower than the workers holds no more; a worker is replaced after
    :data:`BLOCKS_PER_WORKER` blocks, which bounds what it has copied of the
    register it shares (see the module's text).
    """
    yield from _iter_blocks(approvals, processes, block_zones, then, geometry=False)


def iter_checked_zones(approvals, processes: int | None = None, block_zones: int = 5000, then=None):
    """``checked_zones`` of each block of :func:`geo.zones.iter_zones`, polygons kept, built and checked in workers.

    The blocks, their order and their processes are those of
    :func:`iter_checked_register`.  A block's polygons cost more to send back
    than to build (a block of 5,000 zones: 86 ms to pickle and 43 ms to
    unpickle against 403 ms to build), so a caller that writes them passes
    ``then``, which turns a block into what its file takes (its features'
    text, its GeoParquet table: :func:`geo.exports.zone_block`) in the
    worker; without ``then`` each block's GeoDataFrame is handed over.
    """
    yield from _iter_blocks(approvals, processes, block_zones, then, geometry=True)


def _iter_blocks(approvals, processes: int | None, block_zones: int, then, geometry: bool):
    from geo.zones import _prepared, _source_blocks

    prepared = _prepared(approvals)
    blocks = list(_source_blocks(prepared[0], block_zones))
    processes = processes_for(len(blocks)) if processes is None else int(processes)
    if processes < 1:
        raise ValueError(f"processes must be 1 or more, not {processes!r}")
    # The collector does not walk the register and the tables kept, here or in the workers (geo.collector):
    # in a worker a walk writes to every object's header, which copies every page it shares with this
    # process (a million wells took 8.1 GB, and no less time than one process).
    with collector_paused():
        if processes == 1 or len(blocks) == 1:
            for rows in blocks:
                yield _checked_block(rows, prepared, then, geometry)
            return
        # Forked, a worker has the register (and ``then``) as this process has it: initargs are not pickled.
        context = multiprocessing.get_context("fork")
        with context.Pool(
            processes,
            initializer=_worker_start,
            initargs=(prepared, then, geometry),
            maxtasksperchild=BLOCKS_PER_WORKER,
        ) as pool:
            pending: deque = deque()
            for rows in blocks:  # not Pool.imap, which takes every block at once and keeps what the caller has not
                pending.append(pool.apply_async(_worker_block, (rows,)))
                if len(pending) >= 2 * processes:
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()


def _source_blocks_count(approvals, block_zones: int = 5000) -> int:
    """How many blocks :func:`check_register` makes of ``approvals`` (for benchmarks to say what it chose)."""
    from geo.zones import _prepared, _source_blocks

    return sum(1 for _ in _source_blocks(_prepared(approvals)[0], block_zones))


def processes_for(blocks: int) -> int:
    """Worker processes for ``blocks`` blocks: one a core this process may use (at most :data:`MAX_PROCESSES`),
    where the system can fork (Linux) and its available memory holds this process's size again for each;
    else 1."""
    if blocks < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    from geo.zones import cores

    wanted = max(1, min(cores(), MAX_PROCESSES, blocks))
    if wanted == 1:
        return 1
    size, available = _memory()
    if size is None or available is None:
        return 1
    return max(1, min(wanted, int(available // max(size, 1))))


def _memory() -> tuple[int | None, int | None]:
    """This process's resident size and the system's available memory, in bytes (None where not known)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            size = int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        with open("/proc/meminfo", encoding="ascii") as handle:
            fields = dict(line.split(":", 1) for line in handle)
        available = int(fields["MemAvailable"].split()[0]) * 1024
    except (OSError, ValueError, KeyError):
        return None, None
    return size, available


def _worker_start(prepared, then, geometry: bool) -> None:
    _WORKER["prepared"], _WORKER["then"], _WORKER["geometry"] = prepared, then, geometry
    gc.freeze()  # what the worker shares with its parent is never walked by its collector
    # Ctrl-C reaches every process of the terminal's group: the parent stops the workers and says so, once;
    # a worker left to take it would print its own traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _worker_block(rows: list[int]):
    return _checked_block(rows, _WORKER["prepared"], _WORKER["then"], _WORKER["geometry"])


def _checked_block(rows: list[int], prepared, then=None, geometry: bool = False):
    """One block of zones built and checked, its polygons dropped unless ``geometry`` (in a worker, or in this
    process); ``then`` of it."""
    from geo.validation import checked_zones
    from geo.zones import _block

    specs, wells_by_source, names = prepared
    checked = checked_zones(_block(specs, wells_by_source, names, rows))
    table = checked if geometry else pd.DataFrame(checked.drop(columns="geometry"))
    return table if then is None else then(table)
