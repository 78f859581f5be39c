"""Tick-box groups: which option of a one-choice group a person ticked, and never a guess when it is unclear."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pipeline.extractors.anchors import Hit, Layout
from pipeline.extractors.text import BOX


@dataclass
class Choice:
    """The outcome of reading one tick-box group."""

    value: Any = None
    where: str | None = None
    boxed: bool = False  # did the person use boxes at all in this group?
    warning: str | None = None
    several: bool = False  # more than one option ticked (a photo's empty box read ticked, or a person's slip)


def read_group(layout: Layout, group: str, label_th: str) -> Choice:
    """The ticked option of a group; a warning when none or several are ticked."""
    hits = sorted(layout.option_hits(group), key=lambda h: h.label_start)
    if not hits:
        return Choice(warning=None)
    marks = _pair_boxes(layout, hits)
    boxed = any(m is not None for m in marks)
    ticked = [h for h, m in zip(hits, marks, strict=True) if m == "checked"]
    values = list(dict.fromkeys(h.anchor.value for h in ticked))
    if len(values) == 1:
        return Choice(values[0], layout.stream.where(ticked[0].label_start), boxed)
    if len(values) > 1:
        names = ", ".join(str(v) for v in values)
        return Choice(None, None, boxed, f"{group}: several boxes are ticked ({names}); one is required "
                                         f"— เลือกมากกว่า 1 ช่องใน \"{label_th}\" (ต้องเลือกเพียงช่องเดียว)", several=True)
    if boxed:
        return Choice(None, None, True, f"{group}: no box is ticked — ไม่ได้ทำเครื่องหมายเลือกใน \"{label_th}\"")
    if len(hits) == 1:
        # Only one option is left in the document: the others were deleted, which is how some people choose.
        hit = hits[0]
        return Choice(hit.anchor.value, layout.stream.where(hit.label_start), False)
    return Choice(None, None, False, f"{group}: the options carry no tick box, nothing is marked — "
                                     f"ไม่พบเครื่องหมายเลือกใน \"{label_th}\"")


def _pair_boxes(layout: Layout, hits: list[Hit]) -> list[str | None]:
    """The box of each option. Boxes and options are read in text order around the group; when a box comes
    first, each box belongs to the option after it (☐ A ☑ B), otherwise to the option before it (A ☐ B ☑)."""
    stream = layout.stream
    others = [h for h in layout.hits if h not in hits]
    first_line = max(stream.line_at(hits[0].label_start) - 1, 0)
    start = max([stream.offsets[first_line]] + [h.end for h in others if h.end <= hits[0].label_start])
    last_line = min(stream.line_at(hits[-1].end) + 1, len(stream.lines) - 1)
    stop = min([stream.offsets[last_line] + len(stream.lines[last_line].text)]
               + [h.start for h in others if h.start >= hits[-1].end])
    tokens: list[tuple[int, str | None, Hit | None]] = [(h.label_start, None, h) for h in hits]
    spans = [(h.label_start, h.end) for h in hits]
    for m in BOX.finditer(stream.text, start, stop):
        if not any(a <= m.start() < b for a, b in spans):
            tokens.append((m.start(), "checked" if m.group(1) else "unchecked", None))
    for h in hits:  # a bare "X" or "/" in front of an option, at the start of its line
        if h.mark == "checked" and not BOX.search(stream.text, stream.line_start(h.label_start), h.label_start):
            tokens.append((h.label_start - 1, "checked", None))
    tokens.sort(key=lambda t: t[0])
    before = _boxes_lead(stream.text, tokens, {id(h): h.end for h in hits})
    marks: dict[int, str | None] = {}
    pending: str | None = None
    last: Hit | None = None
    for _, mark, hit in tokens:
        if hit is None:
            if before:
                pending = mark
            elif last is not None and id(last) not in marks:
                marks[id(last)] = mark
        else:
            if before:
                marks[id(hit)] = pending
                pending = None
            last = hit
    return [marks.get(id(h)) for h in hits]


_BETWEEN_BEFORE = re.compile(r"[\s\d๐-๙.)(:\-]*")
_BETWEEN_AFTER = re.compile(r"[\s:]*")


def _boxes_lead(text: str, tokens: list[tuple[int, str | None, Hit | None]], ends: dict[int, int]) -> bool:
    """Do boxes stand in front of their options? Each box votes by what touches it: an option right after
    it (only spaces or an item number between) or an option right before it."""
    lead = trail = 0
    for k, (pos, mark, _) in enumerate(tokens):
        if mark is None:
            continue
        after = next((t for t in tokens[k + 1:] if t[2] is not None), None)
        prior = next((t for t in reversed(tokens[:k]) if t[2] is not None), None)
        end = pos + len(BOX.match(text, pos).group(0)) if BOX.match(text, pos) else pos + 1
        if after is not None and _BETWEEN_BEFORE.fullmatch(text, end, after[0]):
            lead += 1
        if prior is not None and _BETWEEN_AFTER.fullmatch(text, ends[id(prior[2])], pos):
            trail += 1
    return lead >= trail
