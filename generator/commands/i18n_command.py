"""``kohyo i18n export`` / ``kohyo i18n import``: the command over ``generator.linking.i18n``.

A command, so it sits above the pipeline it runs (``generator.pipeline.prepare``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from generator.core.findings import Findings, print_findings
from generator.linking.i18n import (
    import_units,
    read_units,
    untranslated_units,
    write_csv,
    write_xliff,
)
from generator.linking.link import Site
from generator.loading.memory import _chars, load_memory
from generator.pipeline import Project, prepare


def _prepare(args: argparse.Namespace) -> tuple[Path, Site] | None:
    findings = Findings()
    project = Project.open(Path(args.root), findings)
    _corpus, site = prepare(project, findings)
    if findings.errors:
        print_findings(findings, args.lang)
        return None
    return project.content, site


def cmd_export(args: argparse.Namespace) -> int:
    prepared = _prepare(args)
    if prepared is None:
        return 1
    content, site = prepared
    units = untranslated_units(site, load_memory(content))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    write_xliff(units, out / "untranslated.xlf")
    write_csv(units, out / "untranslated.csv")
    near = sum(1 for u in units if u.near_source)
    chars = sum(_chars(u.source) for u in units)
    if args.lang == "en":
        print(
            f"{len(units)} untranslated segments ({chars:,} characters; {near} with a near match) "
            f"written to {out.as_posix()}/untranslated.xlf and untranslated.csv"
        )
    else:
        print(
            f"未訳の文 {len(units)} 件（{chars:,} 字、うち似た訳のあるもの {near} 件）を "
            f"{out.as_posix()}/untranslated.xlf と untranslated.csv に書き出しました"
        )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    prepared = _prepare(args)
    if prepared is None:
        return 1
    content, site = prepared
    code = 0
    for name in args.files:
        path = Path(name)
        result = import_units(read_units(path), site, content, args.into, args.source or "")
        for source, reason in result.rejected:
            print(
                f"{path.as_posix()}: 取り込みません / rejected: {reason}: {source[:60]}",
                file=sys.stderr,
            )
            code = 1
        if args.lang == "en":
            print(
                f"{path.as_posix()}: {len(result.accepted)} added to the memory, {len(result.rejected)} rejected"
            )
        else:
            print(
                f"{path.as_posix()}: {len(result.accepted)} 件を翻訳メモリに加え、{len(result.rejected)} 件を取り込みませんでした"
            )
    return code


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("i18n", help="翻訳メモリ: 未訳の文の書き出しと、訳の取り込み")
    sub = p.add_subparsers(dest="i18n_command", required=True)
    q = sub.add_parser("export", help="未訳の文を文脈付きで XLIFF 2.0 と CSV に書き出します")
    q.add_argument("--out", default="build/translations", help="出力先フォルダ")
    q.set_defaults(func=cmd_export)
    q = sub.add_parser("import", help="訳した XLIFF / CSV を content/translations/ に取り込みます")
    q.add_argument("files", nargs="+", help="書き出したファイル（.xlf または .csv）")
    q.add_argument(
        "--into", help="取り込み先（content/translations/<名前>.yaml）。省略時は主題で振り分けます"
    )
    q.add_argument("--source", help="訳の出典として記録する文字列")
    q.set_defaults(func=cmd_import)
