"""Publishing: the open data validates against the published schema, feeds are dated from the
content, sitemap and robots.txt name the published address, and the Pages workflow has only
the steps it needs.  Uses the fixture corpus built for the sub-path /kohyo/ (``subpath_site``)."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import yaml
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from referencing import Registry, Resource

from generator.core.schema import schema_documents
from generator.model import FORMS
from generator.pages.data import CSV_FIELDS
from tests.subpath import Served

ROOT = Path(__file__).resolve().parent.parent
ATOM = "{http://www.w3.org/2005/Atom}"


def _schemas(site: Path) -> dict[str, Any]:
    return {
        p.name: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((site / "data/schema").glob("*.json"))
    }


def _record(path: Path) -> Any:
    """One assessment's published JSON (gzip-compressed, deterministic: no time stamp)."""
    raw = path.read_bytes()
    assert raw[:2] == b"\x1f\x8b" and raw[4:8] == b"\0\0\0\0", path  # gzip, mtime 0
    return json.loads(gzip.decompress(raw))


def _validator(site: Path, name: str) -> Draft202012Validator:
    schemas = _schemas(site)
    registry: Registry[Any] = Registry().with_resources(
        (n, Resource.from_contents(s)) for n, s in schemas.items()
    )
    return Draft202012Validator(schemas[name], registry=registry)


def test_published_schemas_are_the_generator_schemas(subpath_site: Served) -> None:
    site = subpath_site.site
    for name, text in schema_documents().items():
        assert (site / "data/schema" / name).read_text(encoding="utf-8") == text
    for schema in _schemas(site).values():
        Draft202012Validator.check_schema(schema)


def test_json_downloads_validate_against_the_published_schema(subpath_site: Served) -> None:
    site, linked = subpath_site.site, subpath_site.result.site
    assert linked is not None
    one = _validator(site, "assessment.schema.json")
    # one gzip-compressed file per assessment, nothing else (no uncompressed copy)
    files = sorted(p for p in (site / "data/assessments").rglob("*") if p.is_file())
    assert [
        f.relative_to(site / "data/assessments").as_posix().removesuffix(".json.gz") for f in files
    ] == sorted(linked.assessments)
    assert all(f.name.endswith(".json.gz") for f in files)
    for f in files:
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in one.iter_errors(_record(f))]
        assert errors == [], f.name
    bulk = json.loads(gzip.decompress((site / "data/assessments.json.gz").read_bytes()))
    assert list(_validator(site, "assessments.schema.json").iter_errors(bulk)) == []
    assert [a["id"] for a in bulk["assessments"]] == sorted(linked.assessments)
    # The validator is live: a document without its cover fails.
    broken = dict(_record(files[0]))
    broken.pop("cover", None)
    broken.pop("title", None)
    assert list(one.iter_errors(broken))


def test_json_reads_back_into_the_same_record_in_both_languages(subpath_site: Served) -> None:
    site, linked = subpath_site.site, subpath_site.result.site
    assert linked is not None
    bulk = {
        a["id"]: a
        for a in json.loads(gzip.decompress((site / "data/assessments.json.gz").read_bytes()))[
            "assessments"
        ]
    }
    english = 0
    for ident, ref in linked.assessments.items():
        data = _record(site / f"data/assessments/{ident}.json.gz")
        assert FORMS[data["form"]].model_validate(data) == ref.record
        assert bulk[ident]["record"] == data
        assert bulk[ident]["title"] == ref.title
        english += json.dumps(data, ensure_ascii=False).count('"en": "')
    assert english > 0  # English texts are in the data, not only Japanese


def test_csv_headline_figures(subpath_site: Served) -> None:
    raw = (subpath_site.site / "data/assessments.csv").read_bytes()
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == [name for name, _, _ in CSV_FIELDS]
    by_id = {r["id"]: r for r in rows}
    assert (
        sorted(by_id) == sorted(subpath_site.result.site.assessments)
        if subpath_site.result.site
        else False
    )
    focused = by_id["sample/juki-focused"]
    assert {
        k: focused[k]
        for k in (
            "form",
            "status",
            "published",
            "population",
            "files",
            "outsourcing_count",
            "outsourcing_items",
            "subcontracting_items",
            "provision_count",
            "serious_incident",
        )
    } == {
        "form": "重点項目評価書",
        "status": "公表",
        "published": "2026-01-19",
        "population": "10万人以上30万人未満",
        "files": "1",
        "outsourcing_count": "1",
        "outsourcing_items": "1",
        "subcontracting_items": "0",
        "provision_count": "1",
        "serious_incident": "発生なし",
    }
    ratings = sum(
        int(focused[k])
        for k in ("rating_special_effort", "rating_sufficient", "rating_issues_remain")
    )
    assert (
        focused["rating_special_effort"],
        focused["rating_sufficient"],
        focused["rating_issues_remain"],
    ) == ("1", "1", "1")
    assert ratings == 3
    assert by_id["sample/juki-summary"]["published"] == ""  # a summary has no 公表日


def _content_dates(subpath_site: Served) -> set[str]:
    dates = set()
    assert subpath_site.result.site is not None
    for ref in subpath_site.result.site.assessments.values():
        rec: Any = ref.record
        cover = getattr(rec, "cover", None)
        if cover is not None and cover.published is not None:
            dates.add(cover.published.date.isoformat())
        dates |= {
            c.date.date.isoformat() for c in getattr(rec, "changes", []) if c.date is not None
        }
    return dates


@pytest.mark.parametrize("lang,path", [("ja", "feed.xml"), ("en", "feed.en.xml")])
def test_feeds_are_dated_from_the_content(subpath_site: Served, lang: str, path: str) -> None:
    site, base = subpath_site.site, subpath_site.base
    root = ET.fromstring((site / path).read_bytes())
    assert (
        root.tag == f"{ATOM}feed" and root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    )
    entries = root.findall(f"{ATOM}entry")
    assert entries
    updated = [e.findtext(f"{ATOM}updated") or "" for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert root.findtext(f"{ATOM}updated") == updated[0]
    assert {u[:10] for u in updated} <= _content_dates(subpath_site)  # never the build date
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries)
    for e in entries:
        link = e.find(f"{ATOM}link")
        href = link.get("href", "") if link is not None else ""
        assert href.startswith(base + ("" if lang == "ja" else "en/") + "assessments/")
        assert (site / href.removeprefix(base) / "index.html").exists()
    self_link = [x.get("href") for x in root.findall(f"{ATOM}link") if x.get("rel") == "self"]
    assert self_link == [base + path]


def test_pages_link_their_feed_and_data(subpath_site: Served) -> None:
    site, base = subpath_site.site, subpath_site.base
    assert subpath_site.result.site is not None
    for ident in subpath_site.result.site.assessments:
        for lang, page in (("ja", f"assessments/{ident}/"), ("en", f"en/assessments/{ident}/")):
            html = (site / page / "index.html").read_text(encoding="utf-8")
            feed = 'feed.xml"' if lang == "ja" else 'feed.en.xml"'
            assert 'type="application/atom+xml"' in html and feed in html
            href = html.split('class="kh-data" href="', 1)[1].split('"', 1)[0]
            assert urljoin(base + page, href) == f"{base}data/assessments/{ident}.json.gz"
    licence = yaml.safe_load(
        (ROOT / "tests/fixtures/corpus/site_config.yml").read_text(encoding="utf-8")
    )["licence"]
    for lang, page in (("ja", "data/index.html"), ("en", "en/data/index.html")):
        html = (site / page).read_text(encoding="utf-8")
        assert licence[lang].replace("'", "&#x27;") in html
        assert all(f"<code>{name}</code>" in html for name, _, _ in CSV_FIELDS)


def test_pages_carry_no_inline_icons(subpath_site: Served) -> None:
    """The frame's icons come from the stylesheet (fetched once), not as SVG inlined into every
    page; Material's page configuration has no translations of its search, which is off."""
    site = subpath_site.site
    pages = [
        p for p in site.rglob("*.html") if not p.relative_to(site).parts[0].startswith("pagefind")
    ]
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<svg" not in html, page.relative_to(site)
        assert "search.result" not in html, page.relative_to(site)
    home = (site / "index.html").read_text(encoding="utf-8")
    css = (site / "assets/kohyo.css").read_text(encoding="utf-8")
    for icon in ("logo", "menu", "translate", "search", "top"):
        assert f"kh-icon--{icon}" in home and f".kh-icon--{icon} {{ --kh-icon: url(" in css, icon


def test_a_page_holds_each_glossary_definition_once(subpath_site: Served) -> None:
    """Each term marked on an assessment page has its definition once on the page; every mark,
    the later ones too, is described by it (aria-describedby names an element of the page)."""
    site = subpath_site.site
    pages = sorted((site / "assessments").glob("*/*/index.html"))
    pages += sorted((site / "en/assessments").glob("*/*/index.html"))
    later = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        marks = re.findall(
            r'<a class="kh-term-link" href="[^"#]*#([^"]+)" aria-describedby="([^"]+)"', html
        )
        defs = re.findall(r'<span class="kh-def" role="tooltip" id="([^"]+)"', html)
        assert len(defs) == len(set(defs)) == len({term for term, _ in marks}), page
        first = {}
        for term, ident in marks:
            assert ident == first.setdefault(term, ident) and ident in defs, (page, term)
        later += len(marks) - len(defs)
    assert later > 0  # terms marked again in later sections, without a second definition


def test_sitemap_and_robots(subpath_site: Served) -> None:
    site, base = subpath_site.site, subpath_site.base
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>" not in text  # MkDocs' build date is removed
    with gzip.open(site / "sitemap.xml.gz") as gz:
        assert gz.read().decode("utf-8") == text
    assert (site / "sitemap.xml.gz").read_bytes()[4:8] == b"\0\0\0\0"  # gzip mtime 0
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = {u.findtext(f"{ns}loc") for u in ET.fromstring(text).findall(f"{ns}url")}
    pages = {base + p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")}
    pages = {p.replace(base + "./", base) for p in pages}
    assert locs == pages
    assert (site / "robots.txt").read_text(
        encoding="utf-8"
    ) == f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n"


def _step_kind(step: dict[str, Any]) -> str:
    """`actions/checkout` for a `uses:` step, the first line of the command for a `run:` step."""
    if "uses" in step:
        return str(step["uses"]).split("@")[0]
    return str(step["run"]).strip().splitlines()[0]


def test_pages_workflow_checks_then_publishes_the_site() -> None:
    """The Pages workflow runs on main, lints and tests before it builds, builds with the
    project's own `make site`, publishes site/ and deploys only after the build job."""
    wf = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    assert wf[True]["push"] == {"branches": ["main"]}  # YAML 1.1 reads "on" as True
    build = wf["jobs"]["build"]["steps"]
    kinds = [_step_kind(s) for s in build]
    assert kinds[0] == "actions/checkout"
    order = [kinds.index(k) for k in ("make lint", "make test", "make site")]
    assert order == sorted(order), kinds
    upload = build[kinds.index("actions/upload-pages-artifact")]
    assert upload["with"]["path"] == "site"
    assert kinds.index("actions/upload-pages-artifact") > kinds.index("make site")
    deploy = wf["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_ci_script_lints_and_tests() -> None:
    """.ci/run (what CI runs on a clean clone) runs the linters and the whole suite."""
    lines = (ROOT / ".ci/run").read_text(encoding="utf-8").splitlines()
    assert lines.index("make lint") < lines.index("make test")
