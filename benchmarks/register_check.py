"""What ``geo check --json`` costs on a register already written, by how often its workers are replaced.

    python benchmarks/register_check.py FOLDER [BLOCKS_PER_WORKER|none]

Reads the register in FOLDER (benchmarks/synthetic.py writes one), then runs
geo.registercheck.iter_checked_register with each block's JSON made in its
worker (geo.checkprint.block_text) and written to /dev/null, as ``geo check
--json`` does, with geo.registercheck.BLOCKS_PER_WORKER set as given (``none``:
never replaced).  Prints the check's wall time, this process's own CPU (user
and system) and the largest total PSS of this process and its workers, sampled
every second (benchmarks/zones.py's sampler).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from zones import _timed_pss  # noqa: E402

import geo  # noqa: E402
import geo.registercheck as registercheck  # noqa: E402
from geo.checkprint import block_text, write_check  # noqa: E402


def main(argv: list[str]) -> None:
    folder, per = argv[0], (argv[1] if len(argv) > 1 else str(registercheck.BLOCKS_PER_WORKER))
    registercheck.BLOCKS_PER_WORKER = None if per == "none" else int(per)
    approvals = geo.read_approvals(folder)
    out: dict = {}
    with open(os.devnull, "w", encoding="utf-8") as sink:
        then = block_text("json", "zh")
        tally = _timed_pss(
            "check",
            out,
            lambda: write_check(registercheck.iter_checked_register(approvals, then=then), "json", "zh", sink),
        )
    r = out["check"]
    print(
        f"blocks per worker {per}: {tally.zones:,} zones checked and written in {r['wall_s']:.1f} s; this process "
        f"{r['cpu_s']:.1f} s of CPU; peak PSS {r['pss_mb']:,.0f} MB"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
