"""Files for crawlers: ``robots.txt``, and a sitemap without build dates.

A sitemap holds absolute addresses only, so a site built without a site URL (a plain
``make site``, to be served under any address) has none: MkDocs would write ``None./``.

MkDocs stamps every sitemap entry with the build date (``<lastmod>``) and the gzip copy with
the build time, so two builds on different days would differ.  The dates are removed and the
gzip copy is rewritten with a fixed time stamp.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import Any

from generator.linking.link import Site

_LASTMOD = re.compile(r"\n[ \t]*<lastmod>[^<]*</lastmod>")


def robots(config: dict[str, Any]) -> str:
    site_url = str(config.get("site_url") or "")
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"


def fix_sitemap(site_dir: Path) -> None:
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.exists():
        return
    text = _LASTMOD.sub("", sitemap.read_text(encoding="utf-8"))
    sitemap.write_text(text, encoding="utf-8", newline="")
    with (
        (site_dir / "sitemap.xml.gz").open("wb") as f,
        gzip.GzipFile(fileobj=f, filename="sitemap.xml.gz", mode="wb", mtime=0) as gz,
    ):
        gz.write(text.encode("utf-8"))


def after_build(site: Site, site_dir: Path, config: dict[str, Any]) -> None:
    (site_dir / "robots.txt").write_text(robots(config), encoding="utf-8", newline="\n")
    if config.get("site_url"):
        fix_sitemap(site_dir)
    else:
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site_dir / name).unlink(missing_ok=True)
