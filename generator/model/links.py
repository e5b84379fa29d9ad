"""Cross-link registries (laws, systems, contractors, recipient types, file types) and
structured legal references.

The registries live in content/registries/*.yaml; every entry has an id (used in URLs), a
bilingual name and the other spellings the assessments use (aliases), so that e.g. 住基ネット
and 住民基本台帳ネットワークシステム land on one page.

A legal reference (``LegalRef``) names a provision of a law: an article with its 枝番
(第30条の6), paragraph and item (第7条第8号の2), or a table and its row (別表第二 85の2,
主務省令第2条の表 75).  Rows and items are strings because they carry 枝番.  A table row belongs
to a numbering regime: row 18 of the old 別表第二 and row 18 of the 2024 主務省令 table are
different provisions, so the regime is part of the key.
"""

from __future__ import annotations

import functools
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from generator.model.base import DateIn, Doc, TextIn, field

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"

LawKind = Literal["法律", "政令", "府省令", "規則", "告示", "指針", "条例", "その他"]


class Renumbered(Doc):
    """One provision whose number or name changed: as written before, and what it became."""

    old: str = field(
        "改正前の条項", "Provision before", "例: 第19条第7号、別表第二、別表第一。", required=True
    )
    new: str | None = field(
        "改正後の条項",
        "Provision after",
        "例: 第19条第8号、別表。削除されたときは書きません。",
    )
    successor_law: str | None = field(
        "引き継いだ法令",
        "Successor law",
        "削除された条項の内容を引き継いだ法令のID（例: 別表第二 → 主務省令）。",
    )
    successor: str | None = field(
        "引き継いだ条項", "Successor provision", "successor_law の条項（例: 第2条の表）。"
    )
    note: TextIn | None = field("注記", "Note")


class Renumbering(Doc):
    """An amendment that renumbered, renamed or deleted provisions of a law, from a date on.

    A citation in a text dated before ``in_force`` that names an ``old`` provision means the
    provision as it then stood, not today's provision of that number."""

    id: str = Field(
        ...,
        pattern=ID_PATTERN,
        title="ID",
        description="URLの末尾に使います（例: 2021-09 → a19-i7-before-2021-09）。",
    )
    in_force: DateIn | None = field(
        "施行日", "In force from", "新しい番号が使われ始めた日。分からないときは書きません。"
    )
    until_label: TextIn = field(
        "旧番号の時期",
        "Period of the old numbering",
        "旧番号のページに表示します（例: 令和3年9月1日より前）。",
        required=True,
    )
    by: str = field("改正法令", "Amending act", "例: 令和3年法律第37号", required=True)
    confirmed: bool = field(
        "確認済み",
        "Confirmed",
        "施行日と対応表を官報・e-Gov で確かめたときだけ true にします。",
        default=False,
    )
    note: TextIn | None = field("注記", "Note")
    map: list[Renumbered] = field("条項の対応", "Provisions", default=[])


class DatedPhrase(Doc):
    """A standard sentence copied from an older template: its citations keep the numbering of
    the template's time, whatever the date of the text they stand in."""

    text: str = field("文", "Sentence", "評価書に書かれているとおりの文（の一部）。", required=True)
    before: str = field(
        "旧番号の改正",
        "Renumbering",
        "どの改正より前の番号か（renumberings の id）。",
        required=True,
    )
    note: TextIn | None = field("注記", "Note")


class Law(Doc):
    """A law, order, rule, notice or ordinance that the assessments cite."""

    id: str = Field(
        ...,
        pattern=ID_PATTERN,
        title="ID",
        description="英小文字・数字・ハイフン（URLに使います）。",
    )
    name: TextIn = field("法令名", "Title", "正式な題名（日本語）と英語の題名。", required=True)
    short: TextIn | None = field(
        "略称", "Short title", "ページ見出しに使う短い名前（例: 番号法 / My Number Act）。"
    )
    kind: LawKind = field("種別", "Kind", default="法律")
    number: str | None = field("法令番号", "Law number", "例: 平成25年法律第27号")
    aliases: list[str] = field(
        "別名・略称", "Aliases", "評価書で使われる別の書き方（略称・旧題名・誤記）。", default=[]
    )
    municipality: str | None = field(
        "団体", "Municipality", "条例など、ある団体の評価書の中でだけ通じる名前のときの団体ID。"
    )
    egov_id: str | None = field(
        "e-Gov法令ID", "e-Gov law ID", "例: 425AC0000000027", pattern=r"^[0-9A-Za-z]{15}$"
    )
    egov_checked: bool = field(
        "e-Gov法令IDを確認済み",
        "e-Gov law ID checked",
        "法令番号から導いただけのIDは false にします。",
        default=True,
    )
    url: str | None = field(
        "URL", "URL", "e-Gov にない法令（条例・告示など）の掲載ページ。", pattern=r"^https?://"
    )
    jlt_id: int | None = field(
        "日本法令外国語訳ID", "JLT ID", "japaneselawtranslation.go.jp の法令ID。"
    )
    note: TextIn | None = field("注記", "Note")
    name_confirmed: bool = field(
        "題名を確認済み",
        "Title confirmed",
        "題名を公式の資料（法令番号・e-Gov・例規集）で確かめていないときは false にします。",
        default=True,
    )
    renumberings: list[Renumbering] = field(
        "条項番号の改正", "Renumberings", "条項の番号・名前が変わった改正（古い順）。", default=[]
    )
    dated_phrases: list[DatedPhrase] = field(
        "旧番号のままの定型文", "Standard sentences in an older numbering", default=[]
    )


class LawRegistry(Doc):
    laws: list[Law] = field("法令", "Laws", default=[])


class Entity(Doc):
    """A system, contractor, recipient type or file type: a name and its other spellings."""

    id: str = Field(
        ...,
        pattern=ID_PATTERN,
        title="ID",
        description="英小文字・数字・ハイフン（URLに使います）。",
    )
    name: TextIn = field("名称", "Name", required=True)
    aliases: list[str] = field("別名", "Aliases", "評価書で使われる別の書き方。", default=[])
    description: TextIn | None = field("説明", "Description")


class SystemRegistry(Doc):
    systems: list[Entity] = field("システム", "Systems", default=[])


class ContractorRegistry(Doc):
    contractors: list[Entity] = field("委託先", "Contractors", default=[])


class RecipientRegistry(Doc):
    recipients: list[Entity] = field("提供先・移転先の種類", "Recipient types", default=[])


class FileTypeRegistry(Doc):
    filetypes: list[Entity] = field("特定個人情報ファイルの種類", "File types", default=[])


REGISTRIES: dict[str, type[Doc]] = {
    "laws.yaml": LawRegistry,
    "systems.yaml": SystemRegistry,
    "contractors.yaml": ContractorRegistry,
    "recipients.yaml": RecipientRegistry,
    "filetypes.yaml": FileTypeRegistry,
}


# ---------------------------------------------------------------------------------------------
# Structured legal references
# ---------------------------------------------------------------------------------------------

_ROMAN = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
]


def roman_lower(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _branch_en(num: str) -> str:
    """'30の6' -> '30-6'."""
    return "-".join(num.split("の"))


def _item_en(num: str) -> str:
    """'8' -> '(viii)', '8の2' -> '(viii)-2' (JLT style)."""
    head, *rest = num.split("の")
    base = f"({roman_lower(int(head))})" if head.isdigit() else f"({head})"
    return base + "".join(f"-{r}" for r in rest)


class LegalRef(BaseModel):
    """One provision: an article (with paragraph and item) or a table row, of one law."""

    model_config = ConfigDict(frozen=True)

    law: str  # Law.id
    article: str | None = None  # "19", "30の6"
    paragraph: str | None = None  # "1"
    item: str | None = None  # "8", "8の2"
    suppl: bool = False  # 附則
    table: str | None = None  # "別表第一", "別表第二", "第2条の表"
    row: str | None = None  # "85の2"
    regime: str | None = None  # the Renumbering id the citation predates (old numbering), or None

    @property
    def is_law(self) -> bool:
        return self.article is None and self.table is None

    def slug(self) -> str:
        """The page name below the law's folder, e.g. a19-i8, a30-6, t2-r85-2, s-a7."""
        if self.is_law:
            return ""
        parts: list[str] = []
        if self.suppl:
            parts.append("s")
        if self.article is not None:
            parts.append("a" + self.article.replace("の", "-"))
        if self.paragraph is not None:
            parts.append("p" + self.paragraph)
        if self.item is not None:
            parts.append("i" + self.item.replace("の", "-"))
        if self.table is not None:
            parts.append("t" + _table_slug(self.table))
        if self.row is not None:
            parts.append("r" + self.row.replace("の", "-"))
        if self.regime is not None:
            parts.append("before-" + self.regime)
        return "-".join(parts)

    def sort_key(self) -> tuple[object, ...]:
        def num(s: str | None) -> tuple[int, ...]:
            if s is None:
                return (-1,)
            return tuple(int(x) if x.isdigit() else 0 for x in s.split("の"))

        return (
            self.suppl,
            self.table is not None,
            self.table or "",
            num(self.article),
            num(self.paragraph),
            num(self.item),
            num(self.row),
            self.regime or "",
        )

    def label_ja(self) -> str:
        """The provision as written in Japanese, without the law: 第19条第8号, 別表第二 85の2の項."""
        out = ""
        if self.suppl:
            out += "附則"
        if self.article is not None:
            head, *rest = self.article.split("の")
            out += f"第{head}条" + "".join(f"の{r}" for r in rest)
        if self.paragraph is not None:
            out += f"第{self.paragraph}項"
        if self.item is not None:
            head, *rest = self.item.split("の")
            out += f"第{head}号" + "".join(f"の{r}" for r in rest)
        if self.table is not None:
            out += self.table
            if self.row is not None:
                out += f" {self.row}の項"
        return out

    def label_en(self) -> str:
        """JLT style: Article 19, item (viii); Article 30-6; Appended Table 2, row 85-2."""
        parts: list[str] = []
        if self.article is not None:
            parts.append(f"Article {_branch_en(self.article)}")
        if self.paragraph is not None:
            parts.append(f"paragraph ({self.paragraph})")
        if self.item is not None:
            parts.append(f"item {_item_en(self.item)}")
        if self.table is not None:
            parts.append(_table_en(self.table))
            if self.row is not None:
                parts.append(f"row {_branch_en(self.row)}")
        out = ", ".join(parts)
        if self.suppl:
            out = f"{out} of the Supplementary Provisions"
        return out

    def egov_anchor(self) -> str:
        """The e-Gov article anchor (#Mp-At_19-Pr_1-It_8); '' for tables and 附則."""
        if self.article is None or self.suppl:
            return ""
        out = "Mp-At_" + self.article.replace("の", "_")
        if self.paragraph is not None or self.item is not None:
            out += f"-Pr_{self.paragraph or '1'}"
        if self.item is not None:
            out += "-It_" + self.item.replace("の", "_")
        return out


_TABLE_SLUG = {"別表第一": "1", "別表第二": "2", "別表第三": "3", "別表第四": "4"}


def _table_slug(table: str) -> str:
    if table == "別表":
        return ""
    if table in _TABLE_SLUG:
        return _TABLE_SLUG[table]
    m = table.replace("第", "").replace("条の表", "")
    return "a" + m.replace("の", "-") if m.isdigit() or "-" in m else "x"


def _table_en(table: str) -> str:
    if table == "別表":
        return "Appended Table"
    if table.startswith("別表"):
        return f"Appended Table {_TABLE_SLUG.get(table, '?')}"
    if table.endswith("条の表"):
        return f"table of Article {_branch_en(table[1:-3])}"
    return table


_PROVISION = re.compile(
    r"^(?:第(?P<art>\d+)条(?P<artb>(?:の\d+)*)(?:第(?P<para>\d+)項)?"
    r"(?:第(?P<item>\d+)号(?P<itemb>(?:の\d+)*))?|(?P<table>別表(?:第[一二三四])?|第\d+条の表))$"
)


@functools.lru_cache(maxsize=8192)
def parse_provision(law: str, label: str) -> LegalRef | None:
    """'第19条第7号' -> LegalRef(article='19', item='7'); '別表第二' -> LegalRef(table='別表第二').
    Remembered: the renumbering tables are parsed for every citation checked against them, and
    a ``LegalRef`` is frozen."""
    m = _PROVISION.match(label.strip())
    if m is None:
        return None
    if m.group("table"):
        return LegalRef(law=law, table=m.group("table"))
    return LegalRef(
        law=law,
        article=m.group("art") + (m.group("artb") or ""),
        paragraph=m.group("para"),
        item=(m.group("item") + (m.group("itemb") or "")) if m.group("item") else None,
    )


def provision_matches(entry: LegalRef, ref: LegalRef) -> bool:
    """Whether ``ref`` is the provision ``entry`` names (a table entry covers all its rows)."""
    if ref.law != entry.law or ref.suppl:
        return False
    if entry.table is not None:
        return ref.table == entry.table
    return (
        ref.table is None
        and ref.article == entry.article
        and (entry.paragraph is None or ref.paragraph == entry.paragraph)
        and ref.item == entry.item
    )


def renumbering_entry(law: Law, rn: Renumbering, ref: LegalRef) -> Renumbered | None:
    for entry in rn.map:
        old = parse_provision(law.id, entry.old)
        if old is not None and provision_matches(old, ref):
            return entry
    return None


def today_equivalent(
    law: Law, ref: LegalRef, since: str | None
) -> tuple[LegalRef | None, list[Renumbered]]:
    """Today's provision for ``ref`` as numbered before renumbering ``since`` (an id; None: the
    first renumbering that maps it), following every later renumbering; None if deleted.
    Also the map entries applied, in order (their notes explain the step)."""
    steps: list[Renumbered] = []
    current: LegalRef | None = ref.model_copy(update={"regime": None})
    started = since is None
    for rn in law.renumberings:
        if not started:
            started = rn.id == since
            if not started:
                continue
        if current is None:
            break
        entry = renumbering_entry(law, rn, current)
        if entry is None:
            continue
        steps.append(entry)
        if entry.new is None:
            current = None
            continue
        new = parse_provision(law.id, entry.new)
        if new is None:
            current = None
            continue
        current = new.model_copy(update={"row": current.row}) if new.table else new
    return current, steps


__all__ = [
    "REGISTRIES",
    "ContractorRegistry",
    "DatedPhrase",
    "Entity",
    "FileTypeRegistry",
    "Law",
    "LawRegistry",
    "LegalRef",
    "RecipientRegistry",
    "Renumbered",
    "Renumbering",
    "SystemRegistry",
    "parse_provision",
    "provision_matches",
    "renumbering_entry",
    "roman_lower",
    "today_equivalent",
]
