"""Cross-links: which assessment, file and section cites which provision, and where each
system, contractor, recipient type and file type appears.

Runs at the end of the link stage (``cross_link``): it reads the registries validated from
content/registries/, recognises the citations in every free text of every assessment and
council paper, and gives the linker (``site.linker``: rendered citations become links) and
the cross-links (``site.crosslinks``: the indexes the law, system, contractor and recipient
pages list).
Citations it cannot resolve become warnings at the line of their field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.core.findings import Findings, Severity
from generator.linking.citations import Recogniser, Session, Span
from generator.linking.linker import Linker, TextContext
from generator.loading.load import LoadedFile
from generator.model import (
    Assessment,
    BasicAssessment,
    CouncilDocument,
    FocusedAssessment,
    FullAssessment,
    SummaryDocument,
)
from generator.model.assessment import (
    Change,
    FileFocused,
    FileFull,
    OutsourcingItemFocused,
    OutsourcingItemFull,
    SummaryFile,
)
from generator.model.base import Check, DateRange, DateValue, Doc, Text
from generator.model.links import (
    ContractorRegistry,
    Entity,
    FileTypeRegistry,
    Law,
    LawRegistry,
    LegalRef,
    RecipientRegistry,
    SystemRegistry,
    parse_provision,
    provision_matches,
    renumbering_entry,
)
from generator.validation.validate import Validated

Loc = tuple[str | int, ...]
KINDS = ("systems", "contractors", "recipients", "filetypes")


@dataclass(frozen=True)
class Occurrence:
    """One place in one document: a citation of a provision, or a mention of an entity."""

    doc: str  # assessment id ("neyagawa/juki-focused") or "council:<id>"
    path: str  # docs path without language ("assessments/neyagawa/juki-focused.md")
    municipality: str
    process: str | None
    loc: Loc
    section: tuple[str, str]  # (ja, en) label of the field
    file: tuple[str, str] | None  # (ja, en) name of the 特定個人情報ファイル, if inside one
    text: str  # as written


@dataclass
class CrossLinks:
    laws: dict[str, Law] = field(default_factory=dict)
    entities: dict[str, dict[str, Entity]] = field(default_factory=lambda: {k: {} for k in KINDS})
    refs: dict[LegalRef, list[Occurrence]] = field(default_factory=dict)
    mentions: dict[tuple[str, str], list[Occurrence]] = field(default_factory=dict)  # (kind, id)
    by_doc: dict[str, dict[str, set[Any]]] = field(
        default_factory=dict
    )  # doc -> kind -> ids / refs
    unresolved: list[tuple[Occurrence, Span]] = field(default_factory=list)

    def add_ref(self, ref: LegalRef, occ: Occurrence) -> None:
        self.refs.setdefault(ref, []).append(occ)
        self.by_doc.setdefault(occ.doc, {}).setdefault("laws", set()).add(ref)

    def add_mention(self, kind: str, ident: str, occ: Occurrence) -> None:
        self.mentions.setdefault((kind, ident), []).append(occ)
        self.by_doc.setdefault(occ.doc, {}).setdefault(kind, set()).add(ident)

    def refs_of(self, law: str) -> list[LegalRef]:
        return sorted(
            (r for r in self.refs if r.law == law and not r.is_law), key=LegalRef.sort_key
        )

    def law_occurrences(self, law: str) -> list[Occurrence]:
        return [o for r, occs in self.refs.items() if r.law == law for o in occs]


# ---------------------------------------------------------------------------------------------
# Registries
# ---------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------
# Walking the texts of a record
# ---------------------------------------------------------------------------------------------


def iter_texts(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Text]]:
    """Every free text of a record with its location (in model order)."""
    if isinstance(value, Text):
        yield loc, value
    elif isinstance(value, (DateValue, DateRange)):
        return
    elif isinstance(value, Check):
        if value.note is not None:
            yield (*loc, "note"), value.note
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from iter_texts(getattr(value, name), (*loc, name))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from iter_texts(v, (*loc, i))
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from iter_texts(v, (*loc, str(k)))


def _label(finfo: FieldInfo, lang: str) -> str:
    extra = finfo.json_schema_extra if isinstance(finfo.json_schema_extra, dict) else {}
    label = str(extra.get("label_en" if lang == "en" else "label_ja", finfo.title or ""))
    num = str(extra.get("num", "")) if lang == "ja" else ""
    return f"{num}{label}"


def section_label(record: Doc, loc: Loc) -> tuple[tuple[str, str], tuple[str, str] | None]:
    """(ja, en) label of the field at ``loc`` and the (ja, en) name of the file it is in."""
    ja: list[str] = []
    en: list[str] = []
    file: tuple[str, str] | None = None
    obj: Any = record
    for i, key in enumerate(loc):
        if isinstance(key, int):
            if isinstance(obj, list) and key < len(obj):
                obj = obj[key]
            if loc[:i] == ("files",) and hasattr(obj, "name"):
                file = (obj.name.ja, obj.name.show("en"))
                ja[-1] = f"II ({key + 1}) {obj.name.ja}"
                en[-1] = f"II ({key + 1}) {obj.name.show('en')}"
            elif ja:
                ja[-1] += f"{key + 1}"
                en[-1] += f" {key + 1}"
            continue
        if isinstance(obj, BaseModel) and key in type(obj).model_fields:
            finfo = type(obj).model_fields[key]
            ja.append(_label(finfo, "ja"))
            en.append(_label(finfo, "en"))
            obj = getattr(obj, key)
        elif isinstance(obj, dict):
            ja.append(str(key))
            en.append(str(key))
            obj = obj.get(key)
        else:
            break
    return (" › ".join(ja), " › ".join(en)), file


# ---------------------------------------------------------------------------------------------
# Entity matching
# ---------------------------------------------------------------------------------------------

_SPACES = re.compile(r"[\s\u3000]+")


def _names(ent: Entity) -> list[str]:
    return [ent.name.ja, *ent.aliases]


def match_entities(text: str, entities: dict[str, Entity]) -> list[str]:
    """Ids of the entities named in ``text`` (longest names first, no overlaps)."""
    flat = _SPACES.sub("", text)
    table = sorted(
        ((_SPACES.sub("", n), e.id) for e in entities.values() for n in _names(e)),
        key=lambda t: (-len(t[0]), t[0]),
    )
    found: list[str] = []
    used = [False] * len(flat)
    for name, ident in table:
        if not name:
            continue
        start = 0
        while (at := flat.find(name, start)) >= 0:
            if not any(used[at : at + len(name)]):
                for k in range(at, at + len(name)):
                    used[k] = True
                if ident not in found:
                    found.append(ident)
            start = at + 1
    return found


# ---------------------------------------------------------------------------------------------
# The link-stage hook
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """A page whose texts are searched for citations: an assessment or a council paper."""

    doc: str  # assessment id, or "council:<id>"
    path: str  # docs path without language
    municipality: str
    process: str | None
    record: Assessment | CouncilDocument
    source: Validated  # where its fields are in the file


def cross_link(
    docs: list[Document], regs: dict[str, Validated], findings: Findings
) -> tuple[CrossLinks, Linker] | None:
    """The indexes and the citation linker of the linked site (None without registries); warns
    about unresolved citations."""
    if not regs:
        return None
    xl = CrossLinks()
    law_reg = regs.get("laws.yaml")
    if law_reg is not None and isinstance(law_reg.record, LawRegistry):
        xl.laws = {law.id: law for law in law_reg.record.laws}
    for name, key, model in (
        ("systems.yaml", "systems", SystemRegistry),
        ("contractors.yaml", "contractors", ContractorRegistry),
        ("recipients.yaml", "recipients", RecipientRegistry),
        ("filetypes.yaml", "filetypes", FileTypeRegistry),
    ):
        reg = regs.get(name)
        if reg is not None and isinstance(reg.record, model):
            xl.entities[key] = {e.id: e for e in getattr(reg.record, key)}
    laws = list(xl.laws.values())
    systems = list(xl.entities["systems"].values())
    contractors = list(xl.entities["contractors"].values())
    linker = Linker(laws, systems, contractors)
    for doc, path, muni, proc, record, source in (
        (d.doc, d.path, d.municipality, d.process, d.record, d.source) for d in docs
    ):
        page = linker.for_page(path)
        contexts = text_contexts(record, page)
        for loc, text in iter_texts(record):
            ctx = contexts[id(text)]
            linker.contexts[id(text)] = ctx
            if not ctx.index:  # the project's notes on the source: not the assessment's citations
                continue
            section, file = section_label(record, loc)
            rec = page.recogniser(ctx.abbreviations)
            session = rec.session(ctx.as_of)
            resolved = False
            for line in text.ja.replace("\r\n", "\n").split("\n"):
                for sp in session.line(line):
                    occ = Occurrence(doc, path, muni, proc, loc, section, file, sp.text)
                    if sp.kind == "law" and sp.ref is not None:
                        xl.add_ref(sp.ref, occ)
                        resolved = resolved or not sp.ref.is_law
                        why = rec.conflict(sp.ref, ctx.as_of)
                        if why:
                            _warn(findings, source, loc, sp, f"regime:{why}", ctx.as_of)
                    elif sp.kind in ("system", "contractor"):
                        xl.add_mention(sp.kind + "s", sp.target, occ)
                    elif sp.kind == "unresolved":
                        xl.unresolved.append((occ, sp))
                        _warn(findings, source, loc, sp, sp.reason)
                    elif sp.kind in ("placeholder", "embedded"):
                        _warn(findings, source, loc, sp, sp.kind)
            if loc and loc[-1] == "legal_basis" and not resolved and text.ja.strip():
                _warn(findings, source, loc, Span(0, 0, "basis", text=one_line(text.ja)), "basis")
        _structured_mentions(xl, doc, path, muni, proc, record)
    linker.known = set(xl.refs)  # a provision seen only outside the indexed texts stays plain text
    return xl, linker


def one_line(text: str, limit: int = 60) -> str:
    s = " ".join(text.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


# ---------------------------------------------------------------------------------------------
# The date of a text
# ---------------------------------------------------------------------------------------------

NOTES = ("source", "source_notes")  # the project's notes on its source, not the document's words


def _dates(value: Any) -> Iterator[DateValue]:
    if isinstance(value, DateValue):
        yield value
    elif isinstance(value, DateRange):
        yield value.start
        if value.end is not None:
            yield value.end
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _dates(getattr(value, name))
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _dates(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _dates(v)


def document_date(record: Doc) -> dt.date | None:
    """When a document was written, at the earliest: its latest date that is not planned
    (publication, consultation, review, change dates, a council paper's date).  Its citations
    mean the provisions in force then."""
    found = [
        d.date
        for name in type(record).model_fields
        if name not in NOTES
        for d in _dates(getattr(record, name))
        if not d.planned
    ]
    return max(found) if found else None


def _refs(session: Session, text: Text | None) -> list[LegalRef]:
    if text is None:
        return []
    return [
        sp.ref
        for line in text.ja.split("\n")
        for sp in session.line(line)
        if sp.kind == "law" and sp.ref is not None
    ]


def before_date(rec: Recogniser, change: Change, doc_date: dt.date | None) -> dt.date | None:
    """The date of a change row's 変更前 text.  It was written before the change (the day
    before its date, else the document's date), and before any renumbering that turns a
    provision it cites into one its 変更後 text cites (第19条第7号 -> 第19条第8号) or that
    removed a provision it cites (別表第二): then the day before that renumbering."""
    date = change.date
    bound = date.date - dt.timedelta(days=1) if date is not None and not date.planned else doc_date
    after = _refs(rec.session(doc_date), change.after)
    found: list[dt.date] = []
    for ref in _refs(rec.session(None), change.before):
        law = rec.laws.get(ref.law)
        if law is None:
            continue
        for rn in law.renumberings:
            if rn.in_force is None or (bound is not None and rn.in_force.date > bound):
                continue
            entry = renumbering_entry(law, rn, ref)
            if entry is None:
                continue
            new = parse_provision(law.id, entry.new) if entry.new else None
            gone = rec.conflict(ref, rn.in_force.date).startswith("gone")
            if gone or (new is not None and any(provision_matches(new, a) for a in after)):
                found.append(rn.in_force.date - dt.timedelta(days=1))
    return min(found) if found else bound


def text_contexts(record: Assessment | CouncilDocument, linker: Linker) -> dict[int, TextContext]:
    """id(Text) -> context, for every text of a document: its date, whether it is the
    document's own words, and the abbreviations the document defines (in its own words)."""
    doc_date = document_date(record)
    texts = list(iter_texts(record))
    harvest = linker.recogniser().session(doc_date)
    for loc, text in texts:
        if loc and loc[0] in NOTES:
            continue
        harvest.law, harvest.table = None, None
        for line in text.ja.split("\n"):
            harvest.line(line)
    abbreviations = tuple(sorted(harvest.abbreviations.items()))
    rec = linker.recogniser(abbreviations)
    out: dict[int, TextContext] = {}
    changes: Sequence[Change] = (
        record.changes
        if isinstance(record, (FocusedAssessment, FullAssessment, BasicAssessment))
        else []
    )
    for loc, text in texts:
        as_of = doc_date
        if loc[:1] == ("changes",) and len(loc) > 2 and isinstance(loc[1], int):
            change = changes[loc[1]]
            if loc[2] == "before":
                # the old text does not carry the abbreviations the new one defines
                as_of = before_date(rec, change, doc_date)
                out[id(text)] = TextContext(as_of, (), True)
                continue
            date = change.date
            if date is not None and not date.planned:
                as_of = date.date
        out[id(text)] = TextContext(as_of, abbreviations, not (loc and loc[0] in NOTES))
    return out


def _warn(
    findings: Findings,
    source: Validated,
    loc: Loc,
    sp: Span,
    reason: str,
    as_of: dt.date | None = None,
) -> None:
    loaded: LoadedFile = source.source
    pos = loaded.position((*loc, "ja"))
    code = "unresolved-citation"
    if reason == "no-antecedent":
        ja = f"引用「{sp.text}」がどの法令のものか分かりません（前に法令名がありません）"
        en = f"cannot tell which law '{sp.text}' belongs to (no law is named before it)"
        hint_ja, hint_en = (
            "法令名を添えて書いてください（例: 番号法第19条第8号）。",
            "Name the law (e.g. 番号法第19条第8号).",
        )
    elif reason == "placeholder":
        code = "citation-placeholder"
        ja = f"「{sp.text}」は様式の空欄（〇・○など）のままで、条項を指していません"
        en = f"'{sp.text}' is a blank of the form (〇, ○ …), not a provision"
        hint_ja, hint_en = (
            "原本で項番を確かめて書くか、原本どおりならそのままにしてください（リンクにはなりません）。",
            "Write the row number from the source, or leave it as printed (it is not linked).",
        )
    elif reason == "embedded":
        code = "citation-inside-name"
        ja = f"法令名「{sp.target}」が、より長い名前「{sp.text}」の中にあります（リンクにしていません）"
        en = f"the law name '{sp.target}' stands inside the longer name '{sp.text}' (not linked)"
        hint_ja, hint_en = (
            f"「{sp.text}」が法令なら content/registries/laws.yaml に加えてください。",
            f"If '{sp.text}' is a law, add it to content/registries/laws.yaml.",
        )
    elif reason.startswith("regime:"):
        code = "citation-regime"
        kind, _, rn = reason.removeprefix("regime:").partition(":")
        when = as_of.isoformat() if as_of else "?"
        if kind == "gone":
            ja = f"引用「{sp.text}」の条項は、この文の日付（{when}）より前の改正（{rn}）で削除・改名・番号変更されています"
            en = f"the provision cited as '{sp.text}' was deleted, renamed or renumbered ({rn}) before this text's date ({when})"
        else:
            ja = f"引用「{sp.text}」の条項は、この文の日付（{when}）より後の改正（{rn}）でできた番号です"
            en = f"the provision cited as '{sp.text}' only exists after an amendment ({rn}) later than this text's date ({when})"
        hint_ja, hint_en = (
            "原本の日付と条項番号を確かめてください（古い様式の文のままのことがあります）。",
            "Check the document's date and the provision number (the sentence may come from an older form).",
        )
    elif reason == "basis":
        code = "basis-unresolved"
        ja = f"法令上の根拠「{sp.text}」に、リンクにできる条項がありません"
        en = f"the legal basis '{sp.text}' cites no provision the site can resolve"
        hint_ja, hint_en = (
            "法令名と条項（例: 番号法第19条第8号）を書くか、法令を content/registries/laws.yaml に加えてください。",
            "Name the law and provision (e.g. 番号法第19条第8号), or add the law to content/registries/laws.yaml.",
        )
    else:
        ja = f"引用「{sp.text}」の法令が登録されていません"
        en = f"the law of the citation '{sp.text}' is not registered"
        hint_ja = (
            "content/registries/laws.yaml に法令を加えるか、aliases に書き方を加えてください。"
        )
        hint_en = (
            "Add the law to content/registries/laws.yaml, or add this spelling to its aliases."
        )
    findings.add(
        source.path,
        pos.line,
        pos.col,
        code,
        ja,
        en,
        hint_ja,
        hint_en,
        severity=Severity.WARNING,
    )


def _structured_mentions(
    xl: CrossLinks,
    doc: str,
    path: str,
    muni: str,
    proc: str | None,
    record: Assessment | CouncilDocument,
) -> None:
    """Systems, contractors, recipients and file types named in their own fields."""

    def occ(loc: Loc, text: str) -> Occurrence:
        section, file = section_label(record, loc)
        return Occurrence(doc, path, muni, proc, loc, section, file, text)

    if isinstance(record, (FocusedAssessment, FullAssessment)) and record.basic_info is not None:
        for i, system in enumerate(record.basic_info.systems):
            for ident in match_entities(system.name.ja.split("\n")[0], xl.entities["systems"]):
                xl.add_mention(
                    "systems", ident, occ(("basic_info", "systems", i, "name"), system.name.ja)
                )
    files: Sequence[FileFocused | FileFull | SummaryFile] = (
        record.files
        if isinstance(record, (FocusedAssessment, FullAssessment, SummaryDocument))
        else []
    )
    for fi, f in enumerate(files):
        for ident in match_entities(f.name.ja, xl.entities["filetypes"]):
            xl.add_mention("filetypes", ident, occ(("files", fi, "name"), f.name.ja))
        if isinstance(f, SummaryFile):  # a summary names its files, no more
            continue
        items: Sequence[OutsourcingItemFocused | OutsourcingItemFull] = (
            f.outsourcing.items if f.outsourcing is not None else []
        )
        for ii, item in enumerate(items):
            c = item.contractor
            if c is not None:
                for ident in match_entities(c.ja, xl.entities["contractors"]):
                    xl.add_mention(
                        "contractors",
                        ident,
                        occ(("files", fi, "outsourcing", "items", ii, "contractor"), c.ja),
                    )
        for ri, r in enumerate(f.disclosure.recipients if f.disclosure is not None else []):
            for ident in match_entities(r.name.ja, xl.entities["recipients"]):
                xl.add_mention(
                    "recipients",
                    ident,
                    occ(("files", fi, "disclosure", "recipients", ri, "name"), r.name.ja),
                )
    for ai, annex in enumerate(record.annexes if isinstance(record, FullAssessment) else []):
        if annex.kind != "提供":
            continue
        for pi, part in enumerate(annex.parts):
            for ri, row in enumerate(part.rows):
                for ident in match_entities(row.recipient.ja, xl.entities["recipients"]):
                    xl.add_mention(
                        "recipients",
                        ident,
                        occ(
                            ("annexes", ai, "parts", pi, "rows", ri, "recipient"), row.recipient.ja
                        ),
                    )


__all__ = [
    "CrossLinks",
    "Document",
    "Occurrence",
    "cross_link",
    "iter_texts",
    "match_entities",
    "section_label",
]
