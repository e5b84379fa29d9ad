"""pydantic errors become bilingual findings through one handler per error type
(generator/validation/messages.py); the model's own validators say both languages themselves."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from generator.core.findings import Findings
from generator.loading.load import LoadedFile, load_text
from generator.model import Municipality
from generator.model.base import ContentError, DateError, parse_date
from generator.validation.messages import HANDLERS, handler, translate_errors


@pytest.mark.parametrize(
    ("raw", "en"),
    [
        ("令和0年1月1日", "no such year 令和0"),
        ("2026-13-01", "no such month 2026-13-01"),
        ("2026-02-30", "no such day 2026-02-30"),
        ("平成32年1月1日", "date outside the era 平成32年1月1日"),
        ("未定", "not a date; write 2026-01-19 or 令和8年1月19日"),
    ],
)
def test_date_errors_carry_both_languages(raw: str, en: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(raw)
    assert caught.value.en == en
    assert caught.value.ja and caught.value.hint_ja
    assert caught.value.hint_en.startswith("Write") or raw == "未定"  # that hint is in the message


def test_every_handled_type_has_a_handler_and_type_errors_fall_back() -> None:
    assert handler("missing") is HANDLERS["missing"]
    assert handler("float_type") is HANDLERS["string_type"]  # every *_type is a wrong type
    assert handler("no_such_error") not in HANDLERS.values()


def test_content_error_reaches_the_finding_in_both_languages() -> None:
    data = {"name": "見本市", "prefecture": "大阪府", "code": "272158"}
    with pytest.raises(ValidationError) as caught:
        Municipality.model_validate(data)
    [error] = caught.value.errors()
    assert isinstance((error.get("ctx") or {}).get("error"), ContentError)
    found = Findings()
    translate_errors(caught.value, Municipality, _loaded(data), found)
    [finding] = list(found)
    assert (finding.code, finding.line) == ("invalid-value", 3)
    assert "検査数字" in finding.message_ja
    assert finding.message_en == (
        "invalid value in 'code': the check digit of the local government code does not match"
    )


def _loaded(data: dict[str, str]) -> LoadedFile:
    text = "".join(f"{k}: '{v}'\n" for k, v in data.items())
    loaded = load_text(text, "content/municipalities/x.yaml", Findings())
    assert loaded is not None
    return loaded
