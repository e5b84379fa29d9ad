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

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from generator.model.base import Doc, TextIn, field

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"

LawKind = Literal["法律", "政令", "府省令", "規則", "告示", "指針", "条例", "その他"]


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
    regime: str | None = field(
        "表の番号体系",
        "Numbering regime of its table",
        "この法令の表（別表第二・第2条の表など）の項番の体系と、いつの版か。",
    )
    note: TextIn | None = field("注記", "Note")


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
    regime: str | None = None  # numbering regime of ``row`` (the law's regime)

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
    if table in _TABLE_SLUG:
        return _TABLE_SLUG[table]
    m = table.replace("第", "").replace("条の表", "")
    return "a" + m.replace("の", "-") if m.isdigit() or "-" in m else "x"


def _table_en(table: str) -> str:
    if table.startswith("別表"):
        return f"Appended Table {_TABLE_SLUG.get(table, '?')}"
    if table.endswith("条の表"):
        return f"table of Article {_branch_en(table[1:-3])}"
    return table


__all__ = [
    "REGISTRIES",
    "ContractorRegistry",
    "Entity",
    "FileTypeRegistry",
    "Law",
    "LawRegistry",
    "LegalRef",
    "RecipientRegistry",
    "SystemRegistry",
    "roman_lower",
]
