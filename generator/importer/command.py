"""``kohyo import SOURCE --municipality ID``: the thin command over the importer."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
from pathlib import Path

LONG_SOURCE = 1000  # lines; longer sources show their progress
FORM_NAMES = {
    "基礎": "基礎項目評価書",
    "重点": "重点項目評価書",
    "全項目": "全項目評価書",
    "概要": "概要",
    "basic": "基礎項目評価書",
    "focused": "重点項目評価書",
    "full": "全項目評価書",
    "summary": "概要",
}


def _say(args: argparse.Namespace, ja: str, en: str) -> str:
    return en if args.lang == "en" else ja


def cmd_import(args: argparse.Namespace) -> int:
    from generator.importer import SourceError, import_file

    root = Path(args.root)
    ident = re.compile(r"^[a-z0-9][a-z0-9-]*$")
    for value in (args.municipality, args.process):
        if value is not None and not ident.match(value):
            print(
                _say(
                    args,
                    f"「{value}」: 英小文字・数字・ハイフンで書いてください（例: neyagawa）",
                    f"'{value}': use lower-case letters, digits and hyphens (e.g. neyagawa)",
                ),
                file=sys.stderr,
            )
            return 2
    if not (root / "content" / "municipalities" / f"{args.municipality}.yaml").exists():
        print(
            _say(
                args,
                f"団体「{args.municipality}」がありません → 先に kohyo new municipality "
                f"{args.municipality} --name … --prefecture … --code … で作ってください。",
                f"no municipality '{args.municipality}' → create it first with kohyo new "
                "municipality.",
            ),
            file=sys.stderr,
        )
        return 2
    source = Path(args.source)
    long_source = False
    with contextlib.suppress(OSError):
        long_source = source.suffix.lower() == ".pdf" or (
            source.read_bytes().count(b"\n") > LONG_SOURCE
        )

    def progress(message: str) -> None:
        if long_source:
            print(_say(args, f"読み込み中: {message}", f"reading: {message}"), file=sys.stderr)

    try:
        form = FORM_NAMES.get(args.form, args.form) if args.form else None
        drafts = import_file(source, args.municipality, args.process, progress, form)
    except SourceError as exc:
        ja, _, hint = str(exc).partition(" / ")
        print(f"{_say(args, 'エラー', 'error')}: {ja}", file=sys.stderr)
        if hint:
            print(f"    → {hint}", file=sys.stderr)
        return 1
    if not drafts:
        print(
            _say(
                args,
                "エラー: 評価書の題名（特定個人情報保護評価書（…評価書））が見つかりません\n"
                "    → 表紙の題名を含むテキストを指定するか、--form 重点 のように種類を指定してください。",
                "error: no assessment title (特定個人情報保護評価書（…評価書）) was found\n"
                "    → give the text with the cover's title, or name the form with --form focused.",
            ),
            file=sys.stderr,
        )
        return 1
    unknown = [d for d in drafts if d.data.get("process") == "unknown"]
    if unknown and not args.report:
        print(
            _say(
                args,
                "エラー: 評価書名から事務を推定できません\n"
                "    → --process juki のように、content/registries/processes.yaml の id を指定してください。",
                "error: the process cannot be inferred from the title\n"
                "    → name it with --process (an id of content/registries/processes.yaml).",
            ),
            file=sys.stderr,
        )
        return 2
    if args.report:
        try:
            for draft in drafts:
                print(report(args, draft, source))
            sys.stdout.flush()
        except BrokenPipeError:  # `| head`: the reader has what it wanted
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces the closed stream
        return 0
    folder = root / "content" / "assessments" / args.municipality
    targets = []
    for draft in drafts:
        one = args.out and len(drafts) == 1
        path = Path(args.out) if one else folder / f"{draft.slug}.yaml"
        if path.exists() and not args.force:
            print(
                _say(
                    args,
                    f"エラー: {path.as_posix()} は既にあります → --force で上書きするか、--out で別の名前を指定してください。",
                    f"error: {path.as_posix()} exists → use --force to overwrite or --out for another name.",
                ),
                file=sys.stderr,
            )
            return 1
        targets.append(path)
    for draft, path in zip(drafts, targets, strict=True):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(draft.yaml(), encoding="utf-8", newline="\n")
        print(
            _say(
                args,
                f"{path.as_posix()}: {draft.form}の下書き（確かめる値 {len(draft.guesses)} 件、"
                f"項目に割り当てられなかった記載 {draft.notes} 件）",
                f"{path.as_posix()}: draft {draft.form} ({len(draft.guesses)} value(s) to check, "
                f"{draft.notes} unplaced passage(s) in source_notes)",
            )
        )
    again = f"kohyo import {args.source} --municipality {args.municipality}"
    again += f" --process {args.process}" if args.process else ""
    again += f" --form {args.form}" if args.form else ""
    print(
        _say(
            args,
            f"次に: {again} --report で確かめる値の一覧を出し、"
            "直してから kohyo validate と kohyo serve で確かめてください。",
            f"next: {again} --report lists the values "
            "to check; fix them, then run kohyo validate and kohyo serve.",
        )
    )
    return 0


REASONS_EN = {
    "チェックの有無が原本から読み取れません": "the source does not show whether the box is ticked",
    "ラジオボタンと並ぶチェックボックスの表示を「チェックなし」と読みました": (
        "a check box beside radio buttons was read as not ticked"
    ),
    "ラジオボタンの表示を「チェックあり」と読みました": "a radio button was read as ticked",
    "事務は評価書名から推定しました（--process で指定できます）": (
        "the process was inferred from the title (--process sets it)"
    ),
    "原本から読み取れませんでした": "not found in the source; a placeholder was written",
    "名称が原本にありません": "the source prints no name; a placeholder was written",
    "変更日として読めない記載を「変更日（補足）」に入れました": (
        "a change date that is not a date went into date_note"
    ),
    "公表日があるので「公表」としました": "published, as the source has a publication date",
    "公表日がないので「案」としました": "a draft (案), as the source has no publication date",
}


def report(args: argparse.Namespace, draft: object, source: Path) -> str:
    """The checklist of one draft: every guessed value, then the unplaced passages."""
    from generator.importer import Draft

    assert isinstance(draft, Draft)
    lines = [
        _say(
            args,
            f"# {draft.title}（{draft.form}、原本テキスト{draft.first_line}～{draft.last_line}行目）",
            f"# {draft.title} ({draft.form}, source lines {draft.first_line}-{draft.last_line})",
        ),
        _say(
            args,
            f"推測した値 {len(draft.guesses)} 件（原本で項目名の横に読めなかったもの）。確かめたら [x] にします:",
            f"{len(draft.guesses)} guessed value(s) (not read beside their label). Tick each once checked:",
        ),
    ]
    for g in draft.guesses:
        where = _say(args, f"（原本{g.line}行目）", f" (source line {g.line})") if g.line else ""
        reason = REASONS_EN.get(g.reason, g.reason) if args.lang == "en" else g.reason
        lines.append(f"- [ ] {g.path}: {g.value} — {reason}{where}")
    lines.append(
        _say(
            args,
            f"項目に割り当てられなかった記載 {draft.notes} 件は source_notes にあります。"
            "それぞれ正しい項目へ移すか、不要なら消してください。",
            f"{draft.notes} passage(s) found no field; they are quoted in source_notes. Move each "
            "to its field, or delete it.",
        )
    )
    return "\n".join(lines) + "\n"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "import",
        help="公表された評価書（PDF かそのテキスト）から下書きの content ファイルを作ります",
    )
    p.add_argument("source", help="評価書の PDF、またはそこから取り出したテキスト")
    p.add_argument("--municipality", required=True, help="団体のid（例: neyagawa）")
    p.add_argument("--process", help="事務のid（省略時は評価書名から推定。例: juki）")
    p.add_argument(
        "--form",
        choices=sorted(FORM_NAMES),
        help="表紙の題名がないテキストの評価書の種類（題名があれば不要）",
    )
    p.add_argument("--out", help="書き出すファイル（文書が1つのとき）")
    p.add_argument("--force", action="store_true", help="既にあるファイルを上書きします")
    p.add_argument(
        "--report",
        action="store_true",
        help="書き出さずに、推測した値と割り当てられなかった記載の一覧を出します",
    )
    p.set_defaults(func=cmd_import)
