"""The ``kohyo`` command line: thin subcommands over the pipeline stages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.core.findings import Findings, print_findings


def cmd_validate(args: argparse.Namespace) -> int:
    from generator.pipeline import Project, prepare

    findings = Findings()
    prepare(Project.open(Path(args.root), findings), findings)  # exactly what `kohyo build` reads
    print_findings(findings, args.lang)
    return 1 if findings.failed(args.strict) else 0


def cmd_build(args: argparse.Namespace) -> int:
    from generator.core.children import exit_on_sigterm
    from generator.pipeline import BuildError, Project, build_site

    findings = Findings()
    project = Project.open(Path(args.root), findings)
    try:
        exit_on_sigterm()  # a terminated build still ends its children and removes its tree
        if args.out is None:  # the project's own site/, whatever the current folder
            args.out = project.site.as_posix()
        from generator.output.cache import cache_dir

        result = build_site(
            project,
            Path(args.out),
            strict=args.strict,
            search=not args.no_search,
            findings=findings,
            cache=cache_dir(args.cache),
            search_shards=args.search_shards,
        )
    except BuildError as exc:
        print_findings(Findings(), args.lang)
        print(
            ("MkDocs のビルドに失敗しました:\n" if args.lang == "ja" else "MkDocs build failed:\n")
            + str(exc),
            file=sys.stderr,
        )
        return 1
    print_findings(result.findings, args.lang)
    if not result.ok:
        return 1
    assert result.written is not None
    msg = (
        f"{result.written.pages} ページを書き出し、{args.out}/ を作りました"
        if args.lang == "ja"
        else (f"wrote {result.written.pages} pages into {args.out}/")
    )
    print(msg)
    if result.cache is not None:
        c = result.cache
        print(
            f"キャッシュ: HTML {c.pages_reused} ページを再利用、{c.pages_rendered} ページを描画"
            f"（評価書の Markdown {c.markdown_reused} ページ、Pagefind {c.pagefind_reused} 回分を再利用）"
            if args.lang == "ja"
            else f"cache: {c.pages_reused} HTML pages reused, {c.pages_rendered} rendered "
            f"({c.markdown_reused} assessment pages' Markdown, {c.pagefind_reused} Pagefind runs reused)"
        )
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from generator.core.schema import write_schemas

    for path in write_schemas(Path(args.root) / "schema"):
        print(path.as_posix())
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from generator.pipeline import Project, prepare
    from generator.rendering.stats import document_stats, format_stats

    findings = Findings()
    _corpus, site = prepare(Project.open(Path(args.root), findings), findings)
    if findings.errors:
        print_findings(findings, args.lang)
        return 1
    print(format_stats(document_stats(site), args.lang, as_json=args.json))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    import re

    from generator.commands.scaffold import new_assessment, new_municipality

    root = Path(args.root)
    ident_ok = re.compile(r"^[a-z0-9][a-z0-9-]*$")
    for value in (args.municipality, getattr(args, "process", None), getattr(args, "slug", None)):
        if value is not None and not ident_ok.match(value):
            print(
                f"「{value}」: 英小文字・数字・ハイフンで書いてください（例: neyagawa）",
                file=sys.stderr,
            )
            return 2
    try:
        if args.what == "municipality":
            path = new_municipality(
                root,
                args.municipality,
                args.name,
                args.prefecture,
                args.code,
                args.name_en or "",
                args.prefecture_en or "",
            )
        else:
            slug = (
                args.slug
                or f"{args.process}-{ {'基礎': 'basic', '重点': 'focused', '全項目': 'full'}.get(args.form, args.form) }"
            )
            path = new_assessment(root, args.municipality, args.process, args.form, slug)
    except (FileExistsError, ValueError) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(path.as_posix())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kohyo", description="特定個人情報保護評価書を公開するサイトを作ります。"
    )
    parser.add_argument(
        "--lang", choices=["ja", "en"], default="ja", help="メッセージの言語 (ja/en)"
    )
    parser.add_argument(
        "--root", default=".", help="プロジェクトのフォルダ（content/ と site_config.yml がある所）"
    )
    # --lang and --root are accepted before or after the subcommand (kohyo validate --lang en).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--lang", choices=["ja", "en"], default=argparse.SUPPRESS, help="メッセージの言語 (ja/en)"
    )
    common.add_argument("--root", default=argparse.SUPPRESS, help="プロジェクトのフォルダ")
    sub = parser.add_subparsers(dest="command", required=True)
    _orig_add = sub.add_parser

    def add_parser(name: str, **kwargs: object) -> argparse.ArgumentParser:
        kwargs.setdefault("parents", [common])
        return _orig_add(name, **kwargs)  # type: ignore[arg-type]

    sub.add_parser = add_parser  # type: ignore[method-assign]
    p = sub.add_parser("validate", help="content/ を検査します")
    p.add_argument("--strict", action="store_true", help="警告もエラーとして扱います")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("build", help="検査してからサイト全体を site/ に作ります")
    p.add_argument("--strict", action="store_true", help="警告もエラーとして扱います")
    p.add_argument("--out", default=None, help="出力先フォルダ（既定: --root の site/）")
    p.add_argument("--no-search", action="store_true", help="検索索引を作りません")
    p.add_argument(
        "--cache",
        default=None,
        help="ビルドキャッシュのフォルダ（既定: 環境変数 KOHYO_CACHE、なければ使いません）",
    )
    p.add_argument(
        "--search-shards",
        type=int,
        default=1,
        metavar="N",
        help="評価書の検索索引を都道府県の N 組に分けて作ります（組ごとの Pagefind バンドルを検索ページで合わせます）",
    )
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("new", help="団体や評価書の雛形を作ります")
    new_sub = p.add_subparsers(dest="what", required=True)
    q = new_sub.add_parser("municipality", help="団体の雛形 content/municipalities/<id>.yaml")
    q.add_argument("municipality", help="団体のid（例: neyagawa）")
    q.add_argument("--name", required=True, help="団体名（例: 寝屋川市）")
    q.add_argument("--prefecture", required=True, help="都道府県（例: 大阪府）")
    q.add_argument("--code", required=True, help="全国地方公共団体コード6桁（例: 272159）")
    q.add_argument("--name-en", help="英語の団体名（例: Neyagawa City）")
    q.add_argument("--prefecture-en", help="英語の都道府県名（例: Osaka Prefecture）")
    q.set_defaults(func=cmd_new, name_en=None, prefecture_en=None)
    q = new_sub.add_parser("assessment", help="評価書の雛形 content/assessments/<団体>/<名前>.yaml")
    q.add_argument("municipality", help="団体のid（例: neyagawa）")
    q.add_argument("process", help="事務のid（例: juki）")
    q.add_argument(
        "--form",
        required=True,
        choices=["基礎", "重点", "全項目", "basic", "focused", "full"],
        help="評価書の種類",
    )
    q.add_argument("--slug", help="ファイル名（省略時は <事務>-<種類>）")
    q.set_defaults(func=cmd_new)
    p = sub.add_parser("schema", help="エディタ用の JSON Schema を schema/ に書き出します")
    p.set_defaults(func=cmd_schema)
    p = sub.add_parser("stats", help="評価書ごとの英語訳の割合などを表示します")
    p.add_argument("--json", action="store_true", help="JSON で出力します")
    p.set_defaults(func=cmd_stats)
    _register_modules(sub)
    return parser


# Subcommands that live with their stage: each module defines ``register(subparsers)``.
COMMAND_MODULES = (
    "generator.commands.serve",
    "generator.commands.i18n_command",
    "generator.devtools.synth",
    "generator.importer.command",
)


def _register_modules(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    import importlib
    import importlib.util

    for name in COMMAND_MODULES:
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name).register(sub)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.func(args))
