"""A corpus in which every text of every file kind carries script payloads.

``payload_project`` copies the fixture corpus, the registries and translations of content/ and
site_config.yml, then puts ``PAYLOAD`` after every string value of every file (assessments,
municipalities, each registry, translations, council papers, site_config.yml).  Values that
must follow a pattern (ids, codes, dates, choices, references) refuse it: those found by
validation get their original value back, until the corpus validates.  What is left is every
field that can carry text to a page, whatever fields the model has today.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from generator.core.findings import Findings
from generator.loading.load import load_text
from generator.pipeline import Project, prepare

REPO = Path(__file__).resolve().parent.parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "corpus"

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "</title><script>alert(2)</script>",
    "\"'><svg onload=alert(3)>",
    "javascript:alert(4)",
    '<a href="javascript:alert(5)">x</a>',
    "<iframe src=javascript:alert(6)></iframe>",
    "{: onclick=alert(7) }",
    "[x](javascript:alert(8))",
    "<style>body{display:none}</style>",
    "&lt;script&gt;alert(9)&lt;/script&gt;",
    "--><script>alert(10)</script><!--",
    "]]><script>alert(11)</script>",
    "' onmouseover='alert(12)",
    "<base href=javascript:alert(13)//>",
]
PAYLOAD = " " + " ".join(PAYLOADS)

Path_ = tuple[str | int, ...]


def _strings(data: Any, path: Path_ = ()) -> Iterator[Path_]:
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _strings(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _strings(v, (*path, i))
    elif isinstance(data, str) and data.strip():
        yield path


def _set(data: Any, path: Path_, value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _get(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**9)


def _read(path: Path) -> Any:
    loaded = load_text(path.read_text(encoding="utf-8"), path.name, Findings())
    assert loaded is not None, path
    return loaded.data


def payload_project(root: Path, rounds: int = 12) -> dict[str, int]:
    """Write the payload project into ``root``; returns the number of payloaded strings per file."""
    shutil.copytree(FIXTURE / "content", root / "content")
    for section in ("registries", "translations"):
        for src in sorted((REPO / "content" / section).glob("*.yaml")):
            dest = root / "content" / section / src.name
            if not dest.exists():
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(src, dest)
    shutil.copy(REPO / "site_config.yml", root / "site_config.yml")
    shutil.copytree(REPO / "theme", root / "theme")
    files = sorted((root / "content").rglob("*.yaml"))
    originals = {p: _read(p) for p in files}
    docs = {p: _read(p) for p in files}
    hit: dict[Path, set[Path_]] = {}
    for p, data in docs.items():
        hit[p] = set(_strings(data))
        for loc in hit[p]:
            _set(data, loc, _get(data, loc) + PAYLOAD)
    for _ in range(rounds):
        for p, data in docs.items():
            p.write_text(_dump(data), encoding="utf-8")
        findings = Findings()
        prepare(Project.open(root, findings), findings)
        errors = findings.errors
        if not errors:
            break
        reverted = False
        for f in errors:
            p = root / f.path
            if p not in docs:
                raise AssertionError(f"cannot place {f.format('en')}")
            loaded = load_text(p.read_text(encoding="utf-8"), f.path, Findings())
            assert loaded is not None
            at = [loc for loc, pos in loaded.values.items() if pos.line == f.line and loc in hit[p]]
            for loc in at:
                _set(docs[p], loc, _get(originals[p], loc))
                hit[p].discard(loc)
                reverted = True
        if not reverted:
            raise AssertionError([f.format("en") for f in errors])
    else:
        raise AssertionError("the payload corpus does not validate")
    config = yaml.safe_load((root / "site_config.yml").read_text(encoding="utf-8"))
    for loc in list(_strings(config)):
        if loc[0] != "site_url":
            _set(config, loc, _get(config, loc) + PAYLOAD)
    (root / "site_config.yml").write_text(_dump(config), encoding="utf-8")
    return {p.relative_to(root).as_posix(): len(h) for p, h in hit.items()}
