"""The typed, immutable domain model of kohyo (pydantic v2, ``extra="forbid"``)."""

from generator.model.assessment import (
    COUNCIL_KINDS,
    FORM_EN,
    FORMS,
    Assessment,
    AssessmentBase,
    BasicAssessment,
    Consultation,
    CouncilDocument,
    FocusedAssessment,
    FullAssessment,
    Report,
    SummaryDocument,
)
from generator.model.base import Check, DateRange, DateValue, Doc, Text, parse_date
from generator.model.registry import Municipality, Process, ProcessRegistry

__all__ = [
    "COUNCIL_KINDS",
    "FORMS",
    "FORM_EN",
    "Assessment",
    "AssessmentBase",
    "BasicAssessment",
    "Check",
    "Consultation",
    "CouncilDocument",
    "DateRange",
    "DateValue",
    "Doc",
    "FocusedAssessment",
    "FullAssessment",
    "Municipality",
    "Process",
    "ProcessRegistry",
    "Report",
    "SummaryDocument",
    "Text",
    "parse_date",
]
