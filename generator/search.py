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
import gzip
import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

from generator.textfmt import HTML_VOID_ELEMENTS as _VOID

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
    site_dir = site_dir.resolve()  # Pagefind runs in a scratch folder: relative paths would miss
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
    stabilise_filters(out)
    # Pagefind writes the language table in hash-map order; sort it so builds are byte-identical.
    entry = out / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(
        json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
        encoding="utf-8",
    )


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
