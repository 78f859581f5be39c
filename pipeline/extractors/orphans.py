"""Bundles: a form whose title page is missing, started only on strong evidence; a weaker sign is a warning."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.document import Document, Table
from pipeline.extractors.phases import phase_of_heading
from pipeline.extractors.starts import label_checks, label_matches, pages_of
from pipeline.extractors.stream import Stream
from pipeline.extractors.tables import GANTT
from pipeline.extractors.text import LINE_PREFIX
from pipeline.extractors.vocabulary import Phrases, kinds, vocabulary

# A false split costs a whole form and its kind; a missed one costs less (the form before already says a page may
# be missing). So a page starts a form only where its labels are read as printed (a PDF's text layer: OCR misreads
# make one form's labels look like another's), three or more of them, each opening a line, in the form's order.
ORDERED_LABELS = 3
_FORM3 = frozenset({"form3", "plan"})  # one record holds Form 3 and its attached plan

Match = tuple[int, int, int]  # (label rank, start, end) in the stream's text


@dataclass(frozen=True)
class Orphans:
    """Forms whose title page is missing (``starts``: their first line and kind) and the pages that look like
    another form's but not surely enough to split (``doubts``: the page's first line and the kind it looks like)."""

    starts: list[tuple[int, str]]
    doubts: list[tuple[int, str]]


def typed_pages(document: Document) -> frozenset[int]:
    """The pages of a PDF read from its text layer (no block of them read by OCR): their labels are as printed."""
    if document.format != "pdf":  # a scan or photos (read by OCR), or a DOCX (no pages)
        return frozenset()
    ocr: set[int] = set()
    pages: set[int] = set()
    for block in document.blocks:
        if block.page is None:
            continue
        pages.add(block.page)
        cells = [c for row in block.rows for c in row] if isinstance(block, Table) else [block]
        if any(getattr(item, "confidence", None) is not None for item in cells):
            ocr.add(block.page)
    return frozenset(pages - ocr)


def orphan_starts(stream: Stream, found: list[tuple[int, str]], typed: frozenset[int],
                  unread: frozenset[int] = frozenset()) -> Orphans:
    """Where a form whose title page is gone starts (``found``: the starts seen so far): the top of a page with no
    title, read as printed, that comes after the whole of the form in progress (its last printed label or
    signature found before the page) and holds three or more of a kind's labels, each opening a line, in that
    kind's order (with the doubted pages of that kind just before it, whose labels were too few on their own), or
    that kind's whole signature block, and none of the form in progress's. That kind is another than the form
    in progress's and the next form's (a page of the next form shuffled in ahead of it is ``bundle.arrange``'s to
    move back), or, for copies of one form, the same kind with each of those labels printed before by the copy in
    progress (and by the next copy, when one follows: else it is that copy's page shuffled ahead). A page that
    holds two or more labels of another kind and none of the form in progress's, but falls short of that, is a
    doubt, unless the page just before it (or before the doubted pages of that kind just before it) is one nothing
    was read from (``unread``: OCR stopped at its time limit): the title page it lacks is likely that one, and the
    form in progress cannot be seen whole, so the doubt starts the form."""
    pages = pages_of(stream)
    if not pages or not found:
        return Orphans([], [])
    titled = {stream.lines[n].page for n, _ in found}
    by_page = {kind: _by_page(stream, kind) for kind in kinds()}
    starts: list[tuple[int, str]] = []
    doubts: list[tuple[int, str]] = []
    told: dict[str, list[tuple[int, int]]] = {}
    run: list[tuple[int, int]] = []  # the doubted pages just before, of one kind: (first line, page)
    for first, last in pages:
        page = stream.lines[first].page
        every = sorted(found + starts)
        before = [(n, kind) for n, kind in every if n < first]
        after = [(n, kind) for n, kind in every if n >= last]
        current = before[-1][1] if before else None
        kind = None
        if not (page in titled or current in (None, "survey") or any(first <= n < last for n, _ in every)):
            # (a survey's questionnaires and tally are one survey)
            since = before[-1][0]
            kind = _other_form(stream, by_page, page, current, after[0][1] if after else None, told)
            if kind == current and not _next_copy(stream, by_page[kind], kind, since, first, page, after):
                kind = None
        if kind is None:
            run = []
            continue
        if run and doubts[-1][1] != kind:
            run = []
        # The form's pages left before this one, doubted one by one, count with it: its labels run on over them.
        held = run + [(first, page)]
        theirs = [m for _, p in held for m in by_page[kind].get(p, [])
                  if not _inside(m, _guidance(stream, current, told))]
        sure = (all(p in typed for _, p in held) and _whole(stream, by_page[current], current, since, held[0][0])
                and (len(_ordered(stream, theirs)) >= ORDERED_LABELS or _signed(theirs, kind, tail=kind == current)))
        if sure or held[0][1] - 1 in unread:
            del doubts[len(doubts) - len(run):]
            starts.append((held[0][0], kind))
            run = []
        else:
            doubts.append((first, kind))
            run = held
    return Orphans(starts, doubts)


def doubt_warnings(kind: str | None, doubts: list[tuple[int, str]]) -> list[str]:
    """The warnings, in English and Thai, on a form holding pages that may be another form's (``doubts``: the page
    and the kind it looks like), one for each kind."""
    pages: dict[str, list[int]] = {}
    for page, other in doubts:
        pages.setdefault(other, []).append(page)
    out = []
    for other, found in pages.items():
        named = ", ".join(map(str, found))
        what = ("labels this form printed before: it may be a page of another copy" if other == kind else
                f"labels of another form ({other}) and none of this one's: it may be a page of another form")
        out.append(f"{kind}: page {named} holds {what} whose first page is missing — หน้า {named} "
                   f"มีหัวข้อของแบบฟอร์มอื่น ({other}) อาจเป็นหน้าของแบบฟอร์มอื่นที่ขาดหน้าแรก")
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


def _inside(match: Match, spans: list[tuple[int, int]]) -> bool:
    return any(a <= match[1] < b for a, b in spans)


def _other_form(stream: Stream, by_page: dict[str, dict[int, list[Match]]], page: int, current: str,
                upcoming: str | None, told: dict[str, list[tuple[int, int]]]) -> str | None:
    """The kind two or more of whose labels the page prints, none of the form in progress's (but for words inside
    the other's labels or printed guidance, or a label of both: Form 4's ``ระบุความสอดคล้องกับนโยบาย…`` holds Form
    3's label): another kind than the next form's, or the form in progress's own kind when its labels stand there
    in order as a copy's would. Form 3 and its plan count as one."""
    ours = by_page[current].get(page, [])
    if len(_ordered(stream, ours)) >= ORDERED_LABELS or _signed(ours, current, tail=True):
        return current  # another copy of the form in progress, if its labels were printed before (``_next_copy``)
    for kind in kinds():
        if kind in (current, upcoming) or {kind, current} <= _FORM3:
            continue
        theirs = [m for m in by_page[kind].get(page, []) if not _inside(m, _guidance(stream, current, told))]
        mine = [m for m in ours if not _inside(m, _guidance(stream, kind, told))]
        shared = {(a, b) for _, a, b in mine} & {(a, b) for _, a, b in theirs}  # a label of both forms: no sign
        mine = [m for m in mine if (m[1], m[2]) not in shared]
        theirs = [m for m in theirs if (m[1], m[2]) not in shared]
        if len({n for n, _, _ in theirs}) >= 2 and all(
                any(a <= start and end <= b for _, a, b in theirs) for _, start, end in mine):
            return kind
    return None


def _ordered(stream: Stream, matches: list[Match]) -> list[int]:
    """The ranks of the labels that open a line, when they stand in the form's order (each later one further on);
    [] when they do not."""
    opening = sorted((start, n) for n, start, _ in matches
                     if LINE_PREFIX.fullmatch(stream.text[stream.line_start(start):start]) is not None)
    ranks = list(dict.fromkeys(n for _, n in opening))
    return ranks if ranks == sorted(ranks) else []


def _signed(matches: list[Match], kind: str, *, tail: bool = False) -> bool:
    """Do the matches hold every one of a form's signatures (two or more), in the form's order? A copy's
    signature page, its title page gone, holds nothing else (Form 1's three signatures). ``tail``: or its last two
    or more and nothing else of the form (the copy's first signature stood on its missing page, as Form 1's
    proposer does above the table of the other two)."""
    signed, total = len(vocabulary(kind).signatures), len(label_checks(kind))
    ranks = range(total - signed, total)
    firsts = {n: min(start for m, start, _ in matches if m == n) for n in ranks if any(m == n for m, _, _ in matches)}
    last = sorted(firsts) == list(range(total - len(firsts), total)) and all(m in ranks for m, _, _ in matches)
    return (signed >= 2 and (len(firsts) == signed or tail and len(firsts) >= 2 and last)
            and list(firsts.values()) == sorted(firsts.values()))


def _whole(stream: Stream, ours: dict[int, list[Match]], kind: str, since: int, first: int) -> bool:
    """Is the form in progress (lines since..first-1) whole before the page: its last printed label or signature
    found (a plan, whose head may print no more than Form 3's: its Gantt table)?"""
    if kind == "plan":
        return any(since <= t.line < first for t in stream.tables_of(GANTT))
    lo, hi = stream.offsets[since], stream.offsets[first]
    last = len(label_checks(kind)) - 1
    return any(n == last and lo <= start < hi for matches in ours.values() for n, start, _ in matches)


def _next_copy(stream: Stream, ours: dict[int, list[Match]], kind: str, since: int, first: int, page: int,
               after: list[tuple[int, str]]) -> bool:
    """Are the page's labels (in order, opening lines; or its signatures) each printed already by the copy in
    progress, and by the next copy too when one of the same kind follows?"""
    ranks = set(_ordered(stream, ours.get(page, [])))
    if len(ranks) < ORDERED_LABELS:
        ranks = {n for n, _, _ in ours.get(page, [])}  # (a signature page: ``_signed``)
    lo, hi = stream.offsets[since], stream.offsets[first]
    earlier = {n for matches in ours.values() for n, start, _ in matches if lo <= start < hi}
    if not ranks <= earlier:
        return False
    if after and after[0][1] == kind:
        end = stream.offsets[after[1][0]] if len(after) > 1 else len(stream.text) + 1
        lo = stream.offsets[after[0][0]]
        later = {n for matches in ours.values() for n, start, _ in matches if lo <= start < end}
        return ranks <= later
    return True
