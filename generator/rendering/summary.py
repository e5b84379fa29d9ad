"""The plain summary ("あらまし" / "At a glance") at the top of each assessment page.

Every sentence is computed from the validated record, never written by hand: what the work is
and whom it concerns, which personal data is kept, who receives it and why, who handles it on
the city's behalf, how the city rated its own risk measures, any serious incident, and where to
ask about one's own data.  Each figure links to the section it comes from.  A figure that is not
known (the field is 未収録 or 判読不能, generator/core/fieldstate.py) is never counted as zero: the
sentence says what is not known instead.

The figures come from ``generator.rendering.facts``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

from generator.core.fieldstate import (
    LABEL,
    MISSING,
    SHORT,
    UNKNOWN,
    UNREADABLE,
    FieldNotes,
)
from generator.core.textfmt import esc, one_line
from generator.core.vocab import aside, t
from generator.linking.link import AssessmentRef, Site
from generator.model import Assessment, FullAssessment
from generator.model.base import Text
from generator.rendering.blocks import Ctx
from generator.rendering.document import form_label
from generator.rendering.facts import RATINGS, RATINGS_EN, Count, Facts, facts

# ---------------------------------------------------------------------------------------------
# The summary box: short sentences in both languages
# ---------------------------------------------------------------------------------------------


SHORT_SENTENCE = {MISSING: "電子版に未収録の", UNREADABLE: "原本から判読できない"}
IS_STATE = {MISSING: "この電子版に未収録です", UNREADABLE: "原本から判読できません"}
IS_STATE_EN = {
    MISSING: "are not in this electronic version",
    UNREADABLE: "cannot be read from the original",
}


def rating_label(value: str, lang: str) -> str:
    return RATINGS_EN[value] if lang == "en" else value


def plural(n: int, one: str, many: str = "") -> str:
    """ "1 recipient", "2 recipients" (English)."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _and(items: list[str], lang: str) -> str:
    if lang == "ja":
        return "、".join(items)
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


class _Say:
    """The sentences of one summary, with links only to sections the page has."""

    def __init__(self, lang: str, ctx: Ctx, anchors: Mapping[str, str]) -> None:
        self.lang = lang
        self.ja = lang == "ja"
        self.ctx = ctx
        self.anchors = anchors
        self.points: list[tuple[str, str]] = []

    def link(self, html: str, *anchors: str) -> str:
        target = next((a for a in anchors if a in self.anchors), None)
        return f'<a href="{esc(self.anchors[target])}">{html}</a>' if target else html

    def name(self, text: Text) -> str:
        """A name in full (never cut; its lines joined); untranslated names are marked Japanese."""
        english = self.ctx.english(text)[0] if not self.ja else None

        def joined(raw: str, sep: str) -> str:
            return esc(one_line(sep.join(ln.strip() for ln in raw.splitlines() if ln.strip())))

        if self.ja:
            return joined(text.ja, "、")
        if english is not None:
            return joined(english, "; ")
        return f'<span lang="ja">{joined(text.ja, "、")}</span>'

    def state(self, state: str) -> str:
        """The state as said inside a sentence."""
        label = LABEL[state][self.lang]
        return esc(label if self.ja else label[0].lower() + label[1:])

    def add(self, key: str, ja: str, en: str) -> None:
        self.points.append((key, ja if self.ja else en))


def _unknown_parts(c: Count, lang: str) -> str:
    """ "（ほかに未収録のファイル 2件）" / " (2 more files not in this version)"."""
    states = Counter(c.unknown)
    bits = []
    for state, n in sorted(states.items()):
        bits.append(
            f"{SHORT[state]['ja']}のファイル {n}件"
            if lang == "ja"
            else f"{plural(n, 'file')} {SHORT[state]['en']}"
        )
    if not bits:
        return ""
    return "（ほかに" + "、".join(bits) + "）" if lang == "ja" else " (" + ", ".join(bits) + ")"


def summary_markdown(
    a: AssessmentRef, site: Site, lang: str, ctx: Ctx, anchors: Mapping[str, str]
) -> str:
    """Markdown for the summary box (a heading and a list of short sentences). ``anchors``: the
    sections it may link, each with its address from the page ("#contacts", "risks/#risks-1")."""
    rec = a.record
    ctx.notes = FieldNotes.of(rec)
    f = facts(rec)
    s = _Say(lang, ctx, anchors)
    ja = s.ja
    muni = site.municipalities[a.municipality]
    proc = site.processes[a.process]
    muni_name = esc(muni.name.show(lang))
    proc_name = esc(proc.name.show(lang))
    form = esc(form_label(rec.form, lang))

    # 1. The work and whom it concerns
    draft = rec.status == "案"
    s.add(
        "work",
        f"{muni_name}の「{proc_name}」についての{form}{'（案）' if draft else ''}です。",
        f"This is the {form}{' (draft)' if draft else ''} of {muni_name} on "
        f"\u201c{proc_name}\u201d.",
    )
    pop_anchor = ("basic-info-process", "threshold", "basic-info")
    if f.population:
        band = s.link(esc(ctx.choice(f.population)), *pop_anchor)
        scope = ""
        if f.scope is not None and len(one_line(f.scope.ja)) <= 40:
            scope_html = s.name(f.scope)
            scope = f"対象となる本人は「{scope_html}」です。" if ja else f" They are: {scope_html}."
        s.add(
            "people",
            f"この事務の対象人数は{band}です。{scope}",
            f"The work concerns {band} people.{scope}",
        )
    elif f.population_state in UNKNOWN:
        said = s.link(s.state(f.population_state), *pop_anchor)
        s.add(
            "people",
            f"対象人数は{said}です（原本には記載があるはずです）。",
            f"The number of people concerned: {said} (the original should state it).",
        )

    # 2. Which personal data is kept
    if f.file_names:
        names = [
            s.link(s.name(n), f"file{i}", "files", "related", "basic")
            for i, n in enumerate(f.file_names, 1)
        ]
        n = len(names)
        items: list[str] = []
        for ff in f.files:
            for option, check in ff.main_items:
                label = esc(ctx.choice(option))
                if check.note is not None and not check.note.is_blank:
                    label += aside(s.name(check.note), lang)
                if label not in items:
                    items.append(label)
        unknown_items = sum(ff.main_items_unknown for ff in f.files)
        kept_ja = f"個人情報は{n}つのファイル（{_and(names, lang)}）に記録しています。"
        kept_en = (
            f"The personal data is kept in {plural(n, 'file')}: {_and(names, lang)}."
            if n > 1
            else f"The personal data is kept in one file: {names[0]}."
        )
        if items:
            first = next((ff.number for ff in f.files if ff.main_items), 1)
            what = s.link(_and(items, lang), f"file{first}-basic", f"file{first}")
            kept_ja += f"主な記録項目は{what}です。"
            kept_en += f" The main items recorded are: {what}."
        if unknown_items:
            kept_ja += (
                f"ほかに{unknown_items}項目は、記録しているかどうかを原本から判読できませんでした。"
            )
            kept_en += (
                f" For {plural(unknown_items, 'more item')}, whether it is recorded could not be "
                "read from the original."
            )
        s.add("data", kept_ja, kept_en)

    # 3. Who receives it and why
    _receivers(s, rec, f)

    # 4. Who handles it on the city's behalf
    _entrusted(s, f)

    # 5. The city's own rating of its risk measures
    _ratings(s, f)

    # 6. Serious incidents
    incident = f.serious_incident
    inc_anchor = ("risks-1-storage", "risks", "threshold")
    if incident is True:
        s.add(
            "incident",
            f"重大事故が{s.link('発生したと記載しています', *inc_anchor)}。",
            f"The report {s.link('states that a serious incident occurred', *inc_anchor)}.",
        )
    elif incident is False:
        s.add(
            "incident",
            f"重大事故は{s.link('発生していない', *inc_anchor)}と記載しています。",
            f"The report {s.link('states no serious incident', *inc_anchor)}.",
        )
    elif f.incidents_unknown:
        said = s.link(s.state(f.incidents_unknown[0]), *inc_anchor)
        s.add(
            "incident",
            f"重大事故の有無は、一部のファイルについて{said}です。",
            f"Whether a serious incident occurred: {said} for some files.",
        )

    # 7. How to ask about or correct one's own data
    contact = s.link(
        "「開示請求、問合せ」" if ja else "\u201cRequests and inquiries\u201d",
        "contacts",
        "related-request-office",
        "related",
    )
    s.add(
        "contacts",
        f"自分の情報の開示・訂正・利用停止を求めるときや、取扱いについて問い合わせるときの窓口は、{contact}に書かれています。",
        f"To see, correct or stop the use of your own data, or to ask about how it is handled, "
        f"see {contact} for where to apply.",
    )
    body = "".join(f'<li data-kh-point="{k}">{text}</li>' for k, text in s.points)
    return (
        f"## {t('summary.heading', lang)} {{: #at-a-glance }}\n\n"
        # derived from the sections below, which the search indexes already
        f'<div class="kh-glance" data-pagefind-ignore><p class="kh-glance-intro">{esc(t("summary.intro", lang))}</p>'
        f"<ul>{body}</ul></div>\n"
    )


def _receivers(s: _Say, rec: Assessment, f: Facts) -> None:
    ja, lang = s.ja, s.lang
    rc, tc = f.recipients, f.transferees
    if rc.known is None and tc.known is None and not rc.unknown:
        return
    first = next((ff.number for ff in f.files if ff.recipients or ff.transferees), 1)
    anchor = (f"file{first}-disclosure", "risks")
    summed = max(rc.parts, tc.parts) > 1
    sum_ja = f"（{max(rc.parts, tc.parts)}つのファイルの合計）" if summed else ""
    sum_en = f" (the total over {max(rc.parts, tc.parts)} files)" if summed else ""
    if rc.known == 0 and tc.known == 0 and not rc.unknown:
        s.add(
            "disclosure",
            f"ほかの機関への提供も、市の他の事務への移転も{s.link('行っていません', *anchor)}。",
            f"The data is {s.link('neither provided to other bodies nor transferred', *anchor)} "
            "to other work of the city.",
        )
        return
    parts_ja: list[str] = []
    parts_en: list[str] = []
    if rc.known:
        parts_ja.append(f"ほかの機関（提供先）{s.link(f'{rc.known}件', *anchor)}に提供")
        parts_en.append(
            f"provided to {s.link(plural(rc.known, 'other body', 'other bodies'), *anchor)}"
        )
    if tc.known:
        parts_ja.append(f"市の他の事務（移転先）{s.link(f'{tc.known}件', *anchor)}に移転")
        parts_en.append(
            f"passed on within the city for {s.link(plural(tc.known, 'other task'), *anchor)} "
            "(transfers)"
        )
    if parts_ja:
        s.add(
            "disclosure",
            "データを" + "し、".join(parts_ja) + f"しています{sum_ja}{_unknown_parts(rc, 'ja')}。",
            "The data is " + " and ".join(parts_en) + f"{sum_en}{_unknown_parts(rc, 'en')}.",
        )
    elif rc.unknown:
        said = s.state(rc.unknown[0])
        s.add(
            "disclosure",
            f"提供・移転の有無と件数は{s.link(said, *anchor)}です。",
            f"Whether the data is provided or transferred: {s.link(said, *anchor)}.",
        )
    # The main recipients by name, with what they use it for.
    annexes = isinstance(rec, FullAssessment) and bool(rec.annexes)
    named: list[str] = []
    via_annex = False
    for ff in f.files:
        for j, name, purpose in ff.recipient_names:
            if "別紙" in name.ja and not annexes:
                via_annex = True
                continue
            if len(named) >= 3:
                break
            html = s.link(s.name(name), f"file{ff.number}-disclosure-recipients-{j + 1}")
            if purpose is not None and not purpose.is_blank and len(one_line(purpose.ja)) <= 40:
                html += ("（用途: " if ja else " (for: ") + s.name(purpose) + ("）" if ja else ")")
            named.append(html)
    if named:
        s.add(
            "recipients",
            f"主な提供先: {_and(named, lang)}。",
            f"Main recipients: {_and(named, lang)}.",
        )
    if via_annex:
        s.add(
            "recipients",
            "提供先・移転先の一覧は原本の別紙にあり、この電子版には含まれていません。原本でご確認ください。",
            "The lists of recipients are in an annex of the original that is not part of this "
            "electronic version: please check the original.",
        )


def _entrusted(s: _Say, f: Facts) -> None:
    lang = s.lang
    c = f.outsourced
    if c.known is None and not c.unknown:
        return
    first = next((ff.number for ff in f.files if ff.outsourced), 1)
    anchor = (f"file{first}-outsourcing", "risks")
    if c.known == 0 and not c.unknown:
        s.add(
            "outsourcing",
            f"データの取扱いを外部に{s.link('委託していません', *anchor)}。",
            f"The city {s.link('does not entrust', *anchor)} the handling of the data to others.",
        )
        return
    if c.known is None:
        said = s.link(s.state(c.unknown[0]), *anchor)
        s.add("outsourcing", f"委託の有無は{said}です。", f"Whether work is entrusted: {said}.")
        return
    summed = c.parts > 1
    n = c.known
    text_ja = f"データの取扱いの一部を外部の事業者に{s.link(f'{n}件', *anchor)}委託しています"
    text_ja += (
        (f"（{c.parts}つのファイルの合計）" if summed else "") + _unknown_parts(c, "ja") + "。"
    )
    text_en = (
        f"The city entrusts {s.link(plural(n, 'task'), *anchor)} in handling the data to "
        "outside companies"
        + (f" (the total over {c.parts} files)" if summed else "")
        + _unknown_parts(c, "en")
        + "."
    )
    names: list[str] = []
    seen: set[str] = set()
    for ff in f.files:
        for j, who in ff.contractors:
            if who.ja not in seen:
                seen.add(who.ja)
                names.append(s.link(s.name(who), f"file{ff.number}-outsourcing-items-{j + 1}"))
    if names:
        text_ja += f"委託先: {_and(names, lang)}。"
        text_en += f" Contractors: {_and(names, lang)}"
        text_en += "" if re.sub(r"<[^>]+>", "", text_en).endswith(".") else "."
    unknown = next((ff.contractors_unknown for ff in f.files if ff.contractors_unknown), "")
    if unknown:
        text_ja += f"委託先の名前は{IS_STATE[unknown]}。"
        text_en += f" The contractors' names {IS_STATE_EN[unknown]}."
    sub = f.subcontracted.known or 0
    if sub:
        text_ja += f"うち{sub}件は、委託先がさらに別の事業者に任せています（再委託）。"
        text_en += (
            f" In {plural(sub, 'case')}, the contractor passes the work on to another company "
            "(re-entrustment)."
        )
    s.add("outsourcing", text_ja, text_en)


def _ratings(s: _Say, f: Facts) -> None:
    lang = s.lang
    if not f.ratings and not f.ratings_unknown:
        return
    link = s.link
    stated = [(r, f.ratings[r]) for r in RATINGS if f.ratings.get(r)]
    bits_ja = [f"「{r}」が{n}件" for r, n in stated]
    bits_en = [f"\u201c{RATINGS_EN[r]}\u201d for {plural(n, 'risk')}" for r, n in stated]
    unknown = sum(f.ratings_unknown.values())
    text_ja = (
        "市は自らのリスク対策を評価し、" + link("、".join(bits_ja), "risks") + "としています。"
    )
    text_en = "The city rated its own risk measures: " + link(_and(bits_en, lang), "risks") + "."
    if not stated:
        parts_ja = [
            f"{SHORT_SENTENCE[st]}評価が{n}件" for st, n in sorted(f.ratings_unknown.items())
        ]
        parts_en = [
            f"{plural(n, 'rating')} {SHORT[st]['en']}"
            for st, n in sorted(f.ratings_unknown.items())
        ]
        text_ja = (
            f"市は自らの{link('リスク対策', 'risks')}を評価していますが、"
            + "、".join(parts_ja)
            + "あり、件数を示せません。"
        )
        text_en = (
            f"The city rated its own {link('risk measures', 'risks')}, but "
            + _and(parts_en, lang)
            + ", so no count is given."
        )
    elif unknown:
        parts_ja = [
            f"{SHORT_SENTENCE[st]}評価が{n}件" for st, n in sorted(f.ratings_unknown.items())
        ]
        parts_en = [
            f"{plural(n, 'rating')} {SHORT[st]['en']}"
            for st, n in sorted(f.ratings_unknown.items())
        ]
        text_ja += "ほかに、" + "、".join(parts_ja) + "あります（件数に含めていません）。"
        text_en += " Not counted: " + _and(parts_en, lang) + "."
    elif "課題が残されている" not in f.ratings:
        text_ja += "「課題が残されている」とした項目はありません。"
        text_en += " None is rated \u201cissues remain\u201d."
    text_ja += "これは第三者の監査ではなく、市自身の評価です。"
    text_en += " These are the city's own ratings, not an audit."
    s.add("ratings", text_ja, text_en)


__all__ = ["MISSING", "UNREADABLE", "plural", "rating_label", "summary_markdown"]
