"""Where the bytes of a built site go: per kind of file, and the anatomy of an assessment page.

``python -m tests.sitebytes SITE [SITE ...]`` prints, for each built site folder (e.g. the
benchmark's ``build/bench/n300/site``):

- per kind of file (assessment pages per language, law pages, municipality pages, other pages,
  the per-assessment JSON, the bulk download and CSV, the schemas, the Pagefind bundle per
  language, assets): files, bytes and bytes on disk (allocated blocks, as ``du``);
- the artifact the Pages workflow uploads (tar, then deflate at level 6: what
  ``actions/deploy-pages`` compares with 1 GiB);
- for the median 基礎項目評価書 page and the median 全項目評価書 main page (Japanese and
  English): the bytes of Material's frame (everything outside ``<article>``), of which inline
  ``<svg>`` and scripts; and inside the article, the markup (tags with their attributes) and the
  text between them.

Figures for BENCHMARKS.md ("Issue 20"): one command, no timing.
"""

from __future__ import annotations

import os
import re
import statistics
import sys
from collections import defaultdict
from pathlib import Path

from generator.devtools.bench import pages_artifact

TAG = re.compile(r"<[^>]*>", re.S)
SVG = re.compile(r"<svg\b.*?</svg>", re.S)
SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">.*</article>', re.S)


def kind(rel: str) -> str:
    """The kind of a file, by its path below the site folder."""
    parts = rel.split("/")
    if parts[0].startswith("pagefind"):
        name = parts[-1]
        lang = name.split("_", 1)[0] if "_" in name else ""
        return f"search index ({lang})" if lang in ("ja", "en") else "search index (code)"
    if parts[0] == "data":
        if parts[1:2] == ["assessments"] and len(parts) > 2:
            return "JSON per assessment"
        if parts[1:2] == ["schema"]:
            return "JSON schemas"
        if rel.endswith(".html"):
            return "other pages"
        return "bulk JSON and CSV"
    lang = "en" if parts[0] == "en" else "ja"
    top = parts[1] if lang == "en" and len(parts) > 1 else parts[0]
    if rel.endswith(".html"):
        if top == "assessments" and len(parts) > (4 if lang == "en" else 3):
            return f"assessment pages ({lang})"
        if top == "laws":
            return "law pages"
        if top == "municipalities":
            return "municipality pages"
        return "other pages"
    return "assets and other files"


def breakdown(site: Path) -> dict[str, tuple[int, int, int]]:
    """Kind -> (files, bytes, bytes on disk)."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for dirpath, _dirs, files in os.walk(site):
        for name in files:
            path = Path(dirpath) / name
            st = path.stat()
            row = out[kind(path.relative_to(site).as_posix())]
            row[0] += 1
            row[1] += st.st_size
            row[2] += st.st_blocks * 512
    return {k: (v[0], v[1], v[2]) for k, v in sorted(out.items())}


def anatomy(html: str) -> dict[str, int]:
    """Bytes of the frame (outside the article: header, navigation, table of contents, footer,
    page configuration), of its inline SVG and scripts, and of the article's markup and text."""
    m = ARTICLE.search(html)
    article = m.group(0) if m else ""
    frame = html.replace(article, "", 1)
    size = lambda s: len(s.encode("utf-8"))  # noqa: E731
    markup = sum(size(t) for t in TAG.findall(article))
    return {
        "page": size(html),
        "frame": size(frame),
        "frame svg": sum(size(s) for s in SVG.findall(frame)),
        "frame scripts": sum(size(s) for s in SCRIPT.findall(frame)),
        "content markup": markup,
        "content text": size(article) - markup,
    }


def median_page(site: Path, slug_end: str, lang: str) -> Path | None:
    """The assessment main page of the median size among those whose folder ends so."""
    base = site / "en" / "assessments" if lang == "en" else site / "assessments"
    pages = sorted(base.glob(f"*/*{slug_end}/index.html"), key=lambda p: (p.stat().st_size, p))
    return pages[len(pages) // 2] if pages else None


def report(site: Path) -> str:
    rows = breakdown(site)
    lines = [f"## {site}", "", "| kind | files | MB | MB on disk |", "|---|---|---|---|"]
    total = [0, 0, 0]
    for k, (n, b, d) in rows.items():
        lines.append(f"| {k} | {n:,} | {b / 1e6:,.1f} | {d / 1e6:,.1f} |")
        total = [total[0] + n, total[1] + b, total[2] + d]
    lines.append(f"| total | {total[0]:,} | {total[1] / 1e6:,.1f} | {total[2] / 1e6:,.1f} |")
    lines += ["", "| page | " + " | ".join(anatomy("")) + " |", "|---" * 7 + "|"]
    for slug_end, lang in (("-basic", "ja"), ("-basic", "en"), ("-full", "ja"), ("-full", "en")):
        page = median_page(site, slug_end, lang)
        if page is None:
            continue
        a = anatomy(page.read_text(encoding="utf-8"))
        name = page.relative_to(site).parent.as_posix()
        lines.append(f"| {name} | " + " | ".join(f"{v:,}" for v in a.values()) + " |")
    sizes = [p.stat().st_size for p in site.rglob("*.html") if "pagefind" not in p.parts[-3:]]
    lines += ["", f"median HTML page: {statistics.median(sizes) / 1e3:.1f} KB"]
    tar, uploaded = pages_artifact(site)
    lines += [
        f"Pages artifact: tar {tar / 1e6:,.1f} MB, as uploaded (deflate 6) {uploaded / 1e6:,.1f} MB",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(report(Path(arg)))
