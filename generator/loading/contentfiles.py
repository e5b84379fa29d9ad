"""Which files of content/ are read: the deterministic walk, and the paths refused with a finding.

Content is untrusted (pull requests): a symbolic link is never followed, and a file is read only
where the content conventions put it, under a name of lower-case letters, digits and hyphens.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.core.findings import Findings, Severity


def content_files(root: Path) -> list[Path]:
    """Every file below ``root`` (symbolic links included, never followed), in a deterministic
    order; ``check_content_path`` says which of them are read."""
    import os

    out: list[Path] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        base = Path(folder)
        out.extend(base / d for d in dirs if (base / d).is_symlink())
        out.extend(base / f for f in files if f != ".gitkeep")
    return sorted(out)


_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


def refuse_symlink(display: str, findings: Findings) -> None:
    findings.add(
        display,
        1,
        1,
        "symlink",
        "シンボリックリンクは読み込みません",
        "symbolic links are not read",
        "リンク先のファイルをここに置くか、リンクを削除してください（リポジトリの外のファイルが公開されるのを防ぐためです）。",
        "Put the file itself here or remove the link (a link could publish a file from outside the repository).",
    )


def check_content_path(path: Path, root: Path, display: str, findings: Findings) -> bool:
    """Whether ``path`` (below the content folder ``root``) is a content file to read; reports
    symbolic links, .yml files, other files and names outside [a-z0-9-]."""
    if path.is_symlink():
        refuse_symlink(display, findings)
        return False
    if path.name.endswith(".yml"):
        findings.add(
            display,
            1,
            1,
            "yml-extension",
            "拡張子 .yml のファイルは読み込みません（.yaml にそろえています）",
            "files ending in .yml are not read (content files end in .yaml)",
            "名前を .yaml で終わるように変えてください。同じ名前の .yaml があるなら、どちらか一方にまとめてください。",
            "Rename it to end in .yaml; if a .yaml of the same name exists, merge the two.",
        )
        return False
    if not path.name.endswith(".yaml"):
        findings.add(
            display,
            1,
            1,
            "not-yaml",
            "YAMLファイル（.yaml）ではないので読み込みません",
            "not a YAML file (.yaml): it is not read",
            "content/ には .yaml のファイルだけを置いてください。",
            "Keep only .yaml files in content/.",
            severity=Severity.WARNING,
        )
        return False
    parts = [*path.relative_to(root).parts[:-1], path.name.removesuffix(".yaml")]
    bad = [p for p in parts if not _NAME.fullmatch(p)]
    if bad:
        findings.add(
            display,
            1,
            1,
            "bad-file-name",
            f"ファイルやフォルダの名前「{bad[0]}」に使えない文字があります",
            f"the file or folder name '{bad[0]}' has characters that cannot be used",
            "名前は英小文字・数字・ハイフン（a-z 0-9 -）で、英小文字か数字で始めてください（名前がページのアドレスになります）。",
            "Use lower-case letters, digits and hyphens (a-z 0-9 -), starting with a letter or digit (the name becomes the page address).",
        )
        return False
    return True
