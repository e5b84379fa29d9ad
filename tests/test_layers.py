"""The architecture, checked: generator/ is layered, and no module imports a higher layer.

Imports are counted at any depth (inside functions too: a deferred import ties two modules as
firmly as a top-level one, it only hides the tie); see ``tests/layers.py``, which also prints the
graph (``python -m tests.layers``).  The layers, lowest first (CONTRIBUTING.md says the same):

0. model and foundations: the content model, findings, escaping, the vocabulary, process helpers
1. load: the strict loader, the personal-data guard, the translation memory, the importer's reading
2. validate: records through their models, their messages; the glossary's terms; the project
3. link: references, citations and cross-links, the ``Site``; checks over the linked site
4. render: blocks and Markdown of one page; the summary; stats
5. write: the pages of the site, mkdocs.yml, the MkDocs hooks, the search index, the swap into site/
6. pages: the page plugins (they use the write stage's ``Writer``)
7. pipeline: the plugin registry and the one module that runs the stages in order
8. commands and tools: the command line, preview server, benchmark, synthetic corpora, scaffolds

A module may import its own layer or lower ones.  A new module must be given a layer here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.layers import ROOT, all_imports, cycles, graph, imports, modules, short

# Each layer's modules: a layer package (generator/core/, generator/loading/, ...) belongs to its
# layer whole; the importer and the page helpers are named one by one.
PACKAGES: dict[str, tuple[str, ...]] = {
    "model": ("core", "model"),
    "load": ("loading",),
    "validate": ("validation",),
    "link": ("linking",),
    "render": ("rendering",),
    "write": ("output",),
    "pages": ("pages",),
    "pipeline": (),
    "commands": ("commands", "devtools"),
}
MODULES: dict[str, tuple[str, ...]] = {
    "model": ("generator", "pages"),  # pages: the package only; it imports nothing (checked below)
    "load": (
        "importer",
        "importer.emit",
        "importer.engine",
        "importer.forms",
        "importer.notes",
        "importer.pieces",
        "importer.sections",
        "importer.source",
    ),
    "render": ("pages._xlink",),
    "pipeline": ("plugins", "pipeline"),
    "commands": ("__main__", "importer.command", "importer.measure"),
}


def _layers() -> dict[str, tuple[str, ...]]:
    """Layer -> its modules (short names), from the packages on disk and the named modules."""
    found = [short(m) for m in modules()]
    out: dict[str, tuple[str, ...]] = {}
    for layer, packages in PACKAGES.items():
        named = MODULES.get(layer, ())
        inside = [
            m
            for m in found
            if m not in named
            and any(m == p or m.startswith(p + ".") for p in packages)
            and m != "pages"
            and not any(m in ms for ms in MODULES.values())
        ]
        out[layer] = (*named, *sorted(inside))
    return out


LAYERS = _layers()

# Imports of a higher layer that are allowed, each with its reason: (importer, imported) -> why.
ALLOWED: dict[tuple[str, str], str] = {}

LEVEL = {
    f"generator.{m}" if m != "generator" else m: i
    for i, ms in enumerate(LAYERS.values())
    for m in ms
}


def test_the_layout_shows_the_layers() -> None:
    """generator/ holds only the layer packages, the pipeline and the entry points: a new
    module goes into the package of its layer."""
    top = sorted(
        p.name
        for p in (ROOT / "generator").iterdir()
        if p.name != "__pycache__" and (p.suffix == ".py" or p.is_dir())
    )
    assert top == [
        "__init__.py",
        "__main__.py",
        "commands",
        "core",
        "devtools",
        "importer",
        "linking",
        "loading",
        "model",
        "output",
        "pages",
        "pipeline.py",
        "plugins.py",
        "rendering",
        "templates",
        "validation",
    ]


def test_every_module_has_a_layer() -> None:
    found = set(modules())
    assert sorted(found - set(LEVEL)) == [], "give these modules a layer in tests/test_layers.py"
    assert sorted(set(LEVEL) - found) == [], "these modules are gone: take them out of LAYERS"


def test_no_module_imports_a_higher_layer() -> None:
    names = list(LAYERS)
    wrong = [
        f"{short(i.source)} ({names[LEVEL[i.source]]}) imports {short(i.target)} "
        f"({names[LEVEL[i.target]]}) at line {i.line}"
        for i in all_imports()
        if LEVEL.get(i.target, 0) > LEVEL.get(i.source, 0)
        and (short(i.source), short(i.target)) not in ALLOWED
    ]
    assert not wrong, "\n".join(wrong)


def test_allowed_exceptions_are_still_needed() -> None:
    used = {(short(i.source), short(i.target)) for i in all_imports()}
    assert sorted(set(ALLOWED) - used) == []


def test_no_import_cycle() -> None:
    found = [" ".join(short(m) for m in c) for c in cycles(graph())]
    assert not found, "import cycles (counting imports inside functions):\n" + "\n".join(found)


def test_the_pages_package_imports_nothing() -> None:
    """Importing a helper such as generator.pages._xlink runs generator/pages/__init__.py: if it
    imported the plugins, the write stage would import everything above it."""
    init = ROOT / "generator" / "pages" / "__init__.py"
    assert imports("generator.pages", init, modules()) == []


def test_every_page_plugin_is_registered() -> None:
    from generator.plugins import PAGES

    folder = ROOT / "generator" / "pages"
    expected = sorted(p.stem for p in folder.glob("*.py") if not p.stem.startswith("_"))
    assert [m.__name__.rpartition(".")[2] for m in PAGES] == expected


# ---------------------------------------------------------------- the checker itself


def _package(tmp: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = tmp / "generator" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp


def test_a_cycle_through_a_function_level_import_is_found(tmp_path: Path) -> None:
    root = _package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from generator.b import x\n",
            "b.py": "x = 1\n\ndef later():\n    from generator import c\n",
            "sub/__init__.py": "",
            "sub/d.py": "from ..a import x\n",
            "c.py": "def f():\n    if True:\n        from .sub import d\n",
        },
    )
    found = cycles(graph(root))
    assert found == [["generator.a", "generator.b", "generator.c", "generator.sub.d"]]
    nested = {(short(i.source), short(i.target)) for i in all_imports(root) if i.nested}
    assert nested == {("b", "c"), ("c", "sub.d")}


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("import generator.b as b\n", "generator.b"),
        ("from . import b\n", "generator.b"),
        ("from generator.b import name\n", "generator.b"),
        ("class K:\n    def m(self):\n        import generator.b\n", "generator.b"),
    ],
)
def test_every_form_of_import_is_seen(tmp_path: Path, text: str, target: str) -> None:
    root = _package(tmp_path, {"__init__.py": "", "a.py": text, "b.py": "name = 1\n"})
    assert graph(root)["generator.a"] == {target}


# ---------------------------------------------------------------- module size

MAX_LINES = 600  # a module longer than this mixes concerns: split it along them
LONG_ALLOWED = {
    "model.assessment": "the declarative model of the forms: one field per printed item"
}


def test_no_module_is_over_the_line_limit() -> None:
    long = {
        short(name): n
        for name, path in modules().items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert sorted(set(long) - set(LONG_ALLOWED)) == [], long
