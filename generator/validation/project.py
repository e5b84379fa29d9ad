"""The project being built: its folder, its content/ and its settings (site_config.yml).

Every stage and page plugin reads the project's files through this object (``site.project``),
never through the location of the code, so ``kohyo --root OTHER build`` reads OTHER's content,
registries, docs and settings and writes OTHER/site.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.core.findings import Findings
from generator.loading.contentfiles import refuse_symlink
from generator.loading.load import load_file
from generator.model.glossary import SiteConfig
from generator.validation.validate import validate_record

CONFIG = "site_config.yml"


@dataclass(frozen=True)
class Project:
    """A kohyo project: ``root`` holds content/, site_config.yml, theme/, build/ and site/."""

    root: Path
    config: dict[str, Any] = field(default_factory=dict)  # site_config.yml, with KOHYO_* overrides
    theme_dir: Path | None = None  # another theme/ than the project's (the benchmark's corpora)

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def theme(self) -> Path:
        return self.theme_dir or self.root / "theme"

    @property
    def build(self) -> Path:
        """Work folder (git-ignored), absolute: MkDocs reads site_dir relative to its config."""
        return self.root.resolve() / "build"

    @property
    def site(self) -> Path:
        """Where ``kohyo build`` writes the site unless told otherwise."""
        return self.root / "site"

    @classmethod
    def open(cls, root: Path, findings: Findings | None = None) -> Project:
        """The project at ``root``; problems of its site_config.yml go to ``findings``."""
        return cls(root, read_config(root, findings))


def read_config(root: Path, findings: Findings | None = None) -> dict[str, Any]:
    """site_config.yml through the strict loader and its model (problems go to ``findings``, so
    validate and build report the same); {} if absent or broken.  ``KOHYO_SITE_URL`` and
    ``KOHYO_FEEDBACK_URL`` override the file (CI sets the published address)."""
    path = root / CONFIG
    found = findings if findings is not None else Findings()
    config: dict[str, Any] = {}
    if path.is_symlink():
        refuse_symlink(CONFIG, found)
    elif path.is_file():
        loaded = load_file(path, CONFIG, found)
        rec = validate_record(SiteConfig, loaded, found) if loaded is not None else None
        if rec is not None:
            config = rec.model_dump(exclude_none=True)
    env_url = os.environ.get("KOHYO_SITE_URL")
    if env_url:
        config["site_url"] = env_url
    env_feedback = os.environ.get("KOHYO_FEEDBACK_URL")
    if env_feedback:
        config["feedback_url"] = env_feedback
    return config or {}
