"""The editing guide (編集ガイド / Editing guide) as a page of the site.

The Japanese page is ``docs/editing-guide.md`` of this repository, published as it is (like the
accessibility statement, it is read from this repository whatever corpus is being built).  The
site's Markdown has no fenced code blocks, so fences become indented code blocks here; the file
itself keeps fences, which read better on GitHub.  The English page summarises the guide.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from generator.core.textfmt import front_matter, page_start
from generator.linking.link import Site

SOURCE = Path(__file__).resolve().parent.parent.parent / "docs" / "editing-guide.md"
PATH = "guide/index.md"
TITLE = {"ja": "編集ガイド", "en": "Editing guide"}

FENCE = re.compile(r"^( *)```")

SUMMARY_EN = """\
This page summarises the editing guide for the staff who maintain the site. The full guide is in
Japanese (switch the language to <span lang="ja">日本語</span>) and in `docs/editing-guide.md` of the repository.

## Set-up (once)

Clone the repository, open the folder in VS Code and install the recommended **YAML (Red Hat)**
extension. Then run `make serve` in a terminal: the first run creates the Python environment
(`.venv`) from the lock files, which takes a few minutes.

## From a published report (kohyo import)

If the municipality has already published the report as a PDF, start here.
`.venv/bin/kohyo import REPORT.pdf --municipality ID` writes a draft content file (one per report
found in the PDF; extracted or pasted text works too). It places each value by the printed label of
the form, quotes every passage it could not place in `source_notes` with the printed section and the
source lines, and `--report` lists every value it guessed (not read beside its label) as a checklist.
Check those values against the original, move the quoted passages to their fields, then run
`.venv/bin/kohyo validate` and `make serve`.

## Which files a municipality edits

Its own `content/municipalities/ID.yaml`, `content/assessments/ID/` and `content/council/ID/`.
The registries in `content/registries/` (laws, systems, glossary, processes, ...) and
`content/translations/` are shared by every municipality: change them only in a separate pull
request reviewed by the site's maintainers, never to make one file pass.

## One edit

Open the YAML file of the page (the page `/assessments/takatsuki/juki-basic/` comes from
`content/assessments/takatsuki/juki-basic.yaml`), change the text and save. Indent with two
half-width spaces; write `true`/`false` for check boxes (not yes/no); put English in `en:`.

## The preview

`make serve` builds the site, serves it at `http://127.0.0.1:8000/`, rebuilds only the pages that a
saved file affects and reloads the browser. Problems appear in the terminal and in a red box at the
top of the page. A file with errors keeps showing its last good version until it is fixed; a new
file that has never been valid gets a page that lists its problems. Options: `--port`,
`--only MUNICIPALITY`, `--search`.

## A new assessment

<code>.venv/bin/kohyo new assessment MUNICIPALITY PROCESS --form <span lang="ja">基礎</span>|<span lang="ja">重点</span>|<span lang="ja">全項目</span></code> writes a commented
skeleton that builds at once (`kohyo new municipality ID` for a new municipality). Fill in the
<code lang="ja">（記入）</code> placeholders and the items of the original report, then run `make validate`.

## When the original cannot be copied as it is

Write a printed <span lang="ja">「－」</span> as <code lang="ja">"－"</code>. A check box that cannot be read is `null` (not
`false`). A text that cannot be read, or that the original lacks, stays empty with an entry in
`source_notes` (`field: files[0].risks.use.r2`, `note:` the reason). A record item cut off in the
source keeps its printed text with `cut_off: true`; a note printed under a system's name goes into
`name_note`; a change-log date printed apart from its row goes into `date_note`.

## One entry of each list

The Japanese guide shows one worked entry of <span lang="ja">委託事項</span> (entrusted work),
<span lang="ja">提供先</span> (recipients), <span lang="ja">移転先</span> (transferees),
<span lang="ja">記録項目</span> (record items, a list of groups: `- title: … items: […]`, the title
optional) and <span lang="ja">変更箇所</span> (changes); the `kohyo new` skeleton carries the same
examples as comments.

## Editor set-up

`.vscode/settings.json` maps the JSON Schemas in `schema/` to the content files, and the first
line of each file (`# yaml-language-server: $schema=...`) does the same: hover a key for its Japanese
description, press Ctrl+Space for the allowed values.

## Reading an error message

<code>path:line:column: <span lang="ja">エラー</span>|<span lang="ja">警告</span>: message [code]</code>, followed by `→ how to fix it`. Errors block
publishing; warnings do not. Fix the first problem first. `kohyo --lang en validate` prints the
messages in English.

## A false positive of the personal-data guard

If a 12-digit number or lines that look like residents' records are really not personal data (a
sample number printed in the official form), write the comment <code># kohyo: <span lang="ja">個人情報ではない</span></code> on
the line above the value or at the end of its line. It silences the guard for that value only.

## Publishing

Commit and `git push`. The `pages` workflow (`.github/workflows/pages.yml`) runs the tests, builds
the site and publishes it on GitHub Pages; if any step fails, the published site stays as it was.
"""


def unfence(markdown: str) -> str:
    """Fenced code blocks -> indented code blocks (the site enables no fenced-code extension)."""
    out: list[str] = []
    inside: int | None = None
    for line in markdown.splitlines():
        m = FENCE.match(line)
        if m and inside is None:
            inside = len(m.group(1))
            continue
        if m and inside is not None:
            inside = None
            continue
        out.append("    " + line if inside is not None and line.strip() else line)
    return "\n".join(out) + "\n"


def guide_markdown(lang: str, source: Path = SOURCE) -> str:
    title = TITLE[lang]
    if lang == "ja":  # the guide's Markdown brings its own heading
        return front_matter(title) + "\n" + unfence(source.read_text(encoding="utf-8"))
    return page_start(title) + SUMMARY_EN


def pages(site: Site, lang: str) -> Iterable[tuple[str, str]]:
    # the project's own guide (docs/ next to the content/ built), else the one shipped here
    own = site.project.root / "docs" / "editing-guide.md"
    source = own if own.is_file() and not own.is_symlink() else SOURCE
    yield PATH, guide_markdown(lang, source)


def nav(lang: str) -> list[tuple[str, str]]:
    return [(TITLE[lang], PATH)]
