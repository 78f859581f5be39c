"""Where a form of a bundle starts when its title cannot be read: a damaged title, a form-number header, first labels."""

from __future__ import annotations

import re
from functools import cache

from rapidfuzz import fuzz

from pipeline.extractors.classify import FORM_NUMBER
from pipeline.extractors.stream import Stream
from pipeline.extractors.tables import GANTT
from pipeline.extractors.text import LINE_PREFIX, compact
from pipeline.extractors.vocabulary import BundleRules, Phrases, bundle_rules, kinds, vocabulary
from pipeline.readers.symbols import SOFT_WRAP

_JUNK_HEAD = re.compile(r"^[^\u0e01-\u0e2e\u0e40-\u0e44A-Za-z]+")  # what OCR makes of dust before a title
_NUMBER_HEAD = re.compile(r"^แบบฟอร์ม(?:ที่)?[1-4]")


@cache
def label_checks(kind: str) -> tuple[tuple[str, Phrases, bool], ...]:
    """What every copy of a kind prints, in order: its labels (not the tick-box options), then its signatures."""
    vocab = vocabulary(kind)
    out = [(a.labels[-1], a.pattern, a.inline) for a in _labels(kind)]
    out += [(words[0], Phrases(words[:1]), True) for words in vocab.signatures.values()]  # the one it prints
    return tuple(out)


@cache
def label_fields(kind: str) -> tuple[str | None, ...]:
    """The field whose value each of ``label_checks(kind)`` has below it (a share's percent: the scope after it;
    None: a heading), the signatures' names last."""
    return tuple(a.rest or a.field for a in _labels(kind)) + tuple(vocabulary(kind).signatures)


def _labels(kind: str) -> list:
    return [a for a in vocabulary(kind).anchors[1:] if not a.option and a.length >= 6]


def label_matches(stream: Stream, kind: str, first_only: int | None = None) -> list[tuple[int, int, int]]:
    """(check, start, end) of every place a kind's labels stand in a stream (``first_only``: its first N)."""
    out = []
    for n, (_, pattern, inline) in enumerate(label_checks(kind)[:first_only]):
        for start, end in pattern.spans(stream.compact):
            if inline or LINE_PREFIX.fullmatch(stream.text[stream.line_start(start):start]) is not None:
                out.append((n, start, end))
    return out


def fallback_starts(stream: Stream, found: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(first line, kind) of forms on pages where no title was found (``found``: the starts by title), each
    from the top of its page: a title the scan or photo damaged (a fuzzy match of a long title among the
    page's first lines), a form-number header naming another form than the one in progress, or the first
    labels of a form printed at the top of the page (the next copy of the form in progress, or another)."""
    rules = bundle_rules()
    pages = pages_of(stream)
    titled = {stream.lines[n].page for n, _ in found}
    starts = sorted(found)
    out: list[tuple[int, str]] = []
    firsts: dict[str, list[tuple[int, int, int]]] | None = None
    for first, last in pages:
        page = stream.lines[first].page
        if page in titled:
            continue
        since, current = next(((line, kind) for line, kind in reversed(sorted(starts + out)) if line < first),
                              (None, None))
        if since is not None and sum(1 for n in range(since, first) if stream.lines[n].text.strip()) < rules.top_lines:
            continue  # a form whose title began at the foot of the page before: this page goes on with it
        top = [n for n in range(first, last) if stream.lines[n].text.strip() and not stream.lines[n].cell
               and stream.lines[n].table is None][:rules.top_lines + 2]
        if firsts is None:  # each kind's first labels (and a few after them), found once in the whole stream
            firsts = {kind: label_matches(stream, kind, first_only=rules.first_labels + 3) for kind in kinds()}
        kind = (_fuzzy_title(stream, top, rules) or _number_header(stream, top, current)
                or _first_labels(stream, first, last, current, firsts))
        if kind is not None:
            out.append((first, kind))
    return out


def pages_of(stream: Stream) -> list[tuple[int, int]]:
    """(first line, last line + 1) of each page of a paged stream, in stream order; [] without pages."""
    out: list[tuple[int, int]] = []
    for n, line in enumerate(stream.lines):
        if line.page is None:
            return []
        if not out or stream.lines[out[-1][0]].page != line.page:
            out.append((n, n + 1))
        else:
            out[-1] = (out[-1][0], n + 1)
    return out


def _fuzzy_title(stream: Stream, top: list[int], rules: BundleRules) -> str | None:
    """The kind whose long title a top line (with the line after it: titles wrap) holds, letters misread."""
    best, kind = 0.0, None
    for k, n in enumerate(top):
        own = _title_text(stream.lines[n].text)
        if len(own) < 10 or (n > 0 and stream.lines[n - 1].text.endswith(SOFT_WRAP)):
            continue  # (a line a paragraph wrapped onto: a value ending in a title's words, ร้อยละ / ความพึงพอใจ…)
        after = _title_text(stream.lines[top[k + 1]].text) if k + 1 < len(top) else ""
        for key, title_kind in rules.titles:
            if len(own) > len(key) + rules.title_line_extra:
                continue
            if len(key) < rules.long_title:  # a short title (แผนการดำเนินการ): the whole line, nothing more
                score = fuzz.ratio(own, key)
                if score >= rules.fuzzy_title and score > best:
                    best, kind = score, title_kind
                continue
            head = (own + after)[:len(key)] if len(own) < len(key) else own
            # The line itself must be title words (not a sentence that starts like one) ...
            if fuzz.ratio(own[:len(key)], key[:len(own)]) < rules.fuzzy_title:
                continue
            score = fuzz.ratio(head, key)  # ... and, with the line after it, the whole title
            if score >= rules.fuzzy_title and score > best:
                best, kind = score, title_kind
    return kind


def _title_text(text: str) -> str:
    own = _JUNK_HEAD.sub("", compact(text).lower())
    return own[number.end():] if (number := _NUMBER_HEAD.match(own)) else own


def _number_header(stream: Stream, top: list[int], current: str | None) -> str | None:
    """A ``แบบฟอร์ม N`` header naming another form than the one in progress (a plan counts as Form 3's)."""
    from pipeline.forms import all_forms

    numbered = {spec.form_number: kind for kind, spec in all_forms().items() if spec.form_number}
    for n in top:
        match = FORM_NUMBER.match(stream.lines[n].text)
        kind = numbered.get(int(match.group(1))) if match else None
        if kind is not None and current is not None and kind != ("form3" if current == "plan" else current):
            return kind
    return None


def _first_labels(stream: Stream, first: int, last: int, current: str | None,
                  found: dict[str, list[tuple[int, int, int]]]) -> str | None:
    """The kind whose first labels (``found``: each kind's in the stream, its first ``first_labels`` and the
    labels after them) stand in order at the page's top: where another copy of the form in progress (or
    another form) begins."""
    rules = bundle_rules()
    begin, reach = stream.offsets[first], _nth_line_start(stream, first, last, rules.first_label_lines)
    end = stream.offsets[last] if last < len(stream.lines) else len(stream.text) + 1
    fits: dict[str, int] = {}
    for kind, matches in found.items():
        spots: dict[int, int] = {}
        for check, start, _ in matches:
            if begin <= start < (reach if check < rules.first_labels else end):
                spots.setdefault(check, start)
        run, at = 0, -1  # how many of its first labels follow one another on the page
        while run in spots and spots[run] > at:
            at, run = spots[run], run + 1
        if run >= rules.first_labels:
            fits[kind] = run
    if not fits:
        return None
    # Kinds that share their first labels: the one with more of its own in order, then the one in progress;
    # after a Form 3, its plan (a Gantt table, or the plan's labels at least as far as Form 3's).
    if current in ("form3", "plan") and ("form3" in fits or "plan" in fits):
        gantt = any(first <= t.line < last for t in stream.tables_of(GANTT))
        return "plan" if gantt or fits.get("plan", 0) >= fits.get("form3", 0) else "form3"
    top = max(fits.values())
    best = [kind for kind, run in fits.items() if run == top]
    return current if current in best else best[0]


def _nth_line_start(stream: Stream, first: int, last: int, count: int) -> int:
    """The text position where the page's ``count``-th non-blank line ends (the page's end if it has fewer)."""
    seen = 0
    for n in range(first, last):
        if stream.lines[n].text.strip():
            seen += 1
            if seen > count:
                return stream.offsets[n]
    return stream.offsets[last] if last < len(stream.lines) else len(stream.text) + 1
