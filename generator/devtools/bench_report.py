"""The tables of ``make bench``: per-size stage figures and the targets, as BENCHMARKS.md shows them.

``generator.devtools.bench`` measures (one worker process per corpus size) and hands the records here;
this module only formats them, so the figures can be re-rendered from the JSON a run left.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import statistics
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

STAGES = ("load", "validate", "link", "write", "mkdocs", "plugins", "search")
OWN = ("load", "validate", "link", "write", "plugins", "search_normalise")
ROOT = Path(__file__).resolve().parents[2]
NOTES = "<!-- notes: kept by make bench -->"
TARGETS = {
    "total_s": 15 * 60,
    "site_bytes": 1 << 30,
    "median_page": 80 * 1024,
    "first_query": 300 * 1024,
    "own_share": 0.25,
    "preview_s": 3.0,
}


def machine() -> dict[str, str]:
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    versions = {}
    for pkg in (
        "mkdocs",
        "mkdocs-material",
        "mkdocs-static-i18n",
        "pagefind",
        "pydantic",
        "PyYAML",
        "playwright",
    ):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = "-"
    npm = ROOT / "node_modules" / "pagefind" / "package.json"
    if npm.is_file():  # Pagefind 1.6 comes from npm (package-lock.json), not from PyPI
        versions["pagefind"] = str(json.loads(npm.read_text(encoding="utf-8"))["version"])
    return {
        "cores": str(os.cpu_count()),
        "memory": mem,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()} {platform.machine()}",
        **versions,
    }


def _mb(n: float) -> str:
    return f"{n / 1e6:,.1f} MB"


def _kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def _s(rec: dict[str, Any], stage: str) -> float:
    return float(rec["stages"][stage]["wall_s"])


def _label(rec: dict[str, Any]) -> str:
    mix = rec.get("mix", "each")  # runs before the mix was recorded had one of each form
    return f"{rec['n']:,}" if mix == "nation" else f"{rec['n']:,} ({mix})"


def own_total(rec: dict[str, Any], key: str = "wall_s") -> tuple[float, float]:
    st = rec["stages"]
    own = sum(st[s][key] for s in OWN if s in st)
    total = sum(st[s][key] for s in STAGES if s in st)
    return own, total


def report(results: list[dict[str, Any]], seed: int) -> str:
    m = machine()
    lines = [
        "# Benchmarks",
        "",
        f"Measured {dt.date.today().isoformat()} with `make bench` (`python -m generator.devtools.bench`), synthetic corpus "
        f"`kohyo synth --seed {seed}`: each municipality has one assessment per process (住民基本台帳, 予防接種, "
        "新型コロナウイルス感染症対策), made from the real seeds (texts rewritten from the real sentences at "
        "70–130 % of their length, lists at 70–130 % of their entries, Japanese only). Mix `nation` (default): "
        "populations in the proportions of Japan's 1,741 municipalities (2020 census bands) and the form the "
        "threshold rule requires for each 対象人数 (8 % one rank higher), so most are 基礎項目評価書; mix `each` "
        "(columns marked so): one 基礎, one 重点 and one 全項目評価書 per municipality, the worst case.",
        "",
        f"Machine: {m['cores']} cores, {m['memory']} memory, {m['system']}, Python {m['python']}; "
        f"mkdocs {m['mkdocs']}, mkdocs-material {m['mkdocs-material']}, mkdocs-static-i18n "
        f"{m['mkdocs-static-i18n']}, pagefind {m['pagefind']}, pydantic {m['pydantic']}, PyYAML {m['PyYAML']}.",
        "",
        "## Per stage",
        "",
        "Wall time in seconds; peak memory (RSS) in MB. Our stages run in one worker process, so their peak is "
        "the worker's peak so far; MkDocs and Pagefind are child processes measured on their own (`os.wait4`).",
        "",
    ]
    head = (
        "| Stage | "
        + " | ".join(
            f"{_label(r)} munis ({r.get('assessments', '?')} assessments)" for r in results
        )
        + " |"
    )
    lines += [head, "|---" * (len(results) + 1) + "|"]
    names = {
        "load": "load (YAML)",
        "validate": "validate (model + checks)",
        "link": "link",
        "write": "render + write Markdown",
        "mkdocs": "MkDocs build",
        "plugins": "page plugins (after_build)",
        "search": "search index (total)",
        "search_normalise": "… normalise copy (ours)",
    }
    for stage in (*STAGES, "search_normalise"):
        cells = []
        for r in results:
            v = r["stages"].get(stage)
            if v is None:
                cells.append("not reached" if r.get("timed_out") else "–")
            else:
                extra = (
                    f" (Pagefind {v['pagefind_s']:.1f} s)"
                    if stage == "search" and "pagefind_s" in v
                    else ""
                )
                cpu = f" / {v['cpu_s']:.1f} s CPU" if "cpu_s" in v else ""
                cells.append(f"{v['wall_s']:.1f} s{cpu}{extra}, {v['maxrss'] / 1e6:,.0f} MB")
        lines.append(f"| {names[stage]} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "## Per size",
        "",
        "| Figure | " + " | ".join(_label(r) for r in results) + " |",
        "|---" * (len(results) + 1) + "|",
    ]

    def row(label: str, fn: Callable[[dict[str, Any]], str]) -> None:
        cells = []
        for r in results:
            try:
                cells.append(fn(r))
            except (KeyError, TypeError, ZeroDivisionError):
                cells.append("–")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    row("assessments / municipalities", lambda r: f"{r['assessments']:,} / {r['municipalities']:,}")
    row("validation findings", lambda r: f"{r['errors']} errors, {r['warnings']} warnings")
    row("content YAML", lambda r: f"{_mb(r['yaml_bytes'])} in {r['yaml_files']:,} files")
    row("Markdown written", lambda r: f"{_mb(r['md_bytes'])} in {r['md_pages']:,} pages")
    row("HTML pages", lambda r: f"{r['html_pages']:,}")
    row("median HTML page", lambda r: _kb(r["median_page"]))
    row("largest HTML page", lambda r: f"{_kb(r['largest_page'])} ({r['largest_page_path']})")
    row("site before search", lambda r: _mb(r["site_before_search"][0]))
    row(
        "site total (apparent / on disk)",
        lambda r: f"{_mb(r['site_bytes'])} / {_mb(r['site_disk'])}",
    )
    row(
        "Pages artifact: tar / uploaded (deflate 6)",
        lambda r: f"{_mb(r['artifact_tar'])} / {_mb(r['artifact_bytes'])}",
    )
    row("Pagefind index", lambda r: f"{_mb(r['pagefind_bytes'])} in {r['pagefind_files']:,} files")
    row("MkDocs pages per second", lambda r: f"{r['html_pages'] / _s(r, 'mkdocs'):,.0f}")
    row("end-to-end pages per second", lambda r: f"{r['html_pages'] / own_total(r)[1]:,.0f}")
    row(
        "end to end (sum of stages)",
        lambda r: f"{own_total(r)[1]:,.1f} s ({own_total(r)[1] / 60:.1f} min)",
    )
    row("our stages / MkDocs build", lambda r: f"{own_total(r)[0] / _s(r, 'mkdocs'):.2f}")
    row(
        "end to end, CPU seconds (sum of stages)",
        lambda r: f"{own_total(r, 'cpu_s')[1]:,.1f} s ({own_total(r, 'cpu_s')[1] / 60:.1f} min)",
    )
    row(
        "our stages / end to end, CPU",
        lambda r: f"{own_total(r, 'cpu_s')[0] / own_total(r, 'cpu_s')[1] * 100:.0f} %",
    )
    row("our stages / end to end", lambda r: f"{own_total(r)[0] / own_total(r)[1] * 100:.0f} %")
    row(
        "first search query (「個人番号」)",
        lambda r: (
            f"{_kb(r['first_query']['bytes'])} in {r['first_query']['requests']} requests, "
            f"{r['first_query']['seconds']:.2f} s, {r['first_query']['results']:,} results"
        ),
    )
    row(
        "edit to preview (`kohyo serve --only`, median of 3)",
        lambda r: (
            f"{r['preview']['median_s']:.2f} s ("
            + ", ".join(f"{x:.2f}" for x in r["preview"]["edit_s"])
            + f"; preview ready after {r['preview']['ready_s']:.0f} s)"
        ),
    )
    row(
        "load average (1 min) at start / end",
        lambda r: f"{r['loadavg'][0]:.1f} / {r['loadavg'][1]:.1f}",
    )
    row(
        "synth (not a build stage)", lambda r: f"{r['synth_s']:.1f} s" if r["synth_s"] else "reused"
    )
    row(
        "worker wall time / limit",
        lambda r: (
            f"{r['wall_s']:,.0f} s / {r['limit_s']:,.0f} s"
            + (" **timed out**" if r["timed_out"] else "")
        ),
    )
    lines += ["", "## Growth", ""]
    done = [
        r
        for r in results
        if not r.get("timed_out") and "search" in r["stages"] and r.get("mix") == "nation"
    ]
    lines.append(
        "| Assessments (mix nation) | End to end (s) | Our stages (s) | MkDocs (s) | Search (s) | "
        "Site (MB) | s per assessment |"
    )
    lines.append("|---|---|---|---|---|---|---|")
    for r in done:
        own, total = own_total(r)
        lines.append(
            f"| {r['assessments']:,} | {total:,.1f} | {own:,.1f} | {_s(r, 'mkdocs'):,.1f} | "
            f"{_s(r, 'search'):,.1f} | {r['site_bytes'] / 1e6:,.1f} | {total / r['assessments']:.3f} |"
        )
    if len(done) >= 2:
        xs = [float(r["assessments"]) for r in done]
        ys = [own_total(r)[1] for r in done]
        slope, intercept = _fit(xs, ys)
        zs = [r["site_bytes"] / 1e6 for r in done]
        sslope, sintercept = _fit(xs, zs)
        lines += [
            "",
            f"Least-squares fit: end to end ≈ {intercept:.1f} s + {slope:.3f} s × assessments; "
            f"site ≈ {sintercept:.1f} MB + {sslope:.3f} MB × assessments. At 5,223 assessments "
            f"(1,741 × 3) that predicts {intercept + slope * 5223:,.0f} s and "
            f"{sintercept + sslope * 5223:,.0f} MB.",
        ]
    lines += ["", "## Targets (nation scale: 1,741 municipalities)", ""]
    nation = next((r for r in results if r["n"] == 1741 and r.get("mix") == "nation"), None)
    if nation is not None:
        lines += target_lines(nation, results)
    return "\n".join(lines) + "\n"


def _fit(xs: list[float], ys: list[float]) -> tuple[float, float]:
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    return slope, my - slope * mx


def target_lines(r: dict[str, Any], results: list[dict[str, Any]]) -> list[str]:
    out = ["| Target | Limit | Measured | Met |", "|---|---|---|---|"]
    own, total = own_total(r)
    complete = "search" in r["stages"]

    def add(name: str, limit: str, value: str, ok: bool | None) -> None:
        out.append(
            f"| {name} | {limit} | {value} | {'yes' if ok else ('no' if ok is not None else 'not measured')} |"
        )

    add(
        "end-to-end build",
        "15 min",
        f"{total / 60:.1f} min" + ("" if complete else " (incomplete)"),
        total <= TARGETS["total_s"]
        if complete
        else (False if total > TARGETS["total_s"] else None),
    )
    add(
        "site on disk",
        "1 GB",
        _mb(r["site_disk"]) if "site_disk" in r else "–",
        r["site_disk"] <= TARGETS["site_bytes"] if "site_disk" in r else None,
    )
    add(
        "Pages artifact as uploaded (what `deploy-pages` checks)",
        "1 GiB",
        _mb(r["artifact_bytes"]) if "artifact_bytes" in r else "not measured",
        r["artifact_bytes"] <= TARGETS["site_bytes"] if "artifact_bytes" in r else None,
    )
    add(
        "median HTML page",
        "80 KB",
        _kb(r["median_page"]) if "median_page" in r else "–",
        r["median_page"] <= TARGETS["median_page"] if "median_page" in r else None,
    )
    fq = r.get("first_query", {})
    add(
        "first search query",
        "300 KB",
        _kb(fq["bytes"]) if "bytes" in fq else "–",
        fq["bytes"] <= TARGETS["first_query"] if "bytes" in fq else None,
    )
    add(
        "our stages share",
        "25 %",
        f"{own / total * 100:.0f} %" if total else "–",
        own / total <= TARGETS["own_share"] if complete and total else None,
    )
    pv = r.get("preview", {})
    add(
        "edit to preview (`kohyo serve --only`)",
        "3 s",
        f"{pv['median_s']:.2f} s (median of {len(pv['edit_s'])})" if "median_s" in pv else "–",
        pv["median_s"] <= TARGETS["preview_s"] if "median_s" in pv else None,
    )
    smaller = [
        x
        for x in results
        if x.get("mix") == "nation" and x["n"] < r["n"] and "search" in x["stages"]
    ]
    if smaller and complete:
        # linear: the cost per assessment stays the same from the next smaller size on (the
        # smallest sizes carry the fixed cost of every build, so they cost more per assessment)
        prev = max(smaller, key=lambda x: x["n"])
        per, per_prev = total / r["assessments"], own_total(prev)[1] / prev["assessments"]
        marginal = (total - own_total(prev)[1]) / (r["assessments"] - prev["assessments"])
        add(
            "linear growth",
            f"cost per assessment within ± 15 % of {prev['n']:,} municipalities'",
            f"{per:.3f} s vs {per_prev:.3f} s ({per / per_prev - 1:+.0%}); marginal "
            f"{marginal:.3f} s per added assessment",
            abs(per / per_prev - 1) <= 0.15,
        )
    return out
