"""`make screenshots`: every page type at desktop and phone widths, in both languages.

Builds content/ into build/screenshots/site, then writes full-page PNGs to
build/screenshots/<width>/<lang>-<type>.png (widths 1280, 390, 375 and 320) and a report of pages
whose content is wider than the window (build/screenshots/overflow.txt).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from generator.pipeline import Project, build_site
from tests.pagetypes import CHROMIUM, CHROMIUM_ARGS, page_types, serve

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "screenshots"
WIDTHS = (1280, 390, 375, 320)
MAX_HEIGHT = 5000


def build(out: Path) -> Path:
    """A copy of the project built on its own, so that a running `make site` is not disturbed."""
    root = out / "project"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for name in ("content", "theme"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "site_config.yml", root / "site_config.yml")
    result = build_site(Project.open(root), root / "site", search=True)
    if not result.ok:
        raise SystemExit("build failed: " + "; ".join(f.format("ja") for f in result.findings))
    return root / "site"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    site = build(OUT)
    overflow: list[str] = []
    count = 0
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width in WIDTHS:
            folder = OUT / str(width)
            folder.mkdir(parents=True, exist_ok=True)
            page = browser.new_page(viewport={"width": width, "height": 900})
            for kind, path in page_types(site):
                for lang in ("ja", "en"):
                    if lang == "en" and path == "404.html":
                        continue
                    page.goto(base + (f"en/{path}" if lang == "en" else path))
                    page.wait_for_load_state("networkidle")
                    scroll = page.evaluate("document.documentElement.scrollWidth")
                    if scroll > width:
                        overflow.append(f"{width}px {lang} {kind}: content is {scroll}px wide")
                    # The top of long pages only (the longest assessments are ~100 screens tall).
                    height = min(
                        int(page.evaluate("document.documentElement.scrollHeight")), MAX_HEIGHT
                    )
                    page.screenshot(
                        path=str(folder / f"{lang}-{kind}.png"),
                        full_page=True,
                        timeout=120_000,
                        clip={"x": 0, "y": 0, "width": width, "height": height},
                    )
                    count += 1
            page.close()
        browser.close()
    (OUT / "overflow.txt").write_text(
        "\n".join(overflow) + ("\n" if overflow else ""), encoding="utf-8"
    )
    print(
        f"{count} screenshots in {OUT.relative_to(ROOT)}/; pages wider than the window: {len(overflow)}"
    )
    for line in overflow:
        print("  " + line)
    return 1 if overflow else 0


if __name__ == "__main__":
    sys.exit(main())
