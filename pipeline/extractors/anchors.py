"""Label-anchored values: a kind's printed labels found in the line stream, and the text up to the next boundary."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from pipeline.extractors.cut_heading import cut_heading_spans
from pipeline.extractors.stops import stop_line_starts
from pipeline.extractors.stream import SENTINEL, Stream
from pipeline.extractors.text import (
    BOX,
    ITEM_NUMBER,
    LINE_PREFIX,
    clean_value,
    compact,
    match_text,
    remove_guidance,
)
from pipeline.extractors.vocabulary import Anchor, Compact, KindVocabulary
from pipeline.readers.symbols import SOFT_WRAP
from pipeline.thai import MARKS

_INLINE_BEFORE = set(" \t.…:)_]/—―–-") | set("☑☒■✓✔⌧✗✘●◉▣☐□▢○◯❏❑")
_MARK_TAIL = re.compile(rf"(?:{BOX.pattern})\s*[.,]?(?:{ITEM_NUMBER}\s*)?[-:]?\s*$")
_THAI_LETTER = re.compile(r"[\u0e01-\u0e4e]")
_MARKS = re.compile(f"[{MARKS}]")
_NOT_THAI = re.compile(r"[^\u0e01-\u0e4e]+")
_NUMBER_LINE = re.compile(r"\s*(?:ร้อยละ)?\s*\d[\d.,]*\s*(?:%|เปอร์เซ็นต์)?\s*")
# A bare tick typed in front of an option: alone at the line start, or after the group's label on its line
# (``ลักษณะของนวัตกรรม X เป็นนวัตกรรมที่พัฒนาขึ้นใหม่``).
MIN_TAIL, TAIL_SLACK, TAIL_SIMILARITY = 8, 6, 0.5  # a wrapped label's misread rest: letters, give, likeness
INLINE_TAIL_SIMILARITY = 0.6  # … and of the one word before a value on the label's line
_NEXT_WORD = re.compile(r"[ \t]*(\S+)[ \t]")
LINKING_WORDS = ("คือ", "ได้แก่")  # the printed words some labels end in, before the value
# A value never opens with a short word and a colon, nor with a Thai scrap like คือ glued to a Latin word, nor
# with คือ read as Latin before Thai (``AD แผนที่…``: its ค an A, its อ a D or a), nor with ได้แก่ so read
# (``LALA``, ``“ALLA``: its ด and แ as L or A).
_IS_SCRAP = re.compile(r"[A-Za-z]{1,3}:\s*|ค[\u0e30-\u0e4e]?[\u0e01-\u0e2e]?(?=[A-Za-z])"
                       r"|(?:A[Dda]|fla|Ala|[“\"‘']?(?:L?AL{1,2}A|LAL))\s+(?=[\u0e01-\u0e4e])"
                       r"|(?:Aa|fla|Ala)\s+(?=[A-Z])")  # no English word: before a Latin value too (seed 3317)
# … nor with the label's own linking word, behind at most one short word of the label the line wrap repeated
# (``…นวัตกรรมไปใช้ ใช้ ได้แก่ สื่อมวลชน…``: a shorter form of the label was found, its end read twice), or glued
# to it where OCR lost the space (``ใช้ได้แก่ ประชาชน…``), ได้แก่ perhaps without its ไ or marks (``ด้แก่ประชาชน``).
_LINKING_LEFT = re.compile(r"(?:[\u0e01-\u0e4e]{1,4}\s*)?(?:คือ|ไ?ด\u0e49?แก\u0e48?)\s*")
MIN_GLUED_NUMBERED = 20  # letters of a numbered label found glued to its number after a scrap
_GLUED_LETTER = re.compile(r"\s*[\u0e01-\u0e2e]")  # an item number misread as a Thai letter, no dot after it
_NUMBER_SCRAP = re.compile(r"\s*[\u0e01-\u0e4e]{1,6}\s+")  # an item number misread as a short Thai scrap (marks too)
MIN_NEAR, NEAR_SIMILARITY = 8, 0.8  # a numbered label misread: its least length, its least likeness
LABEL_WRAP = 2  # lines below a number's label that may still be its misread rest, ending in its last words
WHOLE_LABEL = 0.01  # a label found whole ranks a little above a shorter form of it
NUMBERED = 1.8  # the least score of a label found word for word at a line start after its item number
NEAR_SCORE = 1.6  # a numbered label found nearly: below one found word for word after its number
COLON_SIMILARITY = 0.6  # a label alone on its line before its colon, misread: its least likeness
# A line holding only a label and its colon, behind specks, with at most a speck or two after (``ชื่อโครงการ: 7``).
_COLON_LINE = re.compile(r"([\s.,'`|]*)([\u0e01-\u0e4e][\u0e01-\u0e4e ]{5,40}?)\s*:[\s.,'`|\d๐-๙]{0,4}")
_THAI_WORDS = re.compile(r"[\u0e01-\u0e4e][\u0e01-\u0e4e ]*")  # words taken off a value: Thai (not OCR's Latin scraps)
_BARE_TICK = re.compile(rf"(?:^|\s)[xX✓✔/]\s*(?:{ITEM_NUMBER}\s*)?$")
_YEAR_AFTER = re.compile(r"[ \t]*(?:พ\.?[ \t]*ศ\.?)?[ \t]*[0-9\u0e50-\u0e59]{4}")  # ปีงบประมาณ พ.ศ. 2568


@dataclass
class Hit:
    """One place a label was found: where its region starts, the label's span, the tick box in front."""

    anchor: Anchor
    start: int
    label_start: int
    end: int
    at_line_start: bool
    mark: str | None  # "checked", "unchecked" or None (no box in front)
    score: float
    mark_after: str | None = None  # the box right after the label, for people who tick behind the option


@dataclass
class Layout:
    """The labels found in a stream (in the form's order) and the boundaries that end values."""

    stream: Stream
    hits: list[Hit]
    bounds: list[int]
    taken: dict[str, str] = field(default_factory=dict)  # words ``value`` took off a value's start as its label's

    def next_bound(self, pos: int) -> int:
        for b in self.bounds:
            if b > pos:
                return b
        return len(self.stream.text)

    def region(self, hit: Hit) -> tuple[int, int]:
        return hit.end, self.next_bound(hit.end)

    def raw(self, hit: Hit) -> str:
        start, end = self.region(hit)
        return self.stream.text[start:end]

    def hits_for(self, field_key: str) -> list[Hit]:
        return [h for h in self.hits if h.anchor.field == field_key]

    def option_hits(self, group: str) -> list[Hit]:
        return [h for h in self.hits if h.anchor.option == group]

    def value(self, field_key: str, vocab: KindVocabulary) -> tuple[str | None, str | None]:
        """The cleaned text after the first label of a field that has one, and where it was found."""
        for hit in self.hits_for(field_key):
            if hit.anchor.line:
                text, where, _ = self.line_value(hit, vocab)
            else:
                start, end = self.region(hit)
                read = clean(self.stream.text[start:end], vocab, field_key)
                text = _without_label(read, hit.anchor)
                taken = _taken_words(read, text, None)
                if hit.anchor.labels[0].endswith(LINKING_WORDS):
                    text, before = _without_misread_is(text), text
                    taken = taken or _taken_words(before, text, hit.anchor.labels[0])
                if taken:
                    self.taken[field_key] = taken
                where = self.where_of(start, end)
            if text is not None:
                return text, where
        return None, None

    def line_value(self, hit: Hit, vocab: KindVocabulary) -> tuple[str | None, str | None, str]:
        """A number on the label's own line (or alone on the next line), after printed guidance that may
        wrap over both is gone; and the text of the lines after it (the ``rest`` field's value)."""
        start, end = self.region(hit)
        text = remove_guidance(self.stream.text[start:end], vocab.guidance)
        lines = text.split("\n")
        first = clean(lines[0], vocab, hit.anchor.field)
        if first is not None and re.search(r"[\d๐-๙]", first):
            return first, self.stream.where(start), "\n".join(lines[1:])
        # The label's last words and the number on a line below: a wrapped label whose middle OCR misread past
        # finding (``…สังกัด`` / ``ดกรุงเทพ…เป็นผู้ดำเนิน`` / ``การ คิดเป็นสัดส่วนร้อยละ ๔๐``): those lines are the label's.
        tail = compact(hit.anchor.labels[0].split()[-1])
        for n, line in enumerate(lines[1:1 + LABEL_WRAP], 1):
            if first is None and (m := re.search(rf"{re.escape(tail)}([\d๐-๙][\d๐-๙.,]*)$", compact(line))):
                return m.group(1), self.stream.where(start), "\n".join(lines[n + 1:])
        following = [n for n, line in enumerate(lines[1:], 1) if clean(line, vocab, hit.anchor.field)]
        if following:
            n = following[0]
            candidate = clean(lines[n], vocab, hit.anchor.field) or ""
            if _NUMBER_LINE.fullmatch(match_text(candidate)):
                return candidate, self.stream.where(start), "\n".join(lines[n + 1:])
        return first, self.stream.where(start), "\n".join(lines[1:])

    def rest_value(self, hit: Hit, vocab: KindVocabulary) -> tuple[str | None, str | None]:
        _, where, rest = self.line_value(hit, vocab)
        text = clean(rest, vocab, hit.anchor.rest)
        return text, where if text else None

    def where_of(self, start: int, end: int) -> str:
        """Where the first typed character of a region stands."""
        chunk = self.stream.text[start:end]
        m = re.search(r"[^\s.…_\-—―–:]", chunk)
        return self.stream.where(start + (m.start() if m else 0))


def _taken_words(read: str | None, text: str | None, linked: str | None) -> str | None:
    """The Thai words taken off a value's start that may be the value's own: its label again with no colon after it
    (``การสร้างนวัตกรรม: การสร้างนวัตกรรม วันทำการ…``), or a linking word that is not the one its label (``linked``)
    ends in (``… คือ: ได้แก่ บริษัท…``). The label's own linking word again is the label's wrapped end."""
    if not read or not text or len(text) >= len(read):
        return None
    taken = read[:len(read) - len(text)].strip()
    if not _THAI_WORDS.fullmatch(taken) or linked and compact(linked).endswith(compact(taken.split()[-1])):
        return None
    return taken


def _without_misread_is(text: str | None) -> str | None:
    """A value behind a label that ends in คือ or ได้แก่, the word OCR misread left in front of it (``Aa:``,
    ``Ala:``, ``fla:`` for คือ, ``aun:`` for ได้แก่:): up to three Latin letters and a colon, or a Thai look-alike
    glued to a Latin value (``คิดGoogle``)."""
    if not text:
        return text
    m = _IS_SCRAP.match(text) or _LINKING_LEFT.match(text)
    return text[m.end():] if m and text[m.end():].strip() else text


def _without_label(text: str | None, anchor: Anchor) -> str | None:
    """A value that starts with its own label and a colon or a space: the label was found once before, where the
    form's title ends in the same word (``…ของ / หน่วยงาน`` above ``หน่วยงาน: สำนักงาน…``, or ``หน่วยงาน สำนักงาน…``
    where OCR lost the colon, seed 3317)."""
    if text is None:
        return None
    for label in anchor.labels:
        m = re.match(rf"{re.escape(label)}(?:\s*:|\s)\s*", text)
        if m and text[m.end():].strip():
            return text[m.end():]
    return text


def clean(text: str, vocab: KindVocabulary, field_key: str | None) -> str | None:
    key = field_key or ""
    return clean_value(text.replace(SENTINEL, ""), vocab.guidance, vocab.guidance_lines.get(key, ()),
                       vocab.guidance_words.get(key, ()), after_label=True)


def find_layout(stream: Stream, vocab: KindVocabulary) -> Layout:
    """The kind's labels in a stream, chosen to keep the form's order, and the boundaries of values."""
    candidates = _dedupe(_boxed_groups([h for anchor in vocab.anchors for h in _candidates(stream, anchor)]))
    chain = _best_chain(candidates)
    chain = sorted(chain + _out_of_order(candidates, chain), key=lambda h: h.label_start)
    bounds = {h.start for h in chain}
    bounds |= stop_line_starts(stream, vocab)
    if vocab.stop_lines:
        bounds |= {stream.offsets[n] for n, line in enumerate(stream.lines)
                   if compact(line.text) in vocab.stop_lines}
    bounds |= {stream.offsets[n] for n, line in enumerate(stream.lines) if line.table is not None}
    # A layout table's next row ends a value, even when OCR misread the printed heading that starts it.
    bounds |= {stream.offsets[n] for n, line in enumerate(stream.lines) if line.row_start}
    return Layout(stream, chain, sorted(bounds))


def _candidates(stream: Stream, anchor: Anchor) -> list[Hit]:
    text = stream.text
    hits = []
    for label_start, end in anchor.pattern.spans(stream.compact):
        line_start = stream.line_start(label_start)
        prefix = text[line_start:label_start]
        # … or its own item number glued to it behind a scrap (``อ๓อ๕.ผู้มีส่วนร่วม…``: a page number misread at
        # a page's top): a long label right after its number is that item, wherever the line starts.
        at_start = LINE_PREFIX.fullmatch(prefix) is not None or (
            anchor.number is not None and anchor.length >= MIN_GLUED_NUMBERED
            and re.search(rf"(?<![\d.]){anchor.number}[.)]$", stream.probe[line_start:label_start]) is not None) or (
            # … or its number misread as one Thai letter, its dot lost (``งงบประมาณ`` for ๗. งบประมาณ), or as a
            # short Thai scrap before a long heading (``เวิ้ง ประโยชน์ที่คาดว่าจะได้รับ`` for ๙.), the heading alone
            # on its line: no value's line is a letter or a scrap and a heading's words.
            anchor.number is not None
            and (_GLUED_LETTER.fullmatch(prefix) is not None
                 or (anchor.length >= MIN_GLUED_NUMBERED and _NUMBER_SCRAP.fullmatch(prefix) is not None))
            and not text[end:stream.line_end(label_start)].strip())
        if not at_start:
            before = text[label_start - 1] if label_start > 0 else "\n"
            # An inline label with a slash (กอง/สำนักงาน) is no value's words: found even where OCR lost the
            # space before it (``ฝ่ายทะเบียนกอง/สำนักงาน``).
            glued = "/" in text[label_start:end]
            if not (anchor.inline and (before in _INLINE_BEFORE or before == "\n" or glued)):
                continue
        mark = _mark(prefix)
        if mark is None and not prefix.strip():
            mark = _box_line(stream, stream.line_at(label_start) - 1)  # the box in the cell before
        after = _mark_after(stream, end) if anchor.option else None
        if anchor.boxed and mark is None and after is None and not at_start:
            continue
        # A line the one above runs on into (a PDF line wrapped inside Thai text) starts mid-sentence: a label's
        # words there (``วันที่`` wrapped from ``แยกตามวันที่``) rank below the same label opening a line.
        wrapped_into = line_start >= 2 and text[line_start - 2] == SOFT_WRAP
        if wrapped_into and anchor.field == "fiscal_year" and not _YEAR_AFTER.match(text, end):
            continue  # the form prints its year after it: a sentence's word (…สถิติ / ปีงบประมาณ ประชาสัมพันธ์…)
        score = 1.0 + (0.5 if at_start and not wrapped_into else 0.0) + 0.002 * anchor.length
        if end >= len(text) or not _THAI_LETTER.match(text, end):
            score += 0.2  # a label ends at a space, dots, a colon or the line's end; words run on in a sentence
        if len(compact(text[label_start:end])) >= anchor.length:
            # The whole label over a shorter form of it, the rest alike: Form 3's row head เครื่องมือที่ใช้ had
            # stood for the item ``เครื่องมือที่ใช้พัฒนานวัตกรรม คือ`` below it whose number OCR lost (seed 3324).
            score += WHOLE_LABEL
        if anchor.number is not None and at_start and re.search(rf"(?<![\d.]){anchor.number}(?:[.)]|\s|$)",
                                                                   stream.probe[line_start:label_start]):
            score += 0.3
        end = _wrapped_tail(stream, anchor, label_start, end)
        hits.append(Hit(anchor, line_start if at_start else label_start, label_start, end, at_start, mark, score,
                        after))
    if anchor.number is not None and not any(h.score >= NUMBERED for h in hits):
        hits += [h for h in _numbered_near(stream, anchor)
                 if not any(o.label_start < h.end and h.label_start < o.end for o in hits)]
    elif anchor.number is None and not anchor.option and not hits:
        hits += _colon_line_near(stream, anchor)
    if not hits:  # a long heading cut short where a photo lost the page's edge
        hits += [Hit(anchor, start, label_start, end, True, None, NEAR_SCORE + 0.002 * anchor.length)
                 for start, label_start, end in cut_heading_spans(stream, anchor)]
    return hits


def _colon_line_near(stream: Stream, anchor: Anchor) -> list[Hit]:
    """A label OCR misread a few letters of, alone on its line and closed by its colon (``ซื้อโครงวร:`` for
    ชื่อโครงการ:, ``นวัตกรรมที่พัฒน:``): a value seldom ends in a colon, so less likeness will do than for a
    label found inside a line."""
    keys = [_MARKS.sub("", Compact.of(label).lower) for label in anchor.labels
            if len(label.replace(" ", "")) >= MIN_NEAR]
    if not keys:
        return []
    hits = []
    for n, line in enumerate(stream.lines):
        m = _COLON_LINE.fullmatch(line.text)
        if line.table is not None or not m:
            continue
        skeleton = _MARKS.sub("", Compact.of(m.group(2)).lower)
        if max(Levenshtein.normalized_similarity(key, skeleton) for key in keys) >= COLON_SIMILARITY:
            start = stream.offsets[n]
            hits.append(Hit(anchor, start, start + m.start(2), start + m.end(2) + 1, True, None,
                            NEAR_SCORE + 0.002 * anchor.length))
    return hits


def _wrapped_tail(stream: Stream, anchor: Anchor, start: int, end: int) -> int:
    """The end of a label found by a shorter form of it, moved to the end of its line or the next where the
    rest of its longest form stands misread (``… ที่หน่วยงาน`` / ``เควหได้`` for ``วิเคราะห์ได้``), so the
    misread words of the printed label are not taken for the start of the value."""
    # ฯ ends a label's abbreviated form (ผู้ว่าฯ): the longest form's rest stands for what it cut short.
    found = Compact.of(stream.text[start:end]).lower.removesuffix("\u0e2f")
    tails = [key[len(found):] for key in (Compact.of(label).lower for label in anchor.labels)
             if key.startswith(found) and len(key) - len(found) >= MIN_TAIL]
    if not tails:
        return end
    tail = max(tails, key=len)
    tail_letters = _NOT_THAI.sub("", tail)
    at = bisect_left(stream.compact.index, end)
    n = stream.line_at(end)
    best = end
    for line in (n, n + 1):  # a label wraps onto one more line at most
        if line >= len(stream.lines) or stream.lines[line].table is not None:
            break
        line_end = stream.offsets[line] + len(stream.lines[line].text)
        stop = bisect_left(stream.compact.index, line_end)
        if stop - at > len(tail) + TAIL_SLACK:
            break
        # Thai letters only: OCR makes specks, ticks and Latin letters of the misread print.
        rest = _NOT_THAI.sub("", stream.compact.lower[at:stop])
        if rest and Levenshtein.normalized_similarity(tail_letters, rest) >= TAIL_SIMILARITY:
            best = line_end
    # Or the rest misread as one word before the value on the same line (``ประโยชุนี่ (มี.ค. …``).
    if best == end and (word := _NEXT_WORD.match(stream.text, end)) and Levenshtein.normalized_similarity(
            tail_letters, _NOT_THAI.sub("", word.group(1))) >= INLINE_TAIL_SIMILARITY:
        best = word.end()
    return best


def _numbered_near(stream: Stream, anchor: Anchor) -> list[Hit]:
    """A numbered label OCR misread a few letters of (``3. ดำในนการรวมกับ`` for ดำเนินการร่วมกับ): a line that
    starts with the label's item number (after specks OCR made of the margin) and then nearly the label, its
    marks set aside (Tesseract's commonest slip in small Thai print); a typed value seldom starts so."""
    hits = []
    number = re.compile(rf"(?:\s|{BOX.pattern}|[^\u0e01-\u0e2e\d\s])*{anchor.number}\s*[.)]\s*")
    keys = [_MARKS.sub("", Compact.of(label).lower) for label in anchor.labels
            if len(label.replace(" ", "")) >= MIN_NEAR]
    for n, line in enumerate(stream.lines):
        m = number.match(stream.probe, stream.offsets[n], stream.offsets[n] + len(line.text))
        if not m or not keys:
            continue
        rest = Compact.of(line.text[m.end() - stream.offsets[n]:])
        letters = [i for i, ch in enumerate(rest.lower) if not _MARKS.match(ch)]
        skeleton = "".join(rest.lower[i] for i in letters)
        tried = [(Levenshtein.normalized_similarity(key, skeleton[:k]), k) for key in keys
                 for k in range(max(1, len(key) - 3), min(len(skeleton), len(key) + 3) + 1)]
        # A long label wrapped: the whole line is its first part.
        tried += [(Levenshtein.normalized_similarity(key[:len(skeleton)], skeleton), len(skeleton)) for key in keys
                  if len(key) > len(skeleton) + 3 and len(skeleton) >= 2 * MIN_NEAR]
        best = max(tried, default=(0.0, 0))
        if best[0] < NEAR_SIMILARITY:
            continue
        last = letters[best[1] - 1] + 1
        while last < len(rest.lower) and _MARKS.match(rest.lower[last]):
            last += 1  # the last letter's marks belong to the label
        label_start = m.end()
        end = label_start + rest.index[last - 1] + 1
        hits.append(Hit(anchor, stream.offsets[n], label_start, end, True,
                        _mark(stream.text[stream.offsets[n]:label_start]), NEAR_SCORE + 0.002 * anchor.length))
    return hits


def _box_line(stream: Stream, n: int) -> str | None:
    """The box on a line that holds nothing else (a tick box in its own table cell)."""
    if 0 <= n < len(stream.lines):
        text = stream.lines[n].text.strip()
        m = BOX.fullmatch(text)
        if m:
            return "checked" if m.group(1) else "unchecked"
    return None


def _mark_after(stream: Stream, end: int) -> str | None:
    """The box right after an option's words on its line, or alone on the next line."""
    rest = stream.text[end: stream.line_end(end)]
    m = re.match(rf"\s*[:]?\s*(?:{BOX.pattern})", rest)
    if m:
        box = BOX.search(m.group(0))
        return "checked" if box and box.group(1) else "unchecked"
    if not rest.strip():
        return _box_line(stream, stream.line_at(end) + 1)
    return None


def _boxed_groups(hits: list[Hit]) -> list[Hit]:
    """Options that are labels only as tick boxes (โครงการใหม่ / โครงการต่อเนื่อง): kept where a box stands
    before or after them, or at a line start when another option of their group has a box and the option
    itself has none elsewhere (``เป็นโครงการใหม่ …`` opening section 4's value, ``☑ โครงการใหม่`` below it)."""
    marked = [h for h in hits if h.anchor.boxed and (h.mark or h.mark_after)]
    boxed, ranks = {h.anchor.option for h in marked}, {h.anchor.rank for h in marked}
    return [h for h in hits if not h.anchor.boxed or h.mark or h.mark_after
            or (h.anchor.option in boxed and h.anchor.rank not in ranks)]


def _mark(prefix: str) -> str | None:
    """The tick box standing right before a label: checked, unchecked, or None."""
    m = _MARK_TAIL.search(prefix)
    if m:
        box = BOX.search(m.group(0))
        return "checked" if box and box.group(1) else "unchecked"
    if _BARE_TICK.search(prefix):
        return "checked"
    return None


def _dedupe(hits: list[Hit]) -> list[Hit]:
    """Where labels overlap, the longer label wins (``นวัตกรรมที่พัฒนา และเครื่องมือที่ใช้`` over
    ``นวัตกรรมที่พัฒนา``); same span, same label: keep one per anchor."""
    hits.sort(key=lambda h: (h.label_start, -(h.end - h.label_start), h.anchor.rank))
    kept: list[Hit] = []
    for hit in hits:
        clash = False
        for other in kept:
            if other.label_start < hit.end and hit.label_start < other.end:
                longer = (other.end - other.label_start) > (hit.end - hit.label_start)
                same = (other.label_start, other.end) == (hit.label_start, hit.end)
                if longer or (same and other.anchor.labels == hit.anchor.labels):
                    clash = True
                    break
        if not clash:
            kept.append(hit)
    return kept


def _best_chain(hits: list[Hit]) -> list[Hit]:
    """The heaviest run of label places that keeps the form's order (ranks increase with position)."""
    hits = sorted(hits, key=lambda h: (h.label_start, h.anchor.rank))
    best: list[float] = []
    back: list[int] = []
    for i, hit in enumerate(hits):
        score, prev = hit.score, -1
        for j in range(i):
            other = hits[j]
            if other.end <= hit.label_start and other.anchor.rank < hit.anchor.rank and best[j] + hit.score > score:
                score, prev = best[j] + hit.score, j
        best.append(score)
        back.append(prev)
    if not hits:
        return []
    i = max(range(len(hits)), key=lambda k: (best[k], -k))
    chain = []
    while i >= 0:
        chain.append(hits[i])
        i = back[i]
    return chain[::-1]


def _out_of_order(candidates: list[Hit], chain: list[Hit]) -> list[Hit]:
    """Labels a person moved (วัตถุประสงค์ before ประโยชน์ที่คาดว่าจะได้รับ): a label the ordered chain left
    out still counts where it stands once, alone, at the start of a line, clear of the chosen labels."""
    ranks = {h.anchor.rank for h in chain}
    by_rank: dict[int, list[Hit]] = {}
    for hit in candidates:
        if hit.at_line_start and hit.anchor.rank not in ranks and not hit.anchor.option:
            by_rank.setdefault(hit.anchor.rank, []).append(hit)
    extra = []
    for hits in by_rank.values():
        hit = hits[0]
        if len(hits) == 1 and hit.anchor.length >= 6 and not any(
                h.label_start < hit.end and hit.label_start < h.end for h in chain):
            extra.append(hit)
    return extra
