"""Stage 4, render: typed records -> page Markdown, once per language.

The form is rendered by walking the model: every field, in the printed order, with its printed
number and label (Japanese) or its English label.  The walk produces blocks (headings, label /
value tables, data tables); Jinja2 templates (StrictUndefined) lay the blocks out as Markdown.
All content text passes through ``generator.core.textfmt``; no content becomes raw HTML.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from generator.core.fieldstate import (
    UNREADABLE,
    is_empty,
)
from generator.core.fieldstate import (
    Path as FieldPath,
)
from generator.core.textfmt import (
    esc,
    md_inline,
    one_line,
)
from generator.core.vocab import listing, t
from generator.model.base import Display, Text
from generator.rendering.blocks import (
    KV,
    Block,
    Ctx,
    Heading,
    Html,
    Table,
    field_extra,
    field_label,
    is_record,
    label_html,
    model_type,
    value_html,
)

# ---------------------------------------------------------------------------------------------
# The generic walk
# ---------------------------------------------------------------------------------------------


class Walker:
    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        self.blocks: list[Block] = []
        self.anchors: set[str] = set()

    def anchor(self, base: str) -> str:
        # an anchor may come from content (a task number): only word characters and hyphens
        a = re.sub(r"[^\w-]+", "-", base.replace("_", "-").lower())
        n, cand = 1, a
        while cand in self.anchors:
            n += 1
            cand = f"{a}-{n}"
        self.anchors.add(cand)
        return cand

    def heading(
        self, level: int, text: str, anchor: str, name: Text | None = None, toc: str = ""
    ) -> None:
        """A heading: ``text`` is plain (escaped here); ``name`` is content appended after it.

        On English pages an untranslated ``name`` is marked ``lang="ja"`` and the table of
        contents shows ``text`` (or ``toc``) alone, so that it stays in one language.
        """
        md = md_inline(text)
        toc_label = ""
        if name is not None:
            md = f"{md} {self.ctx.heading_text(name)}".strip()
            if not self.ctx.is_translated(name):
                toc_label = (toc or text).rstrip(":").strip() or "(Japanese title)"
        heading = Heading(min(level, 6), md, self.anchor(anchor), toc_label)
        self.blocks.append(heading)
        self.ctx.section = heading.anchor

    def kv(self, rows: list[tuple[str, str]]) -> None:
        if rows:
            self.blocks.append(KV(tuple(rows)))

    def empty_group(self, path: FieldPath | None = None) -> None:
        """A group or list the content leaves out, said for what it is."""
        html = self.ctx.empty_at(path) if path is not None else self.ctx.empty()
        self.blocks.append(Html(f"<p>{html}</p>"))

    def row(self, finfo: Any, value: Any, dpath: FieldPath) -> tuple[str, str]:
        """(label, value) of one field; a printed checkbox is said as the statement chosen."""
        lang = self.ctx.lang
        if self.ctx.draft and dpath == ("cover", "published"):
            return label_html(finfo, lang), esc(t("draft_no_date", lang))
        said = STATEMENTS.get(str(field_extra(finfo).get("label_ja", "")))
        if said is not None and (value is None or isinstance(value, bool)):
            topic, on, off = said
            num = str(field_extra(finfo).get("num", ""))
            label = esc(f"{num} {topic[lang]}".strip() if lang == "ja" else topic[lang])
            if value is None:
                return label, self.ctx.empty_at(dpath)
            return label, esc((on if value else off)[lang])
        return label_html(finfo, lang), value_html(value, self.ctx, dpath)

    def model(
        self,
        rec: BaseModel,
        level: int,
        path: str,
        skip: Iterable[str] = (),
        dpath: FieldPath = (),
    ) -> None:
        rows: list[tuple[str, str]] = []
        fields = type(rec).model_fields
        for name, finfo in fields.items():
            if name in skip:
                continue
            value = getattr(rec, name)
            display: Display = field_extra(finfo).get("display", "")
            sub_path = f"{path}-{name}" if path else name
            if display == "if_set" and value is None:
                continue  # a note the form does not print as an item: no 記載なし row
            sub = (*dpath, name)
            if display == "items":
                self.kv(rows)
                rows = []
                self.items(value, finfo, level, sub_path, sub)
            elif display == "systems":
                self.kv(rows)
                rows = []
                self.systems(value, finfo, level, sub_path, sub)
            elif display == "record_items":
                continue
            elif is_record(value) or (value is None and model_type(finfo.annotation) is not None):
                self.kv(rows)
                rows = []
                self.heading(level, field_label(finfo, self.ctx.lang), sub_path)
                if value is None:
                    self.empty_model(model_type(finfo.annotation), level + 1, sub_path, sub)
                else:
                    self.model(value, level + 1, sub_path, dpath=sub)
            elif isinstance(value, list) and value and is_record(value[0]):
                self.kv(rows)
                rows = []
                self.heading(level, field_label(finfo, self.ctx.lang), sub_path)
                for i, item in enumerate(value, 1):
                    self.heading(
                        level + 1,
                        f"{field_label(finfo, self.ctx.lang, False)} {i}",
                        f"{sub_path}-{i}",
                    )
                    self.model(item, level + 2, f"{sub_path}-{i}", dpath=(*sub, i - 1))
            else:
                rows.append(self.row(finfo, value, sub))
        self.kv(rows)

    def empty_model(
        self, model: type[BaseModel] | None, level: int, path: str, dpath: FieldPath = ()
    ) -> None:
        """A group the content leaves out: every item of the form, each with its state."""
        if model is None:
            self.empty_group(dpath)
            return
        rows: list[tuple[str, str]] = []
        for name, finfo in model.model_fields.items():
            if field_extra(finfo).get("display") == "if_set":
                continue
            sub = model_type(finfo.annotation)
            if sub is not None and typing.get_origin(finfo.annotation) is not list:
                self.kv(rows)
                rows = []
                self.heading(level, field_label(finfo, self.ctx.lang), f"{path}-{name}")
                self.empty_model(sub, level + 1, f"{path}-{name}", (*dpath, name))
            else:
                rows.append(self.row(finfo, None, (*dpath, name)))
        self.kv(rows)

    def systems(
        self, systems: list[Any], finfo: Any, level: int, path: str, dpath: FieldPath = ()
    ) -> None:
        lang = self.ctx.lang
        self.heading(level, field_label(finfo, lang), path)
        if not systems:
            self.empty_group(dpath)
            return
        for i, system in enumerate(systems, 1):
            word = t("system", lang)
            self.heading(
                level + 1,
                t("render.numbered", lang, word=word, i=i),
                f"{path}-{i}",
                system.name,
            )
            self.model(system, level + 2, f"{path}-{i}", dpath=(*dpath, i - 1))

    def items(
        self, items: list[Any], finfo: Any, level: int, path: str, dpath: FieldPath = ()
    ) -> None:
        """委託事項 / 提供先 / 移転先: a summary table, then each entry in full."""
        lang, ctx = self.ctx.lang, self.ctx
        label = field_label(finfo, lang, False)
        if not items:
            self.blocks.append(KV(((esc(label), ctx.empty_at(dpath)),)))
            return
        first = items[0]
        cols: list[tuple[str, str]] = []
        if hasattr(first, "title"):
            cols = [
                ("title", t("entrusted_work", lang)),
                ("contractor", t("contractor", lang)),
                ("handlers", t("handlers", lang)),
            ]
        else:
            cols = [
                ("name", label),
                ("legal_basis", t("legal_basis", lang)),
                ("method", t("method", lang)),
                ("timing", t("timing", lang)),
            ]
        rows: list[tuple[str, ...]] = []
        for i, item in enumerate(items, 1):
            cells = [f'<a href="#{esc(path.replace("_", "-").lower())}-{i}">{i}</a>']
            here = (*dpath, i - 1)
            for key, _ in cols:
                v = getattr(item, key)
                if is_empty(v) or (isinstance(v, dict) and not any(c.checked for c in v.values())):
                    if isinstance(v, dict) and any(c.checked is None for c in v.values()):
                        cells.append(ctx.empty_at((*here, key), UNREADABLE))
                    else:
                        cells.append(ctx.empty_at((*here, key)))
                elif key == "legal_basis" and isinstance(v, Text):
                    cells.append(ctx.linked_inline(v))
                elif isinstance(v, Text):
                    cells.append(
                        esc(one_line(ctx.plain(v), 80))
                        if ctx.is_translated(v)
                        else f'<span lang="ja">{esc(one_line(v.ja, 80))}</span>'
                    )
                elif isinstance(v, dict):
                    on = [ctx.choice(k) for k, c in v.items() if c.checked]
                    cells.append(listing(on, lang))
                else:
                    cells.append(value_html(v, ctx, (*here, key)))
            if hasattr(item, "subcontract"):
                sub = item.subcontract
                cells.append(value_html(sub.status if sub else None, ctx, (*here, "subcontract")))
            rows.append(tuple(cells))
        headers = [t("item_no", lang), *[h for _, h in cols]]
        if hasattr(first, "subcontract"):
            headers.append(t("subcontract", lang))
        self.blocks.append(
            Table(
                esc(
                    f"{label}（{t('summary_of', lang)}）"
                    if lang == "ja"
                    else f"{label}: {t('summary_of', lang)}"
                ),
                tuple(headers),
                tuple(rows),
                "kh-summary",
            )
        )
        for i, item in enumerate(items, 1):
            name = getattr(item, "title", None) or getattr(item, "name", None)
            heading = t("render.numbered", lang, word=label, i=i)
            self.heading(level, heading, f"{path}-{i}", name)
            self.model(item, level + 1, f"{path}-{i}", dpath=(*dpath, i - 1))


# A printed checkbox kept as a boolean ("[ ] 委託しない"): the row says the statement chosen,
# under the topic of the box: (topic, statement when ticked, statement when not ticked).
_S = dict[str, str]
STATEMENTS: dict[str, tuple[_S, _S, _S]] = {
    "委託しない": (
        {"ja": "委託の有無", "en": "Entrustment"},
        {"ja": "委託しない", "en": "No work is entrusted"},
        {"ja": "委託する", "en": "Work is entrusted"},
    ),
    "提供・移転しない": (
        {"ja": "提供・移転の有無", "en": "Provision and transfer"},
        {"ja": "提供・移転しない", "en": "No provision or transfer"},
        {"ja": "提供・移転する", "en": "Data is provided or transferred"},
    ),
    "接続しない（入手）": (
        {
            "ja": "情報提供ネットワークシステムとの接続（入手）",
            "en": "Connection to the Information Providing Network System (obtaining data)",
        },
        {"ja": "接続しない（入手）", "en": "Not connected for obtaining data"},
        {"ja": "接続する（入手）", "en": "Connected for obtaining data"},
    ),
    "接続しない（提供）": (
        {
            "ja": "情報提供ネットワークシステムとの接続（提供）",
            "en": "Connection to the Information Providing Network System (providing data)",
        },
        {"ja": "接続しない（提供）", "en": "Not connected for providing data"},
        {"ja": "接続する（提供）", "en": "Connected for providing data"},
    ),
    "提供を行っている": (
        {"ja": "提供", "en": "Provision to other bodies"},
        {"ja": "提供を行っている", "en": "Data is provided"},
        {"ja": "提供を行っていない", "en": "No data is provided"},
    ),
    "移転を行っている": (
        {"ja": "移転", "en": "Transfer within the body"},
        {"ja": "移転を行っている", "en": "Data is transferred"},
        {"ja": "移転を行っていない", "en": "No data is transferred"},
    ),
    "行っていない": (
        {"ja": "提供・移転の有無", "en": "Provision or transfer"},
        {"ja": "提供・移転を行っていない", "en": "Neither provision nor transfer"},
        {"ja": "提供または移転を行っている", "en": "Data is provided or transferred"},
    ),
}
