"""Fixed words of the site in both languages (everything that is not content)."""

from __future__ import annotations

UI: dict[str, dict[str, str]] = {
    "not_stated": {"ja": "記載なし", "en": "Not stated"},
    "untranslated": {"ja": "", "en": "Japanese original (not translated yet)"},
    "yes": {"ja": "はい", "en": "Yes"},
    "no": {"ja": "いいえ", "en": "No"},
    "checked": {"ja": "選択", "en": "selected"},
    "unchecked": {"ja": "非選択", "en": "not selected"},
    "unknown_state": {"ja": "原本から判読できず", "en": "not legible in the source"},
    "cut_off": {"ja": "原本では途中で切れています", "en": "cut off in the source"},
    "cases": {"ja": "件", "en": "cases"},
    "important": {
        "ja": "重要な変更の対象となる項目",
        "en": "A change of this item is an important change",
    },
    "home": {"ja": "ホーム", "en": "Home"},
    "site_name": {
        "ja": "kohyo 特定個人情報保護評価書",
        "en": "kohyo: My Number privacy impact assessments",
    },
    "municipalities": {"ja": "地方公共団体", "en": "Municipalities"},
    "assessments": {"ja": "評価書", "en": "Assessments"},
    "processes": {"ja": "事務", "en": "Processes"},
    "council": {"ja": "審議会の文書", "en": "Council papers"},
    "municipality": {"ja": "地方公共団体", "en": "Municipality"},
    "prefecture": {"ja": "都道府県", "en": "Prefecture"},
    "process": {"ja": "事務", "en": "Process"},
    "form": {"ja": "評価書の種類", "en": "Form"},
    "status": {"ja": "状態", "en": "Status"},
    "published": {"ja": "公表日", "en": "Publication date"},
    "code": {"ja": "全国地方公共団体コード", "en": "Local government code"},
    "official_site": {"ja": "公式サイト", "en": "Official website"},
    "item_no": {"ja": "No.", "en": "No."},
    "source_notes": {
        "ja": "原本から判読できなかった項目",
        "en": "Fields not legible in the source",
    },
    "source": {"ja": "原本", "en": "Original"},
    "about_version": {"ja": "この電子版について", "en": "About this electronic version"},
    "about_version_summary": {
        "ja": "電子版の作り方と、原本から読み取れなかった箇所（注記 {n}件）",
        "en": "How this version was made, and what could not be read from the original ({n} notes)",
    },
    "about_version_intro": {
        "ja": "このページは、市が公表した評価書（原本）のテキストから作った電子版です。正式な内容は原本です。"
        "空欄の項目は、次のどれに当たるかを示しています。",
        "en": "This page is an electronic version made from the text of the report the city "
        "published (the original); the original is authoritative. An empty entry says which of "
        "the following applies.",
    },
    "about_version_notes": {
        "ja": "原本から読み取るときに注意した箇所:",
        "en": "Places that needed care when reading the original:",
    },
    "not_published": {"ja": "未公表（案）", "en": "Not published (draft)"},
    "whole_document": {"ja": "評価書全体", "en": "The whole report"},
    "note_reading": {"ja": "読み取りの注記", "en": "Reading note"},
    "draft_no_date": {
        "ja": "未公表（案）。原本の公表日欄の日付はこの案のものではないため、表示していません。",
        "en": "Not published (draft). The date printed in the publication-date field of the "
        "original is not this draft's, so it is not shown.",
    },
    "coverage": {"ja": "英語訳の割合", "en": "Translation coverage"},
    "coverage_text": {
        "ja": "",
        "en": "{pct} of the Japanese text of this page has an English rendering; the rest is shown in Japanese.",
    },
    "draft": {"ja": "案", "en": "Draft"},
    "published_status": {"ja": "公表", "en": "Published"},
    "draft_note": {
        "ja": "この評価書は案（意見聴取・第三者点検のための版）です。",
        "en": "This report is a draft (the version for public consultation or third-party review).",
    },
    "files_overview": {
        "ja": "特定個人情報ファイルの概要",
        "en": "Overview of the Specific Personal Information Files",
    },
    "record_items": {"ja": "特定個人情報ファイル記録項目", "en": "Items recorded in the files"},
    "risks": {"ja": "リスク対策", "en": "Risk measures"},
    "risks_full": {
        "ja": "特定個人情報ファイルの取扱いプロセスにおけるリスク対策",
        "en": "Risk measures in the handling of the files",
    },
    "flows": {"ja": "事務の内容", "en": "Description of the work"},
    "changes": {"ja": "変更箇所", "en": "Changes"},
    "annexes": {"ja": "別紙", "en": "Annexes"},
    "glossary": {"ja": "用語集", "en": "Glossary"},
    "file_name": {"ja": "特定個人情報ファイル名", "en": "File name"},
    "summary_of": {"ja": "一覧", "en": "Summary"},
    "contractor": {"ja": "委託先名", "en": "Contractor"},
    "handlers": {"ja": "取扱者数", "en": "Handlers"},
    "subcontract": {"ja": "再委託", "en": "Re-entrustment"},
    "entrusted_work": {"ja": "委託事項", "en": "Entrusted work"},
    "recipient": {"ja": "提供先", "en": "Recipient"},
    "transferee": {"ja": "移転先", "en": "Transferee"},
    "legal_basis": {"ja": "法令上の根拠", "en": "Legal basis"},
    "method": {"ja": "方法", "en": "Method"},
    "timing": {"ja": "時期・頻度", "en": "Timing"},
    "system": {"ja": "システム", "en": "System"},
    "components": {"ja": "構成要素", "en": "Components"},
    "term": {"ja": "用語", "en": "Term"},
    "meaning": {"ja": "用語の意味", "en": "Meaning"},
    "reading": {"ja": "読み", "en": "Reading"},
    "assessments_of": {"ja": "{name}の評価書", "en": "Assessments of {name}"},
    "council_of": {"ja": "{name}の審議会の文書", "en": "Council papers of {name}"},
    "none_yet": {"ja": "まだありません。", "en": "None yet."},
    "latest": {"ja": "最近公表・更新された評価書", "en": "Recently published or updated"},
    "compare_process": {
        "ja": "{name}の評価書を地方公共団体ごとに比べる",
        "en": "Compare the assessments of {name} across municipalities",
    },
    "changes_elsewhere": {
        "ja": "変更箇所は{n}件あり、別のページに載せています。",
        "en": "There are {n} changes, listed on a page of their own.",
    },
    "changes_open": {"ja": "変更箇所の一覧を開く", "en": "Open the list of changes"},
    "back_to_assessment": {"ja": "評価書に戻る：{title}", "en": "Back to the assessment: {title}"},
    "compare_short": {"ja": "他の団体と比べる", "en": "compare with other municipalities"},
    "important_legend": {
        "ja": "※ の付いた項目は「重要な変更」の対象です（変更するときは評価をやり直します）。",
        "en": "Items marked ※ are subject to \u201cimportant changes\u201d (changing them requires a new "
        "assessment).",
    },
    "all_assessments": {"ja": "評価書の一覧", "en": "All assessments"},
    "by_prefecture": {"ja": "都道府県ごと", "en": "By prefecture"},
    "by_prefecture_of": {
        "ja": "都道府県ごとの評価書（{n}件）",
        "en": "Assessments by prefecture ({n})",
    },
    "by_prefecture_intro": {
        "ja": "件数が多いため、都道府県ごとにまとめています。都道府県を選ぶと、その地方公共団体と評価書の一覧を表示します。"
        "サイト内検索でも探せます。",
        "en": "There are too many to list on one page: choose a prefecture to see its municipalities and "
        "assessments, or use the search.",
    },
    "all_municipalities": {"ja": "地方公共団体の一覧", "en": "All municipalities"},
    "all_processes": {"ja": "事務の一覧", "en": "All processes"},
    "concerns": {"ja": "対象の評価書", "en": "Assessments concerned"},
    "council_papers": {"ja": "関連する審議会の文書", "en": "Related council papers"},
    "date": {"ja": "日付", "en": "Date"},
    "title": {"ja": "題名", "en": "Title"},
    "kind": {"ja": "種類", "en": "Type"},
}

KIND_EN = {"諮問": "Consultation", "答申": "Council report"}
STATUS = {"公表": {"ja": "公表", "en": "Published"}, "案": {"ja": "案", "en": "Draft"}}


def t(key: str, lang: str, **kw: str) -> str:
    text = UI[key][lang]
    return text.format(**kw) if kw else text
