"""A long printed heading read cut short or a little misread (a photo that lost the page's edge): where it stands."""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import partial_ratio

from pipeline.extractors.stream import Stream
from pipeline.extractors.vocabulary import Anchor, Compact
from pipeline.thai import MARKS

_MARKS = re.compile(f"[{MARKS}]")
# A heading's start this long names it: Form 1's two partner headings share their first 20 letters
# (กรณีดำเนินการร่วมกับ), and no value line of the tuning sets' truths opens with 24 letters of a heading.
MIN_START = 24
START_SIMILARITY = 0.85  # a cut heading's letters against the printed heading's start, marks aside
REST_SCORE, MIN_REST = 85, 8  # the wrapped line below: its likeness to some part of the heading's rest, its letters


def _skeleton(text: str) -> str:
    return _MARKS.sub("", Compact.of(text).lower)


def cut_heading_spans(stream: Stream, anchor: Anchor) -> list[tuple[int, int, int]]:
    """(line start, label start, label end) of each line that holds nothing but the start of one of a long
    unnumbered heading's printed forms, cut where the photo or the reader lost the rest of the line
    (``กรณีดำเนินการร่วมกับหน่วยงานอื่นภายนอก`` for ``…ภายนอกสังกัดกรุงเทพมหานคร``), and the wrapped line below
    when it is part of the heading's rest (``หรือองค์กรเอกชน หรือประชาชนทั่วไป``). Missed, the heading's value was
    read into the field above it and its own left blank with no warning."""
    keys = [_skeleton(label) for label in anchor.labels]
    keys = [key for key in keys if len(key) > MIN_START]
    if not keys or anchor.number is not None or anchor.option:
        return []
    spans = []
    for n, line in enumerate(stream.lines):
        letters = _skeleton(line.text)
        if line.table is not None or len(letters) < MIN_START or not letters[0].isalpha():
            continue
        cut = [key for key in keys if len(letters) < len(key)
               and Levenshtein.normalized_similarity(letters, key[:len(letters)]) >= START_SIMILARITY]
        if not cut:
            continue
        start = stream.offsets[n]
        end = start + len(line.text.rstrip())
        following = stream.lines[n + 1] if n + 1 < len(stream.lines) else None
        if following is not None and following.table is None:
            rest = _skeleton(following.text)
            if len(rest) >= MIN_REST and any(
                    len(rest) <= len(key) - len(letters) and partial_ratio(rest, key[len(letters):]) >= REST_SCORE
                    for key in cut):
                end = stream.offsets[n + 1] + len(following.text.rstrip())
        lead = len(line.text) - len(line.text.lstrip())
        spans.append((start, start + lead, end))
    return spans
