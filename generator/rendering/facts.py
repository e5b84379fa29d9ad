"""The figures of one assessment (counts of files, subjects, recipients, entrusted works, the
self-ratings), each with what the source says of it: stated, listed, or unknown and why.

Read by the summary box (``generator.rendering.summary``), the data downloads (``pages/data.py``) and the
comparison (``pages/compare.py``); an unknown is never counted as zero.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import get_args

from pydantic.fields import FieldInfo

from generator.core.fieldstate import (
    BLANK,
    UNKNOWN,
    FieldNotes,
    is_empty,
    leaves,
)
from generator.model import (
    Assessment,
    BasicAssessment,
    FocusedAssessment,
    FullAssessment,
    SummaryDocument,
)
from generator.model.assessment import (
    FileFocused,
    FileFull,
    OutsourcingItemFocused,
    OutsourcingItemFull,
)
from generator.model.base import Check, DateValue, Text
from generator.model.choices import Rating

RATINGS: tuple[str, ...] = get_args(Rating)

RATINGS_EN = {
    "特に力を入れている": "particular effort",
    "十分である": "sufficient",
    "課題が残されている": "issues remain",
}
REASSESS_YEARS = 5  # 規則第15条: re-assess within five years of the last publication


def publication_date(rec: Assessment) -> DateValue | None:
    """The 公表日 of a published report; a draft (状態 案) has none of its own, whatever date
    its cover prints (often the previous version's).  A summary (概要) has no cover."""
    if rec.status == "案" or isinstance(rec, SummaryDocument):
        return None
    return rec.cover.published


@dataclass
class Count:
    """A figure summed over the files: the stated parts and the parts that are not known."""

    known: int | None = None  # sum of the stated parts (None: no part is stated)
    parts: int = 0  # how many files state a figure
    unknown: list[str] = field(default_factory=list)  # state of each part not known

    def add(self, value: int | None, state: str = BLANK) -> None:
        if value is not None:
            self.known = (self.known or 0) + value
            self.parts += 1
        elif state in UNKNOWN:
            self.unknown.append(state)

    @property
    def exact(self) -> int | None:
        """The figure, only when every part is known."""
        return self.known if not self.unknown else None


@dataclass
class FileFacts:
    number: int
    name: Text
    outsourced: int | None = None  # 委託事項の件数 (None: not stated)
    subcontracted: int = 0  # of those, 再委託する
    recipients: int | None = None  # 提供先の件数
    transferees: int | None = None  # 移転先の件数
    recipient_names: list[tuple[int, Text, Text | None]] = field(default_factory=list)
    contractors: list[tuple[int, Text]] = field(default_factory=list)  # (item index, name)
    contractors_unknown: str = ""  # the state of the contractor names when some are empty
    users: str | None = None  # 使用者数 (band)
    main_items: list[tuple[str, Check]] = field(default_factory=list)
    main_items_unknown: int = 0


@dataclass
class Facts:
    """The comparable figures of one assessment."""

    form: str
    process_name: Text | None = None
    population: str | None = None  # 対象人数 (band)
    population_state: str = BLANK  # its state when empty
    scope: Text | None = None  # 対象となる本人の範囲 of the first file
    handlers: str | None = None  # 取扱者数 (basic assessment: 500人以上 / 500人未満)
    files: list[FileFacts] = field(default_factory=list)
    file_names: list[Text] = field(default_factory=list)
    ratings: Counter[str] = field(default_factory=Counter)
    ratings_unknown: Counter[str] = field(default_factory=Counter)  # state -> how many
    incidents: list[str] = field(default_factory=list)  # 発生あり / 発生なし, as stated
    incidents_unknown: list[str] = field(default_factory=list)
    not_outsourced: bool | None = None  # basic assessment: 委託しない
    not_disclosed: bool | None = None  # basic assessment: 提供・移転しない
    published: DateValue | None = None
    outsourced: Count = field(default_factory=Count)
    subcontracted: Count = field(default_factory=Count)
    recipients: Count = field(default_factory=Count)
    transferees: Count = field(default_factory=Count)

    @property
    def serious_incident(self) -> bool | None:
        """True if one is stated; False only when every answer is known and says none."""
        if "発生あり" in self.incidents:
            return True
        if self.incidents_unknown:
            return None
        return False if self.incidents else None

    @property
    def users(self) -> list[str]:
        return sorted({f.users for f in self.files if f.users})

    @property
    def reassessment_due(self) -> DateValue | None:
        return reassessment_due(self.published)


def reassessment_due(published: DateValue | None) -> DateValue | None:
    """公表日 + 5 years (規則第15条); 29 February falls back to 28 February."""
    if published is None:
        return None
    year = published.year + REASSESS_YEARS
    day = published.day
    if day is not None:
        try:
            dt.date(year, published.month, day)
        except ValueError:
            day = 28
    return DateValue(year=year, month=published.month, day=day)


def _count(stated: int | None, listed: int, flag: bool | None) -> int | None:
    if stated is not None:
        return stated
    if listed:
        return listed
    return 0 if flag is False else None


def _is_rating(finfo: FieldInfo) -> bool:
    return Rating in (finfo.annotation, *get_args(finfo.annotation))


def _self_ratings(
    rec: FocusedAssessment | FullAssessment | BasicAssessment, f: Facts, notes: FieldNotes
) -> None:
    """Every 「リスクへの対策は十分か」 of the record: stated, or its state when empty."""
    for path, finfo, value in leaves(rec):
        if path and path[0] in ("changes", "source_notes"):
            continue
        if _is_rating(finfo):
            if value in RATINGS:
                f.ratings[value] += 1
            else:
                state = notes.state(path)[0]
                if state in UNKNOWN:
                    f.ratings_unknown[state] += 1
        elif path and path[-1] == "serious_incident":
            if value:
                f.incidents.append(value)
            else:
                state = notes.state(path)[0]
                if state in UNKNOWN:
                    f.incidents_unknown.append(state)


# facts() of a record, asked for by its summary, its comparison row and its data record (in
# each language): worked out once.  The record is kept with its facts, so that an id is never
# matched to a newer record; the preview server rebuilds often, hence the bound.
_MEMO: dict[int, tuple[Assessment, Facts]] = {}
_MEMO_LIMIT = 20_000


def facts(rec: Assessment) -> Facts:
    """What the summary, the comparison and the data say of a record (see ``Facts``); the same
    object for the same record, not to be changed by callers."""
    hit = _MEMO.get(id(rec))
    if hit is not None and hit[0] is rec:
        return hit[1]
    if len(_MEMO) >= _MEMO_LIMIT:
        _MEMO.clear()
    f = _facts(rec)
    _MEMO[id(rec)] = (rec, f)
    return f


def _facts(rec: Assessment) -> Facts:
    f = Facts(form=rec.form)
    notes = FieldNotes.of(rec)
    f.published = publication_date(rec)
    if isinstance(rec, (FullAssessment, FocusedAssessment)):
        proc = rec.basic_info.process if rec.basic_info else None
        f.process_name = proc.name if proc else None
        f.population = proc.population if proc else None
        f.population_state = notes.state(("basic_info", "process", "population"))[0]
        files: list[FileFocused | FileFull] = list(rec.files)
        for i, file in enumerate(files):
            ff = FileFacts(i + 1, file.name)
            f.file_names.append(file.name)
            where = ("files", i)
            basic = file.basic
            if basic is not None:
                if f.scope is None and basic.subjects_scope and not basic.subjects_scope.is_blank:
                    f.scope = basic.subjects_scope
                for option, check in (basic.main_items or {}).items():
                    if check.checked:
                        ff.main_items.append((option, check))
                    elif check.checked is None:
                        ff.main_items_unknown += 1
            out = file.outsourcing
            if out is not None:
                if out.status == "委託しない":
                    ff.outsourced = 0
                else:
                    ff.outsourced = len(out.items) if out.items else out.count
                ff.subcontracted = sum(
                    1
                    for item in out.items
                    if item.subcontract and item.subcontract.status == "再委託する"
                )
                items: Sequence[OutsourcingItemFocused | OutsourcingItemFull] = out.items
                for j, item in enumerate(items):
                    if is_empty(item.contractor):
                        state = notes.state((*where, "outsourcing", "items", j, "contractor"))[0]
                        if state in UNKNOWN:
                            ff.contractors_unknown = state
                    elif item.contractor is not None and all(
                        item.contractor.ja != c.ja for _, c in ff.contractors
                    ):
                        ff.contractors.append((j, item.contractor))
            state = notes.state((*where, "outsourcing"))[0] if out is None else BLANK
            f.outsourced.add(ff.outsourced, state)
            f.subcontracted.add(ff.subcontracted if ff.outsourced is not None else None, state)
            d = file.disclosure
            dstate = notes.state((*where, "disclosure"))[0] if d is None else BLANK
            if d is not None:
                ff.recipients = _count(d.provides_count, len(d.recipients), d.provides)
                ff.transferees = _count(d.transfers_count, len(d.transferees), d.transfers)
                if d.none:
                    ff.recipients = ff.recipients or 0
                    ff.transferees = ff.transferees or 0
                ff.recipient_names = [(j, r.name, r.purpose) for j, r in enumerate(d.recipients)]
            f.recipients.add(ff.recipients, dstate)
            f.transferees.add(ff.transferees, dstate)
            au = file.acquisition_use
            if au is not None and au.users is not None:
                ff.users = au.users.count
            f.files.append(ff)
        _self_ratings(rec, f, notes)
    elif isinstance(rec, BasicAssessment):
        f.process_name = rec.related.process_name if rec.related else None
        f.file_names = list(rec.related.files) if rec.related else []
        f.population_state = notes.state(("threshold", "population"))[0]
        if rec.threshold is not None:
            f.population = rec.threshold.population
            f.handlers = rec.threshold.handlers
        _self_ratings(rec, f, notes)
        if rec.risks is not None:
            f.not_outsourced = rec.risks.not_outsourced
            f.not_disclosed = rec.risks.not_disclosed
        if f.not_outsourced:
            f.outsourced.add(0)
            f.subcontracted.add(0)
        if f.not_disclosed:
            f.recipients.add(0)
            f.transferees.add(0)
    elif isinstance(rec, SummaryDocument):
        f.process_name = rec.basic.process_name if rec.basic else None
        f.file_names = [x.name for x in rec.files] or (list(rec.basic.files) if rec.basic else [])
    return f
