"""Stage 3, link: resolve references between records and build the indexes pages need.

Everything is read before anything is linked, and everything is linked before anything is
written: the ``Site`` this stage returns is the complete, cross-referenced input of rendering.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.core.findings import Findings
from generator.linking.crosslink import CrossLinks, Document, cross_link
from generator.linking.linker import Linker
from generator.loading.memory import Translator
from generator.loading.original import Originals, load_originals
from generator.model import (
    FORM_EN,
    Assessment,
    Consultation,
    CouncilDocument,
    Municipality,
    Process,
    SummaryDocument,
)
from generator.model.base import Text
from generator.validation.project import Project
from generator.validation.validate import Corpus, Validated


@dataclass(frozen=True)
class AssessmentRef:
    id: str  # "<municipality>/<slug>"
    path: str  # docs path without language, e.g. "assessments/neyagawa/juki-focused.md"
    record: Assessment
    municipality: str
    process: str
    title: dict[str, str]
    source: Validated


@dataclass(frozen=True)
class CouncilRef:
    id: str
    path: str
    record: CouncilDocument
    municipality: str
    title: dict[str, str]
    assessments: tuple[str, ...]
    source: Validated


@dataclass(frozen=True)
class Site:
    """The linked corpus: every page to write and how pages refer to each other.

    Made once, complete, by ``link``: nothing is set on it later (its tables are not to be
    changed either; a preview of a few municipalities makes a new one with ``replace``)."""

    project: Project  # where it was read from: content/, settings (page plugins read their files)
    municipalities: dict[str, Municipality]
    processes: dict[str, Process]
    assessments: dict[str, AssessmentRef]
    council: dict[str, CouncilRef]
    by_municipality: dict[str, list[str]] = field(default_factory=dict)
    by_process: dict[str, list[str]] = field(default_factory=dict)
    council_by_assessment: dict[str, list[str]] = field(default_factory=dict)
    council_by_municipality: dict[str, list[str]] = field(default_factory=dict)
    translator: Translator | None = None  # the translation memory (ja -> en), if content has one
    linker: Linker | None = None  # citations -> links (None without registries)
    crosslinks: CrossLinks | None = None  # citations and mentions per page
    originals: Originals = field(default_factory=Originals)  # where the originals are found

    @property
    def content(self) -> Path:
        """The content/ folder the corpus was read from."""
        return self.project.content


def prefecture_slug(prefecture: Text, code: str) -> str:
    """``osaka`` for 大阪府 (from the English name), else the 2-digit prefecture code."""
    if prefecture.en:
        word = re.sub(r"[^a-z]", "", str(prefecture.en).split()[0].lower())
        if word:
            return word
    return code[:2]


def prefecture_groups(site: Site, ids: list[str]) -> dict[str, tuple[Text, list[str]]]:
    """Assessment ids by prefecture slug: (prefecture name, ids), prefectures in code order."""
    groups: dict[str, tuple[str, Text, list[str]]] = {}
    for ident in ids:
        muni = site.municipalities[site.assessments[ident].municipality]
        slug = prefecture_slug(muni.prefecture, muni.code)
        groups.setdefault(slug, (muni.code[:2], muni.prefecture, []))[2].append(ident)
    ordered = sorted(groups.items(), key=lambda kv: kv[1][0])
    return {slug: (pref, members) for slug, (_code, pref, members) in ordered}


def _suggest(word: str, options: list[str]) -> str:
    m = difflib.get_close_matches(word, options, n=1, cutoff=0.5)
    return m[0] if m else ""


def _ref_error(
    findings: Findings,
    v: Validated,
    loc: tuple[Any, ...],
    what_ja: str,
    what_en: str,
    value: str,
    options: list[str],
    where_ja: str,
) -> None:
    pos = v.source.position(loc)
    guess = _suggest(value, options)
    findings.add(
        v.path,
        pos.line,
        pos.col,
        "broken-reference",
        f"{what_ja}「{value}」が見つかりません",
        f"{what_en} '{value}' not found",
        (f"「{guess}」ではありませんか。" if guess else "")
        + f"{where_ja}にあるものを書いてください。",
        (f"Did you mean '{guess}'? " if guess else "") + "Use one that exists.",
    )


def assessment_title(
    rec: Assessment, muni: Municipality | None, proc: Process | None
) -> dict[str, str]:
    title: Text = rec.title if isinstance(rec, SummaryDocument) else rec.cover.title
    ja = " ".join(title.ja.split())
    if muni is not None and muni.name.ja not in ja:
        ja = f"{muni.name.ja} {ja}"
    # One pattern for every English title (issue 15): "<municipality>: <process> — <form>".
    muni_en = muni.name.show("en") if muni else ""
    proc_en = proc.name.show("en") if proc else ""
    if proc is None and title.en:
        proc_en = " ".join(title.en.split())
    en = f"{muni_en}: {proc_en} — {FORM_EN.get(rec.form, rec.form)}"
    if rec.status == "案":
        en += " (draft)"
    return {"ja": ja, "en": en}


def link(
    corpus: Corpus, findings: Findings, project: Project, translator: Translator | None = None
) -> Site:
    """The linked site of ``corpus`` (read from ``project``); ``translator``: the translation
    memory English pages use.  Broken references are findings, their records left out."""
    munis = {
        k: v.record for k, v in corpus.municipalities.items() if isinstance(v.record, Municipality)
    }
    procs: dict[str, Process] = dict(corpus.processes)
    site = Site(project, munis, procs, {}, {}, translator=translator)
    for ident, v in sorted(corpus.assessments.items()):
        rec = v.record
        if not isinstance(rec, Assessment):  # the corpus reads assessments by their form
            raise TypeError(f"{v.path}: {type(rec).__name__} is not an assessment")
        folder = ident.split("/")[0]
        ok = True
        if rec.municipality not in munis:
            _ref_error(
                findings,
                v,
                ("municipality",),
                "団体",
                "municipality",
                rec.municipality,
                sorted(munis),
                "content/municipalities/",
            )
            ok = False
        elif rec.municipality != folder:
            pos = v.source.position(("municipality",))
            findings.add(
                v.path,
                pos.line,
                pos.col,
                "wrong-folder",
                f"団体「{rec.municipality}」の評価書が content/assessments/{folder}/ に置かれています",
                f"an assessment of '{rec.municipality}' is in content/assessments/{folder}/",
                f"content/assessments/{rec.municipality}/ に移すか、municipality を直してください。",
                f"Move it to content/assessments/{rec.municipality}/ or correct 'municipality'.",
            )
        if rec.process not in procs:
            _ref_error(
                findings,
                v,
                ("process",),
                "事務",
                "process",
                rec.process,
                sorted(procs),
                "content/registries/processes.yaml ",
            )
            ok = False
        if not ok:
            continue
        ref = AssessmentRef(
            ident,
            f"assessments/{ident}.md",
            rec,
            rec.municipality,
            rec.process,
            assessment_title(rec, munis[rec.municipality], procs[rec.process]),
            v,
        )
        site.assessments[ident] = ref
        site.by_municipality.setdefault(rec.municipality, []).append(ident)
        site.by_process.setdefault(rec.process, []).append(ident)
    for ident, v in sorted(corpus.council.items()):
        crec = v.record
        if not isinstance(crec, CouncilDocument):  # the corpus reads council papers by their kind
            raise TypeError(f"{v.path}: {type(crec).__name__} is not a council paper")
        if crec.municipality not in munis:
            _ref_error(
                findings,
                v,
                ("municipality",),
                "団体",
                "municipality",
                crec.municipality,
                sorted(munis),
                "content/municipalities/",
            )
            continue
        if crec.process is not None and crec.process not in procs:
            _ref_error(
                findings,
                v,
                ("process",),
                "事務",
                "process",
                crec.process,
                sorted(procs),
                "content/registries/processes.yaml ",
            )
        targets: list[str] = []
        for i, target in enumerate(crec.assessments if isinstance(crec, Consultation) else []):
            if target in site.assessments:
                targets.append(target)
            else:
                _ref_error(
                    findings,
                    v,
                    ("assessments", i),
                    "評価書",
                    "assessment",
                    target,
                    sorted(site.assessments),
                    "content/assessments/ ",
                )
        muni = munis[crec.municipality]
        subject: Text | None = crec.subject or (
            crec.title if isinstance(crec, Consultation) else None
        )
        subject_ja = " ".join(subject.ja.split()) if subject else ""
        subject_en = " ".join(subject.en.split()) if subject and subject.en else ""
        kind_en = {"諮問": "Consultation", "答申": "Council report"}[crec.kind]
        when = f" of {crec.date.gregorian_en()}" if crec.date else ""
        title = {
            "ja": f"{muni.name.ja} {crec.kind} {crec.number}"
            + (f"（{subject_ja}）" if subject_ja else ""),
            "en": f"{muni.name.show('en')}: {kind_en}{when}"
            + (f" ({subject_en})" if subject_en else ""),
        }
        site.council[ident] = CouncilRef(
            ident, f"council/{ident}.md", crec, crec.municipality, title, tuple(targets), v
        )
        site.council_by_municipality.setdefault(crec.municipality, []).append(ident)
        for target in targets:
            site.council_by_assessment.setdefault(target, []).append(ident)
    docs = [
        Document(ident, a.path, a.municipality, a.process, a.record, a.source)
        for ident, a in sorted(site.assessments.items())
    ] + [
        Document(
            f"council:{ident}",
            c.path,
            c.municipality,
            c.record.process,
            c.record,
            c.source,
        )
        for ident, c in sorted(site.council.items())
    ]
    linked = cross_link(docs, dict(corpus.registries), findings)
    if linked is not None:
        site = replace(site, crosslinks=linked[0], linker=linked[1])
    return replace(site, originals=load_originals(project.content))
