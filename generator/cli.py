"""The ``kohyo`` command line: thin subcommands over the pipeline stages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.findings import Findings


def _print_findings(findings: Findings, lang: str) -> None:
    for f in findings:
        print(f.format(lang), file=sys.stderr)
    n_err, n_warn = len(findings.errors), len(findings.warnings)
    if lang == "en":
        print(f"{n_err} error(s), {n_warn} warning(s)", file=sys.stderr)
    else:
        print(f"エラー {n_err} 件、警告 {n_warn} 件", file=sys.stderr)


def cmd_validate(args: argparse.Namespace) -> int:
    from generator.link import link
    from generator.validate import validate_corpus

    findings = Findings()
    corpus = validate_corpus(Path(args.content), findings)
    link(corpus, findings)
    _print_findings(findings, args.lang)
    return 1 if findings.failed(args.strict) else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kohyo", description="特定個人情報保護評価書を公開するサイトを作ります。")
    parser.add_argument("--lang", choices=["ja", "en"], default="ja", help="メッセージの言語 (ja/en)")
    parser.add_argument("--content", default="content", help="content フォルダ")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="content/ を検査します")
    p.add_argument("--strict", action="store_true", help="警告もエラーとして扱います")
    p.set_defaults(func=cmd_validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.func(args))
