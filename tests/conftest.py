"""Shared pytest options."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-errors",
        action="store_true",
        default=False,
        help="rewrite tests/errors/*/expected.*.txt from the current output (not for xfail cases)",
    )
