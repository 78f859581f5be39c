"""Bundles: where a form whose title page is missing starts, told by the labels its other pages print."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.extractors.phases import phase_of_heading
from pipeline.extractors.starts import label_checks, label_matches, pages_of
from pipeline.extractors.stream import Stream
from pipeline.extractors.vocabulary import Phrases, kinds, vocabulary

_FORM3 = frozenset({"form3", "plan"})  # one record holds Form 3 and its attached plan

Match = tuple[int, int, int]  # (label rank, start, end) in the stream's text


def orphan_starts(stream: Stream, found: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(first line, kind) of forms whose title page is gone (``found``: the starts seen so far), each from the top
    of the first of its pages that is left. Without them the form's other pages were read into the form before,
    and the form was lost with no word said. Such a page holds no title and either

    - two or more of another kind's labels and none of the form in progress's (a signature inside the other's
      words is the other's), that kind being neither the form in progress's nor the next form's (a page
      shuffled in from the next form is ``bundle.arrange``'s to move back);
    - or two or more of the form in progress's labels, each printed already on a page of it before, and each
      printed by the next copy of the form too when one follows (else it is that copy's page shuffled in
      ahead: ``bundle.arrange`` moves it).

    Its record then says which labels are not found (``bundle.page_warnings``: a page may be missing)."""
    pages = pages_of(stream)
    if not pages or not found:
        return []
    titled = {stream.lines[n].page for n, _ in found}
    by_page = {kind: _by_page(stream, kind) for kind in kinds()}
    out: list[tuple[int, str]] = []
    told: dict[str, list[tuple[int, int]]] = {}
    for first, last in pages:
        page = stream.lines[first].page
        starts = sorted(found + out)
        before = [(n, kind) for n, kind in starts if n < first]
        after = [(n, kind) for n, kind in starts if n >= last]
        if page in titled or not before or any(first <= n < last for n, _ in starts):
            continue
        since, current = before[-1]
        upcoming = after[0][1] if after else None
        if current is None or current == "survey":  # (a survey's questionnaires and tally are one survey)
            continue
        ours = by_page[current].get(page, [])
        kind = _other_form(ours, by_page, page, current, upcoming, lambda k: _guidance(stream, k, told))
        if kind is None and _next_copy(ours, by_page[current], stream, since, first, after, current):
            kind = current
        if kind is not None:
            out.append((first, kind))
    return out


def _by_page(stream: Stream, kind: str) -> dict[int, list[Match]]:
    """A kind's label matches by page, leaving out words in a data table and a phase's name in a table cell (Form
    4's Gantt names Form 3's phases)."""
    out: dict[int, list[Match]] = {}
    checks = label_checks(kind)
    for match in label_matches(stream, kind):
        line = stream.lines[stream.line_at(match[1])]
        if line.table is not None or (line.cell and phase_of_heading(checks[match[0]][0]) is not None):
            continue
        out.setdefault(line.page or 0, []).append(match)
    return out


def _guidance(stream: Stream, kind: str, told: dict[str, list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """Where the stream prints a kind's guidance sentences (found once a kind), each sentence on its own: two of
    them overlap where they share a clause (Form 4's approach guidance), and one match would hide the other."""
    if kind not in told:
        told[kind] = [span for sentence in vocabulary(kind).guidance for span in Phrases([sentence]).spans(stream.compact)]
    return told[kind]


def _other_form(ours: list[Match], by_page: dict[str, dict[int, list[Match]]], page: int, current: str,
                upcoming: str | None, guidance: Callable[[str], list[tuple[int, int]]]) -> str | None:
    """Another kind two or more of whose labels the page prints, and none of the form in progress's. Words of
    one form's labels inside the other's printed guidance (Form 4's ``ระบุความสอดคล้องกับนโยบาย…`` holds Form 3's
    label) are no labels."""
    for kind in kinds():
        if kind in (current, upcoming) or {kind, current} <= _FORM3:
            continue
        theirs = [m for m in by_page[kind].get(page, []) if not _inside(m, guidance(current))]
        mine = [m for m in ours if not _inside(m, guidance(kind))]
        shared = {(a, b) for _, a, b in mine} & {(a, b) for _, a, b in theirs}  # a label of both forms: no sign
        mine = [m for m in mine if (m[1], m[2]) not in shared]
        theirs = [m for m in theirs if (m[1], m[2]) not in shared]
        if len({n for n, _, _ in theirs}) >= 2 and all(
                any(a <= start and end <= b for _, a, b in theirs) for _, start, end in mine):
            return kind
    return None


def _inside(match: Match, spans: list[tuple[int, int]]) -> bool:
    return any(a <= match[1] < b for a, b in spans)


def _next_copy(ours: list[Match], mine: dict[int, list[Match]], stream: Stream, since: int, first: int,
               after: list[tuple[int, str]], kind: str) -> bool:
    """Does the page print two or more of the form's labels, each on a page of it before, and (when another copy
    of the form follows) on that copy too?"""
    ranks = {n for n, _, _ in ours}
    if len(ranks) < 2 or kind in ("form3", "plan"):  # (the plan prints Form 3's first labels again)
        return False
    lo, hi = stream.offsets[since], stream.offsets[first]
    earlier = {n for matches in mine.values() for n, start, _ in matches if lo <= start < hi}
    if not ranks <= earlier:
        return False
    if after and after[0][1] == kind:
        end = stream.offsets[after[1][0]] if len(after) > 1 else len(stream.text) + 1
        lo = stream.offsets[after[0][0]]
        later = {n for matches in mine.values() for n, start, _ in matches if lo <= start < end}
        return ranks <= later
    return True
