"""One regular expression for a set of literal words, shaped as a trie.

The names of laws, systems and contractors (generator/linking/citations.py) and the glossary's
terms (generator/pages/glossary.py) are found in every line of every text; written as an
alternation of the words, ``re`` tries each word at each position.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

__all__ = ["trie_pattern"]

_Trie = dict[str, "_Trie"]


def trie_pattern(words: Iterable[str]) -> str:
    """One regular expression for a set of literal words, as a trie: 住民基本台帳法 and
    住民基本台帳法施行令 share 住民基本台帳法(?:施行令)?.  It matches what the alternation of the
    words longest first matches, at the same positions (the longest word that starts there: a
    deeper branch is tried before its node's own end), but ``re`` no longer tries every name of
    a law, system and contractor at every position of every line (at 300 municipalities the
    link stage's regular-expression time fell from 7.2 to 3.7 s).  "" for no words."""
    return _trie_pattern(frozenset(words))


# groups inside groups; deeper (only contrived names) falls back to the alternation
_MAX_NESTING = 50


class _TooDeep(Exception):
    pass


@functools.lru_cache(maxsize=256)
def _trie_pattern(words: frozenset[str]) -> str:
    """Built once per set of words (municipalities without ordinances of their own share one).
    A run of characters without a branch is one literal; a trie whose groups would nest more than
    ``_MAX_NESTING`` deep (a name of a thousand characters is one literal, but 「ア」「アア」「アアア」…
    nest) is written as the plain alternation instead: same matches, and ``re`` never recurses
    past its limit on a name from content."""
    root: _Trie = {}
    for word in sorted(words):
        if not word:
            continue
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: _Trie, depth: int) -> str:
        if depth > _MAX_NESTING:
            raise _TooDeep
        branches = []
        for ch in sorted(c for c in node if c):
            literal, child = [ch], node[ch]
            while len(child) == 1 and "" not in child:  # no branch, no word ends: one literal
                ((nxt, child),) = child.items()
                literal.append(nxt)
            branches.append(re.escape("".join(literal)) + build(child, depth + 1))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else body + "?"
        return body

    try:
        return build(root, 0)
    except _TooDeep:
        return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)) if w)
