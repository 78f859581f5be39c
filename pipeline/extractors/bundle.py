"""Bundles: where each form of a file that holds several starts (its title), and whether a form's pages are whole."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from pipeline.extractors.anchors import LINE_PREFIX
from pipeline.extractors.classify import FORM_NUMBER
from pipeline.extractors.stream import SENTINEL, Stream
from pipeline.extractors.tables import GANTT
from pipeline.extractors.text import compact
from pipeline.extractors.vocabulary import BundleRules, Phrases, bundle_rules, vocabulary

_NUMBER_HEAD = re.compile(r"^แบบฟอร์ม(?:ที่)?[1-4]")


@dataclass
class Part:
    """One form of a file: the kind its title names (None: text before any title) and its lines first..last-1."""

    kind: str | None
    first: int
    last: int


def split_forms(stream: Stream) -> list[Part]:
    """The forms of a stream in file order: a new one wherever a form's title starts a line. A plan right after
    (or, for a Form 3 without one, right before) a Form 3 is that form's attached plan; a survey's
    questionnaires and its tally are one survey."""
    starts = form_starts(stream)
    if not starts:
        return [Part(None, 0, len(stream.lines))]
    parts: list[Part] = []
    first = starts[0][0]
    if first > 0 and _has_content(stream, 0, first):
        parts.append(Part(None, 0, first))
    else:
        starts[0] = (0, starts[0][1])
    for n, (line, kind) in enumerate(starts):
        parts.append(Part(kind, line, starts[n + 1][0] if n + 1 < len(starts) else len(stream.lines)))
    return _joined(stream, parts)


def form_starts(stream: Stream) -> list[tuple[int, str]]:
    """(first line, kind) of every form: the line its title starts, moved back over what stands above the title
    on its page (a form-number line, a header) or, without pages, over blank and form-number lines."""
    rules = bundle_rules()
    out: list[tuple[int, str]] = []
    for n, line in enumerate(stream.lines):
        if line.cell or line.table is not None or not line.text.strip():
            continue
        kind = _title_at(stream, n, rules)
        if kind is None:
            continue
        above = _lines_above(stream, n)
        if stream.lines[n].page is not None and above >= rules.top_lines:
            continue  # on a page, a form starts at its top
        start = n
        if stream.lines[n].page is not None and above < rules.top_lines:
            start = n - above_all(stream, n)
        else:
            while start > 0 and (not stream.lines[start - 1].text.strip()
                                 or FORM_NUMBER.match(stream.lines[start - 1].text)):
                start -= 1
        if out and start <= out[-1][0]:
            continue
        out.append((start, kind))
    return out


def _title_at(stream: Stream, n: int, rules: BundleRules) -> str | None:
    """The kind whose title starts line n, the line holding nothing but (the start of) a title of that kind."""
    at = bisect_left(stream.compact.index, stream.offsets[n])
    head = stream.compact.lower[at:at + 400]
    number = _NUMBER_HEAD.match(head)
    skip = number.end() if number else 0
    head = head[skip:]
    own = compact(stream.lines[n].text).lower()[skip:]
    before = stream.compact.lower[max(0, at - 40):at]
    for key, kind in rules.titles:
        if not head.startswith(key):
            continue
        if any(before.endswith(p) for p in rules.not_preceded_by.get(kind, ())):
            return None  # the tail of a longer title (Form 4's inside Form 3's)
        # A sentence that begins with a title's words (guidance that names the certificate) goes on with
        # other words; a title line goes on with its own title's words, or stops.
        kept = max(_common(own, title) for title, other in rules.titles if other == kind)
        return kind if len(own) - kept <= rules.title_line_extra else None
    return None


def _common(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _lines_above(stream: Stream, n: int) -> int:
    """Non-blank lines above line n on its page."""
    page, count, m = stream.lines[n].page, 0, n - 1
    while m >= 0 and stream.lines[m].page == page:
        count += 1 if stream.lines[m].text.strip() else 0
        m -= 1
    return count


def above_all(stream: Stream, n: int) -> int:
    """Lines (blank or not) above line n on its page."""
    page, m = stream.lines[n].page, n - 1
    while m >= 0 and stream.lines[m].page == page:
        m -= 1
    return n - 1 - m


def _has_content(stream: Stream, first: int, last: int) -> bool:
    """Text before the first title that is more than a header: a form whose title page is missing."""
    text = "".join(compact(ln.text) for ln in stream.lines[first:last]
                   if ln.text != SENTINEL and not FORM_NUMBER.match(ln.text))
    return len(text) >= 80 or any(ln.table is not None for ln in stream.lines[first:last])


def _has_gantt(stream: Stream, part: Part) -> bool:
    return any(part.first <= t.line < part.last for t in stream.tables_of(GANTT))


def _joined(stream: Stream, parts: list[Part]) -> list[Part]:
    out: list[Part] = []
    for part in parts:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == part.kind == "survey":
            prev.last = part.last
        elif prev is not None and prev.kind == "form3" and part.kind == "plan" and not _has_gantt(stream, prev):
            prev.last = part.last
        elif (prev is not None and prev.kind == "plan" and part.kind == "form3" and not _has_gantt(stream, part)
              and (len(out) < 2 or out[-2].kind != "form3")):
            prev.kind, prev.last = "form3", part.last
        else:
            out.append(Part(part.kind, part.first, part.last))
    return out


# --------------------------------------------------------------------------- pages shuffled or missing
def page_warnings(stream: Stream, kind: str) -> list[str]:
    """A form's printed labels not found in a row (a page missing), or found on pages in another order than the
    form prints them (pages shuffled): warnings in English and Thai."""
    rules = bundle_rules()
    checks = _checks(kind)
    firsts = [_first_line(stream, pattern, inline) for _, pattern, inline in checks]
    warnings: list[str] = []
    run: list[str] = []
    for (label, _, _), line in [*zip(checks, firsts, strict=True), (("", None, False), 0)]:
        if line is None:
            run.append(label)
            continue
        if len(run) >= rules.missing_run:
            warnings.append(f"{kind}: {len(run)} printed labels in a row are not found ({run[0]!r} … {run[-1]!r}): "
                            f"a page may be missing — ไม่พบหัวข้อ {len(run)} หัวข้อติดกัน ({run[0]} … {run[-1]}) "
                            f"อาจขาดหน้าไป")
        run = []
    pages = [stream.lines[line].page for line in firsts if line is not None]
    if any(p is None for p in pages) or len(set(pages)) < 2:
        return warnings
    order = {p: n for n, p in enumerate(dict.fromkeys(ln.page for ln in stream.lines if ln.page is not None))}
    sequence = [order[p] for p in pages]  # type: ignore[index]
    kept = _longest_rising(sequence)
    moved = sorted({pages[n] for n in range(len(pages)) if n not in kept})
    if len(pages) - len(kept) >= rules.order_slack and moved:
        listed = ", ".join(str(p) for p in moved)
        warnings.append(f"{kind}: the pages seem out of order (page {listed} holds labels the form prints "
                        f"elsewhere) — หน้าของแบบฟอร์มอาจเรียงสลับกัน (หน้า {listed})")
    return warnings


def _checks(kind: str) -> list[tuple[str, Phrases, bool]]:
    """What every copy of a kind prints, in order: its labels (not the tick-box options), then its signatures."""
    vocab = vocabulary(kind)
    out = [(a.labels[-1], a.pattern, a.inline) for a in vocab.anchors[1:] if not a.option and a.length >= 6]
    out += [(words[0], Phrases(words), True) for words in vocab.signatures.values()]
    return out


def _first_line(stream: Stream, pattern: Phrases, inline: bool) -> int | None:
    for start, _ in pattern.spans(stream.compact):
        if inline or LINE_PREFIX.fullmatch(stream.text[stream.line_start(start):start]) is not None:
            return stream.line_at(start)
    return None


def _longest_rising(values: list[int]) -> set[int]:
    """Indices of a longest non-decreasing subsequence."""
    tails: list[int] = []
    tail_at: list[int] = []
    back = [-1] * len(values)
    for n, v in enumerate(values):
        k = bisect_right(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_at.append(n)
        else:
            tails[k], tail_at[k] = v, n
        back[n] = tail_at[k - 1] if k else -1
    out, n = set(), tail_at[-1] if tail_at else -1
    while n >= 0:
        out.add(n)
        n = back[n]
    return out
