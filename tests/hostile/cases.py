"""The hostile corpus: inputs an attacker or a hurried editor gives, each with its pinned output.

Every case starts from a copy of tests/fixtures/corpus and writes, replaces, links or removes
files in it; ``kohyo validate`` then runs on it and its exit code and stderr must equal
``tests/hostile/expected/<case>.txt`` exactly (``pytest tests/hostile --update-errors`` rewrites
them; review the diff).  No output may hold a traceback or a whole 個人番号.
``python -m tests.hostile.measure`` runs each case in a fresh interpreter and prints the largest
validate time and peak memory.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "fixtures" / "corpus"
EXPECTED = HERE / "expected"

A = "content/assessments/sample/juki-basic.yaml"
M = "content/municipalities/sample.yaml"
C = "content/council/sample/shimon-1.yaml"
LAWS = "content/registries/laws.yaml"
GLOSSARY = "content/registries/glossary.yaml"
TRANSLATIONS = "content/translations/hostile.yaml"
NUMBER = "123456789018"  # passes the 個人番号 check digit


def base(target: str) -> str:
    return (CORPUS / target).read_text(encoding="utf-8")


def patched(target: str, old: str, new: str) -> str:
    text = base(target)
    assert old in text, (target, old)
    return text.replace(old, new, 1)


def title(value: str) -> str:
    """juki-basic.yaml with ``value`` as its cover title (a YAML scalar as written)."""
    return patched(A, "  title: 見本市 住民基本台帳事務 基礎項目評価書", f"  title: {value}")


def lol(levels: int) -> str:
    """Nested aliases: each level refers to the previous one ten times."""
    out = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        out.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return base(A) + "\n".join(out) + "\n"


def memory(ja: str, en: str) -> str:
    return f'subject: hostile\nentries:\n  - ja: "{ja}"\n    en: "{en}"\n'


@dataclass(frozen=True)
class Case:
    name: str
    description: str
    files: dict[str, str | bytes] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)  # target -> "outside" | "dir" | a path
    remove: tuple[str, ...] = ()
    variant: str = "ja"

    @property
    def expected(self) -> Path:
        return EXPECTED / f"{self.name}.txt"

    def make(self, tmp: Path) -> Path:
        root = tmp / "corpus"
        shutil.copytree(CORPUS, root)
        for target in self.remove:
            (root / target).unlink()
        for target, content in self.files.items():
            path = root / target
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8", newline="")
        for target, kind in self.links.items():
            path = root / target
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists() or path.is_symlink():
                path.unlink()
            if kind == "outside":
                outside = tmp / "outside.yaml"
                outside.write_text(base(A), encoding="utf-8")
                os.symlink(outside, path)
            elif kind == "dir":
                outside = tmp / "outside-dir"
                outside.mkdir(exist_ok=True)
                (outside / "juki-basic.yaml").write_text(base(A), encoding="utf-8")
                os.symlink(outside, path, target_is_directory=True)
            else:
                os.symlink(root / kind, path)
        return root


CASES: list[Case] = [
    # --- control and bidirectional characters, raw and as escapes -------------------------
    Case("nul-raw", "a raw NUL byte in a title", {A: title("見本\x00市").encode()}),
    Case("bel-raw", "a raw BEL in a title", {A: title("見本\x07市")}),
    Case("esc-raw", "a raw ESC (terminal colour code) in a title", {A: title("\x1b[31m見本市")}),
    Case("del-raw", "a raw DEL in a title", {A: title("見本\x7f市")}),
    Case("c1-raw", "a raw C1 control (U+0085) in a title", {A: title("見本\x85市")}),
    Case("nul-escape", 'NUL written as "\\0" in a quoted title', {A: title('"見本\\0市"')}),
    Case("bel-escape", 'BEL written as "\\a" in a quoted title', {A: title('"見本\\a市"')}),
    Case("rlo-escape", 'U+202E written as "\\u202e"', {A: title('"fdp.\\u202eexe"')}),
    Case("rlo-raw", "a raw U+202E RIGHT-TO-LEFT OVERRIDE", {A: title("fdp.\u202eexe")}),
    Case("lro-raw", "a raw U+202D LEFT-TO-RIGHT OVERRIDE", {A: title("見本\u202d市")}),
    Case("isolate-raw", "a raw U+2066 LEFT-TO-RIGHT ISOLATE", {A: title("見本\u2066市")}),
    Case("rlm-escape", 'U+200F written as "\\u200f"', {A: title('"見本\\u200f市"')}),
    Case("key-escape", "a bidi override inside a quoted key", {A: base(A) + '"note\\u202e": x\n'}),
    Case(
        "nul-municipality",
        "NUL in a municipality name",
        {M: patched(M, "ja: 見本市", 'ja: "見本\\0市"')},
    ),
    Case(
        "nul-council",
        "NUL in a council paper",
        {
            C: patched(
                C,
                "title: 見本市個人情報保護審議会への審議事項について（諮問）",
                'title: "見本市\\0審議会"',
            )
        },
    ),
    Case(
        "rlo-law",
        "U+202E in a law's name (registry)",
        {
            LAWS: 'laws:\n  - id: x\n    name: {ja: "法\\u202e律", en: Act}\n    number: 平成25年法律第27号\n'
        },
    ),
    Case(
        "bel-translation",
        "BEL in a translation memory entry",
        {TRANSLATIONS: memory("見本\\a", "Sample")},
    ),
    # --- aliases and nesting ------------------------------------------------------------------
    Case("alias-6", "six levels of nested aliases (a million values)", {A: lol(6)}),
    Case("alias-9", "nine levels of nested aliases (a billion values)", {A: lol(9)}),
    Case(
        "alias-small",
        "a small alias, as yaml.safe_dump writes them (accepted)",
        {
            A: patched(
                A,
                "  process_name: 住民基本台帳事務",
                "  process_name: &p 住民基本台帳事務\n  files_note: *p",
            )
            .replace("  files_note: *p\n", "")
            .replace(
                "  system_names: 既存住民基本台帳システム、住民基本台帳ネットワークシステム",
                "  system_names: *p",
            )
        },
    ),
    Case("deep-flow", "10,000 nested [ ]", {A: "x: " + "[" * 10000 + "]" * 10000 + "\n"}),
    Case(
        "deep-block",
        "200 nested mappings",
        {A: "".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "v\n"},
    ),
    Case(
        "deep-glossary",
        "deep nesting in the glossary",
        {GLOSSARY: "terms: " + "[" * 500 + "]" * 500 + "\n"},
    ),
    # --- files ---------------------------------------------------------------------------------
    Case(
        "symlink-outside",
        "a content file that links to a file outside the repository",
        links={"content/assessments/sample/linked.yaml": "outside"},
    ),
    Case(
        "symlink-dir",
        "a content folder that links outside",
        links={"content/assessments/linked": "dir"},
    ),
    Case("symlink-site-config", "site_config.yml as a link", links={"site_config.yml": "outside"}),
    Case(
        "yml-beside-yaml",
        "juki-basic.yml next to juki-basic.yaml",
        {"content/assessments/sample/juki-basic.yml": title("別の題名")},
    ),
    Case(
        "yml-alone",
        "an assessment saved as .yml",
        {"content/assessments/sample/juki-other.yml": base(A)},
    ),
    Case("dots-name", "a file named ...yaml", {"content/assessments/sample/...yaml": base(A)}),
    Case(
        "space-name",
        "a file name with a space",
        {"content/assessments/sample/juki basic2.yaml": base(A)},
    ),
    Case(
        "japanese-name", "a Japanese file name", {"content/assessments/sample/住基.yaml": base(A)}
    ),
    Case(
        "upper-name",
        "an upper-case file name",
        {"content/assessments/sample/Juki-Basic2.yaml": base(A)},
    ),
    Case(
        "upper-folder",
        "an upper-case folder name",
        {"content/assessments/Sample2/juki.yaml": base(A)},
    ),
    Case(
        "stray-file",
        "a stray non-YAML file (warning)",
        {"content/assessments/sample/notes.txt": "memo"},
    ),
    Case(
        "duplicate-code",
        "two municipality files with the same 団体コード",
        {"content/municipalities/sample2.yaml": patched(M, "ja: 見本市", "ja: 見本町")},
    ),
    Case(
        "duplicate-law-id",
        "two laws with one id",
        {
            LAWS: "laws:\n  - id: x\n    name: {ja: 甲法, en: A Act}\n  - id: x\n    name: {ja: 乙法, en: B Act}\n"
        },
    ),
    # --- files read outside the model before ---------------------------------------------------
    Case(
        "glossary-syntax",
        "a YAML error in glossary.yaml",
        {GLOSSARY: "terms:\n  - id: a\n   term: x\n"},
    ),
    Case(
        "glossary-missing-en",
        "a glossary term without its English meaning",
        {
            GLOSSARY: "terms:\n  - id: a\n    term: {ja: 用語, en: Term}\n    meaning: {ja: 意味}\n    english_source: project\n    source: domain\n"
        },
    ),
    Case(
        "glossary-bad-source",
        "a glossary term with an unknown source",
        {
            GLOSSARY: "terms:\n  - id: a\n    term: {ja: 用語, en: Term}\n    meaning: {ja: 意味, en: Meaning}\n    english_source: wiki\n    source: domain\n"
        },
    ),
    Case(
        "glossary-bad-id",
        "a glossary id outside [a-z0-9-]",
        {
            GLOSSARY: "terms:\n  - id: Bad Id\n    term: {ja: 用語, en: Term}\n    meaning: {ja: 意味, en: Meaning}\n    english_source: project\n    source: domain\n"
        },
    ),
    Case(
        "glossary-duplicate-id",
        "two glossary terms with one id",
        {
            GLOSSARY: "terms:\n"
            + "  - id: a\n    term: {ja: 用語, en: Term}\n    meaning: {ja: 意味, en: Meaning}\n    english_source: project\n    source: domain\n"
            * 2
        },
    ),
    Case(
        "glossary-unknown-key",
        "a misspelt key in the glossary",
        {
            GLOSSARY: "terms:\n  - id: a\n    term: {ja: 用語, en: Term}\n    meaning: {ja: 意味, en: Meaning}\n    english_source: project\n    source: domain\n    mark: true\n    marks: true\n"
        },
    ),
    Case(
        "site-config-syntax",
        "a YAML error in site_config.yml",
        {"site_config.yml": "site_name:\n  ja: [kohyo\n"},
    ),
    Case(
        "site-config-unknown",
        "a misspelt key in site_config.yml",
        {"site_config.yml": "site_name: {ja: a, en: b}\nsite_ulr: https://example.invalid/\n"},
    ),
    Case(
        "site-config-js-url",
        "a javascript: site_url",
        {"site_config.yml": 'site_name: {ja: a, en: b}\nsite_url: "javascript:alert(1)"\n'},
    ),
    Case(
        "site-config-nul",
        "NUL in site_config.yml",
        {"site_config.yml": 'site_name: {ja: "a\\0", en: b}\n'},
    ),
    Case(
        "translation-syntax",
        "a YAML error in the translation memory",
        {TRANSLATIONS: "entries:\n  - ja: [x\n"},
    ),
    Case(
        "a11y-bad",
        "accessibility results with a negative count",
        {
            "content/registries/accessibility-results.yaml": "results:\n  - {corpus: f, lang: ja, type: home, url: /, violations: -1}\n"
        },
    ),
    Case(
        "municipality-js-url",
        "a javascript: address as a municipality's site",
        {M: patched(M, "url: https://example.invalid/", 'url: "javascript:alert(1)"')},
    ),
    # --- 個人番号 -----------------------------------------------------------------------------
    Case(
        "mynumber-line-break",
        "a number split by a line break (a PDF copy)",
        {A: title(f'"番号 {NUMBER[:6]}\\n{NUMBER[6:]}"')},
    ),
    Case(
        "mynumber-choonpu",
        "groups separated by ー",
        {A: title(f"番号 {NUMBER[:4]}ー{NUMBER[4:8]}ー{NUMBER[8:]}")},
    ),
    Case(
        "mynumber-en-dash",
        "groups separated by en dashes",
        {A: title(f"番号 {NUMBER[:4]}–{NUMBER[4:8]}–{NUMBER[8:]}")},
    ),
    Case(
        "mynumber-em-dash",
        "groups separated by em dashes",
        {A: title(f"番号 {NUMBER[:4]}—{NUMBER[4:8]}—{NUMBER[8:]}")},
    ),
    Case(
        "mynumber-dots",
        "groups separated by dots",
        {A: title(f"番号 {NUMBER[:4]}.{NUMBER[4:8]}.{NUMBER[8:]}")},
    ),
    Case(
        "mynumber-nbsp",
        "groups separated by NBSP",
        {A: title(f"番号 {NUMBER[:4]}\u00a0{NUMBER[4:8]}\u00a0{NUMBER[8:]}")},
    ),
    Case(
        "mynumber-tab",
        "groups separated by tabs",
        {A: title(f'"番号 {NUMBER[:4]}\\t{NUMBER[4:8]}\\t{NUMBER[8:]}"')},
    ),
    Case(
        "mynumber-zero-width",
        "a zero-width space inside",
        {A: title(f"番号 {NUMBER[:4]}\u200b{NUMBER[4:]}")},
    ),
    Case(
        "mynumber-spaced", "one space between every digit", {A: title("番号 " + " ".join(NUMBER))}
    ),
    Case(
        "mynumber-3333",
        "123-456-789-018",
        {A: title(f"番号 {NUMBER[:3]}-{NUMBER[3:6]}-{NUMBER[6:9]}-{NUMBER[9:]}")},
    ),
    Case(
        "mynumber-url",
        "a number inside a URL",
        {
            M: patched(
                M, "url: https://example.invalid/", f"url: https://example.invalid/?id={NUMBER}"
            )
        },
    ),
    Case(
        "mynumber-status",
        "a number typed into status: (the choice error masks it)",
        {A: patched(A, "status: 案", f"status: {NUMBER}")},
    ),
    Case(
        "mynumber-process",
        "a number typed into process: (the reference error masks it)",
        {A: patched(A, "process: juki", f'process: "{NUMBER}"')},
    ),
    Case(
        "mynumber-number-field",
        "a number typed into a count field",
        {A: patched(A, "  population: 30万人以上", f"  population: {NUMBER}")},
    ),
    Case(
        "mynumber-key",
        "a number as a misspelt key (the unknown-field error masks it)",
        {A: base(A) + f'"{NUMBER}": x\n'},
    ),
    Case(
        "phone-not-a-number",
        "phone numbers and a postcode are not 個人番号",
        {A: title("電話 06-6123-4567 FAX 072-123-4567 〒572-8555")},
    ),
    Case(
        "houjin-not-a-number",
        "a 法人番号 (13 digits) is not a 個人番号",
        {A: title("法人番号 1234567890123")},
    ),
    Case(
        "check-digit-not-a-number",
        "12 digits with a wrong check digit",
        {A: title("番号 1234 5678 9019")},
    ),
    # --- markup in text (accepted: shown as text) -------------------------------------------
    Case(
        "script-in-name",
        "script markup in a municipality name (valid: shown as text)",
        {
            M: patched(
                M,
                "ja: 見本市",
                "ja: '見本市<img src=x onerror=alert(1)></title><script>alert(2)</script>'",
            )
        },
    ),
    Case(
        "title-breakout",
        "</title><script> in an assessment title (valid: shown as text)",
        {A: title("'</title><script>alert(1)</script>\"''><svg onload=alert(2)>'")},
    ),
]
