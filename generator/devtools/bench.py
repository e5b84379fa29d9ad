"""``make bench``: build synthetic corpora of three sizes and record the cost of every stage.

    python -m generator.devtools.bench [--sizes 50,300,1741,50:each] [--seed 1] [--limit 3600] [--out BENCHMARKS.md]

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
import functools
import http.server
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from generator.core.findings import Findings
from generator.devtools.bench_report import NOTES, report
from generator.loading.load import LoadedFile
from generator.pipeline import LoadFile, Observer, Project, build_site

ROOT = Path(__file__).resolve().parents[2]


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


def pages_artifact(site: Path) -> tuple[int, int]:
    """(tar bytes, uploaded bytes) of the artifact the Pages workflow makes of ``site``.

    ``actions/upload-pages-artifact`` archives the folder with GNU tar (``--dereference
    --hard-dereference``, without ``.git`` and ``.github``) and ``actions/upload-artifact`` uploads
    that one file zipped with deflate at level 6, its default; ``actions/deploy-pages`` compares the
    uploaded artifact's size with 1 GiB (a warning: "Deployment might fail") and Pages refuses
    content over 10 GB. The zip's headers for one file are about 100 bytes and not counted."""
    tar = subprocess.Popen(
        [
            "tar",
            "--dereference",
            "--hard-dereference",
            "--directory",
            str(site),
            "-cf",
            "-",
            "--exclude=.git",
            "--exclude=.github",
            ".",
        ],
        stdout=subprocess.PIPE,
    )
    assert tar.stdout is not None
    deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
    raw = packed = 0
    while chunk := tar.stdout.read(1 << 20):
        raw += len(chunk)
        packed += len(deflate.compress(chunk))
    packed += len(deflate.flush())
    if tar.wait() != 0:
        raise RuntimeError(f"tar of {site} failed ({tar.returncode})")
    return raw, packed


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
    rec["artifact_tar"], rec["artifact_bytes"] = pages_artifact(site_dir)
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
    from generator.devtools.synth import MARKER, synthesize

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
        [sys.executable, "-m", "generator.devtools.bench", "--worker", str(project), str(out_json)]
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.devtools.bench", description=__doc__.split("\n")[0]
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


__all__ = ["Children", "first_query", "main", "run_stages"]
