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
"""

from __future__ import annotations

import gc
import multiprocessing
import os

import pandas as pd

from geo.collector import collector_paused

__all__ = ["check_register", "processes_for"]

#: The most worker processes :func:`check_register` starts by default.
MAX_PROCESSES = 4
#: The register and its blocks as the workers see them (set in the parent before it forks).
_STATE: dict = {}


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
    from geo.zones import _prepared, _source_blocks

    prepared = _prepared(approvals)
    blocks = list(_source_blocks(prepared[0], block_zones))
    processes = processes_for(len(blocks)) if processes is None else int(processes)
    if processes < 1:
        raise ValueError(f"processes must be 1 or more, not {processes!r}")
    _STATE["prepared"] = prepared
    try:
        # The collector does not walk the register and the tables kept, here or in the workers (geo.collector):
        # in a worker a walk writes to every object's header, which copies every page it shares with this
        # process (a million wells took 8.1 GB, and no less time than one process).
        with collector_paused():
            if processes == 1 or len(blocks) == 1:
                tables = [_checked_block(rows) for rows in blocks]
            else:
                with multiprocessing.get_context("fork").Pool(processes, initializer=gc.freeze) as pool:
                    tables = list(pool.imap(_checked_block, blocks))
    finally:
        _STATE.clear()
    return pd.concat(tables).sort_index() if len(tables) > 1 else tables[0]


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
    cores = os.process_cpu_count() if hasattr(os, "process_cpu_count") else len(os.sched_getaffinity(0))
    wanted = max(1, min(cores or 1, MAX_PROCESSES, blocks))
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


def _checked_block(rows: list[int]) -> pd.DataFrame:
    """One block of zones built, checked and its polygons dropped (in a worker, or in this process)."""
    from geo.validation import checked_zones
    from geo.zones import _block

    specs, wells_by_source, names = _STATE["prepared"]
    checked = checked_zones(_block(specs, wells_by_source, names, rows))
    return pd.DataFrame(checked.drop(columns="geometry"))
