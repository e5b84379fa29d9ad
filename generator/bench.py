"""``make bench``: build synthetic corpora of three sizes and record the cost of every stage.

    python -m generator.bench [--sizes 50,300,1741,50:each] [--seed 1] [--limit 3600] [--out BENCHMARKS.md]

A size is a number of municipalities, optionally with the synth mix (``nation``, the default:
forms by Japan's population distribution and the threshold rule; ``each``: one 基礎, one 重点
and one 全項目評価書 per municipality, the worst case).

For each size, ``kohyo synth`` writes a project folder under ``build/bench/n<N>/`` (reused when it
already holds the same size and seed), then a separate worker process (so that peak memory is per
size) runs the build through the pipeline (``generator.pipeline.build_site``) with an observer
that times each stage:

    load -> validate (model + consistency checks) -> link -> write (render Markdown) ->
    MkDocs build -> page plugins (after_build) -> search index (normalise copy + Pagefind)

and records per stage the wall time and the peak memory (``ru_maxrss`` of the worker for our own
stages, of the child process itself for MkDocs and Pagefind, measured with ``os.wait4``), then the
output sizes, page sizes and the bytes the first search query transfers (Chromium + Playwright,
the site's own ``pagefind/pagefind.js``).  The results go into BENCHMARKS.md with the date and the
machine; per-size JSON stays in ``build/bench/``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from importlib import metadata
from pathlib import Path
from typing import Any

from generator.findings import Findings
from generator.load import LoadedFile
from generator.pipeline import LoadFile, Observer, Project, build_site

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("load", "validate", "link", "write", "mkdocs", "plugins", "search")
OWN = ("load", "validate", "link", "write", "plugins", "search_normalise")
NOTES = "<!-- notes: kept by make bench -->"
TARGETS = {
    "total_s": 15 * 60,
    "site_bytes": 1 << 30,
    "median_page": 80 * 1024,
    "first_query": 300 * 1024,
    "own_share": 0.25,
    "preview_s": 3.0,
}


# ------------------------------------------------------------------------------ measuring
def _maxrss_self() -> int:
    """Peak resident memory of this process so far, in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _cpu_self() -> float:
    """User + system CPU seconds of this process so far (independent of other load on the machine)."""
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def _cpu_children() -> float:
    """CPU seconds of this process's finished children (the worker pools of a stage)."""
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime


class Children:
    """Runs children (MkDocs, Pagefind) and records each one's time and peak memory."""

    def __init__(self) -> None:
        self.runs: list[dict[str, Any]] = []

    def run(self, cmd: list[str], **kw: Any) -> subprocess.CompletedProcess[str]:
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            start = time.perf_counter()
            proc = subprocess.Popen(
                cmd, stdout=out, stderr=err, env=kw.get("env"), cwd=kw.get("cwd")
            )
            _pid, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            wall = time.perf_counter() - start
            out.seek(0)
            err.seek(0)
            stdout, stderr = (
                out.read().decode(errors="replace"),
                err.read().decode(errors="replace"),
            )
        self.runs.append(
            {
                "cmd": " ".join(Path(c).name if "/" in c else c for c in cmd[:4]),
                "wall_s": wall,
                "maxrss": usage.ru_maxrss * 1024,
                "cpu_s": usage.ru_utime + usage.ru_stime,
            }
        )
        return subprocess.CompletedProcess(cmd, proc.returncode, stdout, stderr)


@contextmanager
def timed(record: dict[str, Any], name: str) -> Iterator[None]:
    """Wall and CPU time of a stage: the worker's own CPU and its worker pools' (children)."""
    start, cpu, kids = time.perf_counter(), _cpu_self(), _cpu_children()
    yield
    record[name] = {
        "wall_s": time.perf_counter() - start,
        "cpu_s": _cpu_self() - cpu + _cpu_children() - kids,
        "maxrss": _maxrss_self(),
    }
    print(f"  {name}: {record[name]['wall_s']:.1f} s", file=sys.stderr, flush=True)


def _tree_size(path: Path) -> tuple[int, int, int]:
    """(apparent bytes, bytes on disk, files) below ``path``."""
    apparent = disk = files = 0
    for p in path.rglob("*"):
        if p.is_file():
            st = p.stat()
            apparent += st.st_size
            disk += st.st_blocks * 512
            files += 1
    return apparent, disk, files


# ------------------------------------------------------------------------------ the worker
class StageTimer(Observer):
    """Times each stage of the pipeline into ``stages`` (wall, CPU, peak memory), the reading of
    files inside validation apart, and runs MkDocs and Pagefind through ``children``."""

    def __init__(self, stages: dict[str, Any], children: Children, save: Callable[[], None]):
        self.stages = stages
        self.children = children
        self.save = save
        self.load = [0.0, 0.0]  # wall, CPU seconds spent reading files

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        first = len(self.children.runs)
        with timed(self.stages, name):
            yield
        self.stages[name]["children"] = self.children.runs[first:]
        self.save()

    def loader(self, load: LoadFile) -> LoadFile:
        def timed_load(path: Path, display: str, findings: Findings) -> LoadedFile | None:
            start, cpu = time.perf_counter(), _cpu_self()
            try:
                return load(path, display, findings)
            finally:
                self.load[0] += time.perf_counter() - start
                self.load[1] += _cpu_self() - cpu

        return timed_load

    def run_child(
        self, cmd: Sequence[str], cwd: Path | None = None, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return self.children.run(list(cmd), cwd=cwd, env=env)


def run_stages(project: Path, out_json: Path) -> None:
    """Build ``project`` through the pipeline, timing each stage; write the measurements to
    ``out_json`` as each stage ends."""
    rec: dict[str, Any] = {"project": project.name, "stages": {}}
    st = rec["stages"]

    def save() -> None:
        out_json.write_text(json.dumps(rec, indent=1, sort_keys=True), encoding="utf-8")

    rec["yaml_bytes"], _disk, rec["yaml_files"] = _tree_size(project / "content")
    timer = StageTimer(st, Children(), save)
    # the theme of this version (a corpus keeps the copy synth made, which may be older)
    built = replace(Project.open(project), theme_dir=ROOT / "theme")
    result = build_site(built, observer=timer)
    if not result.ok or result.site is None or result.written is None:
        raise RuntimeError(f"the build of {project.name} failed")
    site_dir = project / "site"
    # reading files is inside validation: shown apart; the checks count as validation
    validate, check = st.pop("validate"), st.pop("check")
    st["load"] = {"wall_s": timer.load[0], "cpu_s": timer.load[1], "maxrss": validate["maxrss"]}
    st["validate"] = {
        "wall_s": validate["wall_s"] - timer.load[0] + check["wall_s"],
        "cpu_s": validate["cpu_s"] - timer.load[1] + check["cpu_s"],
        "maxrss": check["maxrss"],
    }
    findings, site = result.findings, result.site
    rec["errors"], rec["warnings"] = len(findings.errors), len(findings.warnings)
    rec["assessments"] = len(site.assessments)
    rec["municipalities"] = len(site.municipalities)
    rec["md_pages"] = result.written.pages
    rec["md_bytes"] = _tree_size(project / "build" / "docs")[0]
    mkdocs = st["mkdocs"].pop("children")[-1]
    st["mkdocs"]["maxrss"], st["mkdocs"]["cpu_s"] = mkdocs["maxrss"], mkdocs["cpu_s"]
    html = sorted(p for p in site_dir.rglob("*.html") if "pagefind" not in p.parts)
    sizes = sorted(p.stat().st_size for p in html)
    rec["html_pages"] = len(html)
    rec["median_page"] = int(statistics.median(sizes))
    biggest = max(html, key=lambda p: p.stat().st_size)
    rec["largest_page"] = sizes[-1]
    rec["largest_page_path"] = biggest.relative_to(site_dir).as_posix()
    bundles = [
        p for p in [*site_dir.glob("pagefind*"), *site_dir.glob("en/pagefind*")] if p.is_dir()
    ]
    bundle_sizes = [_tree_size(p) for p in bundles]
    whole = _tree_size(site_dir)
    rec["site_before_search"] = [
        whole[0] - sum(x[0] for x in bundle_sizes),
        whole[1] - sum(x[1] for x in bundle_sizes),
    ]
    pf = st["search"].pop("children")  # its CPU: Pagefind (one run over the built site)
    st["search"]["pagefind_s"] = sum(r["wall_s"] for r in pf)
    st["search"]["maxrss"] = max([r["maxrss"] for r in pf] + [0])  # the largest Pagefind run
    st["search"]["pagefind_cpu_s"] = sum(r["cpu_s"] for r in pf)
    normalise_cpu = st["search"]["cpu_s"] - st["search"]["pagefind_cpu_s"]
    st["search_normalise"] = {
        "wall_s": st["search"]["wall_s"] - st["search"]["pagefind_s"],
        "cpu_s": normalise_cpu,
        "maxrss": _maxrss_self(),
    }
    for stage in st.values():
        stage.pop("children", None)
    rec["site_bytes"], rec["site_disk"], rec["site_files"] = whole
    rec["pagefind_bytes"], rec["pagefind_files"] = (
        sum(x[0] for x in bundle_sizes),
        sum(x[2] for x in bundle_sizes),
    )
    rec["pagefind_bundles"] = len(bundles)
    rec["own_maxrss"] = _maxrss_self()
    save()
    try:
        rec["first_query"] = first_query(site_dir)
    except Exception as exc:
        rec["first_query"] = {"error": repr(exc)}
    save()
    try:
        rec["preview"] = measure_preview(project)
    except Exception as exc:
        rec["preview"] = {"error": repr(exc)}
    save()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """A static server that compresses text files as GitHub Pages does (gzip for HTML, CSS, JS
    and JSON; Pagefind's own index files are gzip already and go as they are)."""

    TEXT = (".html", ".css", ".js", ".json", ".xml", ".svg")

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            path.suffix in self.TEXT
            and path.is_file()
            and "gzip" in self.headers.get("Accept-Encoding", "")
        ):
            import gzip

            body = gzip.compress(path.read_bytes(), mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


def first_query(site_dir: Path, query: str = "個人番号") -> dict[str, Any]:
    """Bytes transferred by the first Pagefind query in Chromium (index load + results + 5 fragments,
    as the search page shows them), from the home page (Japanese)."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page()
            page.goto(base, wait_until="load")
            got: list[tuple[str, int]] = []  # bytes as transferred (compressed where served so)

            def finished(r: Any) -> None:
                if not re.search(r"/pagefind(-\d+)?/", r.url):  # every shard of the index
                    return
                size = r.sizes()["responseBodySize"]
                if size <= 0:  # a worker's script: Chromium does not report its transfer size
                    import gzip

                    body = r.response().body()
                    size = len(gzip.compress(body)) if r.url.endswith(".js") else len(body)
                got.append((r.url, size))

            page.on("requestfinished", finished)
            start = time.perf_counter()
            result = page.evaluate(
                """async (q) => {
                  const pf = await import('./pagefind/pagefind.js');
                  await pf.init();
                  const r = await pf.search(q);
                  const data = await Promise.all(r.results.slice(0, 5).map(x => x.data()));
                  return {count: r.results.length, first: data.length ? data[0].url : null};
                }""",
                query,
            )
            elapsed = time.perf_counter() - start
            page.wait_for_timeout(1000)  # the last responses finish
            browser.close()
    finally:
        server.shutdown()
    return {
        "query": query,
        "bytes": sum(n for _u, n in got),
        "requests": len(got),
        "files": sorted(
            (re.split(r"/(?=pagefind)", u, maxsplit=1)[-1].split("?")[0], n) for u, n in got
        ),
        "seconds": elapsed,
        "results": result["count"],
        "first_result": result["first"],
    }


def measure_preview(project: Path, edits: int = 3) -> dict[str, Any]:
    """Edit-to-preview time with the whole corpus present: ``kohyo serve --only <municipality>``
    runs as editors run it; an assessment title is edited ``edits`` times and each time the clock
    runs from the save until the preview serves the page with the new title."""
    import socket
    import urllib.request

    content = project / "content" / "assessments"
    muni = sorted(p.name for p in content.iterdir() if p.is_dir())[0]
    target = sorted((content / muni).glob("*.yaml"))[0]
    page = f"assessments/{muni}/{target.stem}/"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    original = target.read_text(encoding="utf-8")
    title = re.search(r"^  title: (.+)$", original, re.M)
    if title is None:
        return {"error": f"no cover title in {target.name}"}
    start = time.perf_counter()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "--root",
            str(project),
            "serve",
            "--only",
            muni,
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def get(url: str) -> str:
        with urllib.request.urlopen(url, timeout=5) as r:
            return str(r.read().decode("utf-8"))

    def state() -> int:
        return int(json.loads(get(base + "__kohyo/state"))["version"])

    times: list[float] = []
    try:
        deadline = time.monotonic() + 900
        while True:
            try:
                state()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    return {"error": "the preview did not start"}
                time.sleep(0.2)
        ready = time.perf_counter() - start
        for i in range(edits):
            mark = f"（編集{i + 1}）"
            edited = original.replace(title.group(0), f"{title.group(0)}{mark}", 1)
            t0 = time.perf_counter()
            target.write_text(edited, encoding="utf-8")
            while time.perf_counter() - t0 < 60:
                if mark in get(base + page):
                    break
                time.sleep(0.05)
            else:
                return {"error": "the edit did not show within 60 s"}
            times.append(time.perf_counter() - t0)
            time.sleep(1.0)  # let the second pass (lists, cross-reference pages) finish
    finally:
        target.write_text(original, encoding="utf-8")
        proc.terminate()
        proc.wait(timeout=30)
    return {
        "municipality": muni,
        "page": page,
        "ready_s": ready,
        "edit_s": times,
        "median_s": statistics.median(times),
    }


# ------------------------------------------------------------------------------ the driver
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
    return {
        "cores": str(os.cpu_count()),
        "memory": mem,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()} {platform.machine()}",
        **versions,
    }


def size_key(n: int, mix: str) -> str:
    """The folder and JSON name of one size: ``n300``, or ``n50-each`` for another mix."""
    return f"n{n}" if mix == "nation" else f"n{n}-{mix}"


def parse_sizes(spec: str) -> list[tuple[int, str]]:
    out = []
    for token in spec.split(","):
        n, _, mix = token.strip().partition(":")
        out.append((int(n), mix or "nation"))
    return out


def ensure_corpus(n: int, seed: int, work: Path, mix: str = "nation") -> tuple[Path, float]:
    from generator.synth import MARKER, synthesize

    project = work / size_key(n, mix)
    marker = project / MARKER
    if (
        marker.exists()
        and marker.read_text(encoding="utf-8").strip()
        == f"municipalities={n} seed={seed} mix={mix}"
    ):
        return project, 0.0
    start = time.perf_counter()
    synthesize(ROOT, project, n, seed, mix)
    return project, time.perf_counter() - start


def measure(n: int, seed: int, work: Path, limit: float, mix: str = "nation") -> dict[str, Any]:
    project, synth_s = ensure_corpus(n, seed, work, mix)
    out_json = work / f"{size_key(n, mix)}.json"
    out_json.unlink(missing_ok=True)
    print(f"n={n}: building {project}", file=sys.stderr, flush=True)
    load_start = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator.bench", "--worker", str(project), str(out_json)]
    )
    try:
        proc.wait(timeout=limit)
        timed_out = False
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        timed_out = True
    rec: dict[str, Any] = (
        json.loads(out_json.read_text(encoding="utf-8")) if out_json.exists() else {"stages": {}}
    )
    rec.update(
        n=n,
        mix=mix,
        synth_s=synth_s,
        wall_s=time.perf_counter() - start,
        timed_out=timed_out,
        returncode=proc.returncode,
        limit_s=limit,
        loadavg=[load_start, os.getloadavg()[0]],
    )
    out_json.write_text(json.dumps(rec, indent=1, sort_keys=True), encoding="utf-8")
    return rec


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
        f"Measured {dt.date.today().isoformat()} with `make bench` (`python -m generator.bench`), synthetic corpus "
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--sizes",
        default="50,300,1741,50:each",
        help="municipality counts, comma-separated; N:each for one assessment of each form",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--limit", type=float, default=3600.0, help="seconds allowed per size")
    parser.add_argument("--work", default=str(ROOT / "build" / "bench"))
    parser.add_argument("--out", default=str(ROOT / "BENCHMARKS.md"))
    parser.add_argument("--worker", nargs=2, metavar=("PROJECT", "JSON"), help=argparse.SUPPRESS)
    parser.add_argument(
        "--report-only", action="store_true", help="rewrite the report from the saved JSON"
    )
    args = parser.parse_args(argv)
    if args.worker:
        run_stages(Path(args.worker[0]), Path(args.worker[1]))
        return 0
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    results = []
    for n, mix in parse_sizes(args.sizes):
        if args.report_only:
            results.append(
                json.loads((work / f"{size_key(n, mix)}.json").read_text(encoding="utf-8"))
            )
        else:
            results.append(measure(n, args.seed, work, args.limit, mix))
    out = Path(args.out)
    notes = ""
    if out.exists():  # hand-written analysis below the marker survives a new run
        old = out.read_text(encoding="utf-8")
        if NOTES in old:
            notes = "\n" + old[old.index(NOTES) :]
    out.write_text(report(results, args.seed) + notes, encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = ["Children", "first_query", "machine", "main", "run_stages"]
