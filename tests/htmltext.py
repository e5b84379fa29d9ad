"""Small HTML helpers for the tests (standard library only)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from generator.core.textfmt import HTML_VOID_ELEMENTS

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")
VOID = HTML_VOID_ELEMENTS


class LangLeaks(HTMLParser):
    """Japanese text on an English page that is neither marked lang="ja" nor English content text."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.leaks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if not CJK.search(data):
            return
        for _tag, attrs in reversed(self.stack):
            lang = attrs.get("lang")
            if lang:
                if lang.startswith("ja"):
                    return
                break
        if any(t in ("script", "style") for t, _ in self.stack):
            return
        # English content text may quote the Japanese original; fixed labels may not.
        if any("kh-text" in (a.get("class") or "") for _, a in self.stack):
            return
        letters = [c for c in data if not c.isspace()]
        japanese = sum(1 for c in letters if CJK.match(c))
        latin = sum(1 for c in letters if c.isascii() and c.isalpha())
        if latin >= 8 and japanese * 2 < len(letters):
            return  # an English sentence quoting the Japanese original
        self.leaks.append(data.strip())


def japanese_leaks(html: str) -> list[str]:
    parser = LangLeaks()
    parser.feed(html)
    return parser.leaks


def links(html: str) -> list[str]:
    return re.findall(r'<a [^>]*href="([^"]+)"', html)
