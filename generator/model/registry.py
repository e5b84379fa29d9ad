"""Registries shared across municipalities: municipalities and processes.

Laws, systems, contractors and recipient types are cross-link registries of their own
(content/registries/); a municipality is one file in content/municipalities/.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from generator.model.base import ContentError, Doc, TextIn, field


def lg_code_check_digit(code5: str) -> int:
    """Check digit of a 全国地方公共団体コード (JIS X 0402 style, weights 6..2, modulus 11)."""
    total = sum(int(d) * w for d, w in zip(code5, (6, 5, 4, 3, 2), strict=True))
    return (11 - total % 11) % 10


def _lg_code(value: str) -> str:
    if len(value) != 6 or not value.isdigit():
        raise ContentError(
            "全国地方公共団体コードは6桁の数字です（例: 272159）",
            "the local government code has 6 digits",
        )
    expected = lg_code_check_digit(value[:5])
    if int(value[5]) != expected:
        raise ContentError(
            f"全国地方公共団体コードの検査数字が合いません: {value}（{value[:5]}{expected} ではありませんか）",
            "the check digit of the local government code does not match",
        )
    return value


LgCode = Annotated[str, AfterValidator(_lg_code)]


class Municipality(Doc):
    """A municipality (市区町村) or other local body publishing assessments."""

    name: TextIn = field(
        "名称", "Name", "地方公共団体名（例: 寝屋川市 / Neyagawa City）。", required=True
    )
    kana: str | None = field("よみがな", "Reading", "ひらがなの読み（並べ替えに使います）。")
    prefecture: TextIn = field("都道府県", "Prefecture", required=True)
    code: LgCode = field(
        "全国地方公共団体コード", "Local government code", "6桁（検査数字を含む）。", required=True
    )
    url: str | None = field("公式サイト", "Official website", pattern=r"^https?://")
    assessments_url: str | None = field(
        "評価書の掲載ページ", "Page listing the assessments", pattern=r"^https?://"
    )


class Process(Doc):
    """A process (事務) that assessments are about."""

    id: str = Field(
        ..., pattern=r"^[a-z0-9][a-z0-9-]*$", title="ID", description="英小文字・数字・ハイフン。"
    )
    name: TextIn = field("事務の名称", "Name", required=True)
    aliases: list[str] = field("別名", "Aliases", "評価書で使われる別の書き方。", default=[])
    description: TextIn | None = field("説明", "Description")


class ProcessRegistry(Doc):
    processes: list[Process] = field("事務", "Processes", default=[])
