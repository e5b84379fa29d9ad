"""System pages: every system of content/registries/systems.yaml and where it appears (its aliases land on one page)."""

from __future__ import annotations

from collections.abc import Iterable

from generator.linking.link import Site
from generator.pages._xlink import entity_pages


def pages(site: Site, lang: str) -> Iterable[tuple[str, str]]:
    yield from entity_pages(site, lang, "systems")
