"""Search index: Pagefind 1.6 (npm, extended build) over the built site, as it is.

Pagefind 1.6 segments Japanese with ICU4X at build time and in the browser alike, so the index and
the query agree: 番号法第19条第8号, 第１９条 and katakana compounds such as ガバメントクラウド are found
with no help (measured against the search copy and bigram words that worked around Pagefind 1.5's
Lindera segmentation: BENCHMARKS.md, "Search engine").  The published HTML is what is indexed.

Pagefind is an npm package (PyPI has only 1.5): package.json and package-lock.json at the
repository root pin it, and ``make venv`` installs it with ``npm ci`` into node_modules/.  We run
the platform binary that npm installed (``@pagefind/<platform>/bin/pagefind_extended``) directly,
so that its time and memory are its own.

One bundle (``pagefind/``) holds one index per language: Pagefind reads ``<html lang>`` and a search
page loads the index of its own language only.  The search pages are not indexed (their body has
no ``data-pagefind-body``, theme/main.html), nor is 404.html.

Ranking, with Pagefind's own weights: Pagefind 1.6 matches the query against meta fields too and
weighs each (``metaWeights``; the title 5 by default). An assessment page names its municipality and
its process as meta fields (generator/templates/assessment.md.j2, ``data-pagefind-meta``), weighted
as the title (``META_WEIGHTS``, given to the search page): for a process name (予防接種,
"vaccination") the assessments come before the registry pages (the file type, the process, the
systems) whose titles name it. Measured on ../shared/search-queries.yml: BENCHMARKS.md.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from generator.children import run_child

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
BUNDLE = "pagefind"  # below the site folder; both languages
# Weights of the meta fields an assessment page adds (Pagefind's own: title 5, image 1).
META_WEIGHTS = {"process": 5.0, "municipality": 5.0}


class PagefindMissing(RuntimeError):
    """Pagefind is not installed (``make venv`` runs ``npm ci``)."""


def pagefind_binary(node_modules: Path = NODE_MODULES) -> Path:
    """The Pagefind binary npm installed for this platform (one ``@pagefind/<platform>`` package)."""
    found = sorted(node_modules.glob("@pagefind/*/bin/pagefind_extended*"))
    found = [p for p in found if not p.name.endswith(".sha256")]
    if not found:
        raise PagefindMissing(
            f"Pagefind is not installed in {node_modules.name}/: run `make venv` "
            "(it runs `npm ci` from package-lock.json)"
        )
    return found[0]


def index_site(site_dir: Path) -> None:
    """Index the built site into ``site_dir/pagefind`` (one index per language)."""
    site_dir = site_dir.resolve()
    out = site_dir / BUNDLE
    if out.exists():
        shutil.rmtree(out)
    proc = run_child(
        # relative to the site folder, so no path of the machine reaches the index
        [
            str(pagefind_binary()),
            *("--site", ".", "--output-subdir", BUNDLE, "--quiet"),
            # the permalink sign of each heading ("¶") is not part of its title
            *("--exclude-selectors", ".headerlink"),
        ],
        cwd=site_dir,
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stdout + proc.stderr)
    # Pagefind writes its language table in hash-map order: sorted, builds are identical.
    entry = out / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(
        json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
        encoding="utf-8",
    )
