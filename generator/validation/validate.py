"""Stage 2, validate: turn loaded YAML into typed records, reporting every mistake at its line.

pydantic errors become findings with a Japanese message, an English one and a hint ("did you
mean ...?" for misspelt keys and choices) in ``generator.validation.messages``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.core.findings import Findings
from generator.loading.contentfiles import check_content_path, content_files
from generator.loading.guard import scan_personal_data
from generator.loading.load import LoadedFile, load_file
from generator.loading.memory import check_memory_file
from generator.model import COUNCIL_KINDS, FORMS, Municipality, ProcessRegistry
from generator.model.base import Doc
from generator.model.glossary import A11yResults, Glossary
from generator.model.links import REGISTRIES
from generator.validation.messages import suggest, translate_errors


@dataclass(frozen=True)
class Validated:
    """A record built from one file."""

    path: str
    record: Doc
    source: LoadedFile


def validate_record(
    model: type[Doc], loaded: LoadedFile, findings: Findings, extra: dict[str, Any] | None = None
) -> Doc | None:
    data = loaded.data
    if not isinstance(data, dict):
        findings.add(
            loaded.path,
            1,
            1,
            "wrong-type",
            "ファイルの中身は「キー: 値」の形で書いてください",
            "the file must contain a mapping of 'key: value'",
            "kohyo new で作った雛形を参考にしてください。",
            "See a skeleton made with 'kohyo new'.",
        )
        return None
    try:
        return model.model_validate({**data, **(extra or {})})
    except ValidationError as exc:
        translate_errors(exc, model, loaded, findings)
        return None


# ---------------------------------------------------------------------------------------------
# The whole corpus
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Corpus:
    """Every validated record of content/, keyed by id (the path below its folder, no suffix)."""

    municipalities: dict[str, Validated]
    processes: dict[str, Any]
    assessments: dict[str, Validated]
    council: dict[str, Validated]
    registries: dict[str, Validated] = field(default_factory=dict)  # laws.yaml, systems.yaml, ...
    content: Path | None = None  # the content/ folder read (page plugins read their files there)


def _dispatch(
    kind_key: str, table: dict[str, type[Doc]], loaded: LoadedFile, findings: Findings
) -> type[Doc] | None:
    data = loaded.data
    value = data.get(kind_key) if isinstance(data, dict) else None
    if value in table:
        return table[value]
    pos = loaded.position((kind_key,), prefer_key=value is None)
    options = list(table)
    guess = suggest(str(value), options) if value is not None else None
    findings.add(
        loaded.path,
        pos.line,
        pos.col,
        "missing-field" if value is None else "invalid-choice",
        f"「{kind_key}」がありません"
        if value is None
        else f"「{kind_key}」の「{value}」は選択肢にありません",
        f"'{kind_key}' is missing" if value is None else f"'{value}' is not a valid '{kind_key}'",
        (f"「{guess}」ではありませんか。" if guess else "") + f"選択肢: {' / '.join(options)}",
        (f"Did you mean '{guess}'? " if guess else "") + f"Options: {' / '.join(options)}",
    )
    return None


# Registries that page plugins read (generator/pages/glossary.py, accessibility.py).
SITE_REGISTRIES = ("glossary.yaml", "accessibility-results.yaml")


def check_site_registry(name: str, loaded: LoadedFile, findings: Findings) -> Doc | None:
    """The glossary or the accessibility results through their model; duplicate term ids."""
    rec = validate_record(Glossary if name == "glossary.yaml" else A11yResults, loaded, findings)
    if isinstance(rec, Glossary):
        seen: set[str] = set()
        for i, term in enumerate(rec.terms):
            if term.id in seen:
                pos = loaded.position(("terms", i, "id"))
                findings.add(
                    loaded.path,
                    pos.line,
                    pos.col,
                    "duplicate-id",
                    f"用語のid「{term.id}」が重複しています",
                    f"duplicate term id '{term.id}'",
                    "id は用語ごとに別のものにしてください。",
                    "Give each term its own id.",
                )
            seen.add(term.id)
    return rec


def validate_registry(name: str, loaded: LoadedFile, findings: Findings) -> Doc | None:
    """Validate one of content/registries/*.yaml (other than processes.yaml); None if unknown."""
    model = REGISTRIES.get(name)
    if model is None:
        return None
    rec = validate_record(model, loaded, findings)
    if rec is None:
        return None
    key = {
        "laws.yaml": "laws",
        "systems.yaml": "systems",
        "contractors.yaml": "contractors",
        "recipients.yaml": "recipients",
        "filetypes.yaml": "filetypes",
    }[name]
    seen_ids: set[str] = set()
    seen_names: dict[str, str] = {}
    for i, entry in enumerate(getattr(rec, key)):
        if entry.id in seen_ids:
            pos = loaded.position((key, i, "id"))
            findings.add(
                loaded.path,
                pos.line,
                pos.col,
                "duplicate-id",
                f"id「{entry.id}」が重複しています",
                f"duplicate id '{entry.id}'",
                "ほかと違う id にしてください。",
                "Use an id that is not used yet.",
            )
        seen_ids.add(entry.id)
        scope = getattr(entry, "municipality", None) or ""
        for j, alias in enumerate([entry.name.ja, *entry.aliases]):
            other = seen_names.get(scope + "\0" + alias)
            if other is not None and other != entry.id:
                pos = loaded.position((key, i, "aliases", j - 1) if j else (key, i, "name"))
                findings.add(
                    loaded.path,
                    pos.line,
                    pos.col,
                    "duplicate-alias",
                    f"名前「{alias}」が「{other}」と「{entry.id}」の両方にあります",
                    f"the name '{alias}' belongs to both '{other}' and '{entry.id}'",
                    "どちらか一方にだけ書いてください。",
                    "Keep it in one entry only.",
                )
            seen_names[scope + "\0" + alias] = entry.id
    return rec


def validate_corpus(
    root: Path,
    findings: Findings,
    only: set[str] | None = None,
    files: list[Path] | None = None,
    load: Callable[[Path, str, Findings], LoadedFile | None] = load_file,
) -> Corpus:
    """Load and validate every content file below ``root`` (the content/ folder), or only ``files``;
    ``load`` reads one file (the strict loader; the benchmark passes one that times it)."""

    municipalities: dict[str, Validated] = {}
    processes: dict[str, Any] = {}
    assessments: dict[str, Validated] = {}
    council: dict[str, Validated] = {}
    registries: dict[str, Validated] = {}
    base = root.parent
    for path in content_files(root) if files is None else files:
        rel = path.relative_to(root)
        display = path.relative_to(base).as_posix()
        section = rel.parts[0] if len(rel.parts) > 1 else ""
        ident = rel.relative_to(section).with_suffix("").as_posix() if section else rel.stem
        if (
            only is not None
            and section in ("assessments", "council")
            and ident.split("/")[0] not in only
        ):
            continue
        if not check_content_path(path, root, display, findings):
            continue
        loaded = load(path, display, findings)
        if loaded is None:
            continue
        scan_personal_data(loaded, findings)
        if section == "municipalities":
            rec = validate_record(Municipality, loaded, findings)
            if rec is not None:
                municipalities[ident] = Validated(display, rec, loaded)
        elif section == "registries" and rel.name in ("processes.yaml",):
            reg = validate_record(ProcessRegistry, loaded, findings)
            if isinstance(reg, ProcessRegistry):
                for i, p in enumerate(reg.processes):
                    if p.id in processes:
                        pos = loaded.position(("processes", i, "id"))
                        findings.add(
                            display,
                            pos.line,
                            pos.col,
                            "duplicate-id",
                            f"事務のid「{p.id}」が重複しています",
                            f"duplicate process id '{p.id}'",
                        )
                    processes[p.id] = p
        elif section == "registries" and rel.name in SITE_REGISTRIES:
            check_site_registry(rel.name, loaded, findings)
        elif section == "registries":
            if (reg := validate_registry(rel.name, loaded, findings)) is not None:
                registries[rel.name] = Validated(display, reg, loaded)
        elif section == "assessments":
            model = _dispatch("form", FORMS, loaded, findings)
            if model is not None and (rec := validate_record(model, loaded, findings)) is not None:
                assessments[ident] = Validated(display, rec, loaded)
        elif section == "translations":
            check_memory_file(loaded, findings)  # the translation memory
        elif section == "council":
            model = _dispatch("kind", COUNCIL_KINDS, loaded, findings)
            if model is not None and (rec := validate_record(model, loaded, findings)) is not None:
                council[ident] = Validated(display, rec, loaded)
        else:
            findings.add(
                display,
                1,
                1,
                "unknown-file",
                "このファイルは読み込まれません（置き場所が違います）",
                "this file is not read (it is in the wrong folder)",
                "評価書は content/assessments/<団体>/ に、団体は content/municipalities/ に置いてください。",
                "Put assessments in content/assessments/<municipality>/ and municipalities in content/municipalities/.",
            )
    _duplicate_codes(municipalities, findings)
    return Corpus(municipalities, processes, assessments, council, registries, content=root)


def _duplicate_codes(municipalities: dict[str, Validated], findings: Findings) -> None:
    """Two municipality files with the same 全国地方公共団体コード: the second, pointing at the first."""
    first: dict[str, Validated] = {}
    for _ident, v in sorted(municipalities.items()):
        code = str(getattr(v.record, "code", ""))
        if code in first:
            pos = v.source.position(("code",))
            other = first[code]
            at = f"{other.path}:{other.source.position(('code',)).line}"
            findings.add(
                v.path,
                pos.line,
                pos.col,
                "duplicate-code",
                f"全国地方公共団体コード「{code}」が {at} と同じです",
                f"the local government code '{code}' is the same as in {at}",
                "同じ団体のファイルが2つあるなら1つにまとめ、別の団体ならコードを確かめてください。",
                "If both files are the same municipality, merge them; otherwise check the code.",
            )
        else:
            first[code] = v
