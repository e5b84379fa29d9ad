"""Active constructs in built HTML: what a payload in content text would have to become to run.

``scan`` tokenizes a page with ``html.parser`` and lists every event-handler attribute, every
``javascript:``/``vbscript:``/``data:`` address and every element that runs or loads something
(script, style, iframe, object, embed, frame, base, meta refresh).  Event handlers and such
addresses are never allowed; the elements are allowed only with a signature (their source
address or their text) that a build of the same pages without payloads also has, i.e. the
theme's and the generator's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

ELEMENTS = frozenset(["script", "style", "iframe", "object", "embed", "frame", "frameset", "base"])
URL_ATTRIBUTES = frozenset(
    ["href", "src", "action", "formaction", "data", "xlink:href", "srcset", "poster", "background"]
)
_SCHEME = re.compile(r"^[\s\x00-\x20]*(?:javascript|vbscript|data)\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class Active:
    line: int
    kind: str  # "handler", "url" (never allowed) or "element" (allowed when the theme's)
    signature: str


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Active] = []
        self._open: tuple[str, int, str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(Active(line, "handler", f"<{tag} {name}={value!r}>"))
            elif name in URL_ATTRIBUTES and value and _SCHEME.match(value):
                self.found.append(Active(line, "url", f"<{tag} {name}={value!r}>"))
        a = dict(attrs)
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            self.found.append(Active(line, "url", f"<meta refresh {a.get('content')!r}>"))
        if tag in ELEMENTS:
            where = a.get("src") or a.get("href") or a.get("data")
            sig = f"<{tag} {sorted((k, v or '') for k, v in attrs if k != 'id')}>"
            if where is not None or tag not in ("script", "style"):
                self.found.append(Active(line, "element", sig))
            else:
                self._open, self._text = (tag, line, sig), []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if self._open and self._open[0] == tag:
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[0] == tag:
            _, line, sig = self._open
            body = re.sub(r"\s+", " ", "".join(self._text)).strip()
            self.found.append(Active(line, "element", f"{sig} {body}"))
            self._open = None


def scan(html: str) -> list[Active]:
    parser = _Scan()
    parser.feed(html)
    parser.close()
    return parser.found
