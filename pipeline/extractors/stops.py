"""Stop lines: the line starts where any value ends (signatures, notes, a form's header), not the look-alikes."""

from __future__ import annotations

import re

from pipeline.extractors.stream import SIGNATURE_LINE, Stream
from pipeline.extractors.text import LINE_PREFIX
from pipeline.extractors.vocabulary import KindVocabulary, is_printed_head, phrases
from pipeline.readers.symbols import SOFT_WRAP

# OCR specks before a stop line (``. แบบฟอร์ม3``, ``_. แบบฟอร์ม3`` at a photographed page's top): a stop phrase is
# never a value's word.
_SPECKS = re.compile(r"[\s.,'`’‘·_|]*")
GUIDANCE_REACH = 400  # characters before a stop phrase searched for the guidance sentence it may stand in
_THAI_WORDS = re.compile("[\u0e01-\u0e2e].*[\u0e01-\u0e2e]")
# The dotted line a signature is written on (``ลงชื่อ ......``): no sentence runs on through one.
_LEADER = re.compile(r"\s*[.…_]{3}")
# A year and a word after a stop phrase (``ปีงบประมาณ พ.ศ. 2568 ของสำนัก…``): a sentence running on, no fiscal-year line.
_YEAR_RUNS_ON = re.compile(r"[ \t]*[0-9\u0e50-\u0e59]{4}[ \t]+[^\n]*[\u0e01-\u0e2e]")


def _in_misread_guidance(stream: Stream, vocab: KindVocabulary, at: int) -> bool:
    """Whether a stop phrase stands inside a guidance sentence OCR misread (``แบบฟอร์มที่ 1โดยนำข้อมูล…`` for
    ๓), found nearly in the text around it."""
    if not vocab.guidance:
        return False
    low = max(0, at - GUIDANCE_REACH)
    window = stream.text[low:at + GUIDANCE_REACH // 4]
    # Whole sentences only: pieces are looked for at a value's start, and the window starts anywhere.
    spans = phrases(vocab.guidance).near_spans(window, pieces=False)
    return any(low + first <= at < low + last for first, last in spans)


# ลงชื่อ opening a line (behind a speck: ``| ลงซื่อ``) as OCR misreads it: ช as ซ, its marks lost or swapped (``ลงซื้อ '…``).
_SIGN_MISREAD = re.compile(r"(?m)^(?=[ \t|'`.,]*ลง[ชซ][\u0e34-\u0e37\u0e48-\u0e4b]*อ(?![\u0e01-\u0e4e]))")


def stop_line_starts(stream: Stream, vocab: KindVocabulary) -> set[int]:
    """Line starts of the lines that end any value: signatures, notes, a form-number header … but not such
    words on a line a wrapped sentence runs on into, nor inside a printed guidance sentence that wrapped to put
    them at a line's start (``ตาม`` / ``แบบฟอร์มที่ 3 โดยนำข้อมูลไปใส่ไว้ในตาราง`` in Form 4's hint)."""
    out = set()
    told = phrases(vocab.guidance).spans(stream.compact) if vocab.guidance else []
    spans = vocab.stops.spans(stream.compact)
    for start, end in spans:
        if any(first <= start < last for first, last in told) or _in_misread_guidance(stream, vocab, start):
            continue
        line_start = stream.line_start(start)
        line_end = stream.text.find("\n", end)
        rest = stream.text[end:line_end if line_end >= 0 else len(stream.text)]
        # (a line holding another stop after it is the form's own printed line, whatever wrapped into it: the
        # survey's ตัวชี้วัด … ร้อยละความพึงพอใจ … ค่าเป้าหมาย below a value that ended near the right edge)
        own_line = any(end <= other < end + len(rest) for other, _ in spans)
        if (line_start >= 2 and stream.text[line_start - 2] == SOFT_WRAP and not _LEADER.match(stream.text, end)
                and not own_line
                and (_THAI_WORDS.search(rest) or (not rest.strip() and not SIGNATURE_LINE.match(stream.text, start)))):
            # a sentence wrapped into this line runs on past the words (…ประจำ / ปีงบประมาณ พ.ศ. 2568 ของ…) or ends
            # with them (…ปักหมุด / ตำแหน่ง): no signature's line is wrapped into
            continue
        if _YEAR_RUNS_ON.match(stream.text, end):
            continue  # the same in a scan, where no soft wrap shows: a heading's year never has words after it
        before = stream.text[line_start:start]
        if LINE_PREFIX.fullmatch(before) is not None or _SPECKS.fullmatch(before) is not None or is_printed_head(before):
            out.add(line_start)
    out.update(m.start() for m in _SIGN_MISREAD.finditer(stream.text))
    return out
