"""Rebuild after a one-file change, measured: clean build vs cached rebuild (generator/output/cache.py).

    python -m generator.devtools.rebuild [--sizes 50,300] [--seed 1] [--no-verify] [--out BENCHMARKS.md]

For each size the synthetic corpus of ``make bench`` (``build/bench/n<N>/``, made by ``kohyo synth``
when missing) is built three times, each build in a fresh process, as ``kohyo build`` runs:

1. a clean build with an empty cache (the cache is filled on the way);
2. one assessment is edited (a sentence appended to a free text), then a rebuild with the cache;
3. a clean build of the changed corpus without the cache (``--no-verify`` skips it), and the sites
   of 2 and 3 are compared file by file, byte for byte.

The edit is undone at the end. Each build's wall time is recorded per stage of the pipeline
(validate with the load of the YAML, link, check, write = the Markdown, MkDocs, page plugins,
search index). The results are printed and, with ``--out``, added to BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
STAGES = ("validate", "link", "check", "write", "mkdocs", "plugins", "search")
EDIT = "（令和8年12月に見直した。）"


# ------------------------------------------------------------------------------ one build
def worker(project_root: Path, site: Path, cache: Path | None, out_json: Path) -> None:
    """One ``kohyo build`` of the project into ``site``, its stages timed (run in its own process)."""
    from generator.pipeline import Observer, build_site
    from generator.validation.project import Project

    stages: dict[str, float] = {}

    class Timer(Observer):
        @contextmanager
        def stage(self, name: str) -> Iterator[None]:
            start = time.perf_counter()
            try:
                yield
            finally:
                stages[name] = stages.get(name, 0.0) + time.perf_counter() - start

    start = time.perf_counter()
    result = build_site(Project.open(project_root), site, observer=Timer(), cache=cache)
    total = time.perf_counter() - start
    if not result.ok:
        raise SystemExit(f"build failed: {len(result.findings.errors)} errors")
    record: dict[str, Any] = {"total_s": total, "stages": stages}
    if result.cache is not None:
        record["pages_reused"] = result.cache.pages_reused
        record["pages_rendered"] = result.cache.pages_rendered
        record["markdown_reused"] = result.cache.markdown_reused
    out_json.write_text(json.dumps(record, indent=1), encoding="utf-8")


def _build(project: Path, site: Path, cache: Path | None, label: str) -> dict[str, Any]:
    out_json = project.parent / f"rebuild-{project.name}-{label}.json"
    cmd = [
        sys.executable,
        "-m",
        "generator.devtools.rebuild",
        "--worker",
        str(project),
        str(site),
        str(out_json),
    ]
    if cache is not None:
        cmd += ["--cache", str(cache)]
    print(f"  {label}: {' '.join(Path(x).name for x in cmd[1:4])} …", file=sys.stderr, flush=True)
    subprocess.run(cmd, check=True, cwd=ROOT)
    record: dict[str, Any] = json.loads(out_json.read_text(encoding="utf-8"))
    print(f"  {label}: {record['total_s']:.1f} s", file=sys.stderr, flush=True)
    return record


# ------------------------------------------------------------------------------ one size
def edit_one(project: Path) -> tuple[Path, str]:
    """Append a sentence to the first plain free text of the first assessment that has one;
    returns the file and its text before the edit."""
    line = re.compile(r"^(  (?:declaration|special_notes): [^\s'\"|>].*)$", re.M)
    for path in sorted((project / "content/assessments").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if line.search(text):
            path.write_text(line.sub(r"\1" + EDIT, text, count=1), encoding="utf-8")
            return path, text
    raise SystemExit("no plain free text in the corpus")


def differing(a: Path, b: Path) -> list[str]:
    """Files present in only one of two trees, or with different bytes."""

    def tree(p: Path) -> dict[str, Path]:
        return {f.relative_to(p).as_posix(): f for f in p.rglob("*") if f.is_file()}

    ta, tb = tree(a), tree(b)
    out = sorted(set(ta) ^ set(tb))
    out += [k for k in sorted(set(ta) & set(tb)) if ta[k].read_bytes() != tb[k].read_bytes()]
    return out


def measure(n: int, seed: int, work: Path, verify: bool) -> dict[str, Any]:
    from generator.devtools.bench import ensure_corpus

    project, _synth_s = ensure_corpus(n, seed, work)
    cache = work / f"cache-n{n}"
    shutil.rmtree(cache, ignore_errors=True)
    sites = {k: work / f"site-n{n}-{k}" for k in ("clean", "cached", "verify")}
    for s in sites.values():
        shutil.rmtree(s, ignore_errors=True)
    print(f"n={n}: {project}", file=sys.stderr, flush=True)
    rec: dict[str, Any] = {"municipalities": n, "load_start": os.getloadavg()[0]}
    rec["clean"] = _build(project, sites["clean"], cache, "clean")
    path, before = edit_one(project)
    try:
        rec["edited"] = path.relative_to(project).as_posix()
        rec["cached"] = _build(project, sites["cached"], cache, "cached")
        if verify:
            rec["verify"] = _build(project, sites["verify"], None, "verify")
            rec["differing"] = differing(sites["cached"], sites["verify"])
    finally:
        path.write_text(before, encoding="utf-8")
    rec["cache_bytes"] = sum(f.stat().st_size for f in cache.rglob("*") if f.is_file())
    rec["site_files"] = sum(1 for f in sites["cached"].rglob("*") if f.is_file())
    rec["load_end"] = os.getloadavg()[0]
    for s in sites.values():
        shutil.rmtree(s, ignore_errors=True)
    return rec


# ------------------------------------------------------------------------------ report
def _s(x: float) -> str:
    return f"{x:,.1f} s"


def _stage(stage: str, r: dict[str, Any]) -> str:
    clean, cached = r["clean"]["stages"].get(stage, 0.0), r["cached"]["stages"].get(stage, 0.0)
    return f"{clean:.1f} / {cached:.1f} s"


def _part(cached_stages: bool, r: dict[str, Any]) -> str:
    """Sum of stages in the clean build of the changed corpus (else the first) and the rebuild."""

    def part(build: dict[str, Any]) -> float:
        stages: dict[str, float] = build["stages"]
        return sum(v for k, v in stages.items() if (k in ("write", "mkdocs")) == cached_stages)

    base = r.get("verify", r["clean"])
    return f"{part(base):.1f} / {part(r['cached']):.1f} s"


def _identical(r: dict[str, Any]) -> str:
    if "differing" not in r:
        return "not checked"
    same = "yes" if not r["differing"] else f"**no**: {len(r['differing'])} files differ"
    return f"{same} ({r['site_files']:,} files)"


def report(records: list[dict[str, Any]], command: str) -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    head = [
        f"## Rebuild after a one-file change (measured {dt.date.today().isoformat()})",
        "",
        f"Machine: {os.cpu_count()} cores, {mem:.1f} GiB memory, {platform.system()} {platform.release()} "
        f"{platform.machine()}, Python {platform.python_version()}; shared with other builds (load average "
        "at start / end in the table). Command: `" + command + "`. Each build is a fresh process "
        "(`generator.pipeline.build_site`, as `kohyo build` runs it); the rebuild follows the edit of one "
        "assessment (a sentence appended to one free text).",
        "",
    ]
    cols = [f"{r['municipalities']:,} munis" for r in records]
    rows: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
        ("clean build (filling the cache)", lambda r: _s(r["clean"]["total_s"])),
        ("cached rebuild after the edit", lambda r: _s(r["cached"]["total_s"])),
        (
            "clean build of the changed corpus (no cache)",
            lambda r: _s(r["verify"]["total_s"]) if "verify" in r else "not run",
        ),
    ]
    for stage in STAGES:
        rows.append((f"… {stage}: clean / cached", functools.partial(_stage, stage)))
    rows += [
        (
            "write + MkDocs (what the cache replaces): no cache / cached",
            functools.partial(_part, True),
        ),
        ("the other stages: no cache / cached", functools.partial(_part, False)),
    ]
    rows += [
        (
            "pages rendered by MkDocs / reused, rebuild",
            lambda r: (
                f"{r['cached'].get('pages_rendered', 0):,} / {r['cached'].get('pages_reused', 0):,}"
            ),
        ),
        (
            "assessment pages' Markdown reused, rebuild",
            lambda r: f"{r['cached'].get('markdown_reused', 0):,}",
        ),
        ("rebuild = clean build, byte for byte", _identical),
        ("cache size", lambda r: f"{r['cache_bytes'] / 2**20:,.0f} MB"),
        ("load average at start / end", lambda r: f"{r['load_start']:.1f} / {r['load_end']:.1f}"),
    ]
    table = ["| Figure | " + " | ".join(cols) + " |", "|---|" + "---|" * len(cols)]
    table += [f"| {name} | " + " | ".join(fn(r) for r in records) + " |" for name, fn in rows]
    return "\n".join(head + table) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m generator.devtools.rebuild")
    p.add_argument("--sizes", default="50,300")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--no-verify", action="store_true")
    p.add_argument("--out", default=None, help="append the table to this Markdown file")
    p.add_argument("--worker", nargs=3, metavar=("PROJECT", "SITE", "JSON"))
    p.add_argument("--cache", default=None)
    args = p.parse_args(argv)
    if args.worker:
        project, site, out_json = map(Path, args.worker)
        worker(project, site, Path(args.cache) if args.cache else None, out_json)
        return 0
    work = ROOT / "build" / "bench"
    work.mkdir(parents=True, exist_ok=True)
    records = []
    for token in args.sizes.split(","):
        records.append(measure(int(token), args.seed, work, not args.no_verify))
        (work / "rebuild.json").write_text(json.dumps(records, indent=1), encoding="utf-8")
    command = (
        "python -m generator.devtools.rebuild --sizes "
        + args.sizes
        + (" --no-verify" if args.no_verify else "")
    )
    text = report(records, command)
    print(text)
    if args.out:
        with open(args.out, "a", encoding="utf-8") as f:
            f.write("\n" + text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
