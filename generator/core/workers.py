"""Work done page by page, on every core: rendering, the glossary marks."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Job = TypeVar("Job")

# Below this many pages, starting worker processes costs more than it saves.
PARALLEL_FROM = 200


def each_page(work: Callable[[Job], None], jobs: list[Job], chunksize: int = 32) -> None:
    """Run ``work`` on every job; on every core (up to four) when there are many. Each job
    writes its own file, so the output does not depend on the order."""
    workers = min(os.cpu_count() or 1, 4)
    if workers > 1 and len(jobs) >= PARALLEL_FROM:
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(work, jobs, chunksize=chunksize))
    else:
        for job in jobs:
            work(job)
