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

What is indexed: the text a resident could search for, not the form's own words. Every assessment
prints the same field labels (1. ①事務の名称), column heads, option lists and empty-field states
(記載なし（空欄）); indexed, they put the same words into every page's entry (at 300
municipalities one in six occurrences of 個人 on the assessment pages was the form's), so a common
query loads larger index chunks, and the result fragments (each holds its page's indexed text)
carry them too, while they find nothing a title, heading or content word does not.
``EXCLUDE_SELECTORS`` leaves them out with Pagefind's own ``--exclude-selectors`` (no markup is
added to the pages): the form's fixed labels, column heads, unticked options, group labels of a
checklist, the state of an empty field, words for screen readers, the form's name (it stays a
filter and is in the title) and the English pages' fixed notices. Headings, names, processes,
systems, legal bases, contractors, ticked options and every free text stay indexed, and so do
titles and meta fields. Measured: BENCHMARKS.md, issue 20, "Index without the form's words".

Memory: Pagefind holds the whole index of a run in memory (0.9 MB per page at 300 municipalities),
so it runs once per language (``--glob``) into the same bundle, and the two entry files are merged:
the bundle is byte for byte the one a single run writes (each language's index is its own), at half
the peak memory.

Beyond one machine: ``index_site(site_dir, shards)`` indexes the assessment pages of each group of
prefectures (``prefecture_shards``) into a bundle of its own (``pagefind/`` holds the first group and
every other page, ``pagefind-2/`` … the others), as separate machines would, and the search pages
load them all with Pagefind's multisite ``mergeIndex`` (``data-merge`` on the search host).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from generator.core.children import RunChild, run_child
from generator.core.vocab import t
from generator.linking.link import Site

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
BUNDLE = "pagefind"  # below the site folder; both languages
# Weights of the meta fields an assessment page adds (Pagefind's own: title 5, image 1).
META_WEIGHTS = {"process": 5.0, "municipality": 5.0}
# What an English page shows in Japanese (``lang="ja"``: untranslated texts, names, quotations) is
# not in the English index: the Japanese index holds the same text from the twin page, segmented
# as Japanese; in the English index it was unsegmented runs that an English query never matches
# (about two fifths of the English pages' text), and a query in Japanese script on the English
# search page is offered the Japanese search (theme/assets/kohyo-search.js). The filters and
# meta fields of an assessment are outside such elements (generator/templates/assessment.md.j2).
EXCLUDE: dict[str, tuple[str, ...]] = {"ja": (), "en": ("--exclude-selectors", '[lang="ja"]')}
# What Pagefind leaves out besides ``data-pagefind-ignore`` (module docstring: the form's own
# words, the same on every assessment; generator/rendering/blocks.py and render.py write them).
EXCLUDE_SELECTORS = (
    "table.kh-kv th",  # field labels (1. ①事務の名称; 委託の有無); their values stay
    "table.kh-summary > thead",  # column heads of the form's tables (項番, 委託先, 変更日 …)
    "table.kh-changes > thead",
    "table.kh-annex > thead",
    "dl.kh-facts dt",  # 地方公共団体, 事務, 評価書の種類 …
    *(f'[data-pagefind-filter^="{t("form", lang)}:"]' for lang in ("ja", "en")),  # the form's name
    "li.kh-off",  # a checklist's unticked options (the ticked ones stay)
    "li.kh-group",  # a checklist's group labels
    ".kh-state",  # 記載なし（空欄）, 電子版に未収録, 原本から判読できず
    ".kh-sr",  # words for screen readers: （チェックあり）, （重要な変更の対象となる項目）
    ".kh-unofficial",  # the English pages' notice that the translation is unofficial
    ".kh-untranslated-note",  # "Not translated yet …" (the text is on the Japanese page)
)


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


def prefecture_shards(site: Site, count: int) -> list[list[str]]:
    """The municipalities (ids, the page folders under ``assessments/``) in ``count`` groups of
    whole prefectures, balanced by number of assessments (largest prefecture first, each to the
    group with the fewest so far); groups in prefecture-code order, ids sorted."""
    weight: dict[str, int] = {}
    members: dict[str, list[str]] = {}
    for ident, muni in site.municipalities.items():
        pref = muni.code[:2]
        members.setdefault(pref, []).append(ident)
        weight[pref] = weight.get(pref, 0) + len(site.by_municipality.get(ident, []))
    groups: list[list[str]] = [[] for _ in range(max(1, count))]
    load = [0] * len(groups)
    for pref in sorted(weight, key=lambda p: (-weight[p], p)):
        i = load.index(min(load))
        groups[i].append(pref)
        load[i] += weight[pref]
    ordered = sorted((g for g in groups if g), key=min)
    return [sorted(i for pref in g for i in members[pref]) for g in ordered]


def _bundle(shard: int) -> str:
    return BUNDLE if shard == 0 else f"{BUNDLE}-{shard + 1}"


def _alternatives(names: list[str]) -> str:
    """A glob alternation of literal names (Pagefind's glob: ``{a,b}``; brackets, braces and
    commas do not occur in our page folders, which are slugs)."""
    return names[0] if len(names) == 1 else "{" + ",".join(names) + "}"


def shard_globs(site_dir: Path, shards: list[list[str]] | None = None) -> list[dict[str, str]]:
    """Per shard, per language, the glob of the pages Pagefind indexes (relative to the site).

    English pages are under ``en/``; Japanese pages are everything else but the bundles. With
    shards, an assessment folder ``assessments/<municipality>/`` goes to its municipality's
    shard; every other page to the first."""
    site_dir = site_dir.resolve()
    owner = {m: i for i, group in enumerate(shards or []) for m in group}
    count = max(1, len(shards or []))
    out: list[dict[str, str]] = [{} for _ in range(count)]
    for lang, base in (("ja", site_dir), ("en", site_dir / "en")):
        prefix = "" if lang == "ja" else "en/"
        parts: list[list[str]] = [[] for _ in range(count)]
        if any(base.glob("*.html")):
            parts[0].append(f"{prefix}*.html")
        for child in sorted(p for p in base.iterdir() if p.is_dir()):
            if (lang == "ja" and child.name == "en") or child.name.startswith(BUNDLE):
                continue
            if child.name != "assessments" or not owner:
                parts[0].append(f"{prefix}{child.name}/**/*.html")
                continue
            split: list[list[str]] = [[] for _ in range(count)]
            if any(child.glob("*.html")):
                parts[0].append(f"{prefix}assessments/*.html")
            for folder in sorted(p.name for p in child.iterdir() if p.is_dir()):
                split[owner.get(folder, 0)].append(folder)
            for i, names in enumerate(split):
                if names:
                    parts[i].append(f"{prefix}assessments/{_alternatives(names)}/**/*.html")
        for i, globs in enumerate(parts):
            if globs:
                out[i][lang] = _alternatives(globs)
    return out


def index_site(
    site_dir: Path, shards: list[list[str]] | None = None, run: RunChild = run_child
) -> list[str]:
    """Index the built site: one Pagefind run per language (and per shard), into
    ``site_dir/pagefind`` (and ``pagefind-2`` … with shards); returns the bundles' folder names.
    ``run`` runs Pagefind."""
    site_dir = site_dir.resolve()
    for old in sorted(site_dir.glob(f"{BUNDLE}*")):
        if old.is_dir() and (old.name == BUNDLE or old.name[len(BUNDLE) + 1 :].isdigit()):
            shutil.rmtree(old)
    bundles = []
    for shard, globs in enumerate(shard_globs(site_dir, shards)):
        name = _bundle(shard)
        languages: dict[str, Any] = {}
        entry: dict[str, Any] = {}
        for lang in sorted(globs):
            proc = run(
                # relative to the site folder, so no path of the machine reaches the index
                [
                    str(pagefind_binary()),
                    *("--site", ".", "--output-subdir", name, "--quiet"),
                    *("--glob", globs[lang]),
                    *(x for sel in EXCLUDE_SELECTORS for x in ("--exclude-selectors", sel)),
                    *EXCLUDE[lang],
                ],
                cwd=site_dir,
            )
            if proc.returncode != 0:
                raise RuntimeError(proc.stdout + proc.stderr)
            entry = json.loads((site_dir / name / "pagefind-entry.json").read_text("utf-8"))
            languages.update(entry.get("languages", {}))
        # one entry for the languages of all runs (each run writes its own); sorted keys, so
        # builds are identical (Pagefind writes its language table in hash-map order)
        entry["languages"] = languages
        (site_dir / name / "pagefind-entry.json").write_text(
            json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
            encoding="utf-8",
        )
        bundles.append(name)
    if len(bundles) > 1:
        _declare_merge(site_dir, bundles[1:])
    return bundles


def _declare_merge(site_dir: Path, merged: list[str]) -> None:
    """The search pages load the other shards' bundles with ``mergeIndex`` (``data-merge``,
    read by theme/assets/kohyo-search.js)."""
    for page, up in (("search/index.html", "../"), ("en/search/index.html", "../../")):
        path = site_dir / page
        if not path.is_file():
            continue
        value = json.dumps([f"{up}{name}/" for name in merged]).replace('"', "&quot;")
        html = path.read_text(encoding="utf-8")
        html = html.replace('<div id="kh-search" ', f'<div id="kh-search" data-merge="{value}" ', 1)
        path.write_text(html, encoding="utf-8")
