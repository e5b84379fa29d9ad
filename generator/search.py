"""Search index: Pagefind (extended build, Japanese segmentation) over the built site."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def index_site(site_dir: Path) -> None:
    """Index the built site in place; one index per language (Pagefind reads <html lang>)."""
    proc = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet"],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stdout + proc.stderr)
    # Pagefind writes the language table in hash-map order; sort it so builds are byte-identical.
    entry = site_dir / "pagefind" / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")
