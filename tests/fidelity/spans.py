"""Fidelity spans: distinctive pieces of each seed that must appear on its built page.

`python -m tests.fidelity.spans SEEDS_DIR SITE_DIR` (re)writes tests/fidelity/<document>.txt from
the seed text and the built Japanese pages, and prints per document how many candidate spans
were found on the page.  The test (tests/test_fidelity.py) then requires every listed span on
the page, so a later change that loses content fails.
"""

from __future__ import annotations

import html
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent

# document id -> (seed file prefix, first line, last line, page path below the language root)
DOCUMENTS: dict[str, tuple[str, int, int, str]] = {
    "neyagawa/juki-focused": ("000_", 1, 10**9, "assessments/neyagawa/juki-focused/index.html"),
    "kagoshima/juki-full": ("001_", 1, 10**9, "assessments/kagoshima/juki-full/index.html"),
    "takatsuki/vaccination-full": (
        "002_",
        301,
        4652,
        "assessments/takatsuki/vaccination-full/index.html",
    ),
    "takatsuki/juki-basic": ("002_", 4793, 5242, "assessments/takatsuki/juki-basic/index.html"),
    "takatsuki/juki-full": ("002_", 5243, 12760, "assessments/takatsuki/juki-full/index.html"),
    "takatsuki/toshin-r4-3": ("002_", 1, 135, "council/takatsuki/toshin-r4-3/index.html"),
    "takatsuki/shimon-kokenshin-1253": (
        "002_",
        138,
        300,
        "council/takatsuki/shimon-kokenshin-1253/index.html",
    ),
    "takatsuki/shimon-koshishi-1577": (
        "002_",
        4653,
        4792,
        "council/takatsuki/shimon-koshishi-1577/index.html",
    ),
    "adachi/juki-summary": ("003_", 1, 10**9, "assessments/adachi/juki-summary/index.html"),
}

RADICALS = str.maketrans(
    {"⺠": "民", "⻑": "長", "⺟": "母", "⽗": "父", "⻄": "西", "⻘": "青", "⾦": "金"}
)
_TAG = re.compile(r"<[^>]+>")
_SPLIT = re.compile(r"[\t。、，,・「」『』（）()\[\]【】＜＞<>:：;；\s]+|\d+\)|[①-⑳]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text.translate(RADICALS))
    return re.sub(r"\s+", "", text)


# In-place glossary definitions (hidden until asked for) are not part of the document's text.
_DEFINITION = re.compile(r'<span class="kh-def"[^>]*>.*?</span>', re.S)


def page_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    body = _DEFINITION.sub("", raw.split("data-pagefind-body", 1)[-1])
    return normalise(html.unescape(_TAG.sub(" ", body)))


def document_text(path: Path) -> str:
    """The text of a document's page and of the pages under it (a long change log has a page of
    its own, `changes/`): what a reader of the document can reach."""
    pages = [path, *sorted(path.parent.glob("*/index.html"))]
    return "\n".join(page_text(p) for p in pages)


def candidates(seed: Path, first: int, last: int, min_len: int = 6) -> list[str]:
    lines = seed.read_text(encoding="utf-8").splitlines()[first - 1 : last]
    out: list[str] = []
    seen: set[str] = set()
    for line in lines:
        line = html.unescape(_TAG.sub("\t", line)).translate(RADICALS)
        for piece in _SPLIT.split(unicodedata.normalize("NFKC", line)):
            piece = piece.strip()
            if min_len <= len(piece) <= 40 and _CJK.search(piece) and piece not in seen:
                seen.add(piece)
                out.append(piece)
    return out


def main(seeds: Path, site: Path) -> None:
    for doc, (prefix, first, last, page) in DOCUMENTS.items():
        seed = next(seeds.glob(prefix + "*.txt"))
        target = site / page
        if not target.exists():
            print(f"{doc}: page not built, skipped")
            continue
        text = document_text(target)
        cands = candidates(seed, first, last)
        found = [c for c in cands if normalise(c) in text]
        if len(found) < 150:  # short documents: shorter spans (names, numbers, phrases) ...
            cands = candidates(seed, first, last, min_len=3)
            found = [c for c in cands if normalise(c) in text]
        if len(found) < 150:  # ... and overlapping 12-character windows of the long sentences
            windows = [
                c[i : i + 12] for c in cands if len(c) >= 24 for i in range(0, len(c) - 11, 6)
            ]
            cands += [w for w in dict.fromkeys(windows) if w not in cands]
            found = [c for c in cands if normalise(c) in text]
        (HERE / f"{doc.replace('/', '__')}.txt").write_text(
            "\n".join(found) + "\n", encoding="utf-8"
        )
        print(
            f"{doc}: {len(found)}/{len(cands)} candidate spans on the page ({len(found) / max(len(cands), 1):.1%})"
        )


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
