"""The comparison page of 住民基本台帳に関する事務 (juki) against the content YAML.

The expected figures are counted here straight from the YAML files (plain dicts, not the
generator's model), so a mistake in generator/rendering/summary.py or generator/pages/compare.py shows.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from generator.pipeline import BuildResult

ROOT = Path(__file__).resolve().parent.parent
RATINGS = ("特に力を入れている", "十分である", "課題が残されている")
WAREKI = {"令和": 2018, "平成": 1988}


def _walk(node: Any, key: str = "") -> Any:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _walk(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v, key)
    else:
        yield key, node


def _iso(value: Any) -> str:
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    m = re.fullmatch(r"(令和|平成)(元|\d+)年(\d+)月(\d+)日", str(value))
    assert m, value
    year = WAREKI[m.group(1)] + (1 if m.group(2) == "元" else int(m.group(2)))
    return f"{year:04d}-{int(m.group(3)):02d}-{int(m.group(4)):02d}"


STATE_TEXT = {
    "空欄": "記載なし（空欄）",
    "未収録": "電子版に未収録",
    "判読不能": "原本から判読できず",
}


def _state(doc: dict[str, Any], *fields: str) -> str:
    """The state the source notes give a field (the most specific note covering it)."""
    best = ("", "空欄")
    for note in doc.get("source_notes") or []:
        f = note["field"]
        if note["state"] != "注記" and any(x == f or x.startswith(f + ".") for x in fields):
            best = max(best, (f, note["state"]), key=lambda b: len(b[0]))
    return best[1]


def expected(doc: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"form": doc["form"]}
    files = doc.get("files") or []
    if doc["form"] in ("全項目評価書", "重点項目評価書"):
        out["population"] = ((doc.get("basic_info") or {}).get("process") or {}).get("population")
        out["outsourced"] = sum(len((f.get("outsourcing") or {}).get("items") or []) for f in files)
        out["subcontracted"] = sum(
            1
            for f in files
            for i in (f.get("outsourcing") or {}).get("items") or []
            if (i.get("subcontract") or {}).get("status") == "再委託する"
        )
        out["recipients"] = sum(
            (f.get("disclosure") or {}).get("provides_count")
            or len((f.get("disclosure") or {}).get("recipients") or [])
            for f in files
        )
        out["transferees"] = sum(
            (f.get("disclosure") or {}).get("transfers_count")
            or len((f.get("disclosure") or {}).get("transferees") or [])
            for f in files
        )
        ratings = [v for f in files for k, v in _walk(f.get("risks") or {}) if k == "rating"]
        out["ratings"] = [ratings.count(r) for r in RATINGS]
        incidents = [
            v for f in files for k, v in _walk(f.get("risks") or {}) if k == "serious_incident"
        ]
        out["incident"] = (
            ("発生あり" if "発生あり" in incidents else "発生なし") if incidents else None
        )
        unknown = [
            _state(doc, f"files[{i}].risks.storage.risk.serious_incident")
            for i, f in enumerate(files)
            if not [v for k, v in _walk(f.get("risks") or {}) if k == "serious_incident" and v]
        ]
        if out["incident"] != "発生あり" and any(u != "空欄" for u in unknown):
            out["incident"] = STATE_TEXT[next(u for u in unknown if u != "空欄")]
        if not out["population"]:
            out["population"] = STATE_TEXT[_state(doc, "basic_info.process.population")]
    elif doc["form"] == "基礎項目評価書":
        th = doc.get("threshold") or {}
        out["population"], out["handlers"] = th.get("population"), th.get("handlers")
        out["incident"] = th.get("serious_incident")
    if doc["form"] == "概要":  # a summary has none of these figures
        out["population"] = out["incident"] = "様式にない項目"
    published = (doc.get("cover") or {}).get("published")
    if doc.get("status") == "案":  # a draft has no publication date of its own
        published = None
    out["published"] = _iso(published) if published else None
    if out["published"]:
        y, m, d = out["published"].split("-")
        out["due"] = f"{int(y) + 5:04d}-{m}-{d}"
    return out


def _rows(html: str) -> dict[str, list[tuple[str, str]]]:
    table = re.search(r'<table class="kh-data kh-compare".*?</table>', html, re.S)
    assert table, "no comparison table"
    rows = {}
    for m in re.finditer(r'<tr data-kh-assessment="([^"]+)">(.*?)</tr>', table.group(0), re.S):
        cells = re.findall(r'<t[hd][^>]*data-sort="([^"]*)"[^>]*>(.*?)</t[hd]>', m.group(2), re.S)
        rows[m.group(1)] = [(k, re.sub(r"<[^>]+>", "", v).strip()) for k, v in cells]
    return rows


def test_juki_comparison_lists_every_municipality_with_the_right_figures(
    real_site: tuple[Path, BuildResult],
) -> None:
    root, _ = real_site
    html = (root / "site" / "compare" / "juki" / "index.html").read_text(encoding="utf-8")
    rows = _rows(html)
    docs = {}
    for path in sorted((root / "content" / "assessments").glob("*/*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if doc.get("process") == "juki":
            docs[f"{path.parent.name}/{path.stem}"] = doc
    munis = {d["municipality"] for d in docs.values()}
    assert munis == {
        m.stem
        for m in (root / "content" / "municipalities").glob("*.yaml")
        if any(d["municipality"] == m.stem for d in docs.values())
    }
    assert sorted(rows) == sorted(docs), "every juki assessment has exactly one row"
    for ident, doc in docs.items():
        exp = expected(doc)
        cells = rows[ident]
        text = [c[1] for c in cells]
        sort = [c[0] for c in cells]
        name = yaml.safe_load(
            (root / "content" / "municipalities" / f"{doc['municipality']}.yaml").read_text(
                encoding="utf-8"
            )
        )["name"]["ja"]
        assert text[0] == name, ident
        assert text[1] == exp["form"], ident
        assert text[2] == (exp.get("population") or "記載なし（空欄）"), ident
        if exp.get("handlers"):
            assert text[3] == exp["handlers"], ident
        for col, key in (
            (4, "outsourced"),
            (5, "subcontracted"),
            (6, "recipients"),
            (7, "transferees"),
        ):
            if key in exp:
                assert sort[col] == str(exp[key]), (ident, key, cells[col], exp[key])
        if "ratings" in exp:
            assert [int(s) for s in sort[8:11]] == exp["ratings"], (
                ident,
                sort[8:11],
                exp["ratings"],
            )
        assert text[11] == (exp.get("incident") or "記載なし（空欄）"), ident
        assert sort[12] == (exp["published"] or ""), ident
        assert sort[13] == (exp.get("due") or ""), ident
    # the English page has the same rows and figures
    en = _rows(
        (root / "site" / "en" / "compare" / "juki" / "index.html").read_text(encoding="utf-8")
    )
    assert {k: [c[0] for c in v] for k, v in en.items()} == {
        k: [c[0] for c in v] for k, v in rows.items()
    }
