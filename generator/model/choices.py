"""The printed option lists of the three forms, verbatim, and their English renderings.

A choice field stores the chosen option text exactly as printed (for example ``十分である``);
the validator checks it against the list below.  ``CHOICE_EN`` gives the English label shown on
English pages.  Lists follow seed-model §6.1 (様式: 平成30年5月 様式4 / 平成31年1月 様式2).
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from generator.model.base import CheckIn

Population = Literal[
    "1,000人未満",
    "1,000人以上1万人未満",
    "1万人以上10万人未満",
    "10万人以上30万人未満",
    "30万人以上",
]
PopulationBasic = Literal[
    "1,000人未満（任意実施）",
    "1,000人以上1万人未満",
    "1万人以上10万人未満",
    "10万人以上30万人未満",
    "30万人以上",
]
Handlers500 = Literal["500人以上", "500人未満"]
Incident = Literal["発生あり", "発生なし"]
DocumentsSubmitted = Literal[
    "基礎項目評価書", "基礎項目評価書及び重点項目評価書", "基礎項目評価書及び全項目評価書"
]
ThresholdFocused = Literal[
    "基礎項目評価及び重点項目評価の実施が義務付けられる",
    "基礎項目評価の実施が義務付けられる(任意に重点項目評価を実施)",
    "特定個人情報保護評価の実施が義務付けられない(任意に重点項目評価を実施)",
]
ThresholdFull = Literal[
    "基礎項目評価及び全項目評価の実施が義務付けられる",
    "基礎項目評価及び重点項目評価の実施が義務付けられる(任意に全項目評価を実施)",
    "基礎項目評価の実施が義務付けられる(任意に全項目評価を実施)",
    "特定個人情報保護評価の実施が義務付けられない(任意に全項目評価を実施)",
]
ThresholdAny = Literal[
    "基礎項目評価及び全項目評価の実施が義務付けられる",
    "基礎項目評価及び重点項目評価の実施が義務付けられる",
    "基礎項目評価の実施が義務付けられる",
    "特定個人情報保護評価の実施が義務付けられない",
]
Linkage = Literal["実施する", "実施しない", "未定"]
FileType = Literal["システム用ファイル", "その他の電子ファイル(表計算ファイル等)"]
Subjects = Literal[
    "1万人未満",
    "1万人以上10万人未満",
    "10万人以上100万人未満",
    "100万人以上1,000万人未満",
    "1,000万人以上",
]
ItemsCount = Literal["10項目未満", "10項目以上50項目未満", "50項目以上100項目未満", "100項目以上"]
Users = Literal[
    "10人未満",
    "10人以上50人未満",
    "50人以上100人未満",
    "100人以上500人未満",
    "500人以上1,000人未満",
    "1,000人以上",
]
Outsource = Literal["委託する", "委託しない"]
Scope = Literal["特定個人情報ファイルの全体", "特定個人情報ファイルの一部"]
Subcontract = Literal["再委託する", "再委託しない"]
Retention = Literal[
    "1年未満",
    "1年",
    "2年",
    "3年",
    "4年",
    "5年",
    "6年以上10年未満",
    "10年以上20年未満",
    "20年以上",
    "定められていない",
]
Rating = Literal["特に力を入れている", "十分である", "課題が残されている"]
Done = Literal["行っている", "行っていない"]
Recorded = Literal["記録を残している", "記録を残していない"]
Restricted = Literal["制限している", "制限していない"]
Defined = Literal["定めている", "定めていない"]
SubcontractorAssurance = Literal[
    "特に力を入れて行っている", "十分に行っている", "十分に行っていない", "再委託していない"
]
Nisc = Literal[
    "特に力を入れて遵守している", "十分に遵守している", "十分に遵守していない", "政府機関ではない"
]
Organised = Literal["特に力を入れて整備している", "十分に整備している", "十分に整備していない"]
Informed = Literal["特に力を入れて周知している", "十分に周知している", "十分に周知していない"]
Performed = Literal["特に力を入れて行っている", "十分に行っている", "十分に行っていない"]
Kept = Literal["保管している", "保管していない"]
Fee = Literal["有料", "無料"]
Timing = Literal["事前", "事後"]

# Checklist options -------------------------------------------------------------------------

ConnectionOpt = Literal[
    "情報提供ネットワークシステム",
    "庁内連携システム",
    "住民基本台帳ネットワークシステム",
    "既存住民基本台帳システム",
    "宛名システム等",
    "税務システム",
    "その他",
]
MainItemOpt = Literal[
    "個人番号",
    "個人番号対応符号",
    "その他識別情報(内部番号)",
    "4情報(氏名、性別、生年月日、住所)",
    "5情報(氏名、氏名の振り仮名、性別、生年月日、住所)",
    "連絡先(電話番号等)",
    "その他住民票関係情報",
    "国税関係情報",
    "地方税関係情報",
    "健康・医療関係情報",
    "医療保険関係情報",
    "児童福祉・子育て関係情報",
    "障害者福祉関係情報",
    "生活保護・社会福祉関係情報",
    "介護・高齢者福祉関係情報",
    "雇用・労働関係情報",
    "年金関係情報",
    "学校・教育関係情報",
    "災害関係情報",
    "その他",
]
SourceOpt = Literal[
    "本人又は本人の代理人",
    "評価実施機関内の他部署",
    "行政機関・独立行政法人等",
    "地方公共団体・地方独立行政法人",
    "民間事業者",
    "その他",
]
AcqMethodOpt = Literal[
    "紙",
    "電子記録媒体(フラッシュメモリを除く。)",
    "フラッシュメモリ",
    "電子メール",
    "専用線",
    "庁内連携システム",
    "情報提供ネットワークシステム",
    "その他",
]
HandoverOpt = Literal[
    "専用線",
    "電子メール",
    "電子記録媒体(フラッシュメモリを除く。)",
    "フラッシュメモリ",
    "紙",
    "その他",
]
ProvisionMethodOpt = Literal[
    "情報提供ネットワークシステム",
    "専用線",
    "電子メール",
    "電子記録媒体(フラッシュメモリを除く。)",
    "フラッシュメモリ",
    "紙",
    "その他",
]
TransferMethodOpt = Literal[
    "庁内連携システム",
    "専用線",
    "電子メール",
    "電子記録媒体(フラッシュメモリを除く。)",
    "フラッシュメモリ",
    "紙",
    "その他",
]
AuditOpt = Literal["自己点検", "内部監査", "外部監査"]

Connections = Annotated[dict[ConnectionOpt, CheckIn], "checklist"]
MainItems = Annotated[dict[MainItemOpt, CheckIn], "checklist"]
Sources = Annotated[dict[SourceOpt, CheckIn], "checklist"]
AcqMethods = Annotated[dict[AcqMethodOpt, CheckIn], "checklist"]
HandoverMethods = Annotated[dict[HandoverOpt, CheckIn], "checklist"]
ProvisionMethods = Annotated[dict[ProvisionMethodOpt, CheckIn], "checklist"]
TransferMethods = Annotated[dict[TransferMethodOpt, CheckIn], "checklist"]
AuditChecks = Annotated[dict[AuditOpt, CheckIn], "checklist"]

# Group headings printed inside 主な記録項目.
MAIN_ITEM_GROUPS: dict[str, tuple[str, str]] = {
    "個人番号": ("識別情報", "Identification"),
    "個人番号対応符号": ("識別情報", "Identification"),
    "その他識別情報(内部番号)": ("識別情報", "Identification"),
    "4情報(氏名、性別、生年月日、住所)": ("連絡先等情報", "Contact and basic data"),
    "5情報(氏名、氏名の振り仮名、性別、生年月日、住所)": ("連絡先等情報", "Contact and basic data"),
    "連絡先(電話番号等)": ("連絡先等情報", "Contact and basic data"),
    "その他住民票関係情報": ("連絡先等情報", "Contact and basic data"),
}

CHOICE_EN: dict[str, str] = {
    # populations and counts
    "1,000人未満": "Fewer than 1,000",
    "1,000人未満（任意実施）": "Fewer than 1,000 (assessment optional)",
    "1,000人以上1万人未満": "1,000 to fewer than 10,000",
    "1万人以上10万人未満": "10,000 to fewer than 100,000",
    "10万人以上30万人未満": "100,000 to fewer than 300,000",
    "30万人以上": "300,000 or more",
    "500人以上": "500 or more",
    "500人未満": "Fewer than 500",
    "1万人未満": "Fewer than 10,000",
    "10万人以上100万人未満": "100,000 to fewer than 1 million",
    "100万人以上1,000万人未満": "1 million to fewer than 10 million",
    "1,000万人以上": "10 million or more",
    "10項目未満": "Fewer than 10 items",
    "10項目以上50項目未満": "10 to fewer than 50 items",
    "50項目以上100項目未満": "50 to fewer than 100 items",
    "100項目以上": "100 items or more",
    "10人未満": "Fewer than 10",
    "10人以上50人未満": "10 to fewer than 50",
    "50人以上100人未満": "50 to fewer than 100",
    "100人以上500人未満": "100 to fewer than 500",
    "500人以上1,000人未満": "500 to fewer than 1,000",
    "1,000人以上": "1,000 or more",
    # yes / no families
    "発生あり": "Occurred",
    "発生なし": "None occurred",
    "基礎項目評価書": "Basic Assessment Report",
    "基礎項目評価書及び重点項目評価書": "Basic and Focused Assessment Reports",
    "基礎項目評価書及び全項目評価書": "Basic and Full Assessment Reports",
    "基礎項目評価及び全項目評価の実施が義務付けられる": "Basic and Full Assessments are mandatory",
    "基礎項目評価及び重点項目評価の実施が義務付けられる": "Basic and Focused Assessments are mandatory",
    "基礎項目評価及び重点項目評価の実施が義務付けられる(任意に全項目評価を実施)": (
        "Basic and Focused Assessments are mandatory (Full Assessment carried out voluntarily)"
    ),
    "基礎項目評価の実施が義務付けられる": "Basic Assessment is mandatory",
    "基礎項目評価の実施が義務付けられる(任意に重点項目評価を実施)": (
        "Basic Assessment is mandatory (Focused Assessment carried out voluntarily)"
    ),
    "基礎項目評価の実施が義務付けられる(任意に全項目評価を実施)": (
        "Basic Assessment is mandatory (Full Assessment carried out voluntarily)"
    ),
    "特定個人情報保護評価の実施が義務付けられない": "No assessment is mandatory",
    "特定個人情報保護評価の実施が義務付けられない(任意に重点項目評価を実施)": (
        "No assessment is mandatory (Focused Assessment carried out voluntarily)"
    ),
    "特定個人情報保護評価の実施が義務付けられない(任意に全項目評価を実施)": (
        "No assessment is mandatory (Full Assessment carried out voluntarily)"
    ),
    "実施する": "Performed",
    "実施しない": "Not performed",
    "未定": "Undecided",
    "システム用ファイル": "System file",
    "その他の電子ファイル(表計算ファイル等)": "Other electronic file (spreadsheet etc.)",
    "委託する": "Entrusted",
    "委託しない": "Not entrusted",
    "特定個人情報ファイルの全体": "The whole file",
    "特定個人情報ファイルの一部": "Part of the file",
    "再委託する": "Re-entrusted",
    "再委託しない": "Not re-entrusted",
    "1年未満": "Less than 1 year",
    "1年": "1 year",
    "2年": "2 years",
    "3年": "3 years",
    "4年": "4 years",
    "5年": "5 years",
    "6年以上10年未満": "6 to less than 10 years",
    "10年以上20年未満": "10 to less than 20 years",
    "20年以上": "20 years or more",
    "定められていない": "Not defined",
    "特に力を入れている": "Particular effort made",
    "十分である": "Sufficient",
    "課題が残されている": "Issues remain",
    "行っている": "Done",
    "行っていない": "Not done",
    "記録を残している": "Recorded",
    "記録を残していない": "Not recorded",
    "制限している": "Restricted",
    "制限していない": "Not restricted",
    "定めている": "Defined",
    "定めていない": "Not defined",
    "特に力を入れて行っている": "Done with particular effort",
    "十分に行っている": "Sufficiently done",
    "十分に行っていない": "Not sufficiently done",
    "再委託していない": "No re-entrustment",
    "特に力を入れて遵守している": "Complied with, with particular effort",
    "十分に遵守している": "Sufficiently complied with",
    "十分に遵守していない": "Not sufficiently complied with",
    "政府機関ではない": "Not a government agency",
    "特に力を入れて整備している": "Established with particular effort",
    "十分に整備している": "Sufficiently established",
    "十分に整備していない": "Not sufficiently established",
    "特に力を入れて周知している": "Communicated with particular effort",
    "十分に周知している": "Sufficiently communicated",
    "十分に周知していない": "Not sufficiently communicated",
    "保管している": "Kept",
    "保管していない": "Not kept",
    "有料": "Charged",
    "無料": "Free of charge",
    "事前": "Before the change",
    "事後": "After the change",
    # checklist options
    "情報提供ネットワークシステム": "Information Providing Network System",
    "庁内連携システム": "In-house linkage system",
    "住民基本台帳ネットワークシステム": "Basic Resident Registers Network System (Juki-net)",
    "既存住民基本台帳システム": "Existing resident register system",
    "宛名システム等": "Addressee system etc.",
    "税務システム": "Tax system",
    "その他": "Other",
    "個人番号": "Individual Number",
    "個人番号対応符号": "Code corresponding to the Individual Number",
    "その他識別情報(内部番号)": "Other identifiers (internal number)",
    "4情報(氏名、性別、生年月日、住所)": "4 basic data (name, sex, date of birth, address)",
    "5情報(氏名、氏名の振り仮名、性別、生年月日、住所)": (
        "5 basic data (name, reading of the name, sex, date of birth, address)"
    ),
    "連絡先(電話番号等)": "Contact details (telephone number etc.)",
    "その他住民票関係情報": "Other resident-record data",
    "国税関係情報": "National tax data",
    "地方税関係情報": "Local tax data",
    "健康・医療関係情報": "Health and medical data",
    "医療保険関係情報": "Medical insurance data",
    "児童福祉・子育て関係情報": "Child welfare and child-rearing data",
    "障害者福祉関係情報": "Disability welfare data",
    "生活保護・社会福祉関係情報": "Public assistance and social welfare data",
    "介護・高齢者福祉関係情報": "Long-term care and elderly welfare data",
    "雇用・労働関係情報": "Employment and labour data",
    "年金関係情報": "Pension data",
    "学校・教育関係情報": "School and education data",
    "災害関係情報": "Disaster data",
    "本人又は本人の代理人": "The person or their representative",
    "評価実施機関内の他部署": "Other departments of the assessing body",
    "行政機関・独立行政法人等": "Administrative organs, incorporated administrative agencies etc.",
    "地方公共団体・地方独立行政法人": "Local governments, local incorporated administrative agencies",
    "民間事業者": "Private businesses",
    "紙": "Paper",
    "電子記録媒体(フラッシュメモリを除く。)": "Electronic media (other than flash memory)",
    "フラッシュメモリ": "Flash memory",
    "電子メール": "E-mail",
    "専用線": "Dedicated line",
    "自己点検": "Self-inspection",
    "内部監査": "Internal audit",
    "外部監査": "External audit",
}


def options_of(tp: object) -> tuple[str, ...]:
    """The printed options of a Literal type (in printed order)."""
    return tuple(str(a) for a in get_args(tp))


ALL_CHOICE_TYPES: tuple[object, ...] = (
    Population,
    PopulationBasic,
    Handlers500,
    Incident,
    DocumentsSubmitted,
    ThresholdFocused,
    ThresholdFull,
    ThresholdAny,
    Linkage,
    FileType,
    Subjects,
    ItemsCount,
    Users,
    Outsource,
    Scope,
    Subcontract,
    Retention,
    Rating,
    Done,
    Recorded,
    Restricted,
    Defined,
    SubcontractorAssurance,
    Nisc,
    Organised,
    Informed,
    Performed,
    Kept,
    Fee,
    Timing,
    ConnectionOpt,
    MainItemOpt,
    SourceOpt,
    AcqMethodOpt,
    HandoverOpt,
    ProvisionMethodOpt,
    TransferMethodOpt,
    AuditOpt,
)
