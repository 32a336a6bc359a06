"""Time the brief runner: all briefs with one job and with two, and one brief alone; print ratios.

Run with `make benchmark`. Speed is measured here, never asserted in tests.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKBOOKS = Path(sys.executable).parent / "workbooks"


def timed(*arguments: str) -> float:
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        subprocess.run(
            [str(WORKBOOKS), "run", *arguments, "--out", out],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return time.perf_counter() - started


def main() -> None:
    briefs = sorted(ROOT.glob("params/*/*.yaml"))
    one = f"{briefs[0].parent.name}/{briefs[0].stem}"
    single = min(timed(one) for _ in range(2))
    serial = timed("--jobs", "1")
    parallel = timed("--jobs", "2")
    print(f"briefs: {len(briefs)}")
    print(f"one brief ({one}):       {single:6.1f} s")
    print(f"all briefs, --jobs 1:    {serial:6.1f} s   ({serial / single:.2f} x one brief)")
    print(f"all briefs, --jobs 2:    {parallel:6.1f} s   ({parallel / single:.2f} x one brief)")
    print(f"speed-up of --jobs 2 over --jobs 1: {serial / parallel:.2f}")


if __name__ == "__main__":
    main()
