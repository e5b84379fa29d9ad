"""The plain summary ("あらまし" / "At a glance") at the top of each assessment page.

Every point is computed from the validated record, never written by hand: what the work is, how
many people it covers, which files, who receives the data, outsourcing, the self-ratings of the
risk measures and any serious incident.  Each point links to the section of the page it comes
from; a link is made only when the renderer gave that section a heading (``anchors``).

``facts()`` is also the data behind the comparison tables (generator/pages/compare.py).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from generator.link import AssessmentRef, Site
from generator.model import BasicAssessment, FocusedAssessment, FullAssessment, SummaryDocument
from generator.model.base import DateValue, Text
from generator.render import Ctx, form_label
from generator.textfmt import esc, one_line

RATINGS = ("特に力を入れている", "十分である", "課題が残されている")
RATINGS_EN = {
    "特に力を入れている": "Particular effort",
    "十分である": "Sufficient",
    "課題が残されている": "Issues remain",
}
REASSESS_YEARS = 5  # 規則第15条: re-assess within five years of the last publication


@dataclass
class FileFacts:
    number: int
    name: Text
    outsourced: int | None = None  # 委託事項の件数 (None: not stated)
    subcontracted: int = 0  # of those, 再委託する
    recipients: int | None = None  # 提供先の件数
    transferees: int | None = None  # 移転先の件数
    recipient_names: list[Text] = field(default_factory=list)
    users: str | None = None  # 使用者数 (band)


@dataclass
class Facts:
    """The comparable figures of one assessment."""

    form: str
    process_name: Text | None = None
    population: str | None = None  # 対象人数 (band)
    handlers: str | None = None  # 取扱者数 (basic assessment: 500人以上 / 500人未満)
    files: list[FileFacts] = field(default_factory=list)
    file_names: list[Text] = field(default_factory=list)
    ratings: Counter[str] = field(default_factory=Counter)
    incidents: list[str] = field(default_factory=list)  # 発生あり / 発生なし, as stated
    not_outsourced: bool | None = None  # basic assessment: 委託しない
    not_disclosed: bool | None = None  # basic assessment: 提供・移転しない
    published: DateValue | None = None

    @property
    def outsourced(self) -> int | None:
        counts = [f.outsourced for f in self.files if f.outsourced is not None]
        return sum(counts) if counts else (0 if self.not_outsourced else None)

    @property
    def subcontracted(self) -> int | None:
        return sum(f.subcontracted for f in self.files) if self.outsourced is not None else None

    @property
    def recipients(self) -> int | None:
        counts = [f.recipients for f in self.files if f.recipients is not None]
        return sum(counts) if counts else (0 if self.not_disclosed else None)

    @property
    def transferees(self) -> int | None:
        counts = [f.transferees for f in self.files if f.transferees is not None]
        return sum(counts) if counts else (0 if self.not_disclosed else None)

    @property
    def serious_incident(self) -> bool | None:
        if "発生あり" in self.incidents:
            return True
        return False if self.incidents else None

    @property
    def users(self) -> list[str]:
        return sorted({f.users for f in self.files if f.users})

    @property
    def reassessment_due(self) -> DateValue | None:
        return reassessment_due(self.published)


def reassessment_due(published: DateValue | None) -> DateValue | None:
    """公表日 + 5 years (規則第15条); 29 February falls back to 28 February."""
    if published is None:
        return None
    year = published.year + REASSESS_YEARS
    day = published.day
    if day is not None:
        try:
            dt.date(year, published.month, day)
        except ValueError:
            day = 28
    return DateValue(year=year, month=published.month, day=day)


def _walk(value: Any, name: str = "") -> Any:
    """(field name, value) of every leaf below ``value``."""
    if isinstance(value, BaseModel) and not isinstance(value, (Text, DateValue)):
        for key in type(value).model_fields:
            yield from _walk(getattr(value, key), key)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item, name)
    else:
        yield name, value


def _count(stated: int | None, listed: int, flag: bool | None) -> int | None:
    if stated is not None:
        return stated
    if listed:
        return listed
    return 0 if flag is False else None


def facts(rec: Any) -> Facts:
    f = Facts(form=rec.form)
    cover = getattr(rec, "cover", None)
    f.published = getattr(cover, "published", None) if cover is not None else None
    if isinstance(rec, (FullAssessment, FocusedAssessment)):
        proc = rec.basic_info.process if rec.basic_info else None
        f.process_name = proc.name if proc else None
        f.population = proc.population if proc else None
        files: list[Any] = list(rec.files)
        for i, file in enumerate(files, 1):
            ff = FileFacts(i, file.name)
            f.file_names.append(file.name)
            out = file.outsourcing
            if out is not None:
                if out.status == "委託しない":
                    ff.outsourced = 0
                else:
                    ff.outsourced = len(out.items) if out.items else out.count
                ff.subcontracted = sum(
                    1
                    for item in out.items
                    if item.subcontract and item.subcontract.status == "再委託する"
                )
            d = file.disclosure
            if d is not None:
                ff.recipients = _count(d.provides_count, len(d.recipients), d.provides)
                ff.transferees = _count(d.transfers_count, len(d.transferees), d.transfers)
                if d.none:
                    ff.recipients = ff.recipients or 0
                    ff.transferees = ff.transferees or 0
                ff.recipient_names = [r.name for r in d.recipients]
            au = file.acquisition_use
            if au is not None and au.users is not None:
                ff.users = au.users.count
            f.files.append(ff)
            if file.risks is not None:
                for key, value in _walk(file.risks):
                    if key == "rating" and value in RATINGS:
                        f.ratings[value] += 1
                    elif key == "serious_incident" and value:
                        f.incidents.append(value)
    elif isinstance(rec, BasicAssessment):
        f.process_name = rec.related.process_name if rec.related else None
        f.file_names = list(rec.related.files) if rec.related else []
        if rec.threshold is not None:
            f.population = rec.threshold.population
            f.handlers = rec.threshold.handlers
            if rec.threshold.serious_incident:
                f.incidents.append(rec.threshold.serious_incident)
        if rec.risks is not None:
            for _key, value in _walk(rec.risks):
                if value in RATINGS:
                    f.ratings[value] += 1
            f.not_outsourced = rec.risks.not_outsourced
            f.not_disclosed = rec.risks.not_disclosed
    elif isinstance(rec, SummaryDocument):
        f.process_name = rec.basic.process_name if rec.basic else None
        f.file_names = [x.name for x in rec.files] or (list(rec.basic.files) if rec.basic else [])
    return f


# ---------------------------------------------------------------------------------------------
# The summary box
# ---------------------------------------------------------------------------------------------

_W: dict[str, dict[str, str]] = {
    "heading": {"ja": "この評価書のあらまし", "en": "At a glance"},
    "intro": {
        "ja": "評価書の記載から自動でまとめたものです。詳しくは各項目のリンク先の本文をご覧ください。",
        "en": "Compiled automatically from the report; follow each link for the full text.",
    },
    "work": {"ja": "何の事務か", "en": "The work"},
    "people": {"ja": "対象人数", "en": "People covered"},
    "handlers": {"ja": "取扱者数", "en": "Persons handling the files"},
    "files": {"ja": "特定個人情報ファイル", "en": "Specific Personal Information Files"},
    "disclosure": {"ja": "提供・移転", "en": "Who receives the data"},
    "outsourcing": {"ja": "委託", "en": "Entrustment"},
    "ratings": {"ja": "リスク対策の自己評価", "en": "Self-ratings of the risk measures"},
    "incident": {"ja": "重大事故", "en": "Serious incidents"},
}


def _w(key: str, lang: str) -> str:
    return _W[key][lang]


def rating_label(value: str, lang: str) -> str:
    return RATINGS_EN[value] if lang == "en" else value


def ratings_text(c: Counter[str], lang: str) -> str:
    sep = "、" if lang == "ja" else ", "
    unit = "件" if lang == "ja" else ""
    return sep.join(f"{rating_label(r, lang)} {c.get(r, 0)}{unit}" for r in RATINGS)


def short(ctx: Ctx, text: Text, limit: int = 60) -> str:
    """A content name cut to ``limit`` characters; untranslated text is marked ``lang="ja"``."""
    if ctx.is_translated(text):
        return esc(one_line(ctx.plain(text), limit))
    return f'<span lang="ja">{esc(one_line(text.ja, limit))}</span>'


class _Box:
    def __init__(self, lang: str, anchors: set[str]) -> None:
        self.lang = lang
        self.anchors = anchors
        self.items: list[str] = []

    def add(self, key: str, body: str, *anchors: str) -> None:
        target = next((a for a in anchors if a in self.anchors), None)
        label = esc(_w(key, self.lang))
        if target is not None:
            label = f'<a href="#{esc(target)}">{label}</a>'
        sep = "：" if self.lang == "ja" else ": "
        self.items.append(f'<li data-kh-point="{key}"><strong>{label}</strong>{sep}{body}</li>')


def summary_markdown(a: AssessmentRef, site: Site, lang: str, ctx: Ctx, anchors: set[str]) -> str:
    """Markdown for the summary box (a heading and a list), or "" when there is nothing to say."""
    rec: Any = a.record
    f = facts(rec)
    box = _Box(lang, anchors)
    ja = lang == "ja"
    sep = "、" if ja else ", "
    proc = site.processes[a.process]
    name = proc.name.en if (lang == "en" and proc.name.en) else proc.name.ja
    work = (
        esc(name) + ("（" if ja else " (") + esc(form_label(rec.form, lang)) + ("）" if ja else ")")
    )
    box.add("work", work, "basic-info-process", "basic-info", "related", "basic")
    if f.population:
        box.add("people", ctx.choice(f.population), "basic-info-process", "threshold")
    if f.handlers:
        box.add("handlers", ctx.choice(f.handlers), "threshold")
    if f.file_names:
        names = sep.join(short(ctx, n) for n in f.file_names)
        count = f"{len(f.file_names)}件（{names}）" if ja else f"{len(f.file_names)} ({names})"
        box.add("files", count, "files", "related", "basic")
    first_disclosure = next((ff.number for ff in f.files if ff.recipients or ff.transferees), 1)
    if f.recipients is not None or f.transferees is not None:
        parts = []
        if f.recipients is not None:
            parts.append(f"提供先 {f.recipients}件" if ja else f"{f.recipients} recipient(s)")
        if f.transferees is not None:
            parts.append(
                f"移転先 {f.transferees}件"
                if ja
                else f"{f.transferees} transferee(s) within the body"
            )
        body = sep.join(parts)
        main = [n for ff in f.files for n in ff.recipient_names][:3]
        if main:
            body += ("。主な提供先：" if ja else ". Main recipients: ") + sep.join(
                short(ctx, n) for n in main
            )
        elif f.recipients == 0 and f.transferees == 0:
            body = "提供・移転は行っていません" if ja else "No provision or transfer"
        box.add("disclosure", body, f"file{first_disclosure}-disclosure", "risks")
    if f.outsourced is not None:
        if f.outsourced == 0:
            body = "委託していません" if ja else "No work is entrusted"
        else:
            body = (
                f"委託事項 {f.outsourced}件（うち再委託あり {f.subcontracted}件）"
                if ja
                else f"{f.outsourced} entrusted work(s), {f.subcontracted} of them re-entrusted"
            )
        first = next((ff.number for ff in f.files if ff.outsourced), 1)
        box.add("outsourcing", body, f"file{first}-outsourcing", "risks")
    if f.ratings:
        box.add("ratings", esc(ratings_text(f.ratings, lang)), "risks")
    if f.serious_incident is not None:
        if f.serious_incident:
            body = "発生あり（本文をご覧ください）" if ja else "Yes (see the report)"
        else:
            body = "発生なし" if ja else "None"
        box.add("incident", body, "risks-1-storage", "risks", "threshold")
    if not box.items:
        return ""
    return (
        f"## {_w('heading', lang)} {{: #at-a-glance }}\n\n"
        f'<div class="kh-glance"><p class="kh-glance-intro">{esc(_w("intro", lang))}</p>'
        f"<ul>{''.join(box.items)}</ul></div>\n"
    )
