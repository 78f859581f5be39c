"""Scan lines that lost a mark stacked over an upper vowel: found from the pixels, read again alone as one line."""

from __future__ import annotations

import difflib
import re
from typing import NamedTuple

import cv2
import numpy as np

from pipeline.readers.ocr.stacked_tone import (
    TONES_OVER,
    VOWELS_UNDER_TONE,
    first_difference,
    lost_stack,
    stack_reads,
    stacked_tone,
)
from pipeline.readers.ocr.tesseract import OcrTimeout, Word, run_tesseract
from pipeline.thai import normalize

_THAI_LETTER = re.compile("[\u0e01-\u0e2e]")
_UNDER = re.compile("[\u0e38-\u0e3a]")  # ุ ู ฺ: a mark under a letter
_THAI = re.compile("[\u0e01-\u0e30\u0e32\u0e33\u0e3f-\u0e46\u0e4f-\u0e5b]")  # Thai, not a mark
_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
# The marks over a letter. A second reading's marks under the letters are not taken (a speck under a line read as
# ุ: ขอจัดูสรุรจาก).
_UPPER = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d")
_VOWELS_OVER = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47"  # ั ิ ี ึ ื ็
_TONES = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c"  # ่ ้ ๊ ๋ ์
# Two glyphs one over the other above the letters, as the text spells them: a tone mark with an upper vowel (ที่,
# ชิ้น, ขั้น; the tone typed before or after the vowel) or over the ํ of ำ (ซ้ำ, น้ำ).
_TEXT_STACK = re.compile(f"[{_VOWELS_OVER}][{_TONES}]|[{_TONES}][{_VOWELS_OVER}]|[{_TONES}]\u0e33")
INK = 128  # darker than this is ink
BODY_SHARE = 0.35
MOST_LINES = 16  # lines read again per page
# More stacks than this over a line's consonants are specks (a noisy black-and-white scan's line of 14 consonants
# showed 20): no stack of them is put on from the dictionary.
MOST_STACKS = 0.5
MIN_RUN = 4  # letters two readings must share around a mark the second adds
NEAR = 2  # letters either side of one that takes a mark where the second reading must keep the first's marks
ABOVE_TOP = 1.0  # how far a line's marks over its letters reach above them, in letters
BELOW_FOOT = 0.6  # how far a line's marks under its letters and its letters' tails reach below its foot, in letters
SIZE_SPREAD = 1.25  # lines whose letters differ more than this in height are read on sheets apart
SHEET_INCHES = 10  # a sheet of lines side by side read in one run: longer, and Tesseract drops letters


def _canonical(text: str) -> str:
    """ำ as the ํ over the letter and the า after it: Tesseract writes it either way."""
    return text.replace(" ", "").replace("\u0e33", "\u0e4d\u0e32")


def _clusters(words: list[Word]) -> list[tuple[str, frozenset[str]]]:
    """Each Thai letter of the words with the marks on it; what is not Thai (a dot, a bar a second reading finds
    at a crop's edge) is no letter of the comparison."""
    out: list[tuple[str, frozenset[str]]] = []
    last_thai = False
    for ch in _canonical("".join(w.text for w in words)):
        if _MARKS.fullmatch(ch):
            if last_thai:
                out[-1] = (out[-1][0], out[-1][1] | {ch})
        elif _THAI.fullmatch(ch):
            out.append((ch, frozenset()))
            last_thai = True
        else:
            last_thai = False
    return out


def gained(before: list[Word], after: list[Word], near: int | None = None) -> list[list[str]]:
    """For each Thai letter of the line as read, the marks over it a second reading adds. Taken only inside a run
    of at least MIN_RUN letters both readings share (the letters themselves, marks aside) where the second keeps
    every mark the first had (with ``near``, on the letter and the ``near`` letters either side of it only): there
    the second reading is the same line with the mark it had lost. Elsewhere, or
    where it drops or changes a mark, it is another reading, and the first stands. A letter gains marks only
    when it then has two over it, a stack, which is what the pixels showed lost (a lone mark added, ไข้ for ไข,
    สถ้าน, lies where no stack stood)."""
    old, new = _clusters(before), _clusters(after)
    added: list[list[str]] = [[] for _ in old]
    matcher = difflib.SequenceMatcher(None, [c for c, _ in old], [c for c, _ in new], autojunk=False)
    for i, j, size in matcher.get_matching_blocks():
        if size < min(MIN_RUN, len(old)):
            continue
        kept = [old[i + k][1] <= new[j + k][1] for k in range(size)]
        for k in range(size):
            if all(kept if near is None else kept[max(0, k - near):k + near + 1]) and len(new[j + k][1] & _UPPER) >= 2:
                added[i + k] = sorted((new[j + k][1] - old[i + k][1]) & _UPPER)
    return added


def gained_near(line: list[Word], second: list[Word]) -> list[list[str]]:
    """``gained``, and besides the marks a second reading keeps along a whole run, those it keeps around the
    letter only (NEAR letters either side) where the stack then makes the word there a dictionary word and the
    line reads no worse (``stack_reads``): a speck the first reading took for a mark four words on (ต้องุรอ) is
    no sign that the second read this word as another one (ทขอ, ที่ขอ), but a name's (ศรี่) or a misread
    letter's (ชั้า for ช้า) marks make no word."""
    added = gained(line, second)
    near = gained(line, second, NEAR)
    for k, marks in enumerate(near):
        if marks and not added[k]:
            trial = [list(m) for m in added]
            trial[k] = marks
            text, option = _line_text(line, added), _line_text(line, trial)
            at = first_difference(text, option)
            if at and stack_reads(text, option, at - 1):
                added = trial
    return added


def with_marks(before: list[Word], added: list[list[str]], replaced: frozenset[int] = frozenset()) -> list[Word]:
    """The line's words as read, each letter given the marks ``gained`` found over it (and, for the letters in
    ``replaced``, without the upper marks it was read with): the words keep their boxes and line (a second
    reading's boxes of a lone mark lie off its line, and the layout dropped it). A mended word boxed wholly below
    a word of marks only that follows it, its letter's marks (emptied where they gave way to a stack), takes that
    word's box too: Tesseract boxes a Thai line's glyphs one off at times, the mark's box standing where the
    letter's ink is and the letter's below the line (มากทิสุด in a scan: ท boxed under the line, ิ over ท), and the
    layout drops a letter that floats below its line (``layout._on_the_line``), the mended word with it (มาก สุด,
    ระยะเวลา งแต่ for ตั้งแต่). Other words keep their boxes: grown, they change the line's letter height and so
    its spaces."""
    out: list[Word] = []
    letter, holder = -1, None
    for word in before:
        text, chars = _canonical(word.text), []
        pending: list[str] = []
        for ch in text:
            if not _MARKS.fullmatch(ch):
                chars += pending
                pending = []
            if _MARKS.fullmatch(ch):
                if not (letter in replaced and ch in _UPPER):
                    chars.append(ch)
                continue
            chars.append(ch)
            if _THAI.fullmatch(ch):
                letter += 1
                pending = list(added[letter])
                holder = len(out)
        chars += pending
        changed = "".join(chars) != text
        marks_only = bool(text) and all(_MARKS.fullmatch(ch) for ch in text)
        if (marks_only and holder is not None and (changed or out[holder] is not before[holder])
                and out[holder].top >= word.bottom):
            out[holder] = _boxed_over(out[holder], word)
        out.append(Word(normalize("".join(chars)), word.left, word.top, word.right, word.bottom, word.conf,
                        word.line_key) if changed else word)
    return out


def _boxed_over(word: Word, other: Word) -> Word:
    """``word`` with its box grown over ``other``'s."""
    return Word(word.text, min(word.left, other.left), min(word.top, other.top), max(word.right, other.right),
                max(word.bottom, other.bottom), word.conf, word.line_key)


def body_band(ink: np.ndarray) -> tuple[int, int] | None:
    """The rows of a line's letters' bodies (between the marks above and below) in its ink: the rows holding at
    least BODY_SHARE of the densest row's ink."""
    profile = ink.sum(axis=1)
    if not profile.any():
        return None
    rows = np.flatnonzero(profile >= BODY_SHARE * profile.max())
    return int(rows[0]), int(rows[-1])


class LineBand(NamedTuple):
    """Where a line's marks are looked for: its left and right, its letters' top and height, and the first row a
    mark above them may reach (a letter's height and a third over their top)."""
    x0: int
    x1: int
    top: int
    size: int
    above: int


def line_band(image: np.ndarray, line: list[Word]) -> LineBand | None:
    """A line's letter band, measured from its ink (``body_band``); None when it has none or one too thin (under
    8 px) to tell a mark's shape by."""
    x0, x1 = min(w.left for w in line), max(w.right for w in line)
    y0, y1 = min(w.top for w in line), max(w.bottom for w in line)
    band = body_band(image[y0:y1, x0:x1] < INK)
    if band is None or band[1] - band[0] < 8:
        return None
    top, size = y0 + band[0], band[1] - band[0]
    return LineBand(x0, x1, top, size, max(0, int(top - 1.3 * size)))


class Stacks(NamedTuple):
    """A line's glyphs above its letters that stand over another glyph above them (a tone mark over ี, ั or the ํ
    of ำ), from the pixels: where they are across the line, its foot and letter size, the highest glyph's top."""

    spans: list[tuple[float, float]]
    foot: int
    size: int
    highest: int


def _stacks(image: np.ndarray, line: list[Word], others: list[Word]) -> Stacks | None:
    """The line's stacked glyphs; None when it has no body band to measure from. A glyph inside a word of another
    line that has a mark under a letter (``others``) is that mark: the ุ of the line above over ิ is no stack."""
    band = line_band(image, line)
    if band is None:
        return None
    x0, x1, top, size, above = band
    region = (image[above:int(top + 0.15 * size), x0:x1] < INK).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(region, connectivity=8)
    glyphs = []  # glyphs wholly above the band, of a mark's size: what reaches into the band is a letter's stem
    for x, y, w, h, area in stats[1:count]:
        if above + y + h < top + 0.15 * size - 1 and h <= 0.8 * size and w <= 1.3 * size and area >= 0.01 * size ** 2:
            glyphs.append((x0 + x, above + y, x0 + x + w, above + y + h))
    spans, highest = [], top
    near = [w for w in others if w.right >= x0 and w.left <= x1 and w.bottom >= above and w.top <= top]
    glyphs = [g for g in glyphs if not any(w.left <= (g[0] + g[2]) / 2 <= w.right and w.top <= (g[1] + g[3]) / 2
                                            <= w.bottom for w in near)]
    for low in glyphs:
        over = [g for g in glyphs if g is not low and g[3] <= low[1] + 0.15 * size and low[1] - g[3] <= 0.45 * size
                and low[0] - 0.2 * size <= (g[0] + g[2]) / 2 <= low[2] + 0.2 * size]
        if over:
            spans.append((min([low[0]] + [g[0] for g in over]), max([low[2]] + [g[2] for g in over])))
            highest = min([highest] + [g[1] for g in over])
    return Stacks(spans, top + size, size, highest)


def _lost(words: list[Word], image: np.ndarray) -> list[tuple[list[Word], Stacks]]:
    """The lines that evidently lost a mark: more stacked glyphs over their letters in the pixels than the reading
    spells (ชิน under ชิ้น's pixels, ทขอ under ที่ขอ's), each with its stacks."""
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        lines.setdefault(word.line_key, []).append(word)
    under = [w for w in words if _UNDER.search(w.text)]
    out = []
    for line in lines.values():
        text = "".join(w.text for w in sorted(line, key=lambda w: w.left))
        if len(_THAI_LETTER.findall(text)) < 3:
            continue
        found = _stacks(image, line, [w for w in under if w.line_key != line[0].line_key])
        if found is not None and len(found.spans) > len(_TEXT_STACK.findall(text)):
            out.append((line, found))
    return out


def _specks(line: list[Word], stacks: Stacks) -> bool:
    """Whether the line's stacks are too many for its consonants to be marks: specks of a noisy scan."""
    return len(stacks.spans) > MOST_STACKS * len(_THAI_LETTER.findall("".join(w.text for w in line)))


def _owners(line: list[Word]) -> list[int]:
    """For each Thai letter of the line (as ``_clusters`` counts them), the word it is in."""
    out = []
    for n, word in enumerate(line):
        out += [n] * len(_THAI.findall(_canonical(word.text)))
    return out


def _under_stacks(line: list[Word], added: list[list[str]], stacks: Stacks) -> list[list[str]]:
    """The marks a second reading adds, kept only over a letter under a stack of glyphs in the pixels: a mark it
    adds elsewhere is one the pixels give no room for (ดำเนิ่นการ, ปี้งบ, นัดหมืาย in the tuning scans). A letter
    reaches from its word's left to the next letter's word (Tesseract boxes a mark apart from its letter: พ, ึ)."""
    slack = 0.3 * stacks.size
    owners = _owners(line)
    out = []
    for k, marks in enumerate(added):
        start, end = _reach(line, owners, k)
        out.append(marks if marks and any(start - slack <= right and left <= end + slack
                                          for left, right in stacks.spans) else [])
    return out


def _reach(line: list[Word], owners: list[int], k: int) -> tuple[int, int]:
    """Where the line's k-th Thai letter may stand: from its word's left to the next letter's word."""
    word = line[owners[k]]
    return word.left, max(word.right, line[owners[k + 1]].left if k + 1 < len(owners) else word.right)


def _stack_letters(line: list[Word], span: tuple[float, float], slack: float) -> list[int]:
    """The line's Thai letters (as ``_clusters`` counts them) whose word reaches under a stack's span."""
    owners = _owners(line)
    reaches = [_reach(line, owners, k) for k in range(len(owners))]
    return [k for k, (start, end) in enumerate(reaches) if start - slack <= span[1] and span[0] <= end + slack]


def tone_under_stack(line: list[Word], added: list[list[str]], stacks: Stacks, *,
                     among_words: bool = False) -> list[list[str]]:
    """A tone mark put on a letter under a stack of glyphs that neither reading gave one: the pixels show two
    glyphs over it, the readings one (ซำ for ซ้ำ, where ซำ is a word too and no spelling rule doubts it). Taken
    only where the stack stands over one letter with one mark over it and no tone, and the tone makes the word
    there a dictionary word as common as the word as read, or the words around it fewer (``stacked_tone``)."""
    clusters = _clusters(line)
    if len(clusters) != len(added):
        return added
    out = [list(marks) for marks in added]
    for span in stacks.spans:
        under = _stack_letters(line, span, 0.3 * stacks.size)
        marks = [clusters[k][1] | set(out[k]) for k in under]
        if any(len(m & _UPPER) >= 2 for m in marks):
            continue  # the stack is read
        bare = [k for k, m in zip(under, marks, strict=True) if len(m & _UPPER) == 1 and not m & set(_TONES)]
        if len(bare) != 1:
            continue
        text = _line_text(line, out)
        options = []
        for tone in TONES_OVER:
            trial = [list(m) for m in out]
            trial[bare[0]] = [*trial[bare[0]], tone]
            options.append(_line_text(line, trial))
        choice = stacked_tone(text, options, among_words=among_words)
        if choice is not None:
            out[bare[0]] = [*out[bare[0]], TONES_OVER[choice]]
    return out


def stack_over_letter(line: list[Word], added: list[list[str]],
                      stacks: Stacks) -> tuple[list[list[str]], frozenset[int]]:
    """A stack (an upper vowel with a tone) put on a letter under a stack of glyphs that no letter under it spells
    and that ``tone_under_stack`` left: the reading lost the stack whole (ขน for ขึ้น, ทขอ for ที่ขอ, เฉลย for
    เฉลี่ย) or kept one mark of it, misread (ทิใช้ for ที่ใช้, พันที่ for พื้นที่). Of the letters under the stack
    with at most one upper vowel over them and no tone, the one and the stack that ``lost_stack`` reads as a word. The marks to add
    and the letters whose upper marks as read give way to them."""
    clusters = _clusters(line)
    if len(clusters) != len(added) or _specks(line, stacks):
        return added, frozenset()
    out, replaced = [list(marks) for marks in added], set()
    places = _letter_places(line)
    for span in stacks.spans:
        under = _stack_letters(line, span, 0.3 * stacks.size)
        marks = {k: (set() if k in replaced else set(clusters[k][1])) | set(out[k]) for k in under}
        if any(len(m & _UPPER) >= 2 for m in marks.values()):
            continue  # the stack is read
        text = _line_text(line, out, frozenset(replaced))
        trials: list[tuple[int, list[list[str]]]] = []
        options: list[tuple[int, str]] = []
        for k in under:
            x0, x1, dotted = places[k]
            # Not under a lone tone as read: a word with one (ส่ง, ส่อ) is read as another with a stack (สิ่ง, สื่อ)
            # as often as it is mended, and a specks' stack stands over it as often as a lost vowel.
            if (len(marks[k] & _UPPER) > 1 or marks[k] & set(_TONES) or not _THAI_LETTER.fullmatch(clusters[k][0])
                    or dotted or x1 < span[0] - 0.2 * stacks.size or x0 > span[1] + 0.2 * stacks.size):
                continue
            for vowel in VOWELS_UNDER_TONE:
                for tone in TONES_OVER:
                    trial = [list(m) for m in out]
                    trial[k] = [vowel, tone]
                    option = _line_text(line, trial, frozenset(replaced | {k}))
                    at = first_difference(text, option)
                    if at:
                        trials.append((k, trial))
                        options.append((at - 1, option))
        choice = lost_stack(text, options) if options else None
        if choice is not None:
            out = trials[choice][1]
            replaced.add(trials[choice][0])
    return out, frozenset(replaced)


def _letter_places(line: list[Word]) -> list[tuple[float, float, bool]]:
    """For each Thai letter of the line (as ``_clusters`` counts them), where it stands across the line, its word's
    box shared out evenly among the word's characters (marks aside: a word's box is all Tesseract gives), and
    whether a dot stands beside it: a letter of an abbreviation (พ.ย., มิ.ย.) is no word's, and a stack over it
    is a speck."""
    chars: list[tuple[str, float, float]] = []
    for word in line:
        found = [ch for ch in _canonical(word.text) if not _MARKS.fullmatch(ch)]
        width = (word.right - word.left) / max(1, len(found))
        chars += [(ch, word.left + n * width, word.left + (n + 1) * width) for n, ch in enumerate(found)]
    return [(x0, x1, any(c == "." for c, _, _ in chars[max(0, n - 1):n + 2]))
            for n, (ch, x0, x1) in enumerate(chars) if _THAI.fullmatch(ch)]


def _line_text(line: list[Word], added: list[list[str]], replaced: frozenset[int] = frozenset()) -> str:
    """The line's text as read with ``added`` marks put on, in canonical spelling, spaces out."""
    return normalize("".join(w.text for w in with_marks(line, added, replaced)).replace(" ", ""))


def _own_ink(crop: np.ndarray) -> np.ndarray:
    """The crop of a line with the ink that reaches its top or bottom edge cleared: the marks and letters of the
    lines above and below, which a one-line reading would read into this one."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats((crop < INK).astype(np.uint8), connectivity=8)
    edge = [n for n in range(1, count) if stats[n, 1] == 0 or stats[n, 1] + stats[n, 3] >= crop.shape[0]]
    if not edge:
        return crop
    out = crop.copy()
    out[np.isin(labels, edge)] = 255
    return out


def _sheets(crops: list[tuple[np.ndarray, int, int]], gap: int,
            width: int) -> list[tuple[np.ndarray, list[tuple[int, int]]]]:
    """The crops (image, its foot's row, its letter size) side by side on sheets of at most ``width`` pixels, their
    feet on one row: one line to Tesseract. Only lines of about one letter size share a sheet: a one-line reading
    scales the whole line by one letter height, and a table cell's small letters beside a heading's lost whole
    letters (ลชื่อ, พ of พึ่ง gone). Each sheet with its crops' indexes and where each starts."""
    groups: list[list[int]] = [[]]
    used = gap
    for n in sorted(range(len(crops)), key=lambda n: crops[n][2]):
        crop, _, size = crops[n]
        if groups[-1] and (used + crop.shape[1] + gap > width or size > SIZE_SPREAD * crops[groups[-1][0]][2]):
            groups.append([])
            used = gap
        groups[-1].append(n)
        used += crop.shape[1] + gap
    out = []
    for group in groups:
        rise = max(crops[n][1] for n in group)
        fall = max(crops[n][0].shape[0] - crops[n][1] for n in group)
        sheet = np.full((rise + fall + 2 * gap, sum(crops[n][0].shape[1] + gap for n in group) + gap), 255, np.uint8)
        starts, x = [], gap
        for n in group:
            crop, foot, _ = crops[n]
            y = gap + rise - foot
            sheet[y:y + crop.shape[0], x:x + crop.shape[1]] = crop
            starts.append((n, x))
            x += crop.shape[1] + gap
        out.append((sheet, starts))
    return out


def reread_lost_marks(words: list[Word], image: np.ndarray, dpi: float, timeout: float) -> list[Word]:
    """The words with each line that lost a mark (``_lost``) read again as one line (``--psm 7``: no row finding
    to leave the mark out); where that gives the same letters with more marks over them, the marks are put on the
    line as read. The lines are set side by side, their feet on one row, a few to a Tesseract run. Every such
    line, read again or past the MOST_LINES that are, then has the stacks still unread put on from the
    dictionary (``tone_under_stack``, ``stack_over_letter``): that costs no Tesseract run, and a noisy page flags
    far more lines than are read again."""
    lost = _lost(words, image)
    if not lost:
        return words
    again = _read_again(lost[:MOST_LINES], image, dpi, timeout)
    if again is None:
        return words
    again += [[] for _ in lost[MOST_LINES:]]
    replaced: dict[int, Word] = {}
    for n, (line, stacks) in enumerate(lost):
        # On a line not read again, no second reading says the tone is there: its word must stand among words.
        added = tone_under_stack(line, _under_stacks(line, gained_near(line, again[n]), stacks), stacks,
                                 among_words=n >= MOST_LINES)
        added, bare = stack_over_letter(line, added, stacks)
        if any(added):
            replaced.update((id(old), new) for old, new in zip(line, with_marks(line, added, bare), strict=True))
    if not replaced:
        return words
    # A mark Tesseract boxed apart from its letter, given way to a stack put on the letter, leaves no word.
    return [new for new in (replaced.get(id(w), w) for w in words) if new.text]


def _read_again(lost: list[tuple[list[Word], Stacks]], image: np.ndarray, dpi: float,
                timeout: float) -> list[list[Word]] | None:
    """Each line's words read again alone, on sheets of lines side by side; None when Tesseract ran out of time."""
    pad, gap = int(dpi / 30), int(dpi / 4)
    crops = []
    for line, stacks in lost:
        x0 = max(0, min(w.left for w in line) - pad)
        y0 = max(0, int(max(stacks.highest, stacks.foot - (1 + ABOVE_TOP) * stacks.size)) - pad)
        x1 = min(image.shape[1], max(w.right for w in line) + pad)
        y1 = min(image.shape[0], int(stacks.foot + BELOW_FOOT * stacks.size) + pad)
        crops.append((_own_ink(image[y0:y1, x0:x1]), stacks.foot - y0, stacks.size))
    again: list[list[Word]] = [[] for _ in crops]
    for sheet, starts in _sheets(crops, gap, int(SHEET_INCHES * dpi)):
        try:  # Thai alone: only Thai letters' marks are taken, and the English model tripled the run's time
            found = run_tesseract(sheet, dpi, timeout, psm=7, languages="tha")
        except OcrTimeout:
            return None
        for n, start in starts:
            again[n] = [w for w in found if start <= w.cx <= start + crops[n][0].shape[1]]
    return again


__all__ = ["INK", "LineBand", "body_band", "gained", "line_band", "reread_lost_marks", "stack_over_letter", "tone_under_stack", "with_marks"]
