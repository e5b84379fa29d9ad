"""Run every hostile case's ``kohyo validate`` in a fresh interpreter and print its wall time
and peak memory (max RSS), then the largest of each: ``python -m tests.hostile.measure``."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.hostile.cases import CASES

PROJECT = Path(__file__).resolve().parents[2]


def main() -> int:
    worst_time = (0.0, "")
    worst_rss = (0, "")
    env = dict(os.environ, PYTHONUTF8="1")
    for case in CASES:
        with tempfile.TemporaryDirectory() as t:
            root = case.make(Path(t))
            start = time.perf_counter()
            proc = subprocess.Popen(
                [sys.executable, "-m", "generator", "--root", str(root), "validate"],
                cwd=PROJECT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            _pid, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - start
        rss_mb = usage.ru_maxrss // 1024
        print(
            f"{case.name:28} exit {os.waitstatus_to_exitcode(status):3}  {seconds:6.2f} s  {rss_mb:5} MB"
        )
        worst_time = max(worst_time, (seconds, case.name))
        worst_rss = max(worst_rss, (rss_mb, case.name))
    print(f"largest validate time: {worst_time[0]:.2f} s ({worst_time[1]})")
    print(f"largest peak memory: {worst_rss[0]} MB ({worst_rss[1]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
