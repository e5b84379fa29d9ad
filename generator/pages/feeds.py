"""Atom feeds of published and changed assessments: ``feed.xml`` (ja) and ``feed.en.xml`` (en).

Both sit at the site root.  The page head names the feed with ``rel="alternate feed"``
(theme/main.html): Material's script would fetch ``sitemap.xml`` next to every
``link[rel=alternate]``, on every cold visit.

Every date comes from the content: an entry for each 公表日 and one for each date of the change
log (変更箇所) of an assessment.  Planned dates (予定) are left out.  Nothing depends on the
build time, so two builds give the same bytes.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.core.vocab import t
from generator.linking.link import AssessmentRef, Site
from generator.model import SummaryDocument
from generator.model.assessment import Change
from generator.model.base import DateValue
from generator.rendering.document import form_title

ATOM = "http://www.w3.org/2005/Atom"
FEEDS = {"ja": "feed.xml", "en": "feed.en.xml"}
LIMIT = 100
_EPOCH = "1970-01-01T00:00:00Z"


@dataclass(frozen=True)
class Entry:
    date: DateValue
    kind: str  # "published" | "changed"
    ident: str
    items: tuple[str, ...] = ()  # the changed items (Japanese), for "changed"

    @property
    def timestamp(self) -> str:
        # 公表日 are Japanese calendar dates: midnight JST.
        return f"{self.date.date.isoformat()}T00:00:00+09:00"


def entries(site: Site) -> list[Entry]:
    """Every dated event of every assessment, newest first (ties in id order)."""
    out: list[Entry] = []
    for ident, a in sorted(site.assessments.items()):
        rec = a.record
        published = None if isinstance(rec, SummaryDocument) else rec.cover.published
        if published is not None and not published.planned and rec.status == "公表":
            out.append(Entry(published, "published", ident))
        by_date: dict[DateValue, list[str]] = {}
        changes: Sequence[Change] = [] if isinstance(rec, SummaryDocument) else rec.changes
        for change in changes:
            if change.date is not None and not change.date.planned:
                label = " ".join(change.item.ja.split()) if change.item else ""
                by_date.setdefault(change.date, []).append(label)
        for date, items in by_date.items():
            out.append(Entry(date, "changed", ident, tuple(i for i in items if i)))
    out.sort(key=lambda e: (e.date.iso, e.kind, e.ident))
    out.reverse()
    return out[:LIMIT]


def _summary(site: Site, a: AssessmentRef, e: Entry, lang: str) -> str:
    rec = a.record
    muni = site.municipalities[a.municipality].name.show(lang)
    proc = site.processes[a.process].name.show(lang)
    form = form_title(rec.form, lang)
    when = e.date.render(lang)
    if e.kind == "published":
        return (
            f"{muni}「{proc}」の{form}が公表されました（公表日: {when}）。"
            if lang == "ja"
            else f"{muni}: {form} for “{proc}”, published {when}."
        )
    n = len(e.items) or 1
    head = (
        f"{muni}「{proc}」の{form}の変更（{when}、{n} 件）"
        if lang == "ja"
        else f"{muni}: {form} for “{proc}”, changed {when} ({n} item{'s' if n != 1 else ''})"
    )
    if e.items:
        head += ("。変更箇所: " if lang == "ja" else ". Items changed (Japanese): ") + "、".join(
            e.items
        )
    return head


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def _uid(*parts: str) -> str:
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "kohyo:" + ":".join(parts)))


def feed(site: Site, lang: str, config: dict[str, Any]) -> str:
    """The Atom document of one language."""
    site_url = str(config.get("site_url") or "")
    base = site_url.rstrip("/") + "/" if site_url else ""
    # Without site_url the addresses are relative to the feed, which sits at the site root.
    prefix = base + ("" if lang == "ja" else "en/")
    if not base:
        prefix = "" if lang == "ja" else "en/"
    title = (config.get("site_name") or {}).get(lang) or "kohyo"
    events = entries(site)
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    _sub(root, "title", f"{title}: {t('feeds.updates', lang)}")
    _sub(root, "id", _uid("feed", lang, site_url))
    _sub(root, "updated", events[0].timestamp if events else _EPOCH)
    _sub(root, "link", rel="self", type="application/atom+xml", href=base + FEEDS[lang])
    _sub(root, "link", rel="alternate", type="text/html", href=prefix or "./")
    author = _sub(root, "author")
    _sub(author, "name", title)
    for e in events:
        a = site.assessments[e.ident]
        entry = _sub(root, "entry")
        verb = {"published": ("公表", "Published"), "changed": ("変更", "Changed")}[e.kind]
        _sub(
            entry,
            "title",
            f"{verb[0]}: {a.title['ja']}" if lang == "ja" else f"{verb[1]}: {a.title['en']}",
        )
        _sub(entry, "id", _uid("entry", lang, site_url, e.ident, e.kind, e.date.iso))
        _sub(entry, "updated", e.timestamp)
        if e.kind == "published":
            _sub(entry, "published", e.timestamp)
        _sub(
            entry, "link", rel="alternate", type="text/html", href=f"{prefix}assessments/{e.ident}/"
        )
        _sub(entry, "summary", _summary(site, a, e, lang))
    ET.register_namespace("", ATOM)
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def after_build(site: Site, site_dir: Path, config: dict[str, Any]) -> None:
    for lang, path in FEEDS.items():
        out = site_dir / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(feed(site, lang, config), encoding="utf-8", newline="\n")
