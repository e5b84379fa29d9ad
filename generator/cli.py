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
    corpus = validate_corpus(Path(args.root) / "content", findings)
    link(corpus, findings)
    _print_findings(findings, args.lang)
    return 1 if findings.failed(args.strict) else 0


def cmd_build(args: argparse.Namespace) -> int:
    from generator.build import BuildError, build_site

    root = Path(args.root)
    try:
        result = build_site(root, Path(args.out), strict=args.strict, search=not args.no_search)
    except BuildError as exc:
        _print_findings(Findings(), args.lang)
        print(("MkDocs のビルドに失敗しました:\n" if args.lang == "ja" else "MkDocs build failed:\n") + str(exc),
              file=sys.stderr)
        return 1
    _print_findings(result.findings, args.lang)
    if not result.ok:
        return 1
    assert result.written is not None
    msg = f"{result.written.pages} ページを書き出し、{args.out}/ を作りました" if args.lang == "ja" else (
        f"wrote {result.written.pages} pages into {args.out}/")
    print(msg)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kohyo", description="特定個人情報保護評価書を公開するサイトを作ります。")
    parser.add_argument("--lang", choices=["ja", "en"], default="ja", help="メッセージの言語 (ja/en)")
    parser.add_argument("--root", default=".", help="プロジェクトのフォルダ（content/ と site_config.yml がある所）")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="content/ を検査します")
    p.add_argument("--strict", action="store_true", help="警告もエラーとして扱います")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("build", help="検査してからサイト全体を site/ に作ります")
    p.add_argument("--strict", action="store_true", help="警告もエラーとして扱います")
    p.add_argument("--out", default="site", help="出力先フォルダ")
    p.add_argument("--no-search", action="store_true", help="検索索引を作りません")
    p.set_defaults(func=cmd_build)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.func(args))
