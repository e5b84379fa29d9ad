"""One finding type for every problem the pipeline reports.

A finding carries ``path:line:col``, a severity, a Japanese message and hint, and their English
versions.  Stages collect findings; the command line prints them all and fails once.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from generator.core.mynumber import mask_individual_numbers as mask


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


SEVERITY_JA = {Severity.ERROR: "エラー", Severity.WARNING: "警告"}


@dataclass(frozen=True, order=True)
class Finding:
    """A problem in a content file, with its position and how to fix it."""

    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message_ja: str
    message_en: str
    hint_ja: str = ""
    hint_en: str = ""

    def format(self, lang: str = "ja") -> str:
        if lang == "en":
            sev = self.severity.value
            msg, hint = self.message_en, self.hint_en
        else:
            sev = SEVERITY_JA[self.severity]
            msg, hint = self.message_ja, self.hint_ja
        out = f"{self.path}:{self.line}:{self.col}: {sev}: {msg} [{self.code}]"
        if hint:
            out += f"\n    → {hint}"
        return out


@dataclass
class Findings:
    """A collector: stages add to it, nothing raises for content mistakes."""

    items: list[Finding] = field(default_factory=list)

    def add(
        self,
        path: str | Path,
        line: int,
        col: int,
        code: str,
        message_ja: str,
        message_en: str,
        hint_ja: str = "",
        hint_en: str = "",
        severity: Severity = Severity.ERROR,
    ) -> None:
        self.items.append(
            Finding(
                str(path),
                max(line, 1),
                max(col, 1),
                severity,
                code,
                mask(message_ja),  # messages quote content
                mask(message_en),
                mask(hint_ja),
                mask(hint_en),
            )
        )

    def extend(self, other: Iterable[Finding]) -> None:
        self.items.extend(other)

    def __iter__(self) -> Iterator[Finding]:
        return iter(sorted(set(self.items)))

    def __len__(self) -> int:
        return len(self.items)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self if f.severity is Severity.WARNING]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))

    def for_path(self, path: str) -> list[Finding]:
        return [f for f in self if f.path == path]


def print_findings(findings: Findings, lang: str) -> None:
    for f in findings:
        print(f.format(lang), file=sys.stderr)
    n_err, n_warn = len(findings.errors), len(findings.warnings)
    if lang == "en":
        print(f"{n_err} error(s), {n_warn} warning(s)", file=sys.stderr)
    else:
        print(f"エラー {n_err} 件、警告 {n_warn} 件", file=sys.stderr)
