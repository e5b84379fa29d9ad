"""The error catalogue (tests/errors/): broken content files and the exact messages they give.

Each case is a folder ``tests/errors/<name>/`` with

* ``input.yaml``: the broken file, byte for byte (encodings and line ends matter; see
  ``tests/errors/.gitattributes``),
* ``case.toml``: ``description``, ``target`` (where the file goes in tests/fixtures/corpus; an
  existing file there is replaced), optionally ``variants`` (default ``["ja"]``) and ``xfail``
  (the reason a message is still wrong; the expected file then holds the wanted output and is
  never rewritten by ``--update-errors``),
* ``expected.<variant>.txt``: ``exit: N`` on the first line, then the exact stderr.

Variants: ``ja`` (default messages), ``en`` (``--lang en``), ``strict`` (``validate --strict``),
``en-strict``.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import tomllib
import traceback
from dataclasses import dataclass
from pathlib import Path

TESTS = Path(__file__).resolve().parent
PROJECT = TESTS.parent
CORPUS = TESTS / "fixtures" / "corpus"
ERRORS = TESTS / "errors"

VARIANTS: dict[str, tuple[list[str], list[str]]] = {
    # name: (global options, validate options)
    "ja": ([], []),
    "en": (["--lang", "en"], []),
    "strict": ([], ["--strict"]),
    "en-strict": (["--lang", "en"], ["--strict"]),
}


@dataclass(frozen=True)
class Case:
    name: str
    folder: Path
    description: str
    target: str
    variants: tuple[str, ...]
    xfail: str | None

    @property
    def input(self) -> Path:
        return self.folder / "input.yaml"

    def expected_path(self, variant: str) -> Path:
        return self.folder / f"expected.{variant}.txt"


def load_cases() -> list[Case]:
    cases = []
    for folder in sorted(p for p in ERRORS.iterdir() if p.is_dir()):
        meta = tomllib.loads((folder / "case.toml").read_text(encoding="utf-8"))
        variants = tuple(meta.get("variants", ["ja"]))
        unknown = set(variants) - set(VARIANTS)
        if unknown:
            raise ValueError(f"{folder.name}: unknown variants {sorted(unknown)}")
        cases.append(
            Case(
                folder.name,
                folder,
                meta["description"],
                meta["target"],
                variants,
                meta.get("xfail"),
            )
        )
    return cases


def make_corpus(case: Case, tmp: Path) -> Path:
    """A copy of the fixture corpus with the case's file put in place; returns the root."""
    root = tmp / "corpus"
    shutil.copytree(CORPUS, root)
    target = root / case.target
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(case.input.read_bytes())
    return root


@dataclass(frozen=True)
class Run:
    exit: int
    stderr: str

    def serialise(self) -> str:
        return f"exit: {self.exit}\n{self.stderr}"

    @staticmethod
    def parse(text: str) -> Run:
        head, _, rest = text.partition("\n")
        if not head.startswith("exit: "):
            raise ValueError("an expected file starts with 'exit: N'")
        return Run(int(head.removeprefix("exit: ")), rest)


def _argv(root: Path, variant: str) -> list[str]:
    global_opts, validate_opts = VARIANTS[variant]
    return ["--root", str(root), *global_opts, "validate", *validate_opts]


def run_validate_in_process(root: Path, variant: str) -> Run:
    """Run the real command line's `main` in this process (the catalogue's many cases would
    otherwise pay an interpreter start and the model's import each).  An exception escaping
    `main` is returned as its traceback on stderr, as the interpreter would print it."""
    from generator.commands.cli import main

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main(_argv(root, variant))
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        except Exception:  # the test reports it as a traceback
            traceback.print_exc(file=err)
            code = 1
    return Run(code, err.getvalue())


def run_validate(root: Path, variant: str) -> Run:
    """Run the real command line in a subprocess."""
    env = dict(os.environ, PYTHONUTF8="1", PYTHONIOENCODING="utf-8")
    env.pop("PYTHONWARNINGS", None)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            *_argv(root, variant),
        ],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        timeout=120,
    )
    return Run(proc.returncode, proc.stderr.decode("utf-8"))
