"""Recipient-type pages: every recipient type of content/registries/recipients.yaml and the provisions that name it."""

from __future__ import annotations

from collections.abc import Iterable

from generator.linking.link import Site
from generator.pages._xlink import entity_pages


def pages(site: Site, lang: str) -> Iterable[tuple[str, str]]:
    yield from entity_pages(site, lang, "recipients")
