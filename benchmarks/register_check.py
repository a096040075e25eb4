"""What ``geo check --json`` costs on a register already written, by how often its workers are replaced.

    python benchmarks/register_check.py FOLDER [BLOCKS_PER_WORKER|none]

Reads the register in FOLDER (benchmarks/synthetic.py writes one), then runs
geo.registercheck.iter_checked_register with each block's JSON made in its
worker (geo.checkprint.block_text) and written to /dev/null, as ``geo check
--json`` does, with geo.registercheck.BLOCKS_PER_WORKER set as given (``none``:
never replaced).  Prints the check's wall time, this process's own CPU (user,
system) and the largest total PSS of this process and its workers, sampled
every second.
"""

from __future__ import annotations

import os
import resource
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from zones import PSS_EVERY_S, _pss_mb  # noqa: E402

import geo  # noqa: E402
import geo.registercheck as registercheck  # noqa: E402
from geo.checkprint import block_text, write_check  # noqa: E402


def main(argv: list[str]) -> None:
    folder, per = argv[0], (argv[1] if len(argv) > 1 else str(registercheck.BLOCKS_PER_WORKER))
    registercheck.BLOCKS_PER_WORKER = None if per == "none" else int(per)
    approvals = geo.read_approvals(folder)
    peak = [_pss_mb()]
    done = threading.Event()

    def sample():
        while not done.wait(PSS_EVERY_S):
            peak[0] = max(peak[0], _pss_mb())

    sampler = threading.Thread(target=sample, daemon=True)
    before = resource.getrusage(resource.RUSAGE_SELF)
    wall = time.perf_counter()
    sampler.start()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        tally = write_check(
            registercheck.iter_checked_register(approvals, then=block_text("json", "zh")), "json", "zh", sink
        )
    wall = time.perf_counter() - wall
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_SELF)
    print(
        f"blocks per worker {per}: {tally.zones:,} zones checked and written in {wall:.1f} s; this process "
        f"{after.ru_utime - before.ru_utime:.1f} s user, {after.ru_stime - before.ru_stime:.1f} s system; "
        f"peak PSS {max(peak[0], _pss_mb()):,.0f} MB"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
