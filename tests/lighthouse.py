"""`make lighthouse`: Lighthouse 12 (mobile emulation) on the pages residents land on, in both languages.

Serves site/ (as `make site` built it, without a site URL) under the GitHub Pages project-site
sub-path /kohyo/ with gzip, as Pages serves it, and runs Lighthouse from build/lighthouse/
(installed there by `make lighthouse` from the pinned tests/lighthouse/package-lock.json) with
Debian's Chromium. Prints the four category scores of each page and writes the JSON reports to
build/lighthouse/reports/. Targets (issue 14): performance >= 90, accessibility, best practices
and SEO 100. Scores depend on the machine's load: the figures go to BENCHMARKS.md, never to a test.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

from tests.pagetypes import CHROMIUM, page_types
from tests.subpath import SUBPATH, _Handler

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "build" / "lighthouse"
REPORTS = TOOL / "reports"
PAGES = {
    "home": "",
    "search": "search/",
    "kagoshima-full": "assessments/kagoshima/juki-full/",
    # the largest assessment's long parts, on pages of their own (generator/rendering/document.py OWN_PAGES)
    "kagoshima-files": "assessments/kagoshima/juki-full/files/",
    "kagoshima-risks": "assessments/kagoshima/juki-full/risks/",
    "kagoshima-annexes": "assessments/kagoshima/juki-full/annexes/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
_COMPRESS = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


class _Gzip(_Handler):
    """Files compressed with gzip when the browser accepts it, as GitHub Pages does."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not accepts or path.suffix not in _COMPRESS or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)


def main(argv: list[str]) -> int:
    """``python -m tests.lighthouse [--all] [--site=DIR] [page ...]``: the pages of PAGES (or those
    named), or with ``--all`` one page of every type (tests/pagetypes.py) besides; ``--site``
    measures another build (a baseline built from an older commit)."""
    site = ROOT / "site"
    pages = dict(PAGES)
    for arg in [a for a in argv if a.startswith("--")]:
        argv.remove(arg)
        if arg.startswith("--site="):
            site = Path(arg.split("=", 1)[1]).resolve()
        elif arg == "--all":
            for kind, path in page_types(site):
                if path != "404.html" and path not in pages.values():
                    pages[kind] = path
    cli = TOOL / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not (site / "index.html").exists() or not cli.exists():
        print("run `make site` and `make lighthouse` (which installs Lighthouse) first")
        return 2
    REPORTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / SUBPATH).symlink_to(site, target_is_directory=True)
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Gzip, directory=tmp))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/{SUBPATH}/"
        failed = 0
        try:
            for name, path in pages.items():
                if argv and name not in argv:
                    continue
                for lang in ("ja", "en"):
                    if lang == "en" and not (site / "en" / path / "index.html").exists():
                        continue  # a page in Japanese only
                    url = base + ("en/" if lang == "en" else "") + path
                    out = REPORTS / f"{lang}-{name}.json"
                    subprocess.run(
                        [
                            "node",
                            str(cli),
                            url,
                            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                            "--output=json",
                            f"--output-path={out}",
                            f"--only-categories={','.join(CATEGORIES)}",
                            "--quiet",
                        ],
                        check=True,
                        env=dict(os.environ, CHROME_PATH=CHROMIUM),
                    )
                    report = json.loads(out.read_text(encoding="utf-8"))
                    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
                    audits = report["audits"]
                    lcp = audits["largest-contentful-paint"]["displayValue"]
                    dom = audits["dom-size"].get("numericValue", 0)
                    weight = audits["total-byte-weight"]["numericValue"] / 1024
                    ok = scores["performance"] >= 90 and all(
                        scores[c] == 100 for c in CATEGORIES[1:]
                    )
                    failed += not ok
                    print(
                        f"{lang} {name:22} "
                        + " ".join(f"{c} {s:3}" for c, s in scores.items())
                        + f"  LCP {lcp}, {dom:,.0f} DOM elements, {weight:,.0f} KiB"
                        + ("" if ok else "  (below target)")
                    )
        finally:
            server.shutdown()
            server.server_close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
