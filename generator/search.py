"""Search index: Pagefind (extended build, Japanese segmentation) over the built site.

Pagefind segments the index with Lindera at build time but queries in the browser with
``Intl.Segmenter``. The two disagree: on digits next to kanji (``第19条`` found pages with ``1985``
and missed pages citing 第19条; stack.md section 3.4, Pagefind issue #1237) and on compounds
(measured here: ガバメントクラウド was one word in one assessment and two in another, so the query
found one of the two pages). The index is therefore built from a normalised copy of the site's HTML,
with a segmentation that does not depend on either segmenter. In the text between tags (never in
attributes or scripts):

1. NFKC (full-width digits and letters become ASCII);
2. every kanji or kana and every run of ASCII digits is a unit, and a THIN SPACE goes between
   adjacent units, so each unit is one index word (both segmenters keep single characters whole);
3. after each run of adjacent units, one ASCII-letter word per pair of adjacent units (a bigram
   word, ``qj`` + the two units encoded in letters), so that a query matches only where its
   characters stand next to each other: 第19条 is found in 番号法第19条, not in 第190条 or 1985.

The search page (theme/assets/kohyo-search.js) turns a query into the same unit words and bigram
words, and removes the bigram words and separators from the excerpts it shows. The published pages
stay unchanged.

One index per language: Pagefind reads ``<html lang>`` (ja or en) of every page.
"""

from __future__ import annotations

import functools
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

# Kanji, kana, the prolonged sound mark and the iteration marks (々〆〇); not the middle dot ・.
# The same class as in theme/assets/kohyo-search.js.
CJK = "\u3005-\u3007\u3040-\u309f\u30a1-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
# U+2009 THIN SPACE splits the index words (measured: 1,609/1,609 pages found); U+200B does not.
SEPARATOR = "\u2009"
_UNIT = re.compile(rf"[0-9]+|[{CJK}]")
BIGRAM_PREFIX = "qj"
# The page title (h1) outweighs the section headings (Pagefind's defaults: h1 7, h2 6, h3 5, text 1).
TITLE_WEIGHT = 10

# Markup that is not text: comments, raw-text elements, tags (attribute values may contain ">").
_MARKUP = re.compile(
    r"<!--.*?-->"
    r"|<(script|style|textarea|title)\b.*?</\1\s*>"
    r"|<[!?/]?[A-Za-z](?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.S | re.I,
)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")
# data-pagefind-filter="事務" / data-pagefind-meta="title" capture the element's text, which the
# search UI shows (filter values, result titles). In the indexed copy such an attribute becomes
# "事務[data-kh-value]" with the text as written in data-kh-value, and the text itself is normalised
# like all other text, so the UI shows the value as written while the index sees the normalised text.
_CAPTURE = re.compile(r"""(\sdata-pagefind-(?:filter|meta)\s*=\s*)(["'])([\w\- ,]+)\2""", re.I)
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}

# Built pages that are not searched: the 404 page and the search pages (generator/pages/search.py).
SKIP = ("404.html",)


_LETTERS = str.maketrans("0123456789abcdef", "abcdefghijklmnop")


@functools.lru_cache(maxsize=65536)
def _code(unit: str) -> str:
    """A unit in lower-case letters: digits as z<a-j...>z, a character as 5 letters a-p (hex)."""
    if unit.isdigit():
        return "z" + unit.translate(_LETTERS) + "z"
    return f"{ord(unit):05x}".translate(_LETTERS)


def bigram(a: str, b: str) -> str:
    """The index word for unit ``a`` followed by unit ``b``."""
    return BIGRAM_PREFIX + _code(a) + _code(b)


def _index_form(text: str, before: str = "") -> tuple[str, str]:
    """``text`` (NFKC already) in index form; ``before`` is the unit that ends the preceding text
    (across inline tags, as in ``番号法<a>第19条</a>``). Returns the text and its last unit."""
    out: list[str] = []
    grams: list[str] = []
    pos = 0
    prev = before
    for m in _UNIT.finditer(text):
        unit = m.group(0)
        adjacent = m.start() == pos and bool(prev) and not (prev.isdigit() and unit.isdigit())
        if not adjacent and grams:
            out.append(" " + " ".join(grams) + " ")
            grams = []
        out.append(text[pos : m.start()])
        if adjacent:
            out.append(SEPARATOR)
            grams.append(bigram(prev, unit))
        out.append(unit)
        pos = m.end()
        prev = unit
    if grams:
        out.append(" " + " ".join(grams))
    out.append(text[pos:])
    last = prev if pos == len(text) and prev else ""
    return "".join(out), last


def normalise_text(text: str) -> str:
    """The index form of a text (see the module docstring)."""
    return _index_form(unicodedata.normalize("NFKC", text))[0]


def _text(text: str, before: str) -> tuple[str, str]:
    norm, last = _index_form(unicodedata.normalize("NFKC", html.unescape(text)), before)
    return html.escape(norm, quote=False), last


def _captured(start_tag: str, value: str) -> str:
    """The start tag with its captured keys read from ``data-kh-value`` (the text as written)."""

    def keys(m: re.Match[str]) -> str:
        spec = ", ".join(f"{k.strip()}[data-kh-value]" for k in m.group(3).split(",") if k.strip())
        return f"{m.group(1)}{m.group(2)}{spec}{m.group(2)}"

    tag = _CAPTURE.sub(keys, start_tag, count=1)
    value_attr = f' data-kh-value="{html.escape(" ".join(value.split()), quote=True)}"'
    return tag[:-2] + value_attr + "/>" if tag.endswith("/>") else tag[:-1] + value_attr + ">"


def normalise_html(source: str) -> str:
    """``source`` with every text node normalised (entities decoded first, then re-escaped);
    markup and attribute values stay as they are."""
    out: list[str] = []
    capture: list[
        tuple[str, int, int, list[str]]
    ] = []  # open capturing elements: name, depth, slot, text
    pos = 0
    last = ""  # the unit that ends the text so far, if it ends with one
    for m in _MARKUP.finditer(source):
        text = source[pos : m.start()]
        if text:
            norm, last = _text(text, last)
            out.append(norm)
            for c in capture:
                c[3].append(html.unescape(text))
        markup = m.group(0)
        pos = m.end()
        tag = _TAG.match(markup)
        if tag is None or markup.startswith("<!"):
            out.append(markup)
            continue
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        for i, (cname, depth, slot, words) in enumerate(capture):
            if cname == name and not markup.endswith("/>"):
                capture[i] = (cname, depth + (-1 if closing else 1), slot, words)
        for _name, _depth, slot, words in [c for c in capture if c[1] == 0]:
            out[slot] = _captured(out[slot], "".join(words))
        capture = [c for c in capture if c[1] > 0]
        if not closing and name == "h1" and "data-pagefind-weight" not in markup:
            markup = markup[:3] + f' data-pagefind-weight="{TITLE_WEIGHT}"' + markup[3:]
        if not closing and name not in _VOID and _CAPTURE.search(markup):
            capture.append((name, 1, len(out), []))
        out.append(markup)
    out.append(_text(source[pos:], last)[0])
    return "".join(out)


def _indexed_pages(site_dir: Path) -> list[Path]:
    from generator.pages.search import NOT_INDEXED

    skip = set(SKIP) | set(NOT_INDEXED)
    return sorted(
        p for p in site_dir.rglob("*.html") if p.relative_to(site_dir).as_posix() not in skip
    )


def index_site(site_dir: Path) -> None:
    """Index the built site; the index goes to ``site_dir/pagefind``, one per language."""
    with tempfile.TemporaryDirectory(prefix="kohyo-index-") as scratch:
        copy = Path(scratch) / "site"
        for page in _indexed_pages(site_dir):
            target = copy / page.relative_to(site_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(normalise_html(page.read_text(encoding="utf-8")), encoding="utf-8")
        out = site_dir / "pagefind"
        if out.exists():
            shutil.rmtree(out)
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "pagefind",
                "--site",
                "site",  # relative to the scratch folder, so no random path reaches the index
                "--output-path",
                str(out),
                "--quiet",
            ],
            capture_output=True,
            text=True,
            cwd=copy.parent,
        )
    if proc.returncode != 0:
        raise RuntimeError(proc.stdout + proc.stderr)
    # Pagefind writes the language table in hash-map order; sort it so builds are byte-identical.
    entry = out / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(
        json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
        encoding="utf-8",
    )
