"""The three phases of an operating plan and how a Gantt row's name says which one it heads."""

from __future__ import annotations

import re

from pipeline.extractors.text import compact
from pipeline.extractors.vocabulary import gantt_words


def phase_of_heading(name: str) -> str | None:
    """The phase a row heading names, when the name starts with the phase's words."""
    words = gantt_words()
    first = _without_filler(name)
    for phase, starts in words.phases:
        if first.startswith(starts):
            return phase
    return None


def is_closing(name: str) -> bool:
    """An unnumbered row that wraps the project up (สรุปผล…, จัดทำรายงาน…): outside the three phases."""
    return _without_filler(name).startswith(gantt_words().outside)


def _without_filler(name: str) -> str:
    first = compact(name.split("\n", 1)[0]).lower()
    for filler in gantt_words().fillers:
        if first.startswith(filler):
            first = re.sub(r"^\d*[:.]?", "", first[len(filler):])
            break
    return first
