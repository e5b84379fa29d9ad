"""The import graph of generator/, counting imports at any depth.

Top-level imports alone hide cycles: an ``import`` inside a function ties two modules just
as firmly, only later. This module walks every ``Import``/``ImportFrom`` node of every module
(inside functions, methods and ``if`` blocks too), resolves relative imports, and gives

- ``graph()``: module -> the generator modules it imports, with the line of each import;
- ``components(graph)``: the strongly connected components (Tarjan), i.e. the cycles;
- ``depths(graph)``: each module's depth in the graph of components (0 imports nothing of
  generator/), the layers the code actually has.

``tests/test_layers.py`` checks these against the declared layers; ``python -m tests.layers``
prints the graph as text (for a review or an issue's closing note).
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "generator"


@dataclass(frozen=True, order=True)
class Import:
    """One import of a generator module by another: where it is and whether it is deferred."""

    source: str
    target: str
    line: int
    nested: bool  # inside a function (or class body): runs later than the module's own imports


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the package, dotted name -> file (a package is its ``__init__.py``)."""
    found: dict[str, Path] = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _resolve(name: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module an ``ImportFrom`` names (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    base = name.split(".")
    if not is_package:
        base.pop()
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def _walk(tree: ast.AST) -> Iterator[tuple[ast.stmt, bool]]:
    """Every import statement with whether it sits inside a function or class."""
    stack: list[tuple[ast.AST, bool]] = [(tree, False)]
    while stack:
        node, nested = stack.pop()
        for child in ast.iter_child_nodes(node):
            deeper = nested or isinstance(
                child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef
            )
            if isinstance(child, ast.Import | ast.ImportFrom):
                yield child, nested
            stack.append((child, deeper))


def imports(name: str, path: Path, known: Iterable[str]) -> list[Import]:
    """The generator modules ``name`` imports, at any depth.

    ``from generator.pages import glossary`` imports the submodule when one exists, else the
    package (which defines the name); ``import generator.loading.load as load_mod`` imports the module.
    """
    known = set(known)
    is_package = path.name == "__init__.py"
    found: set[Import] = set()
    for node, nested in _walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = _resolve(name, is_package, node)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                targets.append(sub if sub in known else base)
        for target in targets:
            # `import generator.a.b` names generator.a.b; keep the longest known prefix.
            while target and target not in known:
                target = target.rpartition(".")[0]
            if (
                target
                and target != name
                and (target == PACKAGE or target.startswith(PACKAGE + "."))
            ):
                found.add(Import(name, target, node.lineno, nested))
    return sorted(found)


def all_imports(root: Path = ROOT) -> list[Import]:
    """Every import between generator modules."""
    mods = modules(root)
    return [imp for name, path in mods.items() for imp in imports(name, path, mods)]


def graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Module -> the generator modules it imports (at any depth)."""
    edges: dict[str, set[str]] = {name: set() for name in modules(root)}
    for imp in all_imports(root):
        edges[imp.source].add(imp.target)
    return edges


def components(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components (Tarjan, iterative), each sorted; sources before sinks
    reversed, i.e. a component comes after every component it imports."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    result: list[list[str]] = []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component: list[str] = []
                    while True:
                        top = stack.pop()
                        on_stack.discard(top)
                        component.append(top)
                        if top == node:
                            break
                    result.append(sorted(component))
    return result


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The components that are cycles (more than one module, or a module importing itself)."""
    return [c for c in components(edges) if len(c) > 1 or c[0] in edges[c[0]]]


def depths(edges: dict[str, set[str]]) -> dict[str, int]:
    """Each module's layer as the code has it: 0 for a module importing no generator module,
    else one more than the deepest component it imports (a cycle shares one depth)."""
    comp_of = {m: i for i, comp in enumerate(components(edges)) for m in comp}
    depth: dict[int, int] = {}
    for i, comp in enumerate(components(edges)):  # Tarjan yields sinks first
        below = {comp_of[t] for m in comp for t in edges[m]} - {i}
        depth[i] = 1 + max((depth[j] for j in below), default=-1)
    return {m: depth[comp_of[m]] for m in edges}


def short(name: str) -> str:
    return name.removeprefix(PACKAGE + ".") or PACKAGE


def report(root: Path = ROOT) -> str:
    """The graph as text: imports per module (deferred ones marked *), cycles, layers."""
    edges = graph(root)
    imps = all_imports(root)
    nested = {(i.source, i.target) for i in imps if i.nested}
    top = {(i.source, i.target) for i in imps if not i.nested}
    lines = [
        f"# import graph of {PACKAGE}/ (imports at any depth; * = only inside functions)",
        f"# {len(edges)} modules, {sum(len(v) for v in edges.values())} edges, "
        f"{len({(i.source, i.target) for i in imps if i.nested})} via function-level imports",
        "",
    ]
    for name in sorted(edges):
        targets = [
            short(t) + ("*" if (name, t) in nested and (name, t) not in top else "")
            for t in sorted(edges[name])
        ]
        lines.append(f"{short(name)}: {' '.join(targets)}".rstrip())
    found = cycles(edges)
    lines += ["", f"# strongly connected components with a cycle: {len(found)}"]
    for comp in sorted(found, key=lambda c: (-len(c), c)):
        lines.append(f"{len(comp)}: {' '.join(short(m) for m in comp)}")
    lines += ["", "# layers (depth in the graph of components; 0 imports no generator module)"]
    by_depth: dict[int, list[str]] = {}
    for name, d in depths(edges).items():
        by_depth.setdefault(d, []).append(short(name))
    for d in sorted(by_depth):
        lines.append(f"{d}: {' '.join(sorted(by_depth[d]))}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(report(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT))
