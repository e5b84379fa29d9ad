"""Open data: every assessment as JSON, bulk downloads (JSON, CSV), the JSON Schemas, a data page.

Files, all below ``data/`` at the site root (one copy for both languages):

- ``data/assessments/<municipality>/<slug>.json.gz``: one assessment, the validated record in both
  languages, gzip-compressed.  It has the shape of the content file, so it validates against
  ``data/schema/assessment.schema.json`` and reads back into the model unchanged;
- ``data/assessments.json.gz``: every assessment with its id, titles and page addresses
  (``data/schema/assessments.schema.json``);
- ``data/assessments.csv``: the headline figures per assessment (UTF-8 with BOM, CRLF);
- ``data/schema/*.schema.json``: the JSON Schemas of generator/core/schema.py.

The JSON files are compressed: the bulk download repeats every record, and uncompressed the
records were the site's second largest part (about 200 MB at nation scale, 38 KB an assessment);
gzip keeps a quarter of that, and every record keeps an address of its own.

Output is sorted and carries no build date, so two builds give the same bytes.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from markupsafe import Markup
from pydantic import BaseModel

from generator.core.paths import to_site_root
from generator.core.schema import schema_documents
from generator.core.textfmt import esc, front_matter
from generator.core.vocab import Word, words
from generator.linking.link import AssessmentRef, Site
from generator.model import BasicAssessment, FocusedAssessment, FullAssessment
from generator.model.assessment import Disclosure, OutsourcingFocused, OutsourcingFull
from generator.model.base import Check, DateValue, Text
from generator.model.choices import Rating
from generator.output.listing import LIST_LIMIT
from generator.rendering.facts import facts
from generator.rendering.pagetemplates import render_page

DATA_DIR = "data"
SCHEMA_DIR = "data/schema"
BUNDLE_SCHEMA = "assessments.schema.json"
RATINGS: tuple[str, ...] = get_args(Rating)


# ---------------------------------------------------------------------------------------------
# The record in the shape of the content file
# ---------------------------------------------------------------------------------------------


def record_data(value: Any) -> Any:
    """A record as plain JSON data in the input shape of the content files.

    Texts are ``{"ja": ..., "en": ...}`` (``en`` null when untranslated), dates are written as
    in the content (``2026-01-19``, ``2026-01``, ``2026-01（予定）``), fields without a value are
    left out.  ``Model.model_validate(record_data(record)) == record``.
    """
    if isinstance(value, Text):
        text: dict[str, Any] = {"ja": value.ja, "en": value.en}
        for name, info in type(value).model_fields.items():  # a subclass's own fields (cut_off)
            if name not in text and (v := getattr(value, name)) != info.default:
                text[name] = record_data(v)
        return text
    if isinstance(value, DateValue):
        return value.iso + ("（予定）" if value.planned else "")
    if isinstance(value, Check):
        out: dict[str, Any] = {"checked": value.checked}
        if value.note is not None:
            out["note"] = record_data(value.note)
        return out
    if isinstance(value, BaseModel):
        return {
            name: record_data(v)
            for name in type(value).model_fields
            if (v := getattr(value, name)) is not None
        }
    if isinstance(value, dict):
        return {k: record_data(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [record_data(v) for v in value]
    return value


BULK = "assessments.json.gz"  # the bulk download (gzip: it repeats every assessment's JSON)
RECORD = ".json.gz"  # one assessment's JSON, gzip-compressed: data/assessments/<id>.json.gz


def dump(obj: Any) -> str:
    """Compact JSON (no indentation: at nation scale the data is hundreds of megabytes)."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"


def gzipped(text: str) -> bytes:
    """A download, gzip-compressed (no time stamp: the same data gives the same bytes)."""
    return gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)


# ---------------------------------------------------------------------------------------------
# Headline figures (the CSV)
# ---------------------------------------------------------------------------------------------


def _walk(value: Any, visit: Callable[[BaseModel, str, Any], None]) -> None:
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            v = getattr(value, name)
            visit(value, name, v)
            _walk(v, visit)
    elif isinstance(value, dict):
        for v in value.values():
            _walk(v, visit)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _walk(v, visit)


def _sum(values: Iterable[int | None]) -> int | None:
    stated = [v for v in values if v is not None]
    return sum(stated) if stated else None


def headline(site: Site, a: AssessmentRef) -> dict[str, Any]:
    """The figures of one assessment, keyed as in ``CSV_FIELDS``; None where the source is silent."""

    rec = a.record
    muni = site.municipalities[a.municipality]
    f = facts(rec)
    outsourcing: list[OutsourcingFocused | OutsourcingFull] = []
    disclosures: list[Disclosure] = []
    found = site.originals.of(rec, muni.name.ja)

    def visit(owner: BaseModel, name: str, v: Any) -> None:
        # a file's entrustment and provision sections (the risk sections of the same names
        # are other types)
        if name == "outsourcing" and isinstance(v, (OutsourcingFocused, OutsourcingFull)):
            outsourcing.append(v)
        if name == "disclosure" and isinstance(v, Disclosure):
            disclosures.append(v)

    _walk(rec, visit)
    population: str | None = None
    if isinstance(rec, (FocusedAssessment, FullAssessment)):
        info = rec.basic_info.process if rec.basic_info else None
        population = info.population if info else None
        files = len(rec.files)
    elif isinstance(rec, BasicAssessment):
        population = rec.threshold.population if rec.threshold else None
        files = len(rec.related.files) if rec.related else 0
    else:
        files = len(rec.files)
    published = f.published  # a draft has none of its own
    items = [i for o in outsourcing for i in o.items]
    incident = {True: "発生あり", False: "発生なし", None: None}[f.serious_incident]
    stated = bool(f.ratings) or not f.ratings_unknown
    ratings = {r: (f.ratings.get(r, 0) if stated else None) for r in RATINGS}
    return {
        "id": a.id,
        "municipality": a.municipality,
        "municipality_code": muni.code,
        "municipality_name": muni.name.ja,
        "process": a.process,
        "form": rec.form,
        "status": rec.status,
        "published": record_data(published) if published else None,
        "title_ja": a.title["ja"],
        "title_en": a.title["en"],
        "population": population,
        "population_state": "記載あり" if population else f.population_state,
        "files": files,
        "outsourcing_count": _sum(o.count for o in outsourcing),
        "outsourcing_items": len(items) if outsourcing else None,
        "subcontracting_items": (
            sum(1 for i in items if i.subcontract and i.subcontract.status == "再委託する")
            if outsourcing
            else None
        ),
        "provision_count": _sum(d.provides_count for d in disclosures),
        "transfer_count": _sum(d.transfers_count for d in disclosures),
        "rating_special_effort": ratings["特に力を入れている"],
        "rating_sufficient": ratings["十分である"],
        "rating_issues_remain": ratings["課題が残されている"],
        "rating_unknown": sum(f.ratings_unknown.values()),
        "files_unknown_outsourcing": len(f.outsourced.unknown),
        "files_unknown_disclosure": len(f.recipients.unknown),
        "serious_incident": incident,
        "original_url": found.url if found else None,
        "original_how": found.how["ja"] if found and found.how.get("ja") else None,
        "page": f"{a.id}/",
        "json": f"{a.id}{RECORD}",
    }


# (column, Japanese description, English description)
CSV_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("id", "評価書の識別子（団体/名前）", "Identifier of the assessment (municipality/name)"),
    ("municipality", "団体の識別子", "Identifier of the municipality"),
    ("municipality_code", "全国地方公共団体コード", "Local government code"),
    ("municipality_name", "団体名", "Name of the municipality (Japanese)"),
    ("process", "事務の識別子", "Identifier of the process"),
    (
        "form",
        "評価書の種類（基礎項目評価書・重点項目評価書・全項目評価書・概要）",
        "Form (基礎項目評価書 basic, 重点項目評価書 focused, 全項目評価書 full, 概要 summary)",
    ),
    ("status", "状態（公表・案）", "Status (公表 published, 案 draft)"),
    (
        "published",
        "公表日（2026-01-19 の形。月までの日付もあります）",
        "Publication date (2026-01-19; some give the month only)",
    ),
    ("title_ja", "題名（日本語）", "Title in Japanese"),
    ("title_en", "題名（英語）", "Title in English"),
    (
        "population",
        "対象人数（評価書の選択肢のまま）",
        "Number of persons covered (the printed choice, in Japanese)",
    ),
    (
        "population_state",
        "対象人数の状態（記載あり・空欄・未収録・判読不能）",
        "State of the number of persons covered (記載あり stated, 空欄 blank, 未収録 not in "
        "this version, 判読不能 unreadable)",
    ),
    ("files", "特定個人情報ファイルの数", "Number of Specific Personal Information Files"),
    (
        "outsourcing_count",
        "委託件数（評価書に書かれた件数の合計）",
        "Number of entrusted works (sum of the stated counts)",
    ),
    ("outsourcing_items", "委託事項として記載された数", "Number of entrusted works described"),
    ("subcontracting_items", "そのうち「再委託する」の数", "Of these, re-entrusted (再委託する)"),
    ("provision_count", "提供の件数（合計）", "Number of provisions (sum)"),
    ("transfer_count", "移転の件数（合計）", "Number of transfers (sum)"),
    (
        "rating_special_effort",
        "自己評価「特に力を入れている」の数",
        "Self-ratings 'special effort' (特に力を入れている)",
    ),
    ("rating_sufficient", "自己評価「十分である」の数", "Self-ratings 'sufficient' (十分である)"),
    (
        "rating_issues_remain",
        "自己評価「課題が残されている」の数",
        "Self-ratings 'issues remain' (課題が残されている)",
    ),
    (
        "rating_unknown",
        "自己評価のうち、原本から判読できない・電子版に未収録のため数えていないもの",
        "Self-ratings not counted because they are unreadable in the original or not in this "
        "electronic version",
    ),
    (
        "files_unknown_outsourcing",
        "委託の記載が電子版に未収録・判読不能のファイルの数（委託の件数に含まれていない）",
        "Files whose entrustment section is not in this version or unreadable (not in the counts)",
    ),
    (
        "files_unknown_disclosure",
        "提供・移転の記載が電子版に未収録・判読不能のファイルの数（件数に含まれていない）",
        "Files whose provision/transfer section is not in this version or unreadable (not in the "
        "counts)",
    ),
    (
        "serious_incident",
        "重大事故の発生（発生あり・発生なし。一部が不明なら空欄）",
        "Serious incident (発生あり occurred, 発生なし none; empty if partly unknown)",
    ),
    (
        "original_url",
        "原本のアドレス（分からない場合は個人情報保護委員会の評価書のページ）",
        "Address of the original (where unknown: the PPC's page on assessments)",
    ),
    (
        "original_how",
        "原本の探し方（評価書番号と評価実施機関名）",
        "How to find the original (report number and assessing body)",
    ),
    (
        "page",
        "ページのアドレス（assessments/ からの相対。英語は en/assessments/）",
        "Page address, relative to assessments/ (English: en/assessments/)",
    ),
    (
        "json",
        "JSON ファイル（gzip 圧縮。data/assessments/ からの相対）",
        "JSON file (gzip-compressed), relative to data/assessments/",
    ),
)


def headline_csv(site: Site) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([name for name, _, _ in CSV_FIELDS])
    for ident in sorted(site.assessments):
        row = headline(site, site.assessments[ident])
        writer.writerow(["" if row[name] is None else row[name] for name, _, _ in CSV_FIELDS])
    return "\ufeff" + buf.getvalue()


# ---------------------------------------------------------------------------------------------
# Bulk JSON and its schema
# ---------------------------------------------------------------------------------------------


def bundle(site: Site, config: dict[str, Any], records: bool = True) -> dict[str, Any]:
    """The bulk download (``records=False``: each record stands as 0, for data_files)."""
    return {
        "licence": dict(config.get("licence") or {}),
        "assessments": [
            {
                "id": ident,
                "title": dict(a.title),
                "pages": {"ja": f"assessments/{ident}/", "en": f"en/assessments/{ident}/"},
                "json": f"{DATA_DIR}/assessments/{ident}{RECORD}",
                "record": record_data(a.record) if records else 0,
            }
            for ident, a in sorted(site.assessments.items())
        ],
    }


def bundle_schema() -> dict[str, Any]:
    text = {
        "type": "object",
        "properties": {"ja": {"type": "string"}, "en": {"type": "string"}},
        "required": ["ja", "en"],
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "評価書の一括ダウンロード（data/assessments.json.gz を展開したもの）",
        "type": "object",
        "properties": {
            "licence": {"type": "object", "additionalProperties": {"type": "string"}},
            "assessments": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string", "pattern": "^[a-z0-9-]+/[a-z0-9-]+$"},
                        "title": text,
                        "pages": text,
                        "json": {"type": "string"},
                        "record": {"$ref": "assessment.schema.json"},
                    },
                    "required": ["id", "title", "pages", "json", "record"],
                    "additionalProperties": False,
                },
            },
        },
        "required": ["licence", "assessments"],
        "additionalProperties": False,
    }


def published_schemas() -> dict[str, str]:
    docs = dict(schema_documents())
    docs[BUNDLE_SCHEMA] = (
        json.dumps(bundle_schema(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    )
    return dict(sorted(docs.items()))


def data_files(site: Site, config: dict[str, Any]) -> Iterator[tuple[str, str | bytes]]:
    """(path below the site root, text or bytes) of every data file, in sorted order. The bulk
    download is the ``bundle`` with each record's JSON written once (for its own file) and
    reused: at nation scale serialising every record twice cost as much as the rest."""
    records: list[str] = []
    for ident, a in sorted(site.assessments.items()):
        text = dump(record_data(a.record))
        records.append(text.rstrip("\n"))
        yield f"{DATA_DIR}/assessments/{ident}{RECORD}", gzipped(text)
    marker = '"record":0'
    shell = dump(bundle(site, config, records=False)).rstrip("\n")
    parts = shell.split(marker)
    assert len(parts) == len(records) + 1
    bulk = parts[0] + "".join(
        f'"record":{rec}{rest}' for rec, rest in zip(records, parts[1:], strict=True)
    )
    yield f"{DATA_DIR}/{BULK}", gzipped(bulk + "\n")
    yield f"{DATA_DIR}/assessments.csv", headline_csv(site)
    for name, text in published_schemas().items():
        yield f"{SCHEMA_DIR}/{name}", text


def after_build(site: Site, site_dir: Path, config: dict[str, Any]) -> None:
    _fill_licence(site_dir, config)
    for path, data in data_files(site, config):
        out = site_dir / path
        out.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            out.write_bytes(data)
        else:
            out.write_text(data, encoding="utf-8", newline="")


# ---------------------------------------------------------------------------------------------
# The data page
# ---------------------------------------------------------------------------------------------

PAGE = "data.md"
TITLE = {"ja": "公開データ", "en": "Open data"}


def nav(lang: str) -> list[tuple[str, str]]:
    return [(TITLE[lang], PAGE)]


LICENCE_SLOT = '<p class="kh-licence">'


@dataclass(frozen=True)
class Download:
    href: str
    name: str
    text: str


@dataclass(frozen=True)
class DocumentJson:
    """One assessment's page and its JSON."""

    page: str
    title: str
    json: str
    ident: str


@dataclass(frozen=True)
class DataPage:
    """The context of templates/data.html.j2."""

    lang: str
    front_matter: Markup
    title: str
    L: dict[str, str]
    licence_slot: Markup
    data_dir: str
    downloads: list[Download]
    documents: list[DocumentJson] | None  # None at nation scale: the address pattern instead
    count: str
    csv_fields: list[tuple[str, str]]


def data_page(site: Site, lang: str) -> str:
    root = to_site_root(PAGE, lang)
    d = f"{root}{DATA_DIR}/"
    say = words(lang)
    downloads = [
        Download(f"{d}{BULK}", BULK, say["data.bulk"]),
        Download(f"{d}assessments.csv", "assessments.csv", say["data.csv"]),
        Download(f"{d}schema/assessment.schema.json", "assessment.schema.json", say["data.schema"]),
        Download(f"{d}schema/{BUNDLE_SCHEMA}", BUNDLE_SCHEMA, say["data.bundle_schema"]),
        Download(f"{root}feed.xml", "feed.xml", say["data.feed_ja"]),
        Download(f"{root}feed.en.xml", "feed.en.xml", say["data.feed_en"]),
    ]
    documents = (
        None
        if len(site.assessments) > LIST_LIMIT
        else [
            DocumentJson(
                f"../assessments/{ident}/", a.title[lang], f"{d}assessments/{ident}{RECORD}", ident
            )
            for ident, a in sorted(site.assessments.items())
        ]
    )
    context = DataPage(
        lang=lang,
        front_matter=Markup(front_matter(TITLE[lang])),
        title=TITLE[lang],
        L=say,
        licence_slot=Markup(LICENCE_SLOT),
        data_dir=d,
        downloads=downloads,
        documents=documents,
        count=f"{len(site.assessments):,}",
        csv_fields=[(name, Word(ja, en).show(lang)) for name, ja, en in CSV_FIELDS],
    )
    return render_page("data.html.j2", context)


def pages(site: Site, lang: str) -> Iterable[tuple[str, str]]:
    return [(PAGE, data_page(site, lang))]


def _fill_licence(site_dir: Path, config: dict[str, Any]) -> None:
    """Put the licence from site_config.yml into the built data pages (pages() has no config)."""
    licence = config.get("licence") or {}
    for lang, page in (
        ("ja", site_dir / "data/index.html"),
        ("en", site_dir / "en/data/index.html"),
    ):
        if not page.exists():
            continue
        text = str(licence.get(lang) or licence.get("ja") or "")
        html = page.read_text(encoding="utf-8")
        if LICENCE_SLOT not in html:
            raise RuntimeError(f"licence slot missing in {page}")
        page.write_text(
            html.replace(LICENCE_SLOT, f"{LICENCE_SLOT}{esc(text)}", 1),
            encoding="utf-8",
            newline="",
        )
