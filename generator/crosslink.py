"""Cross-links: which assessment, file and section cites which provision, and where each
system, contractor, recipient type and file type appears.

Runs at the end of the link stage (``attach``): it reads the registries validated from
content/registries/, recognises the citations in every free text of every assessment and
council paper, sets ``site.linker`` (so rendered citations become links) and
``site.crosslinks`` (the indexes the law, system, contractor and recipient pages list).
Citations it cannot resolve become warnings at the line of their field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from generator.citations import Linker, N, Recogniser, Span
from generator.findings import Findings, Severity
from generator.load import LoadedFile
from generator.model.base import Check, DateRange, DateValue, Doc, Text
from generator.model.links import (
    REGISTRIES,
    ContractorRegistry,
    Entity,
    FileTypeRegistry,
    Law,
    LawRegistry,
    LegalRef,
    RecipientRegistry,
    SystemRegistry,
)

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


def validate_registry(name: str, loaded: LoadedFile, findings: Findings) -> Doc | None:
    """Validate one of content/registries/*.yaml (other than processes.yaml); None if unknown."""
    from generator.validate import validate_record

    model = REGISTRIES.get(name)
    if model is None:
        return None
    rec = validate_record(model, loaded, findings)
    if rec is None:
        return None
    key = {
        "laws.yaml": "laws",
        "systems.yaml": "systems",
        "contractors.yaml": "contractors",
        "recipients.yaml": "recipients",
        "filetypes.yaml": "filetypes",
    }[name]
    seen_ids: set[str] = set()
    seen_names: dict[str, str] = {}
    for i, entry in enumerate(getattr(rec, key)):
        if entry.id in seen_ids:
            pos = loaded.position((key, i, "id"))
            findings.add(
                loaded.path,
                pos.line,
                pos.col,
                "duplicate-id",
                f"id「{entry.id}」が重複しています",
                f"duplicate id '{entry.id}'",
                "ほかと違う id にしてください。",
                "Use an id that is not used yet.",
            )
        seen_ids.add(entry.id)
        scope = getattr(entry, "municipality", None) or ""
        for j, alias in enumerate([entry.name.ja, *entry.aliases]):
            other = seen_names.get(scope + "\0" + alias)
            if other is not None and other != entry.id:
                pos = loaded.position((key, i, "aliases", j - 1) if j else (key, i, "name"))
                findings.add(
                    loaded.path,
                    pos.line,
                    pos.col,
                    "duplicate-alias",
                    f"名前「{alias}」が「{other}」と「{entry.id}」の両方にあります",
                    f"the name '{alias}' belongs to both '{other}' and '{entry.id}'",
                    "どちらか一方にだけ書いてください。",
                    "Keep it in one entry only.",
                )
            seen_names[scope + "\0" + alias] = entry.id
    return rec


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


def _label(finfo: Any, lang: str) -> str:
    extra = finfo.json_schema_extra if isinstance(finfo.json_schema_extra, dict) else {}
    label = str(extra.get("label_en" if lang == "en" else "label_ja", finfo.title or ""))
    num = str(extra.get("num", "")) if lang == "ja" else ""
    return f"{num}{label}"


def section_label(record: Any, loc: Loc) -> tuple[tuple[str, str], tuple[str, str] | None]:
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
                file = (obj.name.ja, obj.name.en or obj.name.ja)
                ja[-1] = f"II ({key + 1}) {obj.name.ja}"
                en[-1] = f"II ({key + 1}) {obj.name.en or obj.name.ja}"
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


def registries_of(corpus: Any) -> dict[str, Any]:
    regs = getattr(corpus, "registries", None)
    return dict(regs) if regs else {}


def attach(site: Any, corpus: Any, findings: Findings) -> CrossLinks | None:
    """Build the indexes, set ``site.linker`` and ``site.crosslinks``; warn about unresolved citations."""
    regs = registries_of(corpus)
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
    recognisers: dict[str | None, Recogniser] = {}

    def recogniser(muni: str) -> Recogniser:
        if muni not in recognisers:
            recognisers[muni] = Recogniser(laws, systems, contractors, muni)
        return recognisers[muni]

    docs: list[tuple[str, str, str, str | None, Any, Any]] = []
    for ident, a in sorted(site.assessments.items()):
        docs.append((ident, a.path, a.municipality, a.process, a.record, a.source))
    for ident, c in sorted(site.council.items()):
        docs.append(
            (
                f"council:{ident}",
                c.path,
                c.municipality,
                getattr(c.record, "process", None),
                c.record,
                c.source,
            )
        )
    for doc, path, muni, proc, record, source in docs:
        rec = recogniser(muni)
        for loc, text in iter_texts(record):  # every text the pages render, source notes included
            section, file = section_label(record, loc)
            session = rec.session()
            for line in text.ja.replace("\r\n", "\n").split("\n"):
                for sp in session.line(line):
                    occ = Occurrence(doc, path, muni, proc, loc, section, file, sp.text)
                    if sp.kind == "law" and sp.ref is not None:
                        xl.add_ref(sp.ref, occ)
                    elif sp.kind in ("system", "contractor"):
                        xl.add_mention(sp.kind + "s", sp.target, occ)
                    elif sp.kind == "unresolved":
                        xl.unresolved.append((occ, sp))
                        _warn(findings, source, loc, sp)
        _structured_mentions(xl, doc, path, muni, proc, record)
    site.crosslinks = xl
    linker = Linker(laws, systems, contractors)
    linker.known = set(xl.refs)  # a provision seen only outside the indexed texts stays plain text
    site.linker = linker
    return xl


def _warn(findings: Findings, source: Any, loc: Loc, sp: Span) -> None:
    loaded: LoadedFile = source.source
    pos = loaded.position((*loc, "ja"))
    if sp.reason == "no-antecedent":
        ja = f"引用「{sp.text}」がどの法令のものか分かりません（前に法令名がありません）"
        en = f"cannot tell which law '{sp.text}' belongs to (no law is named before it)"
        hint_ja, hint_en = (
            "法令名を添えて書いてください（例: 番号法第19条第8号）。",
            "Name the law (e.g. 番号法第19条第8号).",
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
        "unresolved-citation",
        ja,
        en,
        hint_ja,
        hint_en,
        severity=Severity.WARNING,
    )


def _structured_mentions(
    xl: CrossLinks, doc: str, path: str, muni: str, proc: str | None, record: Any
) -> None:
    """Systems, contractors, recipients and file types named in their own fields."""

    def occ(loc: Loc, text: str) -> Occurrence:
        section, file = section_label(record, loc)
        return Occurrence(doc, path, muni, proc, loc, section, file, text)

    basic = getattr(record, "basic_info", None)
    for i, system in enumerate(getattr(basic, "systems", None) or []):
        for ident in match_entities(system.name.ja.split("\n")[0], xl.entities["systems"]):
            xl.add_mention(
                "systems", ident, occ(("basic_info", "systems", i, "name"), system.name.ja)
            )
    for fi, f in enumerate(getattr(record, "files", None) or []):
        name = getattr(f, "name", None)
        if isinstance(name, Text):
            for ident in match_entities(name.ja, xl.entities["filetypes"]):
                xl.add_mention("filetypes", ident, occ(("files", fi, "name"), name.ja))
        outsourcing = getattr(f, "outsourcing", None)
        for ii, item in enumerate(getattr(outsourcing, "items", None) or []):
            c = getattr(item, "contractor", None)
            if isinstance(c, Text):
                for ident in match_entities(c.ja, xl.entities["contractors"]):
                    xl.add_mention(
                        "contractors",
                        ident,
                        occ(("files", fi, "outsourcing", "items", ii, "contractor"), c.ja),
                    )
        disclosure = getattr(f, "disclosure", None)
        for ri, r in enumerate(getattr(disclosure, "recipients", None) or []):
            for ident in match_entities(r.name.ja, xl.entities["recipients"]):
                xl.add_mention(
                    "recipients",
                    ident,
                    occ(("files", fi, "disclosure", "recipients", ri, "name"), r.name.ja),
                )
    for ai, annex in enumerate(getattr(record, "annexes", None) or []):
        if getattr(annex, "kind", "") != "提供":
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


# ---------------------------------------------------------------------------------------------
# Measuring: how many citations in the free text became links
# ---------------------------------------------------------------------------------------------

BROAD = re.compile(rf"(?:附則)?第{N}条|別表第?[0-9０-９一二三四]")


@dataclass
class Coverage:
    total: int = 0
    linked: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (doc, loc, context)

    @property
    def ratio(self) -> float:
        return self.linked / self.total if self.total else 1.0


def measure(site: Any) -> Coverage:
    """Every 第N条 / 別表第N in the Japanese free text, and whether a link covers it."""
    cov = Coverage()
    linker = site.linker
    if linker is None:
        return cov
    docs = [(i, a.path, a.record) for i, a in sorted(site.assessments.items())]
    docs += [(f"council:{i}", c.path, c.record) for i, c in sorted(site.council.items())]
    for doc, path, record in docs:
        page = linker.for_page(path)
        for loc, text in iter_texts(record):
            session = page.for_text()
            for line in text.ja.replace("\r\n", "\n").split("\n"):
                covered: list[tuple[int, int]] = []
                pos = 0
                for seg, href in session(line):
                    if href is not None:
                        covered.append((pos, pos + len(seg)))
                    pos += len(seg)
                for m in BROAD.finditer(line):
                    cov.total += 1
                    if any(s <= m.start() < e for s, e in covered):
                        cov.linked += 1
                    else:
                        ctx = line[max(0, m.start() - 15) : m.end() + 10]
                        cov.misses.append((doc, ".".join(map(str, loc)), ctx))
    return cov


__all__ = [
    "CrossLinks",
    "Occurrence",
    "attach",
    "iter_texts",
    "match_entities",
    "measure",
    "section_label",
    "validate_registry",
]
