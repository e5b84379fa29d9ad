"""build/mkdocs.yml: MkDocs, Material and the language plugin configured from the project's
settings (site_config.yml), with the navigation the page plugins add and the site's footer.

The footer's date is the newest publication date in the content, never the clock, so the same
content gives the same site.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

from generator.core.textfmt import esc
from generator.linking.link import Site
from generator.model.base import DateValue
from generator.output.listing import LANGS
from generator.rendering.facts import publication_date


def extra_nav(plugins: Sequence[ModuleType]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for plugin in plugins:
        if hasattr(plugin, "nav"):
            out.extend({title: path} for title, path in plugin.nav("ja"))
    return out


def nav_translations(plugins: Sequence[ModuleType]) -> dict[str, str]:
    table = {
        "ホーム": "Home",
        "地方公共団体": "Municipalities",
        "事務": "Processes",
        "評価書": "Assessments",
    }
    for plugin in plugins:
        if hasattr(plugin, "nav"):
            for (ja, _), (en, _) in zip(plugin.nav("ja"), plugin.nav("en"), strict=True):
                table[ja] = en
    return table


# The site's footer (theme/main.html), in each language; the rest comes from site_config.yml.
FOOTER = {
    "ja": {
        "description": "全国の地方公共団体が公表する特定個人情報保護評価書（マイナンバーを扱う事務のプライバシー影響評価）を、"
        "読みやすく比べやすいウェブページにしたものです。",
        "separator": "｜",
        "operator_label": "運営",
        "disclaimer": "このサイトは非公式です。地方公共団体や個人情報保護委員会が運営するものではありません。"
        "評価書の原本が正本です。内容の誤りに気づいたときは原本でご確認ください。",
        "contact": "ご自身の情報の開示請求や評価書の内容についての問い合わせは、各評価書の「開示請求、問合せ」に"
        "載っている地方公共団体の窓口へ。",
        "feedback_label": "このサイトへのご意見・誤りの報告",
        "licence_label": "データの利用条件",
        "data_label": "公開データについて",
        "updated_label": "掲載している評価書の最新の公表日",
    },
    "en": {
        "description": "The Specific Personal Information Protection Assessments (privacy impact assessments "
        "of work that uses My Number data) that municipalities publish, as readable and comparable web pages.",
        "separator": " | ",
        "operator_label": "Run by",
        "disclaimer": "This site is unofficial: it is not run by the municipalities or by the Personal "
        "Information Protection Commission. The original Japanese reports are authoritative, and the English is "
        "an unofficial translation.",
        "contact": "To see your own data or ask about an assessment, contact the municipality's office named "
        "under \u201cDisclosure requests and enquiries\u201d in the assessment.",
        "feedback_label": "Comments on this site and reports of mistakes",
        "licence_label": "Terms of use of the data",
        "data_label": "About the open data",
        "updated_label": "Newest publication date of the assessments shown",
    },
}


def content_updated(site: Site) -> DateValue | None:
    """The newest publication date of the assessments on the site (from the content, never the
    clock, so that the same content gives the same site)."""
    dates = [
        d for a in site.assessments.values() if (d := publication_date(a.record)) and not d.planned
    ]
    return max(dates, key=lambda d: d.iso) if dates else None


def footer(config: dict[str, Any], updated: DateValue | None) -> dict[str, dict[str, str]]:
    out = {}
    for lang in LANGS:
        words = dict(FOOTER[lang])
        words["operator"] = str((config.get("operator") or {}).get(lang) or "")
        words["licence"] = str((config.get("licence") or {}).get(lang) or "")
        words["feedback_url"] = str(config.get("feedback_url") or "")
        words["site_name"] = str((config.get("site_name") or {}).get(lang) or "kohyo")
        if updated is not None:
            words["updated"], words["updated_iso"] = updated.render(lang), updated.iso
        out[lang] = words
    return out


def mkdocs_config(
    config: dict[str, Any],
    build: Path,
    theme_dir: Path,
    site_dir: Path,
    plugins: Sequence[ModuleType],
    partial: bool = False,
    updated: DateValue | None = None,
) -> Path:
    """Write build/mkdocs.yml from site_config.yml settings (``partial``: a preview's side build
    of a few pages, which skips the site-wide templates such as the sitemap)."""
    site_url = config.get("site_url") or None
    # The site name is HTML to MkDocs and Material (printed unescaped): handed over escaped.
    cfg: dict[str, Any] = {
        "site_name": esc(config.get("site_name", {}).get("ja", "kohyo")),
        "site_url": site_url,
        "docs_dir": "docs",
        "site_dir": str(site_dir),
        "use_directory_urls": True,
        "strict": True,
        "theme": {
            "name": "material",
            "language": "ja",
            "custom_dir": str(theme_dir),
            "font": False,
            "features": ["navigation.prune", "navigation.top", "toc.follow"],
            "palette": {"scheme": "default", "primary": "custom", "accent": "custom"},
        },
        "extra_css": ["assets/kohyo.css"],
        "extra_javascript": [{"path": "assets/kohyo.js", "defer": True}],
        "extra": {"kohyo": footer(config, updated)},
        "hooks": [str(Path(__file__).with_name(f)) for f in ("mkdocs_hooks.py", "cache_hooks.py")],
        "markdown_extensions": [
            "attr_list",
            "tables",
            # the headings' "¶" links are added in the browser (assets/kohyo.js): written into
            # every heading they were 3.5 % of the assessment pages' bytes
            {"toc": {"toc_depth": 3}},
        ],
        "plugins": [
            {
                "i18n": {
                    "docs_structure": "folder",
                    "reconfigure_material": True,
                    "reconfigure_search": False,
                    "languages": [
                        {
                            "locale": "ja",
                            "default": True,
                            "name": "日本語",
                            "build": True,
                            "site_name": esc(config.get("site_name", {}).get("ja", "kohyo")),
                        },
                        {
                            "locale": "en",
                            "name": "English",
                            "build": True,
                            "site_name": esc(config.get("site_name", {}).get("en", "kohyo")),
                            "nav_translations": nav_translations(plugins),
                        },
                    ],
                }
            }
        ],
        "nav": [
            {"ホーム": "index.md"},
            {"地方公共団体": "municipalities/index.md"},
            {"事務": "processes/index.md"},
            {"評価書": "assessments/index.md"},
            *extra_nav(plugins),
        ],
        "not_in_nav": "\n".join(
            [
                "/assessments/*/",
                "/municipalities/*.md",
                "/processes/*.md",
                "/council/",
                "/assessments/*/*.md",
                "/assessments/*/*/*.md",
            ]
        ),
        "validation": {
            "nav": {"omitted_files": "ignore", "not_found": "warn"},
            "links": {"not_found": "warn", "anchors": "warn", "unrecognized_links": "warn"},
        },
    }
    if config.get("copyright"):
        cfg["copyright"] = esc(str(config["copyright"]))  # HTML to Material, as the site name
    if partial:
        cfg["extra"]["kohyo_partial"] = True
    path = build / "mkdocs.yml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def dump_json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=1)
