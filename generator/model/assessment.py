"""The three forms of 特定個人情報保護評価書 (基礎項目・重点項目・全項目), the 概要 summary and
the council papers (諮問・答申).

Field order is the printed order of the form; ``num`` is the printed item number.  The
renderer walks these models generically, so a field added here is rendered (and translated
through its ``label_en``) without touching any template.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema

from generator.model.base import (
    ContentError,
    DateIn,
    DateRange,
    Doc,
    NoteState,
    Text,
    TextIn,
    field,
)
from generator.model.choices import (
    AcqMethods,
    AuditChecks,
    Connections,
    Defined,
    DocumentsSubmitted,
    Done,
    Fee,
    FileType,
    Handlers500,
    HandoverMethods,
    Incident,
    Informed,
    ItemsCount,
    Kept,
    Linkage,
    MainItems,
    Nisc,
    Organised,
    Performed,
    Population,
    PopulationBasic,
    ProvisionMethods,
    Rating,
    Recorded,
    Restricted,
    Retention,
    Scope,
    Sources,
    Subcontract,
    SubcontractorAssurance,
    Subjects,
    ThresholdAny,
    ThresholdFocused,
    ThresholdFull,
    Timing,
    TransferMethods,
    Users,
)
from generator.model.choices import (
    Outsource as OutsourceChoice,
)

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
Status = Literal["公表", "案"]

RATING = ("リスクへの対策は十分か", "Are the measures against the risk sufficient?")
OTHER_MEASURES = ("その他の措置の内容", "Other measures")
MEASURES = ("リスクに対する措置の内容", "Measures against the risk")


# ---------------------------------------------------------------------------------------------
# Shared pieces
# ---------------------------------------------------------------------------------------------


class SourceNote(Doc):
    """A note on how a field was read from the source: its state (generator/core/fieldstate.py) and why.

    The page shows residents the printed section and a plain explanation of the state; the
    ``note`` itself (line numbers, markup of the source text) stays in the JSON."""

    field: str = Field(
        ...,
        title="項目",
        description="注記する項目（例: files[0].risks.use.r2、files[0].outsourcing.items[*].contractor）。",
        json_schema_extra={"label_ja": "項目", "label_en": "Field"},
    )
    state: NoteState = Field(
        ...,
        title="状態",
        description="空欄 = 原本で空欄または「－」、未収録 = 変換に使った原本のテキストにない、"
        "判読不能 = 原本にあるが読み取れない、注記 = 記載はあり、読み方の注記のみ。",
        json_schema_extra={"label_ja": "状態", "label_en": "State"},
    )
    note: TextIn = Field(
        ...,
        title="理由",
        description="原本から読み取れなかった理由（編集者向け。JSON にだけ載ります）。",
        json_schema_extra={"label_ja": "理由", "label_en": "Reason"},
    )
    plain: TextIn | None = Field(
        default=None,
        title="住民向けの説明",
        description="ページに出す説明。原本が印字していること（読み取れない候補の値など）を、"
        "項目名や行番号を使わずに書きます。",
        json_schema_extra={"label_ja": "住民向けの説明", "label_en": "Explanation for readers"},
    )


class Source(Doc):
    """Where the document comes from."""

    title: TextIn | None = field("原本の名称", "Source document", "原本（PDF等）の名称。")
    url: str | None = field("原本のURL", "Source URL", "原本を公開しているページのURL。")
    find_at: Literal["個人情報保護委員会"] | None = field(
        "原本の探し方",
        "Where to find the original",
        "URLが分からないとき: 個人情報保護委員会の検索で評価書番号と評価実施機関名から探す"
        "（content/registries/original-search.yaml）。",
    )
    note: TextIn | None = field("原本についての注記", "Note on the source")


class Cover(Doc):
    """表紙 of 重点項目評価書 and 基礎項目評価書."""

    number: str = field("評価書番号", "Assessment report number", required=True)
    title: TextIn = field("評価書名", "Assessment report title", required=True)
    declaration: TextIn | None = field(
        "個人のプライバシー等の権利利益の保護の宣言", "Declaration on the protection of privacy"
    )
    special_notes: TextIn | None = field("特記事項", "Special notes")
    assessor: TextIn = field("評価実施機関名", "Assessing body", required=True)
    published: DateIn | None = field("公表日", "Publication date", "公表日。案の段階では空欄。")
    form_version: str | None = field(
        "様式", "Form version", "原本に印刷された様式の版（例: 平成30年5月 様式4）。"
    )


class CoverFull(Doc):
    """表紙 of 全項目評価書 (with the PPC approval date)."""

    number: str = field("評価書番号", "Assessment report number", required=True)
    title: TextIn = field("評価書名", "Assessment report title", required=True)
    declaration: TextIn | None = field(
        "個人のプライバシー等の権利利益の保護の宣言", "Declaration on the protection of privacy"
    )
    special_notes: TextIn | None = field("特記事項", "Special notes")
    assessor: TextIn = field("評価実施機関名", "Assessing body", required=True)
    ppc_approval_date: DateIn | None = field(
        "個人情報保護委員会 承認日【行政機関等のみ】",
        "PPC approval date (national bodies only)",
        "行政機関等のみ。地方公共団体は空欄。",
    )
    published: DateIn | None = field("公表日", "Publication date", "公表日。案の段階では空欄。")
    form_version: str | None = field(
        "様式", "Form version", "原本に印刷された様式の版（例: 平成30年5月 様式4）。"
    )


class ProcessInfo(Doc):
    name: TextIn = field("事務の名称", "Name of the process", num="①", required=True)
    description: TextIn | None = field(
        "事務の内容", "Description of the process", num="②", important=True
    )
    population: Population | None = field("対象人数", "Number of persons covered", num="③")


class System(Doc):
    name: TextIn = field("システムの名称", "System name", num="①", required=True)
    name_note: TextIn | None = field(
        "システムの名称の注記",
        "Note on the system name",
        "システムの名称の下に印刷された「※ …」の注記。名称には含めません。",
        display="if_set",
    )
    functions: TextIn | None = field("システムの機能", "Functions", num="②")
    connections: Connections | None = field(
        "他のシステムとの接続", "Connections to other systems", num="③"
    )


class LinkageInfo(Doc):
    status: Linkage | None = field("実施の有無", "Performed?", num="①")
    legal_basis: TextIn | None = field("法令上の根拠", "Legal basis", num="②")


class Department(Doc):
    name: TextIn | None = field("部署", "Department", num="①")
    head_title: TextIn | None = field("所属長の役職名", "Job title of the head", num="②")


# ---------------------------------------------------------------------------------------------
# II: files
# ---------------------------------------------------------------------------------------------


class FileBasic(Doc):
    file_type: FileType | None = field("ファイルの種類", "File type", num="①", important=True)
    subjects_count: Subjects | None = field(
        "対象となる本人の数", "Number of data subjects", num="②"
    )
    subjects_scope: TextIn | None = field(
        "対象となる本人の範囲", "Scope of data subjects", num="③", important=True
    )
    subjects_necessity: TextIn | None = field("その必要性", "Why it is necessary")
    items_count: ItemsCount | None = field("記録される項目", "Items recorded", num="④")
    main_items: MainItems | None = field("主な記録項目", "Main items recorded", important=True)
    items_justification: TextIn | None = field("その妥当性", "Justification")
    all_items_ref: TextIn | None = field("全ての記録項目", "All items recorded")
    holding_start: DateIn | None = field("保有開始日", "Date holding began", num="⑤")
    department: TextIn | None = field("事務担当部署", "Department in charge", num="⑥")


class FileUsers(Doc):
    departments: TextIn | None = field("使用部署", "Departments using the file", important=True)
    count: Users | None = field("使用者数", "Number of users")


class AcqUseFocused(Doc):
    sources: Sources | None = field("入手元", "Sources", num="①", important=True)
    methods: AcqMethods | None = field("入手方法", "Methods of acquisition", num="②")
    purpose: TextIn | None = field("使用目的", "Purpose of use", num="③", important=True)
    users: FileUsers | None = field("使用の主体", "Users", num="④")
    method: TextIn | None = field("使用方法", "How the file is used", num="⑤", important=True)
    matching: TextIn | None = field("情報の突合", "Data matching", important=True)
    start: DateIn | None = field("使用開始日", "Date use began", num="⑥")


class AcqUseFull(Doc):
    sources: Sources | None = field("入手元", "Sources", num="①", important=True)
    methods: AcqMethods | None = field("入手方法", "Methods of acquisition", num="②")
    timing: TextIn | None = field(
        "入手の時期・頻度", "Timing and frequency of acquisition", num="③"
    )
    justification: TextIn | None = field(
        "入手に係る妥当性", "Justification of acquisition", num="④"
    )
    notice: TextIn | None = field("本人への明示", "Notice to the person", num="⑤")
    purpose: TextIn | None = field("使用目的", "Purpose of use", num="⑥", important=True)
    purpose_change_justification: TextIn | None = field("変更の妥当性", "Justification of a change")
    users: FileUsers | None = field("使用の主体", "Users", num="⑦")
    method: TextIn | None = field("使用方法", "How the file is used", num="⑧", important=True)
    matching: TextIn | None = field("情報の突合", "Data matching", important=True)
    statistics: TextIn | None = field("情報の統計分析", "Statistical analysis", important=True)
    decisions: TextIn | None = field(
        "権利利益に影響を与え得る決定", "Decisions that may affect rights", important=True
    )
    start: DateIn | None = field("使用開始日", "Date use began", num="⑨")


class SubcontractFocused(Doc):
    status: Subcontract | None = field("再委託の有無", "Re-entrustment?", num="④", important=True)
    approval: TextIn | None = field("再委託の許諾方法", "How re-entrustment is approved", num="⑤")
    work: TextIn | None = field("再委託事項", "Work re-entrusted", num="⑥")


class SubcontractFull(Doc):
    status: Subcontract | None = field("再委託の有無", "Re-entrustment?", num="⑦", important=True)
    approval: TextIn | None = field("再委託の許諾方法", "How re-entrustment is approved", num="⑧")
    work: TextIn | None = field("再委託事項", "Work re-entrusted", num="⑨")


class OutsourcingItemFocused(Doc):
    title: TextIn = field("委託事項", "Entrusted work", required=True)
    content: TextIn | None = field("委託内容", "Details of the entrusted work", num="①")
    handlers: Users | None = field(
        "委託先における取扱者数", "Persons handling the file at the contractor", num="②"
    )
    contractor: TextIn | None = field("委託先名", "Contractor", num="③")
    subcontract: SubcontractFocused | None = field("再委託", "Re-entrustment")


class OutsourcingItemFull(Doc):
    title: TextIn = field("委託事項", "Entrusted work", required=True)
    content: TextIn | None = field("委託内容", "Details of the entrusted work", num="①")
    scope: Scope | None = field(
        "取扱いを委託する特定個人情報ファイルの範囲", "Part of the file entrusted", num="②"
    )
    subjects_count: Subjects | None = field("対象となる本人の数", "Number of data subjects")
    subjects_scope: TextIn | None = field(
        "対象となる本人の範囲", "Scope of data subjects", important=True
    )
    justification: TextIn | None = field("その妥当性", "Justification")
    handlers: Users | None = field(
        "委託先における取扱者数", "Persons handling the file at the contractor", num="③"
    )
    handover: HandoverMethods | None = field(
        "委託先への特定個人情報ファイルの提供方法",
        "How the file is handed to the contractor",
        num="④",
    )
    contractor_lookup: TextIn | None = field(
        "委託先名の確認方法", "How to find out the contractor's name", num="⑤"
    )
    contractor: TextIn | None = field("委託先名", "Contractor", num="⑥")
    subcontract: SubcontractFull | None = field("再委託", "Re-entrustment")


class OutsourcingFocused(Doc):
    status: OutsourceChoice | None = field("委託の有無", "Entrusted?", important=True)
    count: int | None = field("委託件数", "Number of entrusted works", "「( ) 件」の件数。", ge=0)
    items: list[OutsourcingItemFocused] = field(
        "委託事項", "Entrusted works", default=[], display="items"
    )


class OutsourcingFull(Doc):
    status: OutsourceChoice | None = field("委託の有無", "Entrusted?", important=True)
    count: int | None = field("委託件数", "Number of entrusted works", "「( ) 件」の件数。", ge=0)
    items: list[OutsourcingItemFull] = field(
        "委託事項", "Entrusted works", default=[], display="items"
    )


class Recipient(Doc):
    name: TextIn = field("提供先", "Recipient", required=True)
    legal_basis: TextIn | None = field("法令上の根拠", "Legal basis", num="①")
    purpose: TextIn | None = field("提供先における用途", "Use by the recipient", num="②")
    data: TextIn | None = field("提供する情報", "Data provided", num="③")
    subjects_count: Subjects | None = field(
        "提供する情報の対象となる本人の数", "Number of data subjects", num="④"
    )
    subjects_scope: TextIn | None = field(
        "提供する情報の対象となる本人の範囲", "Scope of data subjects", num="⑤"
    )
    method: ProvisionMethods | None = field("提供方法", "Method of provision", num="⑥")
    timing: TextIn | None = field("時期・頻度", "Timing and frequency", num="⑦")


class Transferee(Doc):
    name: TextIn = field("移転先", "Transferee", required=True)
    legal_basis: TextIn | None = field("法令上の根拠", "Legal basis", num="①")
    purpose: TextIn | None = field("移転先における用途", "Use by the transferee", num="②")
    data: TextIn | None = field("移転する情報", "Data transferred", num="③")
    subjects_count: Subjects | None = field(
        "移転する情報の対象となる本人の数", "Number of data subjects", num="④"
    )
    subjects_scope: TextIn | None = field(
        "移転する情報の対象となる本人の範囲", "Scope of data subjects", num="⑤"
    )
    method: TransferMethods | None = field("移転方法", "Method of transfer", num="⑥")
    timing: TextIn | None = field("時期・頻度", "Timing and frequency", num="⑦")


class Disclosure(Doc):
    provides: bool | None = field("提供を行っている", "Provides data")
    provides_count: int | None = field("提供の件数", "Number of provisions", ge=0)
    transfers: bool | None = field("移転を行っている", "Transfers data")
    transfers_count: int | None = field("移転の件数", "Number of transfers", ge=0)
    none: bool | None = field("行っていない", "Neither")
    recipients: list[Recipient] = field("提供先", "Recipients", default=[], display="items")
    transferees: list[Transferee] = field("移転先", "Transferees", default=[], display="items")


class StorageFocused(Doc):
    location: TextIn | None = field("保管場所", "Storage location", important=True)


class StorageFull(Doc):
    location: TextIn | None = field("保管場所", "Storage location", num="①", important=True)
    retention: Retention | None = field("保管期間", "Retention period", num="②")
    retention_justification: TextIn | None = field("その妥当性", "Justification")
    deletion: TextIn | None = field("消去方法", "Deletion method", num="③")


def _record_groups_in(value: Any) -> Any:
    if isinstance(value, list) and any(not isinstance(v, dict) or "items" not in v for v in value):
        raise ContentError(
            "記録項目は見出しごとの群の並びで書きます（「- items:」の下に項目を並べます）",
            "record items are a list of groups: write the items under '- items:' "
            "(with an optional 'title:' for a printed heading)",
            "見出しのない一覧も「- items:」の下に字下げして並べてください"
            "（例: record_items: → - title: ＜住民票ファイル＞ → items: → - 宛名番号）。",
        )
    return value


def _record_item_in(value: Any) -> Any:
    if isinstance(value, str):
        return {"ja": value}
    return value


class RecordItem(Text):
    """One printed record item; ``cut_off`` marks an item the source prints cut off."""

    cut_off: bool = Field(
        default=False,
        title="原本で途中が切れている",
        description="原本（PDFの抽出文字など）でこの項目名が途中で切れているときは true。",
    )


RecordItemIn = Annotated[
    RecordItem,
    BeforeValidator(_record_item_in),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "description": "記録項目の名称（日本語のみ）"},
                {
                    "type": "object",
                    "properties": {
                        "ja": {"type": "string", "description": "記録項目の名称（必須）"},
                        "en": {"type": ["string", "null"], "description": "英語訳（任意）"},
                        "cut_off": {
                            "type": "boolean",
                            "description": "原本でこの項目名が途中で切れているときは true",
                        },
                    },
                    "required": ["ja"],
                    "additionalProperties": False,
                },
            ]
        }
    ),
]


class RecordGroup(Doc):
    """One group of 特定個人情報ファイル記録項目: an optional printed heading and its items."""

    title: TextIn | None = field("見出し", "Heading")
    items: list[RecordItemIn] = field("記録項目", "Items", default=[])
    note: TextIn | None = field("注記", "Note", "群の後に印刷された注記（「※ …の場合のみ」など）。")


RecordItems = Annotated[list[RecordGroup], BeforeValidator(_record_groups_in)]


# ---------------------------------------------------------------------------------------------
# III: risks
# ---------------------------------------------------------------------------------------------


class Risk(Doc):
    """A risk with one free-text measure and its self-rating."""

    measures: TextIn | None = field(*MEASURES)
    rating: Rating | None = field(*RATING)


# 重点項目評価書 --------------------------------------------------------------------------------


class FocusedUseR2(Doc):
    user_auth: Done | None = field("ユーザ認証の管理", "Management of user authentication")
    user_auth_detail: TextIn | None = field("具体的な管理方法", "How it is managed")
    other_measures: TextIn | None = field(*OTHER_MEASURES)
    rating: Rating | None = field(*RATING)


class FocusedDisclosureRisk(Doc):
    rules: Defined | None = field(
        "特定個人情報の提供・移転に関するルール", "Rules on provision and transfer"
    )
    rules_detail: TextIn | None = field(
        "ルールの内容及びルール遵守の確認方法", "Rules and how compliance is checked"
    )
    other_measures: TextIn | None = field(*OTHER_MEASURES)
    rating: Rating | None = field(*RATING)


class FocusedStorageRisk(Doc):
    incident_procedure: Performed | None = field(
        "事故発生時手順の策定・周知", "Incident procedures drawn up and communicated", num="①"
    )
    serious_incident: Incident | None = field(
        "過去3年以内に、評価実施機関において、個人情報に関する重大事故が発生したか",
        "Serious incident involving personal information at the assessing body in the past 3 years",
        num="②",
    )
    incident_detail: TextIn | None = field("その内容", "What happened")
    prevention: TextIn | None = field("再発防止策の内容", "Measures against recurrence")
    other_measures: TextIn | None = field(*OTHER_MEASURES)
    rating: Rating | None = field(*RATING)


class FocusedAcqRisks(Doc):
    risk: Risk | None = field(
        "リスク： 目的外の入手が行われるリスク", "Risk: acquisition beyond the purpose"
    )
    other: TextIn | None = field(
        "特定個人情報の入手（情報提供ネットワークシステムを通じた入手を除く。）におけるその他のリスク及びそのリスクに対する措置",
        "Other risks in acquisition and the measures against them",
    )


class FocusedUseRisks(Doc):
    r1: Risk | None = field(
        "リスク1： 目的を超えた紐付け、事務に必要のない情報との紐付けが行われるリスク",
        "Risk 1: linkage beyond the purpose or with data not needed for the process",
    )
    r2: FocusedUseR2 | None = field(
        "リスク2： 権限のない者（元職員、アクセス権限のない職員等）によって不正に使用されるリスク",
        "Risk 2: unauthorised use by persons without authority (former staff, staff without access rights, etc.)",
    )
    other: TextIn | None = field(
        "特定個人情報の使用におけるその他のリスク及びそのリスクに対する措置",
        "Other risks in use and the measures against them",
    )


class FocusedOutsourcingRisk(Doc):
    """III-4 of the 重点項目評価書: the printed items of the risk at the contractor."""

    contract_clauses: Defined | None = field(
        "委託契約書中の特定個人情報ファイルの取扱いに関する規定",
        "Contract clauses on the handling of the file",
    )
    contract_clauses_detail: TextIn | None = field("規定の内容", "The clauses")
    subcontractor_assurance: SubcontractorAssurance | None = field(
        "再委託先による特定個人情報ファイルの適切な取扱いの担保",
        "Assurance of proper handling by re-entrusted contractors",
    )
    subcontractor_assurance_detail: TextIn | None = field("具体的な方法", "How")
    other_measures: TextIn | None = field(*OTHER_MEASURES)
    rating: Rating | None = field(*RATING)


class FocusedOutsourcingRisks(Doc):
    not_outsourced: bool | None = field("委託しない", "Not entrusted")
    risk: FocusedOutsourcingRisk | None = field(
        "委託先における不正な使用等のリスク", "Risk: misuse etc. at the contractor"
    )
    other: TextIn | None = field(
        "委託におけるその他のリスク及びそのリスクに対する措置",
        "Other risks in entrustment and the measures against them",
    )


class FocusedDisclosureRisks(Doc):
    not_disclosed: bool | None = field("提供・移転しない", "No provision or transfer")
    risk: FocusedDisclosureRisk | None = field(
        "リスク： 不正な提供・移転が行われるリスク", "Risk: unlawful provision or transfer"
    )
    other: TextIn | None = field(
        "特定個人情報の提供・移転（委託や情報提供ネットワークシステムを通じた提供を除く。）におけるその他のリスク及びそのリスクに対する措置",
        "Other risks in provision and transfer and the measures against them",
    )


class FocusedNwsRisks(Doc):
    no_acquisition: bool | None = field("接続しない（入手）", "Not connected (acquisition)")
    no_provision: bool | None = field("接続しない（提供）", "Not connected (provision)")
    r1: Risk | None = field(
        "リスク1： 目的外の入手が行われるリスク", "Risk 1: acquisition beyond the purpose"
    )
    r2: Risk | None = field("リスク2： 不正な提供が行われるリスク", "Risk 2: unlawful provision")
    other: TextIn | None = field(
        "情報提供ネットワークシステムとの接続に伴うその他のリスク及びそのリスクに対する措置",
        "Other risks of the connection to the Information Providing Network System and the measures against them",
    )


class FocusedStorageRisks(Doc):
    risk: FocusedStorageRisk | None = field(
        "リスク： 特定個人情報の漏えい・滅失・毀損リスク", "Risk: leakage, loss or damage"
    )
    other: TextIn | None = field(
        "特定個人情報の保管・消去におけるその他のリスク及びそのリスクに対する措置",
        "Other risks in storage and deletion and the measures against them",
    )


class Training(Doc):
    level: Performed | None = field("実施の程度", "Level")
    detail: TextIn | None = field("具体的な方法", "How")


class FocusedRisks(Doc):
    acquisition: FocusedAcqRisks | None = field(
        "特定個人情報の入手（情報提供ネットワークシステムを通じた入手を除く。）",
        "Acquisition (other than through the Information Providing Network System)",
        num="2.",
    )
    use: FocusedUseRisks | None = field("特定個人情報の使用", "Use", num="3.")
    outsourcing: FocusedOutsourcingRisks | None = field(
        "特定個人情報ファイルの取扱いの委託", "Entrustment of the handling of the file", num="4."
    )
    disclosure: FocusedDisclosureRisks | None = field(
        "特定個人情報の提供・移転（委託や情報提供ネットワークシステムを通じた提供を除く。）",
        "Provision and transfer (other than by entrustment or through the Information Providing Network System)",
        num="5.",
    )
    nws: FocusedNwsRisks | None = field(
        "情報提供ネットワークシステムとの接続",
        "Connection to the Information Providing Network System",
        num="6.",
    )
    storage: FocusedStorageRisks | None = field(
        "特定個人情報の保管・消去", "Storage and deletion", num="7."
    )
    audit: AuditChecks | None = field("監査（実施の有無）", "Audits performed", num="8.")
    training: Training | None = field(
        "従業者に対する教育・啓発", "Staff training and awareness", num="9."
    )
    other_measures: TextIn | None = field("その他のリスク対策", "Other risk measures", num="10.")


# 全項目評価書 ----------------------------------------------------------------------------------


class FullAcqR1(Doc):
    not_target: TextIn | None = field(
        "対象者以外の情報の入手を防止するための措置の内容",
        "Measures to prevent acquiring data of persons other than those concerned",
    )
    unnecessary: TextIn | None = field(
        "必要な情報以外を入手することを防止するための措置の内容",
        "Measures to prevent acquiring data that is not needed",
    )
    other_measures: TextIn | None = field(*OTHER_MEASURES)
    rating: Rating | None = field(*RATING)


class FullAcqR3(Doc):
    identity: TextIn | None = field(
        "入手の際の本人確認の措置の内容", "Identity verification on acquisition"
    )
    authenticity: TextIn | None = field(
        "個人番号の真正性確認の措置の内容", "Verification that the Individual Number is genuine"
    )
    accuracy: TextIn | None = field(
        "特定個人情報の正確性確保の措置の内容", "Measures to keep the data accurate"
    )
    other_measures: TextIn | None = field(*OTHER_MEASURES)
    rating: Rating | None = field(*RATING)


class FullAcqRisks(Doc):
    r1: FullAcqR1 | None = field(
        "リスク1： 目的外の入手が行われるリスク", "Risk 1: acquisition beyond the purpose"
    )
    r2: Risk | None = field(
        "リスク2： 不適切な方法で入手が行われるリスク", "Risk 2: acquisition by improper means"
    )
    r3: FullAcqR3 | None = field(
        "リスク3： 入手した特定個人情報が不正確であるリスク", "Risk 3: inaccurate data acquired"
    )
    r4: Risk | None = field(
        "リスク4： 入手の際に特定個人情報が漏えい・紛失するリスク",
        "Risk 4: leakage or loss on acquisition",
    )
    other: TextIn | None = field(
        "特定個人情報の入手（情報提供ネットワークシステムを通じた入手を除く。）におけるその他のリスク及びそのリスクに対する措置",
        "Other risks in acquisition and the measures against them",
    )


class FullUseR1(Doc):
    address_system: TextIn | None = field(
        "宛名システム等における措置の内容", "Measures in the addressee system etc."
    )
    other_systems: TextIn | None = field(
        "事務で使用するその他のシステムにおける措置の内容",
        "Measures in the other systems used for the process",
    )
    other_measures: TextIn | None = field(*OTHER_MEASURES)
    rating: Rating | None = field(*RATING)


class FullUseR2(Doc):
    user_auth: Done | None = field("ユーザ認証の管理", "Management of user authentication")
    user_auth_detail: TextIn | None = field("具体的な管理方法", "How it is managed")
    access_grant: Done | None = field(
        "アクセス権限の発効・失効の管理", "Management of granting and revoking access rights"
    )
    access_grant_detail: TextIn | None = field("具体的な管理方法", "How it is managed")
    access_mgmt: Done | None = field("アクセス権限の管理", "Management of access rights")
    access_mgmt_detail: TextIn | None = field("具体的な管理方法", "How it is managed")
    usage_log: Recorded | None = field("特定個人情報の使用の記録", "Record of use")
    usage_log_detail: TextIn | None = field("具体的な方法", "How")
    other_measures: TextIn | None = field(*OTHER_MEASURES)
    rating: Rating | None = field(*RATING)


class FullUseRisks(Doc):
    r1: FullUseR1 | None = field(
        "リスク1： 目的を超えた紐付け、事務に必要のない情報との紐付けが行われるリスク",
        "Risk 1: linkage beyond the purpose or with data not needed for the process",
    )
    r2: FullUseR2 | None = field(
        "リスク2： 権限のない者（元職員、アクセス権限のない職員等）によって不正に使用されるリスク",
        "Risk 2: unauthorised use by persons without authority (former staff, staff without access rights, etc.)",
    )
    r3: Risk | None = field(
        "リスク3： 従業者が事務外で使用するリスク", "Risk 3: use by staff outside the process"
    )
    r4: Risk | None = field(
        "リスク4： 特定個人情報ファイルが不正に複製されるリスク",
        "Risk 4: unlawful copying of the file",
    )
    other: TextIn | None = field(
        "特定個人情報の使用におけるその他のリスク及びそのリスクに対する措置",
        "Other risks in use and the measures against them",
    )


class FullOutsourcingRisks(Doc):
    not_outsourced: bool | None = field("委託しない", "Not entrusted")
    governance_check: TextIn | None = field(
        "情報保護管理体制の確認", "Check of the contractor's data protection organisation"
    )
    access_restriction: Restricted | None = field(
        "特定個人情報ファイルの閲覧者・更新者の制限",
        "Restriction of who may view or update the file",
    )
    access_restriction_detail: TextIn | None = field("具体的な制限方法", "How it is restricted")
    handling_log: Recorded | None = field(
        "特定個人情報ファイルの取扱いの記録", "Record of the handling of the file"
    )
    handling_log_detail: TextIn | None = field("具体的な方法", "How")
    provision_rules: Defined | None = field("特定個人情報の提供ルール", "Rules on provision")
    provision_rules_others: TextIn | None = field(
        "委託先から他者への提供に関するルールの内容及びルール遵守の確認方法",
        "Rules on provision by the contractor to others and how compliance is checked",
    )
    provision_rules_between: TextIn | None = field(
        "委託元と委託先間の提供に関するルールの内容及びルール遵守の確認方法",
        "Rules on provision between the body and the contractor and how compliance is checked",
    )
    deletion_rules: Defined | None = field("特定個人情報の消去ルール", "Rules on deletion")
    deletion_rules_detail: TextIn | None = field(
        "ルールの内容及びルール遵守の確認方法", "Rules and how compliance is checked"
    )
    contract_clauses: Defined | None = field(
        "委託契約書中の特定個人情報ファイルの取扱いに関する規定",
        "Contract clauses on the handling of the file",
    )
    contract_clauses_detail: TextIn | None = field("規定の内容", "The clauses")
    subcontractor_assurance: SubcontractorAssurance | None = field(
        "再委託先による特定個人情報ファイルの適切な取扱いの確保",
        "Ensuring proper handling by re-entrusted contractors",
    )
    subcontractor_assurance_detail: TextIn | None = field("具体的な方法", "How")
    other_measures: TextIn | None = field(*OTHER_MEASURES)
    rating: Rating | None = field(*RATING)
    other: TextIn | None = field(
        "特定個人情報ファイルの取扱いの委託におけるその他のリスク及びそのリスクに対する措置",
        "Other risks in entrustment and the measures against them",
    )


class FullDisclosureR1(Doc):
    log: Recorded | None = field(
        "特定個人情報の提供・移転の記録", "Record of provision and transfer"
    )
    log_detail: TextIn | None = field("具体的な方法", "How")
    rules: Defined | None = field(
        "特定個人情報の提供・移転に関するルール", "Rules on provision and transfer"
    )
    rules_detail: TextIn | None = field(
        "ルールの内容及びルール遵守の確認方法", "Rules and how compliance is checked"
    )
    other_measures: TextIn | None = field(*OTHER_MEASURES)
    rating: Rating | None = field(*RATING)


class FullDisclosureRisks(Doc):
    not_disclosed: bool | None = field("提供・移転しない", "No provision or transfer")
    r1: FullDisclosureR1 | None = field(
        "リスク1： 不正な提供・移転が行われるリスク", "Risk 1: unlawful provision or transfer"
    )
    r2: Risk | None = field(
        "リスク2： 不適切な方法で提供・移転が行われるリスク",
        "Risk 2: provision or transfer by improper means",
    )
    r3: Risk | None = field(
        "リスク3： 誤った情報を提供・移転してしまうリスク、誤った相手に提供・移転してしまうリスク",
        "Risk 3: wrong data provided or transferred, or data provided or transferred to the wrong party",
    )
    other: TextIn | None = field(
        "特定個人情報の提供・移転（委託や情報提供ネットワークシステムを通じた提供を除く。）におけるその他のリスク及びそのリスクに対する措置",
        "Other risks in provision and transfer and the measures against them",
    )


class FullNwsRisks(Doc):
    no_acquisition: bool | None = field("接続しない（入手）", "Not connected (acquisition)")
    no_provision: bool | None = field("接続しない（提供）", "Not connected (provision)")
    r1: Risk | None = field(
        "リスク1： 目的外の入手が行われるリスク", "Risk 1: acquisition beyond the purpose"
    )
    r2: Risk | None = field(
        "リスク2： 安全が保たれない方法によって入手が行われるリスク",
        "Risk 2: acquisition by insecure means",
    )
    r3: Risk | None = field(
        "リスク3： 入手した特定個人情報が不正確であるリスク", "Risk 3: inaccurate data acquired"
    )
    r4: Risk | None = field(
        "リスク4： 入手の際に特定個人情報が漏えい・紛失するリスク",
        "Risk 4: leakage or loss on acquisition",
    )
    r5: Risk | None = field("リスク5： 不正な提供が行われるリスク", "Risk 5: unlawful provision")
    r6: Risk | None = field(
        "リスク6： 不適切な方法で提供されるリスク", "Risk 6: provision by improper means"
    )
    r7: Risk | None = field(
        "リスク7： 誤った情報を提供してしまうリスク、誤った相手に提供してしまうリスク",
        "Risk 7: wrong data provided, or data provided to the wrong party",
    )
    other: TextIn | None = field(
        "情報提供ネットワークシステムとの接続に伴うその他のリスク及びそのリスクに対する措置",
        "Other risks of the connection to the Information Providing Network System and the measures against them",
    )


class FullStorageR1(Doc):
    nisc: Nisc | None = field(
        "NISC政府機関統一基準群", "NISC common standards for government agencies", num="①"
    )
    safety_org: Organised | None = field(
        "安全管理体制", "Security management organisation", num="②"
    )
    safety_rules: Organised | None = field("安全管理規程", "Security management rules", num="③")
    safety_awareness: Informed | None = field(
        "安全管理体制・規程の職員への周知", "Staff informed of the organisation and rules", num="④"
    )
    physical: Performed | None = field("物理的対策", "Physical measures", num="⑤")
    physical_detail: TextIn | None = field("具体的な対策の内容", "The measures")
    technical: Performed | None = field("技術的対策", "Technical measures", num="⑥")
    technical_detail: TextIn | None = field("具体的な対策の内容", "The measures")
    backup: Performed | None = field("バックアップ", "Backup", num="⑦")
    incident_procedure: Performed | None = field(
        "事故発生時手順の策定・周知", "Incident procedures drawn up and communicated", num="⑧"
    )
    serious_incident: Incident | None = field(
        "過去3年以内に、評価実施機関において、個人情報に関する重大事故が発生したか",
        "Serious incident involving personal information at the assessing body in the past 3 years",
        num="⑨",
    )
    incident_detail: TextIn | None = field("その内容", "What happened")
    prevention: TextIn | None = field("再発防止策の内容", "Measures against recurrence")
    deceased: Kept | None = field(
        "死者の個人番号", "Individual Numbers of deceased persons", num="⑩"
    )
    deceased_detail: TextIn | None = field("具体的な保管方法", "How they are kept")
    other_measures: TextIn | None = field(*OTHER_MEASURES)
    rating: Rating | None = field(*RATING)


class FullStorageR3(Doc):
    procedure: Defined | None = field("消去手順", "Deletion procedure")
    procedure_detail: TextIn | None = field("手順の内容", "The procedure")
    other_measures: TextIn | None = field(*OTHER_MEASURES)
    rating: Rating | None = field(*RATING)


class FullStorageRisks(Doc):
    r1: FullStorageR1 | None = field(
        "リスク1： 特定個人情報の漏えい・滅失・毀損リスク", "Risk 1: leakage, loss or damage"
    )
    r2: Risk | None = field(
        "リスク2： 特定個人情報が古い情報のまま保管され続けるリスク",
        "Risk 2: outdated data kept",
    )
    r3: FullStorageR3 | None = field(
        "リスク3： 特定個人情報が消去されずいつまでも存在するリスク",
        "Risk 3: data never deleted",
    )
    other: TextIn | None = field(
        "特定個人情報の保管・消去におけるその他のリスク及びそのリスクに対する措置",
        "Other risks in storage and deletion and the measures against them",
    )


class FullRisks(Doc):
    acquisition: FullAcqRisks | None = field(
        "特定個人情報の入手（情報提供ネットワークシステムを通じた入手を除く。）",
        "Acquisition (other than through the Information Providing Network System)",
        num="2.",
    )
    use: FullUseRisks | None = field("特定個人情報の使用", "Use", num="3.")
    outsourcing: FullOutsourcingRisks | None = field(
        "特定個人情報ファイルの取扱いの委託", "Entrustment of the handling of the file", num="4."
    )
    disclosure: FullDisclosureRisks | None = field(
        "特定個人情報の提供・移転（委託や情報提供ネットワークシステムを通じた提供を除く。）",
        "Provision and transfer (other than by entrustment or through the Information Providing Network System)",
        num="5.",
    )
    nws: FullNwsRisks | None = field(
        "情報提供ネットワークシステムとの接続",
        "Connection to the Information Providing Network System",
        num="6.",
    )
    storage: FullStorageRisks | None = field(
        "特定個人情報の保管・消去", "Storage and deletion", num="7."
    )


# ---------------------------------------------------------------------------------------------
# Files (II + record items + III)
# ---------------------------------------------------------------------------------------------


class FileFocused(Doc):
    name: TextIn = field("特定個人情報ファイル名", "File name", num="1.", required=True)
    basic: FileBasic | None = field("基本情報", "Basic information", num="2.")
    acquisition_use: AcqUseFocused | None = field(
        "特定個人情報の入手・使用", "Acquisition and use", num="3."
    )
    outsourcing: OutsourcingFocused | None = field(
        "特定個人情報ファイルの取扱いの委託", "Entrustment of the handling of the file", num="4."
    )
    disclosure: Disclosure | None = field(
        "特定個人情報の提供・移転（委託に伴うものを除く。）",
        "Provision and transfer (other than by entrustment)",
        num="5.",
    )
    storage: StorageFocused | None = field(
        "特定個人情報の保管・消去", "Storage and deletion", num="6."
    )
    remarks: TextIn | None = field("備考", "Remarks", num="7.")
    record_items: RecordItems = field(
        "特定個人情報ファイル記録項目",
        "Items recorded in the file",
        default=[],
        display="record_items",
    )
    risks: FocusedRisks | None = field("リスク対策", "Risk measures", display="risks")


class FileFull(Doc):
    name: TextIn = field("特定個人情報ファイル名", "File name", num="1.", required=True)
    basic: FileBasic | None = field("基本情報", "Basic information", num="2.")
    acquisition_use: AcqUseFull | None = field(
        "特定個人情報の入手・使用", "Acquisition and use", num="3."
    )
    outsourcing: OutsourcingFull | None = field(
        "特定個人情報ファイルの取扱いの委託", "Entrustment of the handling of the file", num="4."
    )
    disclosure: Disclosure | None = field(
        "特定個人情報の提供・移転（委託に伴うものを除く。）",
        "Provision and transfer (other than by entrustment)",
        num="5.",
    )
    storage: StorageFull | None = field(
        "特定個人情報の保管・消去", "Storage and deletion", num="6."
    )
    remarks: TextIn | None = field("備考", "Remarks", num="7.")
    record_items: RecordItems = field(
        "特定個人情報ファイル記録項目",
        "Items recorded in the file",
        default=[],
        display="record_items",
    )
    risks: FullRisks | None = field("リスク対策", "Risk measures", display="risks")


# ---------------------------------------------------------------------------------------------
# I: basic information
# ---------------------------------------------------------------------------------------------


class BasicInfoFocused(Doc):
    process: ProcessInfo | None = field(
        "特定個人情報ファイルを取り扱う事務", "Process handling the files", num="1."
    )
    systems: list[System] = field(
        "特定個人情報ファイルを取り扱う事務において使用するシステム",
        "Systems used in the process",
        num="2.",
        default=[],
        display="systems",
    )
    files: list[TextIn] = field(
        "特定個人情報ファイル名", "Specific Personal Information Files", num="3.", default=[]
    )
    mynumber_legal_basis: TextIn | None = field(
        "個人番号の利用（法令上の根拠）",
        "Use of the Individual Number (legal basis)",
        num="4.",
        important=True,
    )
    linkage: LinkageInfo | None = field(
        "情報提供ネットワークシステムによる情報連携",
        "Information linkage via the Information Providing Network System",
        num="5.",
        important=True,
    )
    department: Department | None = field(
        "評価実施機関における担当部署", "Department in charge at the assessing body", num="6."
    )
    other_assessors: TextIn | None = field("他の評価実施機関", "Other assessing bodies", num="7.")


class Reasons(Doc):
    necessity: TextIn | None = field("事務実施上の必要性", "Operational necessity", num="①")
    benefits: TextIn | None = field("実現が期待されるメリット", "Expected benefits", num="②")


class BasicInfoFull(Doc):
    process: ProcessInfo | None = field(
        "特定個人情報ファイルを取り扱う事務", "Process handling the files", num="1."
    )
    systems: list[System] = field(
        "特定個人情報ファイルを取り扱う事務において使用するシステム",
        "Systems used in the process",
        num="2.",
        default=[],
        display="systems",
    )
    files: list[TextIn] = field(
        "特定個人情報ファイル名", "Specific Personal Information Files", num="3.", default=[]
    )
    reasons: Reasons | None = field(
        "特定個人情報ファイルを取り扱う理由", "Reasons for handling the files", num="4."
    )
    mynumber_legal_basis: TextIn | None = field(
        "個人番号の利用（法令上の根拠）",
        "Use of the Individual Number (legal basis)",
        num="5.",
        important=True,
    )
    linkage: LinkageInfo | None = field(
        "情報提供ネットワークシステムによる情報連携",
        "Information linkage via the Information Providing Network System",
        num="6.",
        important=True,
    )
    department: Department | None = field(
        "評価実施機関における担当部署", "Department in charge at the assessing body", num="7."
    )
    other_assessors: TextIn | None = field("他の評価実施機関", "Other assessing bodies", num="8.")


# ---------------------------------------------------------------------------------------------
# IV-VI (full), IV-V (focused)
# ---------------------------------------------------------------------------------------------


class AuditItem(Doc):
    level: Performed | None = field("実施の程度", "Level")
    detail: TextIn | None = field("具体的な内容", "Details")


class Audit(Doc):
    self_check: AuditItem | None = field("自己点検", "Self-inspection", num="①")
    audit: AuditItem | None = field("監査", "Audit", num="②")


class OtherMeasuresFull(Doc):
    audit: Audit | None = field("監査", "Audits", num="1.")
    training: Training | None = field(
        "従業者に対する教育・啓発", "Staff training and awareness", num="2."
    )
    other_measures: TextIn | None = field("その他のリスク対策", "Other risk measures", num="3.")


class FeeInfo(Doc):
    status: Fee | None = field("手数料等", "Fees")
    detail: TextIn | None = field("手数料額、納付方法", "Amount and how to pay")


class FileRegister(Doc):
    status: Done | None = field(
        "個人情報ファイル簿の公表", "Publication of the personal information file register"
    )
    name: TextIn | None = field("個人情報ファイル名", "Name in the register")
    place: TextIn | None = field("公表場所", "Where it is published")


class RequestFull(Doc):
    office: TextIn | None = field("請求先", "Where to make a request", num="①")
    method: TextIn | None = field("請求方法", "How to make a request", num="②")
    notes: TextIn | None = field("特記事項", "Special notes")
    fee: FeeInfo | None = field("手数料等", "Fees", num="③")
    file_register: FileRegister | None = field(
        "個人情報ファイル簿の公表", "Personal information file register", num="④"
    )
    special_procedure: TextIn | None = field(
        "法令による特別の手続", "Special procedures under law", num="⑤"
    )
    register_omission: TextIn | None = field(
        "個人情報ファイル簿への不記載等", "Omissions from the file register", num="⑥"
    )


class RequestFocused(Doc):
    office: TextIn | None = field("請求先", "Where to make a request", num="①")
    method: TextIn | None = field("請求方法", "How to make a request", num="②")
    special_procedure: TextIn | None = field(
        "法令による特別の手続", "Special procedures under law", num="③"
    )
    register_omission: TextIn | None = field(
        "個人情報ファイル簿への不記載等", "Omissions from the file register", num="④"
    )


class Inquiry(Doc):
    contact: TextIn | None = field("連絡先", "Contact", num="①")
    handling: TextIn | None = field("対応方法", "How inquiries are handled", num="②")


class ContactsFull(Doc):
    request: RequestFull | None = field(
        "特定個人情報の開示・訂正・利用停止請求",
        "Requests for disclosure, correction or suspension of use",
        num="1.",
    )
    inquiry: Inquiry | None = field(
        "特定個人情報ファイルの取扱いに関する問合せ",
        "Inquiries about the handling of the files",
        num="2.",
    )


class ContactsFocused(Doc):
    request: RequestFocused | None = field(
        "特定個人情報の開示・訂正・利用停止請求",
        "Requests for disclosure, correction or suspension of use",
        num="1.",
    )
    inquiry: Inquiry | None = field(
        "特定個人情報ファイルの取扱いに関する問合せ",
        "Inquiries about the handling of the files",
        num="2.",
    )


class BasicStepFull(Doc):
    date: DateIn | None = field("実施日", "Date", num="①")
    threshold_result: ThresholdFull | None = field(
        "しきい値判断結果", "Result of the threshold assessment", num="②"
    )


class BasicStepFocused(Doc):
    date: DateIn | None = field("実施日", "Date", num="①")
    threshold_result: ThresholdFocused | None = field(
        "しきい値判断結果", "Result of the threshold assessment", num="②"
    )


class PublicCommentFull(Doc):
    method: TextIn | None = field("方法", "Method", num="①")
    period: DateRange | None = field("実施日・期間", "Dates", num="②")
    period_note: TextIn | None = field("実施日・期間（補足）", "Dates (note)")
    shortening_reason: TextIn | None = field(
        "期間を短縮する特段の理由", "Special reason for a shorter period", num="③"
    )
    main_opinions: TextIn | None = field("主な意見の内容", "Main opinions received", num="④")
    reflection: TextIn | None = field("評価書への反映", "Reflected in the report", num="⑤")


class PublicCommentFocused(Doc):
    method: TextIn | None = field("方法", "Method", num="①")
    period: DateRange | None = field("実施日・期間", "Dates", num="②")
    period_note: TextIn | None = field("実施日・期間（補足）", "Dates (note)")
    main_opinions: TextIn | None = field("主な意見の内容", "Main opinions received", num="③")


class ThirdPartyReview(Doc):
    date: DateIn | None = field("実施日", "Date", num="①")
    date_note: TextIn | None = field(
        "実施日（補足）", "Date (note)", "「意見聴取後に記載」など、日付でない記載。"
    )
    method: TextIn | None = field("方法", "Method", num="②")
    result: TextIn | None = field("結果", "Result", num="③")


class PpcApproval(Doc):
    submitted: DateIn | None = field("提出日", "Date submitted", num="①")
    review: TextIn | None = field("個人情報保護委員会による審査", "Review by the PPC", num="②")


class ProcedureFull(Doc):
    basic_assessment: BasicStepFull | None = field("基礎項目評価", "Basic Assessment", num="1.")
    public_comment: PublicCommentFull | None = field(
        "国民・住民等からの意見の聴取", "Public consultation", num="2."
    )
    third_party_review: ThirdPartyReview | None = field(
        "第三者点検", "Third-party review", num="3."
    )
    ppc_approval: PpcApproval | None = field(
        "個人情報保護委員会の承認【行政機関等のみ】",
        "Approval by the PPC (national bodies only)",
        num="4.",
    )


class ProcedureFocused(Doc):
    basic_assessment: BasicStepFocused | None = field("基礎項目評価", "Basic Assessment", num="1.")
    public_comment: PublicCommentFocused | None = field(
        "国民・住民等からの意見の聴取【任意】", "Public consultation (optional)", num="2."
    )
    third_party_review: ThirdPartyReview | None = field(
        "第三者点検【任意】", "Third-party review (optional)", num="3."
    )


# ---------------------------------------------------------------------------------------------
# Attachments
# ---------------------------------------------------------------------------------------------


class Change(Doc):
    """One row of 変更箇所."""

    date: DateIn | None = field("変更日", "Date of change")
    date_note: TextIn | None = field(
        "変更日（補足）",
        "Date of change (note)",
        "原本で変更日が行から離れて印刷されていて、どの行の日付か確かでないときの記載"
        "（例: 「原本では日付の列が行と別の位置に印刷されている」）。",
    )
    item: TextIn | None = field("項目", "Item")
    before: TextIn | None = field("変更前の記載", "Before")
    after: TextIn | None = field("変更後の記載", "After")
    timing: Timing | None = field("提出時期", "When submitted")
    timing_note: TextIn | None = field("提出時期（補足）", "When submitted (note)")
    reason: TextIn | None = field("提出時期に係る説明", "Explanation of the timing")


class FlowComponent(Doc):
    name: TextIn = field("構成要素", "Component", required=True)
    description: TextIn | None = field("説明", "Description")


class FlowStep(Doc):
    id: str | None = field("番号", "No.")
    text: TextIn = field("内容", "Step", required=True)


class FlowGroup(Doc):
    number: str | None = field("番号", "No.")
    title: TextIn = field("事務", "Task", required=True)
    steps: list[FlowStep] = field("手順", "Steps", default=[])


class ProcessFlow(Doc):
    """(別添1) 事務の内容: one part per group of files."""

    title: TextIn = field("題名", "Title", required=True)
    subtitle: TextIn | None = field("副題", "Subtitle")
    diagram_note: TextIn | None = field(
        "図についての注記",
        "Note on the diagram",
        "原本の図は本文に含まれないため、その旨などを書きます。",
    )
    components: list[FlowComponent] = field("構成要素", "Components", default=[])
    groups: list[FlowGroup] = field("備考（事務の流れ）", "Notes (flow of work)", default=[])


class AnnexRow(Doc):
    no: str | None = field("番号", "No.")
    item: str | None = field("項番", "Item number")
    recipient: TextIn = field("提供先・移転先", "Recipient", required=True)
    legal_basis: TextIn | None = field("法令上の根拠", "Legal basis")
    purpose: TextIn | None = field("用途", "Use")
    data: TextIn | None = field("提供・移転する情報", "Data")
    subjects_count: Subjects | None = field("対象となる本人の数", "Number of data subjects")
    subjects_scope: TextIn | None = field("対象となる本人の範囲", "Scope of data subjects")
    method: TextIn | None = field("方法", "Method")
    timing: TextIn | None = field("時期・頻度", "Timing and frequency")


class AnnexPart(Doc):
    heading: TextIn | None = field("見出し", "Heading")
    rows: list[AnnexRow] = field("行", "Rows", default=[])


class RecipientAnnex(Doc):
    """別紙: the list of recipients or transferees that a 提供先/移転先 entry refers to."""

    title: TextIn = field("題名", "Title", required=True)
    kind: Literal["提供", "移転"] = field("種類", "Kind", required=True)
    file: int = field(
        "対象ファイル番号",
        "File number",
        "files の何番目（1から）のファイルの別紙か。",
        default=1,
        ge=1,
    )
    parts: list[AnnexPart] = field("区分", "Parts", default=[])


class GlossaryEntry(Doc):
    term: TextIn = field("用語", "Term", required=True)
    reading: str | None = field("読み", "Reading")
    meaning: TextIn = field("用語の意味", "Meaning", required=True)


# ---------------------------------------------------------------------------------------------
# The documents
# ---------------------------------------------------------------------------------------------


class _Common(Doc):
    municipality: Slug = field(
        "地方公共団体",
        "Municipality",
        "content/municipalities/ のファイル名（拡張子なし）。",
        required=True,
    )
    process: Slug = field(
        "事務", "Process", "content/registries/processes.yaml の id。", required=True
    )
    status: Status = field(
        "状態",
        "Status",
        "公表済みなら「公表」、案（意見聴取・第三者点検用）なら「案」。",
        default="公表",
    )
    source: Source | None = field("原本", "Source")
    source_notes: list[SourceNote] = field(
        "原本から判読できなかった項目", "Fields the source does not show legibly", default=[]
    )


class FocusedAssessment(_Common):
    """特定個人情報保護評価書（重点項目評価書）."""

    form: Literal["重点項目評価書"] = field("評価書の種類", "Form", required=True)
    cover: Cover = field("表紙", "Cover", required=True)
    basic_info: BasicInfoFocused | None = field("基本情報", "Basic information", num="I")
    files: list[FileFocused] = field(
        "特定個人情報ファイルの概要", "Overview of the files", num="II", default=[], display="files"
    )
    contacts: ContactsFocused | None = field("開示請求、問合せ", "Requests and inquiries", num="IV")
    procedure: ProcedureFocused | None = field("評価実施手続", "Assessment procedure", num="V")
    changes: list[Change] = field("変更箇所", "Changes", default=[], display="changes")


class FullAssessment(_Common):
    """特定個人情報保護評価書（全項目評価書）."""

    form: Literal["全項目評価書"] = field("評価書の種類", "Form", required=True)
    cover: CoverFull = field("表紙", "Cover", required=True)
    basic_info: BasicInfoFull | None = field("基本情報", "Basic information", num="I")
    process_flows: list[ProcessFlow] = field(
        "事務の内容", "Description of the work", default=[], display="flows"
    )
    files: list[FileFull] = field(
        "特定個人情報ファイルの概要", "Overview of the files", num="II", default=[], display="files"
    )
    other_measures: OtherMeasuresFull | None = field(
        "その他のリスク対策", "Other risk measures", num="IV"
    )
    contacts: ContactsFull | None = field("開示請求、問合せ", "Requests and inquiries", num="V")
    procedure: ProcedureFull | None = field("評価実施手続", "Assessment procedure", num="VI")
    changes: list[Change] = field("変更箇所", "Changes", default=[], display="changes")
    annexes: list[RecipientAnnex] = field("別紙", "Annexes", default=[], display="annexes")
    glossary: list[GlossaryEntry] = field("用語集", "Glossary", default=[], display="glossary")


class BasicRelated(Doc):
    process_name: TextIn | None = field("事務の名称", "Name of the process", num="1. ①")
    process_summary: TextIn | None = field("事務の概要", "Summary of the process", num="1. ②")
    system_names: TextIn | None = field("システムの名称", "System names", num="1. ③")
    files: list[TextIn] = field(
        "特定個人情報ファイル名", "Specific Personal Information Files", num="2.", default=[]
    )
    mynumber_legal_basis: TextIn | None = field(
        "個人番号の利用（法令上の根拠）", "Use of the Individual Number (legal basis)", num="3."
    )
    linkage: LinkageInfo | None = field(
        "情報提供ネットワークシステムによる情報連携",
        "Information linkage via the Information Providing Network System",
        num="4.",
    )
    department: Department | None = field(
        "評価実施機関における担当部署", "Department in charge at the assessing body", num="5."
    )
    other_assessors: TextIn | None = field("他の評価実施機関", "Other assessing bodies", num="6.")
    request_office: TextIn | None = field(
        "特定個人情報の開示・訂正・利用停止請求（請求先）",
        "Requests for disclosure, correction or suspension of use (where)",
        num="7.",
    )
    inquiry_contact: TextIn | None = field(
        "特定個人情報ファイルの取扱いに関する問合せ（連絡先）",
        "Inquiries about the handling of the files (contact)",
        num="8.",
    )


class Threshold(Doc):
    population: PopulationBasic | None = field(
        "対象人数（評価対象の事務の対象人数は何人か）",
        "Number of persons covered by the process",
        num="1.",
    )
    population_as_of: DateIn | None = field("いつ時点の計数か", "Counted as of")
    handlers: Handlers500 | None = field(
        "取扱者数（特定個人情報ファイル取扱者数は500人以上か）",
        "Are 500 or more persons handling the files?",
        num="2.",
    )
    handlers_as_of: DateIn | None = field("いつ時点の計数か", "Counted as of")
    serious_incident: Incident | None = field(
        "重大事故（過去1年以内に、評価実施機関において特定個人情報に関する重大事故が発生したか）",
        "Serious incident involving specific personal information in the past year",
        num="3.",
    )


class BasicRisks(Doc):
    documents_submitted: DocumentsSubmitted | None = field(
        "提出する特定個人情報保護評価書の種類", "Assessment reports submitted", num="1."
    )
    acquisition: Rating | None = field(
        "目的外の入手が行われるリスクへの対策は十分か",
        "Acquisition: are the measures against acquisition beyond the purpose sufficient?",
        num="2.",
    )
    use_linkage: Rating | None = field(
        "目的を超えた紐付け、事務に必要のない情報との紐付けが行われるリスクへの対策は十分か",
        "Use: are the measures against linkage beyond the purpose sufficient?",
        num="3.",
    )
    use_unauthorized: Rating | None = field(
        "権限のない者（元職員、アクセス権限のない職員等）によって不正に使用されるリスクへの対策は十分か",
        "Use: are the measures against unauthorised use sufficient?",
    )
    not_outsourced: bool | None = field("委託しない", "Not entrusted", num="4.")
    outsourcing: Rating | None = field(
        "委託先における不正な使用等のリスクへの対策は十分か",
        "Entrustment: are the measures against misuse at the contractor sufficient?",
    )
    not_disclosed: bool | None = field("提供・移転しない", "No provision or transfer", num="5.")
    disclosure: Rating | None = field(
        "不正な提供・移転が行われるリスクへの対策は十分か",
        "Provision and transfer: are the measures against unlawful provision or transfer sufficient?",
    )
    nws_no_acquisition: bool | None = field(
        "接続しない（入手）", "Not connected (acquisition)", num="6."
    )
    nws_no_provision: bool | None = field("接続しない（提供）", "Not connected (provision)")
    nws_acquisition: Rating | None = field(
        "目的外の入手が行われるリスクへの対策は十分か（情報提供ネットワークシステム）",
        "Network: are the measures against acquisition beyond the purpose sufficient?",
    )
    nws_provision: Rating | None = field(
        "不正な提供が行われるリスクへの対策は十分か（情報提供ネットワークシステム）",
        "Network: are the measures against unlawful provision sufficient?",
    )
    storage: Rating | None = field(
        "特定個人情報の漏えい・滅失・毀損リスクへの対策は十分か",
        "Storage: are the measures against leakage, loss or damage sufficient?",
        num="7.",
    )
    audit: AuditChecks | None = field("監査（実施の有無）", "Audits performed", num="8.")
    training: Performed | None = field(
        "従業者に対する教育・啓発", "Staff training and awareness", num="9."
    )


class BasicAssessment(_Common):
    """特定個人情報保護評価書（基礎項目評価書）."""

    form: Literal["基礎項目評価書"] = field("評価書の種類", "Form", required=True)
    cover: Cover = field("表紙", "Cover", required=True)
    related: BasicRelated | None = field("関連情報", "Related information", num="Ⅰ")
    threshold: Threshold | None = field("しきい値判断項目", "Threshold items", num="Ⅱ")
    threshold_result: ThresholdAny | None = field(
        "しきい値判断結果", "Result of the threshold assessment", num="Ⅲ"
    )
    risks: BasicRisks | None = field("リスク対策", "Risk measures", num="Ⅳ")
    changes: list[Change] = field("変更箇所", "Changes", default=[], display="changes")


class SummaryFile(Doc):
    name: TextIn = field("特定個人情報ファイル", "File", required=True)
    main_items: TextIn | None = field("主な記録項目", "Main items recorded")
    purpose: TextIn | None = field("使用目的", "Purpose of use")


class SummaryRisks(Doc):
    acquisition: TextIn | None = field("特定個人情報の入手について", "Acquisition", num="(1)")
    use: TextIn | None = field("特定個人情報の使用について", "Use", num="(2)")
    outsourcing: TextIn | None = field("ファイル取扱いの委託について", "Entrustment", num="(3)")
    disclosure: TextIn | None = field(
        "特定個人情報の提供及び移転について", "Provision and transfer", num="(4)"
    )
    nws: TextIn | None = field(
        "情報提供ネットワークシステムとの接続について",
        "Connection to the Information Providing Network System",
        num="(5)",
    )
    storage: TextIn | None = field(
        "特定個人情報の保管及び消去について", "Storage and deletion", num="(6)"
    )


class SummaryBasic(Doc):
    process_name: TextIn | None = field("事務の名称", "Name of the process")
    systems: list[TextIn] = field("システムの名称", "Systems", default=[])
    files: list[TextIn] = field("特定個人情報ファイル", "Files", default=[])
    legal_basis: TextIn | None = field(
        "個人番号を利用する法令上の根拠", "Legal basis for using the Individual Number"
    )


class SummaryOther(Doc):
    audit: TextIn | None = field("自己点検・監査", "Self-inspection and audit")
    training: TextIn | None = field("従業員に対する教育・啓発", "Staff training and awareness")


class SummaryContacts(Doc):
    request: TextIn | None = field("開示請求", "Requests for disclosure")
    inquiry: TextIn | None = field("問合せ先（評価実施機関）", "Inquiries (assessing body)")


class SummaryProcedure(Doc):
    threshold_result: TextIn | None = field(
        "しきい値判断結果", "Result of the threshold assessment"
    )
    public_comment: TextIn | None = field("国民・住民等からの意見の聴取", "Public consultation")
    public_comment_period: DateRange | None = field("意見聴取の期間", "Consultation period")


class SummaryDocument(_Common):
    """特定個人情報保護評価書の概要 (a plain-language summary published with a draft)."""

    form: Literal["概要"] = field("文書の種類", "Document type", required=True)
    title: TextIn = field("題名", "Title", required=True)
    of_form: Literal["基礎項目評価書", "重点項目評価書", "全項目評価書"] | None = field(
        "要約する評価書の種類", "Form of the summarised report"
    )
    declaration: TextIn | None = field("表紙（保護の宣言）", "Cover (declaration)")
    basic: SummaryBasic | None = field("基本情報", "Basic information", num="I")
    files: list[SummaryFile] = field(
        "特定個人情報ファイルの概要", "Overview of the files", num="II", default=[]
    )
    risks: SummaryRisks | None = field("リスク対策", "Risk measures", num="III")
    other: SummaryOther | None = field("その他のリスク対策", "Other risk measures", num="IV")
    contacts: SummaryContacts | None = field("開示請求、問合せ", "Requests and inquiries", num="V")
    procedure: SummaryProcedure | None = field("評価実施手続", "Assessment procedure", num="VI")


Assessment = FocusedAssessment | FullAssessment | BasicAssessment | SummaryDocument
# The base every form shares (municipality, process, status, source, source_notes): the type of
# code that reads only those fields.
AssessmentBase = _Common

FORMS: dict[str, type[Doc]] = {
    "重点項目評価書": FocusedAssessment,
    "全項目評価書": FullAssessment,
    "基礎項目評価書": BasicAssessment,
    "概要": SummaryDocument,
}

FORM_EN: dict[str, str] = {
    "重点項目評価書": "Focused Assessment Report",
    "全項目評価書": "Full Assessment Report",
    "基礎項目評価書": "Basic Assessment Report",
    "概要": "Summary of an Assessment Report",
}


# ---------------------------------------------------------------------------------------------
# Council papers
# ---------------------------------------------------------------------------------------------


class ConsultationForm(Doc):
    """諮問書: the form attached to a 諮問."""

    heading: TextIn | None = field("標題", "Heading")
    subject: TextIn | None = field("諮問件名", "Subject")
    business: TextIn | None = field("業務名", "Business")
    requesting_depts: TextIn | None = field("諮問課", "Requesting departments")
    files: list[TextIn] = field("特定個人情報ファイルの名称", "Files", default=[])
    systems: list[TextIn] = field(
        "特定個人情報ファイルを取り扱うシステム", "Systems handling the files", default=[]
    )
    purpose: TextIn | None = field("目的・理由", "Purpose and reasons")
    processing: TextIn | None = field("処理概要", "Outline of the processing")
    protection: TextIn | None = field("保護措置", "Protective measures")
    remarks: TextIn | None = field("備考", "Remarks")


class Consultation(Doc):
    """諮問: the municipality asks its council (here for the 第三者点検 of an assessment)."""

    kind: Literal["諮問"] = field("文書の種類", "Document type", required=True)
    municipality: Slug = field("地方公共団体", "Municipality", required=True)
    process: Slug | None = field("事務", "Process")
    assessments: list[str] = field(
        "対象の評価書",
        "Assessments concerned",
        "content/assessments/ からの相対パス（拡張子なし）。",
        default=[],
    )
    number: str = field("文書番号", "Document number", required=True)
    date: DateIn | None = field("日付", "Date")
    addressee: TextIn | None = field("宛先", "Addressee")
    issuer: TextIn | None = field("発出者", "Issuer")
    title: TextIn = field("件名", "Title", required=True)
    body: TextIn | None = field("本文", "Body")
    subject: TextIn | None = field("諮問件名", "Subject", num="1")
    business: TextIn | None = field("業務名", "Business", num="2")
    ordinance_provision: TextIn | None = field("条例の関係規定", "Ordinance provision", num="3")
    requesting_depts: TextIn | None = field("諮問課", "Requesting departments", num="4")
    content_ref: TextIn | None = field("諮問内容", "Content of the consultation", num="5")
    materials: list[TextIn] = field("関係資料", "Materials", num="6", default=[])
    form: ConsultationForm | None = field("諮問書", "Consultation form")
    source: Source | None = field("原本", "Source")
    source_notes: list[SourceNote] = field(
        "原本から判読できなかった項目", "Fields the source does not show legibly", default=[]
    )


class Report(Doc):
    """答申: the council's answer to a 諮問."""

    kind: Literal["答申"] = field("文書の種類", "Document type", required=True)
    municipality: Slug = field("地方公共団体", "Municipality", required=True)
    process: Slug | None = field("事務", "Process")
    number: str = field("答申番号", "Report number", required=True)
    date: DateIn | None = field("日付", "Date")
    date_note: TextIn | None = field("日付（補足）", "Date (note)")
    addressee: TextIn | None = field("宛先", "Addressee")
    issuer: TextIn | None = field("発出者", "Issuer")
    preamble: TextIn | None = field("前文", "Preamble")
    consultation_number: str | None = field("諮問の文書番号", "Number of the consultation answered")
    consultation_date: DateIn | None = field("諮問の日付", "Date of the consultation answered")
    subject: TextIn | None = field("諮問件名", "Subject")
    legal_basis: TextIn | None = field("関係規定", "Provision concerned")
    business: TextIn | None = field("業務名", "Business")
    requesting_dept: TextIn | None = field("諮問課", "Requesting department")
    external_recipient: TextIn | None = field("外部提供先", "External recipient")
    deliberation_date: DateIn | None = field("審議日", "Date of deliberation")
    result: TextIn | None = field("審議結果", "Result")
    reasoning: TextIn | None = field("内容", "Reasoning")
    source: Source | None = field("原本", "Source")
    source_notes: list[SourceNote] = field(
        "原本から判読できなかった項目", "Fields the source does not show legibly", default=[]
    )


CouncilDocument = Consultation | Report
COUNCIL_KINDS: dict[str, type[Doc]] = {"諮問": Consultation, "答申": Report}
