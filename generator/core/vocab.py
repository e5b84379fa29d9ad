"""The site's fixed words in both languages: one catalogue, looked up by key.

Everything a page says that is not content (labels, headings, notes, navigation) is here, so a
word is translated once and every page says it the same way.  Keys without a dot are words of
every page (templates read them as ``L.key``); ``page.key`` words belong to one page plugin.
``tests/test_vocab.py`` checks that every word has both languages and that every key is used.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final, NamedTuple


class Word(NamedTuple):
    """A word or sentence of the site in Japanese and English (``{name}`` fields are filled in)."""

    ja: str
    en: str

    def show(self, lang: str) -> str:
        return self.en if lang == "en" else self.ja


VOCAB: Final[Mapping[str, Word]] = MappingProxyType(
    {
        # Words of every page (labels of the forms, navigation, notes)
        "yes": Word("はい", "Yes"),
        "no": Word("いいえ", "No"),
        "checked": Word("選択", "selected"),
        "unchecked": Word("非選択", "not selected"),
        "cut_off": Word("原本では途中で切れています", "cut off in the source"),
        "important": Word(
            "重要な変更の対象となる項目", "A change of this item is an important change"
        ),
        "site_name": Word(
            "kohyo 特定個人情報保護評価書", "kohyo: My Number privacy impact assessments"
        ),
        "municipalities": Word("地方公共団体", "Municipalities"),
        "assessments": Word("評価書", "Assessments"),
        "processes": Word("事務", "Processes"),
        "council": Word("審議会の文書", "Council papers"),
        "municipality": Word("地方公共団体", "Municipality"),
        "prefecture": Word("都道府県", "Prefecture"),
        "process": Word("事務", "Process"),
        "form": Word("評価書の種類", "Form"),
        "status": Word("状態", "Status"),
        "published": Word("公表日", "Publication date"),
        "code": Word("全国地方公共団体コード", "Local government code"),
        "official_site": Word("公式サイト", "Official website"),
        "item_no": Word("No.", "No."),
        "source_notes": Word("原本から判読できなかった項目", "Fields not legible in the source"),
        "source": Word("原本", "Original"),
        "about_version": Word("この電子版について", "About this electronic version"),
        "about_version_summary": Word(
            "電子版の作り方と、原本から読み取れなかった箇所（注記 {n}件）",
            "How this version was made, and what could not be read from the original ({n} notes)",
        ),
        "about_version_intro": Word(
            "このページは、市が公表した評価書（原本）のテキストから作った電子版です。正式な内容は原本です。空欄の項目は、次のどれに当たるかを示しています。",
            "This page is an electronic version made from the text of the report the city published (the original); the original is authoritative. An empty entry says which of the following applies.",
        ),
        "about_version_notes": Word(
            "原本から読み取るときに注意した箇所:",
            "Places that needed care when reading the original:",
        ),
        "not_published": Word("未公表（案）", "Not published (draft)"),
        "whole_document": Word("評価書全体", "The whole report"),
        "note_reading": Word("読み取りの注記", "Reading note"),
        "draft_no_date": Word(
            "未公表（案）。原本の公表日欄の日付はこの案のものではないため、表示していません。",
            "Not published (draft). The date printed in the publication-date field of the original is not this draft's, so it is not shown.",
        ),
        "coverage": Word("英語訳の割合", "Translation coverage"),
        "draft_note": Word(
            "この評価書は案（意見聴取・第三者点検のための版）です。",
            "This report is a draft (the version for public consultation or third-party review).",
        ),
        "files_overview": Word(
            "特定個人情報ファイルの概要", "Overview of the Specific Personal Information Files"
        ),
        "record_items": Word("特定個人情報ファイル記録項目", "Items recorded in the files"),
        "risks": Word("リスク対策", "Risk measures"),
        "risks_full": Word(
            "特定個人情報ファイルの取扱いプロセスにおけるリスク対策",
            "Risk measures in the handling of the files",
        ),
        "flows": Word("事務の内容", "Description of the work"),
        "changes": Word("変更箇所", "Changes"),
        "annexes": Word("別紙", "Annexes"),
        "glossary": Word("用語集", "Glossary"),
        "file_name": Word("特定個人情報ファイル名", "File name"),
        "summary_of": Word("一覧", "Summary"),
        "contractor": Word("委託先名", "Contractor"),
        "handlers": Word("取扱者数", "Handlers"),
        "subcontract": Word("再委託", "Re-entrustment"),
        "entrusted_work": Word("委託事項", "Entrusted work"),
        "recipient": Word("提供先", "Recipient"),
        "legal_basis": Word("法令上の根拠", "Legal basis"),
        "method": Word("方法", "Method"),
        "timing": Word("時期・頻度", "Timing"),
        "system": Word("システム", "System"),
        "components": Word("構成要素", "Components"),
        "term": Word("用語", "Term"),
        "meaning": Word("用語の意味", "Meaning"),
        "reading": Word("読み", "Reading"),
        "assessments_of": Word("{name}の評価書", "Assessments of {name}"),
        "council_of": Word("{name}の審議会の文書", "Council papers of {name}"),
        "none_yet": Word("まだありません。", "None yet."),
        "latest": Word("最近公表・更新された評価書", "Recently published or updated"),
        "compare_process": Word(
            "{name}の評価書を地方公共団体ごとに比べる",
            "Compare the assessments of {name} across municipalities",
        ),
        "changes_elsewhere": Word(
            "変更箇所は{n}件あり、別のページに載せています。",
            "There are {n} changes, listed on a page of their own.",
        ),
        "changes_open": Word("変更箇所の一覧を開く", "Open the list of changes"),
        "part_elsewhere": Word(
            "この部分は長いため、別のページに載せています。",
            "This part is long and has a page of its own.",
        ),
        "part_open": Word("このページを開く", "Open this part"),
        "parts": Word("この評価書の各部", "Parts of this assessment"),
        "part_main": Word(
            "表紙・あらまし・I 基本情報・IV〜VI ほか",
            "Cover, summary, I Basic information, IV to VI and more",
        ),
        "back_to_assessment": Word("評価書に戻る：{title}", "Back to the assessment: {title}"),
        "compare_short": Word("他の団体と比べる", "compare with other municipalities"),
        "important_legend": Word(
            "※ の付いた項目は「重要な変更」の対象です（変更するときは評価をやり直します）。",
            "Items marked ※ are subject to “important changes” (changing them requires a new assessment).",
        ),
        "all_assessments": Word("評価書の一覧", "All assessments"),
        "by_prefecture": Word("都道府県ごと", "By prefecture"),
        "by_prefecture_of": Word(
            "都道府県ごとの評価書（{n}件）", "Assessments by prefecture ({n})"
        ),
        "by_prefecture_intro": Word(
            "件数が多いため、都道府県ごとにまとめています。都道府県を選ぶと、その地方公共団体と評価書の一覧を表示します。サイト内検索でも探せます。",
            "There are too many to list on one page: choose a prefecture to see its municipalities and assessments, or use the search.",
        ),
        "all_municipalities": Word("地方公共団体の一覧", "All municipalities"),
        "all_processes": Word("事務の一覧", "All processes"),
        "concerns": Word("対象の評価書", "Assessments concerned"),
        "council_papers": Word("関連する審議会の文書", "Related council papers"),
        "date": Word("日付", "Date"),
        "title": Word("題名", "Title"),
        "kind": Word("種類", "Type"),
        # Wayfinding on every page (generator/output/mkdocs_hooks.py)
        "contents": Word("このページの内容", "On this page"),
        # Browsing by prefecture and by form (generator/pages/browse.py)
        "browse.prefectures": Word("都道府県", "Prefectures"),
        "browse.all_prefectures": Word("都道府県から探す", "Browse by prefecture"),
        "browse.munis_in": Word("{name}の地方公共団体", "Municipalities in {name}"),
        "browse.forms": Word("評価書の種類", "Assessment types"),
        "browse.all_forms": Word("評価書の種類から探す", "Browse by assessment type"),
        "browse.of_form": Word("{name}の一覧", "{name}: all"),
        "browse.count": Word("件数", "Count"),
        # The comparison by process (generator/pages/compare.py)
        "compare.compare": Word("比較", "Compare"),
        "compare.compare_all": Word("事務ごとの比較", "Compare by process"),
        "compare.compare_of": Word("{name}の比較", "Compare: {name}"),
        "compare.intro": Word(
            "同じ事務について、各地方公共団体の評価書の主な記載を並べています。列の見出しのボタンで並べ替えができます。数値は評価書の記載から自動で集計したもので、ファイルが複数ある評価書では全ファイルの合計です。分からない部分は数に含めず、「ほかに不明」として別に示します。リスク対策の評価は、第三者の監査ではなく各市の自己評価です。",
            "The main figures of each municipality's assessment of the same process, side by side. Use the buttons in the column headers to sort. The figures are counted automatically from the reports; where a report has several files they are the total over its files. What is not known is never counted: it is shown apart as “unknown”. The ratings of the risk measures are each city's own ratings, not an audit.",
        ),
        "compare.states": Word("空欄の表し方", "How empty entries are shown"),
        "compare.na": Word("様式にない項目", "Not on this form"),
        "compare.na_draft": Word("案のため対象外", "n/a (draft)"),
        "compare.yes_no_count": Word("あり（件数は様式にない）", "Yes (no count on this form)"),
        "compare.reassess_note": Word(
            "再評価の目安は公表日から5年後です（特定個人情報保護評価に関する規則第15条）。",
            "Re-assessment is due within five years of publication (Rules on Specific Personal Information Protection Assessment, Article 15).",
        ),
        "compare.handlers_note": Word(
            "取扱者数は基礎項目評価書のしきい値判断項目の記載です。重点項目・全項目評価書では、各ファイルの使用者数を括弧内に示します。",
            "Persons handling the files are stated in the threshold items of Basic Assessments; for Focused and Full Assessments the number of users of each file is shown in brackets.",
        ),
        "compare.population": Word("対象人数", "People covered"),
        "compare.handlers": Word("取扱者数", "Persons handling"),
        "compare.outsourced": Word("委託事項", "Entrusted works"),
        "compare.subcontracted": Word("再委託", "Re-entrusted"),
        "compare.recipients": Word("提供先", "Recipients"),
        "compare.transferees": Word("移転先", "Transferees"),
        "compare.incident": Word("重大事故", "Serious incident"),
        "compare.due": Word("再評価の目安", "Re-assessment due"),
        "compare.yes": Word("発生あり", "Yes"),
        "compare.no": Word("発生なし", "None"),
        "compare.none_here": Word(
            "この事務の評価書はまだありません。", "No assessments of this process yet."
        ),
        "compare.sort_hint": Word("並べ替え", "sort"),
        "compare.scroll_hint": Word(
            "表は{n}列あります。横にスクロールすると続きが見られます。",
            "The table has {n} columns: scroll sideways to see them all.",
        ),
        # The glossary page (generator/pages/glossary.py)
        "glossary.intro": Word(
            "評価書によく出てくる用語の意味です。評価書のページでは、各節で最初に出てくる用語に下線の点線が付き、押す（タップする）か、マウスを重ねると、その場で意味が表示されます。",
            "The meaning of terms that appear often in the assessments. On assessment pages the first occurrence of a term in each section is underlined with dots; tap or click it, or hover over it, to read its meaning in place.",
        ),
        "glossary.en_term": Word("英語", "Japanese"),
        "glossary.also": Word("別の言い方", "Also written"),
        "glossary.english_source": Word("英語訳の出典", "Source of the English term"),
        "glossary.source": Word("説明の出典", "Source of the definition"),
        "glossary.basis": Word("説明の根拠", "Legal basis of the definition"),
        "glossary.unconfirmed": Word(
            "（未確認：このサイトはこの説明を法令・公式の資料で確かめていません）",
            " (unconfirmed: this site has not checked this definition against the law or an official source)",
        ),
        "glossary.index": Word("索引（五十音順）", "Index (A to Z)"),
        # The search page (generator/pages/search.py)
        "search.title": Word("サイト内検索", "Search"),
        "search.intro": Word(
            "評価書・地方公共団体・事務・法令の条文などを日本語で検索できます。「第19条」のように条番号でも探せます。結果は地方公共団体・都道府県・事務・評価書の種類で絞り込めます。",
            "Search the English pages of this site: assessments, municipalities, processes and the laws they cite. Narrow the results by municipality, prefecture, process or assessment type. To search the Japanese originals, use the search on the Japanese pages.",
        ),
        "search.noscript": Word(
            "検索には JavaScript が必要です。一覧から探すこともできます。",
            "Search needs JavaScript. You can also browse the lists.",
        ),
        # The summary box of an assessment (generator/rendering/summary.py)
        "summary.heading": Word("この評価書のあらまし", "At a glance"),
        "summary.intro": Word(
            "評価書の記載から自動でまとめたものです。数字や名前のリンク先に、元になった本文があります。",
            "Compiled automatically from the report; each figure and name links to the text it comes from.",
        ),
        # The open-data page (generator/pages/data.py, templates/data.html.j2)
        "data.licence": Word("ライセンス", "Licence"),
        "data.downloads": Word("ダウンロード", "Downloads"),
        "data.bulk": Word(
            "すべての評価書（JSON、1ファイル、gzip 圧縮）",
            "All assessments (JSON, one file, gzip-compressed)",
        ),
        "data.csv": Word(
            "評価書ごとの主な数値（CSV、UTF-8 BOM付き）",
            "Headline figures per assessment (CSV, UTF-8 with BOM)",
        ),
        "data.schema": Word("評価書1件の JSON Schema", "JSON Schema of one assessment"),
        "data.bundle_schema": Word(
            "一括ダウンロードの JSON Schema", "JSON Schema of the bulk download"
        ),
        "data.feed_ja": Word("更新情報（Atom、日本語）", "Updates (Atom feed, Japanese)"),
        "data.feed_en": Word("更新情報（Atom、英語）", "Updates (Atom feed, English)"),
        "data.per_assessment": Word("評価書ごとの JSON", "JSON per assessment"),
        "data.assessment": Word("評価書", "Assessment"),
        "data.csv_columns": Word("CSV の列", "CSV columns"),
        "data.column": Word("列", "Column"),
        "data.meaning": Word("内容", "Meaning"),
        # Punctuation of running text, counts
        "count_n": Word("{n}件", "{n}"),
        "sep.list": Word("、", ", "),
        "sep.colon": Word("：", ": "),
        # The law pages, the cross-link pages and the assessment page's parts
        "laws.the_provision_no_longer_exists": Word(
            "今日この条項はありません。", "The provision no longer exists."
        ),
        "laws.successor_order": Word("引き継いだ法令", "Successor order"),
        "laws.law": Word("法令", "Law"),
        "laws.provision_japanese": Word("条項", "Provision (Japanese)"),
        "laws.provision_english": Word("英語", "Provision (English)"),
        "laws.title_japanese": Word("題名", "Title (Japanese)"),
        "laws.title_english": Word("英語の題名", "Title (English)"),
        "laws.law_number": Word("法令番号", "Law number"),
        "laws.not_printed_in_the_assessments": Word(
            "評価書に書かれていません", "not printed in the assessments"
        ),
        "laws.published_at": Word("掲載ページ", "Published at"),
        "laws.text": Word("本文", "Text"),
        "laws.english_translation": Word("英訳", "English translation"),
        "laws.amendments_of_the_table": Word("表の改正", "Amendments of the table"),
        "laws.row_numbers": Word("項番", "Row numbers"),
        "laws.note": Word("注記", "Note"),
        "laws.cited_in_an_older_numbering_as": Word(
            "旧番号での引用", "Cited in an older numbering as"
        ),
        "laws.laws": Word("法令", "Laws"),
        "laws.provisions_cited": Word("引用された条項", "Provisions cited"),
        "laws.all_laws": Word("法令の一覧", "All laws"),
        "laws.same_provision_today": Word(
            "今日の同じ規定は{target}です。", "Today the same provision is {target}."
        ),
        "laws.n_municipalities": Word("{n}団体", "{n} municipalities"),
        "laws.citations_in": Word("{name}の評価書での引用", "Citations in {name}"),
        "xlink.citations_by_prefecture": Word("都道府県ごとの引用", "Citations by prefecture"),
        "xlink.as_written_first_example": Word("記載（最初の例）", "As written (first example)"),
        "xlink.other_spellings": Word("別の書き方", "Other spellings"),
        "xlink.documents_count": Word("評価書・文書の数", "Documents"),
        "xlink.documents": Word("評価書・文書", "Documents"),
        "xlink.laws_and_provisions": Word("法令・条項", "Laws and provisions"),
        "xlink.related_pages": Word("関連ページ", "Related pages"),
        "xlink.name": Word("名称", "Name"),
        "xlink.laws": Word("法令", "Laws"),
        "xlink.systems": Word("システム", "Systems"),
        "xlink.contractors": Word("委託先", "Contractors"),
        "xlink.recipients": Word("提供先の種類", "Recipient types"),
        "xlink.filetypes": Word("特定個人情報ファイルの種類", "File types"),
        "feeds.updates": Word("更新情報", "updates"),
        "render.cover": Word("表紙", "Cover"),
        "render.numbered": Word("{word}{i}:", "{word} {i}:"),
        "render.every_entry": Word("{field}（すべて）", "{field} (every entry)"),
        "render.row": Word("{field}（{n}行目）", "{field}, row {n}"),
        "render.entry": Word("{field}{n}", "{field} {n}"),
        "assessment.data": Word("データ", "Data"),
        "assessment.about_data": Word("公開データについて", "about the open data"),
        "render.attachment_1": Word("(別添1) ", "(Attachment 1) "),
        "render.attachment_2": Word("(別添2) ", "(Attachment 2) "),
        "render.attachment_3": Word("(別添3) ", "(Attachment 3) "),
        "render.subtitle": Word("副題", "Subtitle"),
        "render.diagram": Word("図", "Diagram"),
        "render.description": Word("説明", "Description"),
        # The accessibility statement's results (generator/pages/accessibility.py)
        "a11y.results": Word("自動試験の結果", "Results of the automated tests"),
        "a11y.summary": Word(
            "最後に記録した試験：{pages}ページ（{types}種類のページ × 日本語・英語）で、axe-core の違反 {violations}件。キーボードの確認 {keyboard}。",
            "Last recorded run: {pages} pages ({types} page types in Japanese and English), {violations} axe-core violations. Keyboard checks: {keyboard}.",
        ),
        "a11y.passed": Word("すべて合格", "all passed"),
        "a11y.failed": Word("不合格あり", "some failed"),
        "a11y.tool": Word("ツール", "Tools"),
        "a11y.type": Word("ページの種類", "Page type"),
        "a11y.lang": Word("言語", "Language"),
        "a11y.url": Word("試験したページ", "Page tested"),
        "a11y.violations": Word("違反", "Violations"),
        "a11y.none": Word("まだ記録がありません。", "No results recorded yet."),
    }
)

# Said on English pages only (a Japanese page needs no such note).
ENGLISH_ONLY: Final[Mapping[str, str]] = MappingProxyType(
    {
        "untranslated": "Japanese original (not translated yet)",
        "coverage_text": "{pct} of the Japanese text of this page has an English rendering; "
        "the rest is shown in Japanese.",
    }
)

KIND_EN = {"諮問": "Consultation", "答申": "Council report"}
STATUS = {"公表": Word("公表", "Published"), "案": Word("案", "Draft")}


def t(key: str, lang: str, **kw: object) -> str:
    """The word ``key`` in ``lang``, with its ``{fields}`` filled in."""
    text = VOCAB[key].show(lang)
    return text.format(**kw) if kw else text


def listing(items: Iterable[str], lang: str) -> str:
    """Items in running text: 「a、b」, "a, b"."""
    return VOCAB["sep.list"].show(lang).join(items)


def aside(text: str, lang: str) -> str:
    """A remark after a word: 「語（注）」, "word (note)"."""
    return f"（{text}）" if lang == "ja" else f" ({text})"


def english_only(key: str, **kw: str) -> str:
    """A sentence said on English pages only."""
    text = ENGLISH_ONLY[key]
    return text.format(**kw) if kw else text


def words(lang: str) -> dict[str, str]:
    """Every word in ``lang``, for templates (``L.key``)."""
    return {key: word.show(lang) for key, word in VOCAB.items()}
