"""Search index: Pagefind (extended build) over the built site.

Pagefind segments Japanese with Lindera at build time but the browser segments queries with
``Intl.Segmenter``. The two disagree: on digits next to kanji (``第19条`` found pages with ``1985``
and missed pages citing 第19条; stack.md section 3.4, Pagefind issue #1237) and on compounds
(ガバメントクラウド was one word in one assessment and two in another). The index is therefore
built from a normalised copy of the site's HTML, with words that do not depend on either
segmenter. In the text between tags (never in attributes or scripts):

1. NFKC (full-width digits and letters become ASCII);
2. every kanji or kana and every run of ASCII digits is a unit; after each run of adjacent units
   comes one ASCII-letter word per pair of adjacent units (a bigram word, ``qj`` + the two units
   encoded in letters), so that a query matches only where its characters stand next to each
   other: 第19条 is found in 番号法第19条, not in 第190条 or 1985;
3. a page writes each bigram word at its 1st, 4th, 16th, 64th, ... occurrence only: the ranking
   keeps a sense of how often a page uses a term (the logarithm), and the index stays small at
   nation scale: a bigram such as 個人 occurs hundreds of times in a long assessment, and its
   postings (loaded by every query that contains it) would grow with every occurrence.

The text itself stays as written (after NFKC), for the excerpts; Pagefind's own words for it are
never queried.  The search page (theme/assets/kohyo-search.js) turns a query into the same bigram
words (a single kanji or kana into the prefix of its bigrams), removes the bigram words from the
excerpts it shows and marks the query there.  The published pages stay unchanged.

One bundle per language (``pagefind/`` and ``en/pagefind/``), each from its own Pagefind run, so
the peak memory is that of the larger language, not of both.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import html
import itertools
import json
import re
import shutil
import sys
import tempfile
import unicodedata
from pathlib import Path

from generator.textfmt import HTML_VOID_ELEMENTS as _VOID
from generator.workers import each_page

# Kanji, kana, the prolonged sound mark and the iteration marks (々〆〇); not the middle dot ・.
# The same class as in theme/assets/kohyo-search.js.
CJK = "\u3005-\u3007\u3040-\u309f\u30a1-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_UNIT = re.compile(rf"[0-9]+|[{CJK}]")
_RUN = re.compile(rf"(?:[0-9]+|[{CJK}])+")
# Of a long Japanese text only the first characters go into the index as text (for the excerpt
# the results show); the rest is there as its bigram words only. Pagefind's work and memory
# grow with the words of the text it holds (its own Lindera words, which no query uses).
KEEP_TEXT = 80
# The occurrences of a unit pair on a page at which its bigram word is written (see above).
_WRITTEN_AT = frozenset(4**k for k in range(12))
# Text without digits or non-ASCII characters has nothing to normalise (most text between tags is
# white space).
_NEEDS_WORK = re.compile(r"[0-9]|[^\x00-\x7f]")
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

_HTML_EN = re.compile(r"<html\b[^>]*\blang=\"en")
_LANG_JA = ' lang="ja"'
_JA_TAG = re.compile(r'<[A-Za-z][^<>]*? lang="ja"[^<>]*>')
_H1 = re.compile(r"<h1(?![^>]*data-pagefind-weight)")

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


def _index_form(
    text: str,
    before: str = "",
    seen: dict[tuple[str, str], int] | None = None,
    keep: int | None = None,
) -> tuple[str, str]:
    """``text`` (NFKC already) in index form; ``before`` is the unit that ends the preceding text
    (across inline tags, as in ``番号法<a>第19条</a>``); ``seen`` counts the unit pairs of the
    page so far (a bigram word is written at the occurrences in _WRITTEN_AT); beyond ``keep``
    characters only the bigram words of the text are written, not the text itself. Returns the
    text and its last unit."""
    out: list[str] = []
    pos = 0
    prev = before
    shown = 0  # characters of the text written so far

    def show(segment: str) -> None:
        nonlocal shown
        if keep is None or shown + len(segment) <= keep:
            out.append(segment)
        elif shown < keep:
            out.append(segment[: keep - shown] + "…")
        shown += len(segment)

    for m in _RUN.finditer(text):
        units = _UNIT.findall(m.group(0))
        pairs = list(itertools.pairwise(units))
        if m.start() == 0 and prev and not (prev.isdigit() and units[0].isdigit()):
            pairs.insert(0, (prev, units[0]))
        if seen is not None:
            fresh = []
            for pair in pairs:
                count = seen.get(pair, 0) + 1
                seen[pair] = count
                if count in _WRITTEN_AT:
                    fresh.append(pair)
            pairs = fresh
        show(text[pos : m.end()])
        if pairs:
            words = " ".join(bigram(a, b) for a, b in pairs)
            out.append(f" {words}" if m.end() == len(text) else f" {words} ")
        pos = m.end()
        prev = units[-1]
    show(text[pos:])
    last = prev if pos == len(text) and pos else (before if not text else "")
    return "".join(out), last


def normalise_text(text: str) -> str:
    """The index form of a text (see the module docstring), every bigram word written."""
    return _index_form(unicodedata.normalize("NFKC", text))[0]


def search_terms(query: str) -> str:
    """A query as the search page sends it to Pagefind (the same as ``normalise`` in
    theme/assets/kohyo-search.js): each run of units as its bigram words, a lone unit as the
    prefix of its bigram words, other words as they are."""
    text = unicodedata.normalize("NFKC", query)
    words: list[str] = []
    pos = 0
    for m in _RUN.finditer(text):
        words.extend(text[pos : m.start()].split())
        units = _UNIT.findall(m.group(0))
        if len(units) == 1:
            words.append(BIGRAM_PREFIX + _code(units[0]))
        words.extend(bigram(a, b) for a, b in itertools.pairwise(units))
        pos = m.end()
    words.extend(text[pos:].split())
    return " ".join(words)


def _text(
    text: str, before: str, seen: dict[tuple[str, str], int], keep: int | None = None
) -> tuple[str, str]:
    """A text node of the HTML source (escaped) in index form, escaped again."""
    plain = html.unescape(text) if "&" in text else text
    norm, last = _index_form(unicodedata.normalize("NFKC", plain), before, seen, keep)
    if "&" in norm or "<" in norm or ">" in norm:
        norm = html.escape(norm, quote=False)
    return norm, last


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
    markup and attribute values stay as they are.  Only the indexed part changes: from the
    ``data-pagefind-body`` element on (the header before it repeats the title, and would take
    the title's bigram words away from the body, where Pagefind weighs them)."""
    english = bool(_HTML_EN.search(source, 0, 2000))
    body = source.find("data-pagefind-body")
    start = source.rfind("<", 0, body) if body > 0 else 0
    if english:
        return source[:start] + _english_part(source[start:])
    return source[:start] + _normalise_part(source[start:])


def _english_part(source: str) -> str:
    """An English page: its English is indexed as it is (Pagefind's English words); the Japanese
    that stands for untranslated text (``lang="ja"``) is left out, and so needs no bigram words.
    The title gets its weight as on Japanese pages."""

    def ignore(m: re.Match[str]) -> str:
        tag = m.group(0)
        if "data-pagefind" in tag:  # a filter or meta value: kept
            return tag
        return tag.replace(_LANG_JA, _LANG_JA + " data-pagefind-ignore", 1)

    out = _JA_TAG.sub(ignore, source)
    return _H1.sub(f'<h1 data-pagefind-weight="{TITLE_WEIGHT}"', out, count=1)


def _normalise_part(source: str) -> str:
    """See normalise_html (a Japanese page, from its indexed part on)."""
    out: list[str] = []
    capture: list[
        tuple[str, int, int, list[str]]
    ] = []  # open capturing elements: name, depth, slot, text
    pos = 0
    last = ""  # the unit that ends the text so far, if it ends with one
    seen: dict[tuple[str, str], int] = {}  # how often the page has had each unit pair so far
    for m in _MARKUP.finditer(source):
        text = source[pos : m.start()]
        if text:
            if _NEEDS_WORK.search(text) is not None:
                norm, last = _text(text, last, seen, None if capture else KEEP_TEXT)
                out.append(norm)
            else:  # ASCII without digits: as it is
                out.append(text)
                last = ""
            for c in capture:
                c[3].append(html.unescape(text))
        markup = m.group(0)
        pos = m.end()
        if not capture and "data-pagefind" not in markup and not markup.startswith(("<h1", "<H1")):
            out.append(markup)  # the common case: a tag that changes nothing here
            continue
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
    out.append(_text(source[pos:], last, seen)[0])
    return "".join(out)


def _normalise_file(job: tuple[str, str]) -> None:
    source, target = job
    text = Path(source).read_text(encoding="utf-8")
    Path(target).write_text(normalise_html(text), encoding="utf-8")


def _indexed_pages(site_dir: Path) -> list[Path]:
    from generator.pages.search import NOT_INDEXED

    skip = set(SKIP) | set(NOT_INDEXED)
    return sorted(
        p for p in site_dir.rglob("*.html") if p.relative_to(site_dir).as_posix() not in skip
    )


# One bundle per language, each indexed by its own Pagefind runs. Pagefind holds every page of a
# run in memory (measured on the synthetic corpus: about 1.7 MB per Japanese assessment page), so
# a language with more pages than SHARD_PAGES is split into shards (``pagefind/``,
# ``pagefind-1/``, ...), one run each, which the search page merges when it searches
# (``mergeIndex``: the WebAssembly is loaded once; each shard adds its small metadata).
BUNDLES = {"ja": "pagefind", "en": "en/pagefind"}
SHARD_PAGES = 3000
SHARDS_ATTR = "data-kh-shards"  # on the search page: the shard folders after the first


def bundle_of(rel: str) -> str:
    """The language of a built page by its path below the site folder."""
    return "en" if rel.startswith("en/") else "ja"


def shard_folders(lang: str, count: int) -> list[str]:
    """The bundle folders of a language, relative to the site folder."""
    base = BUNDLES[lang]
    return [base] + [f"{base}-{i}" for i in range(1, count)]


def _shard(rel: str, count: int) -> int:
    """A page's shard: by a hash of its path, so shards are alike and a page keeps its shard."""
    return int(hashlib.sha256(rel.encode("utf-8")).hexdigest()[:8], 16) % count


def index_site(site_dir: Path) -> None:
    """Index the built site: the Japanese pages into ``site_dir/pagefind`` (and
    ``pagefind-1/``... above SHARD_PAGES pages), the English pages into ``site_dir/en/pagefind``."""
    site_dir = site_dir.resolve()  # Pagefind runs in a scratch folder: relative paths would miss
    pages = _indexed_pages(site_dir)
    rels = [p.relative_to(site_dir).as_posix() for p in pages]
    counts = {
        lang: max(1, -(-sum(1 for r in rels if bundle_of(r) == lang) // SHARD_PAGES))
        for lang in BUNDLES
    }
    for lang in BUNDLES:  # folders of an earlier build (with more shards) go first
        for old in sorted(site_dir.glob(BUNDLES[lang] + "*")):
            if old.is_dir() and re.fullmatch(r"pagefind(-\d+)?", old.name):
                shutil.rmtree(old)
    with tempfile.TemporaryDirectory(prefix="kohyo-index-") as scratch:
        jobs = []
        for page, rel in zip(pages, rels, strict=True):
            lang = bundle_of(rel)
            target = Path(scratch) / f"{lang}-{_shard(rel, counts[lang])}" / "site" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            jobs.append((str(page), str(target)))
        each_page(_normalise_file, jobs, chunksize=64)
        for lang in BUNDLES:
            for i, folder in enumerate(shard_folders(lang, counts[lang])):
                src = Path(scratch) / f"{lang}-{i}"
                if (src / "site").is_dir():
                    _run_pagefind(src, site_dir / folder)
    for lang in BUNDLES:
        _tell_search_page(site_dir, lang, shard_folders(lang, counts[lang])[1:])


def _run_pagefind(scratch: Path, out: Path) -> None:
    from generator.children import run_child

    proc = run_child(
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
        cwd=scratch,
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stdout + proc.stderr)
    stabilise_filters(out)
    # Pagefind writes its language table in hash-map order: sorted, builds are identical.
    entry = out / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(
        json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
        encoding="utf-8",
    )


def _tell_search_page(site_dir: Path, lang: str, extra: list[str]) -> None:
    """Write the extra shards of ``lang`` into its search page (relative to the page)."""
    from generator.pages.search import NOT_INDEXED

    page = site_dir / NOT_INDEXED[0 if lang == "ja" else 1]
    if not page.exists():
        return
    up = "../" if lang == "ja" else "../../"
    value = " ".join(f"{up}{folder}/" for folder in extra)
    text = page.read_text(encoding="utf-8")
    text = re.sub(rf'{SHARDS_ATTR}="[^"]*"', f'{SHARDS_ATTR}="{value}"', text, count=1)
    page.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Reproducible filter index
#
# Pagefind 1.5 writes each filter's values in hash-map order, which changes from run to run, so
# the filter chunks (and the metadata naming them) differ between two builds of the same site.
# The chunks are gzip("pagefind_dcd" + CBOR); we decode them, sort the values, encode them again
# and rename every chunk by its content, so the same site always gives the same index files.
# ---------------------------------------------------------------------------------------------

_SIGNATURE = b"pagefind_dcd"


class _Raw:
    """A CBOR item kept as its encoded bytes (floats and simple values)."""

    def __init__(self, data: bytes) -> None:
        self.data = data


def _cbor_decode(buf: bytes, i: int = 0) -> tuple[object, int]:
    head = buf[i]
    major, info = head >> 5, head & 31
    start = i
    i += 1
    if major == 7:
        size = {24: 1, 25: 2, 26: 4, 27: 8}.get(info, 0)
        return _Raw(buf[start : i + size]), i + size
    if info < 24:
        value = info
    else:
        size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
        value = int.from_bytes(buf[i : i + size], "big")
        i += size
    if major == 0:
        return value, i
    if major == 1:
        return -1 - value, i
    if major == 2:
        return bytes(buf[i : i + value]), i + value
    if major == 3:
        return buf[i : i + value].decode("utf-8"), i + value
    if major == 4:
        items = []
        for _ in range(value):
            item, i = _cbor_decode(buf, i)
            items.append(item)
        return items, i
    if major == 5:
        pairs = []
        for _ in range(value):
            k, i = _cbor_decode(buf, i)
            v, i = _cbor_decode(buf, i)
            pairs.append((k, v))
        return {"__map__": pairs}, i
    raise ValueError(f"unsupported CBOR major type {major}")


def _cbor_head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise ValueError("CBOR integer too large")


def _cbor_encode(item: object) -> bytes:
    if isinstance(item, _Raw):
        return item.data
    if isinstance(item, bool) or item is None:
        raise ValueError("unexpected simple value")
    if isinstance(item, int):
        return _cbor_head(0, item) if item >= 0 else _cbor_head(1, -1 - item)
    if isinstance(item, bytes):
        return _cbor_head(2, len(item)) + item
    if isinstance(item, str):
        data = item.encode("utf-8")
        return _cbor_head(3, len(data)) + data
    if isinstance(item, list):
        return _cbor_head(4, len(item)) + b"".join(_cbor_encode(x) for x in item)
    if isinstance(item, dict) and "__map__" in item:
        pairs = item["__map__"]
        return _cbor_head(5, len(pairs)) + b"".join(
            _cbor_encode(k) + _cbor_encode(v) for k, v in pairs
        )
    raise ValueError(f"cannot encode {type(item).__name__}")


def _read_chunk(path: Path) -> object:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_SIGNATURE):
        raise ValueError(f"not a Pagefind chunk: {path.name}")
    item, end = _cbor_decode(data, len(_SIGNATURE))
    if end != len(data):
        raise ValueError(f"trailing bytes in {path.name}")
    return item


def _write_chunk(path: Path, item: object) -> None:
    raw = _SIGNATURE + _cbor_encode(item)
    path.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))


def _replace_strings(item: object, table: dict[str, str]) -> object:
    if isinstance(item, str):
        return table.get(item, item)
    if isinstance(item, list):
        return [_replace_strings(x, table) for x in item]
    if isinstance(item, dict) and "__map__" in item:
        return {
            "__map__": [
                (_replace_strings(k, table), _replace_strings(v, table)) for k, v in item["__map__"]
            ]
        }
    return item


def stabilise_filters(out: Path) -> None:
    """Rewrite the filter chunks with sorted values and content-derived names (see above)."""
    renamed: dict[str, str] = {}
    for chunk in sorted((out / "filter").glob("*.pf_filter")):
        item = _read_chunk(chunk)
        if isinstance(item, list) and len(item) == 2 and isinstance(item[1], list):
            item = [
                item[0],
                sorted(
                    item[1],
                    key=lambda pair: _cbor_encode(pair[0]) if isinstance(pair, list) else b"",
                ),
            ]
        old = chunk.name[: -len(".pf_filter")]
        lang = old.split("_", 1)[0]
        body = _cbor_encode(item)
        new = f"{lang}_{hashlib.sha256(body).hexdigest()[:7]}"
        chunk.unlink()
        _write_chunk(out / "filter" / f"{new}.pf_filter", item)
        renamed[old] = new
    entry_path = out / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for lang, info in entry.get("languages", {}).items():
        meta_path = out / f"pagefind.{info['hash']}.pf_meta"
        meta = _replace_strings(_read_chunk(meta_path), renamed)
        if isinstance(meta, list) and len(meta) > 3 and isinstance(meta[3], list):
            meta[3] = sorted(meta[3], key=_cbor_encode)  # the filter table, [name, chunk] pairs
        body = _cbor_encode(meta)
        new = f"{lang}_{hashlib.sha256(body).hexdigest()[:10]}"
        meta_path.unlink()
        _write_chunk(out / f"pagefind.{new}.pf_meta", meta)
        info["hash"] = new
    entry_path.write_text(
        json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
        encoding="utf-8",
    )
