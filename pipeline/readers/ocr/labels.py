"""OCR-tolerant label matching: printed form wording that OCR misread is put back to the exact wording."""

from __future__ import annotations

import re
from functools import cache

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from pipeline.agencies import skeleton
from pipeline.thai import MARKS
from pipeline.wording import nested_strings, printed_wording

MIN_LENGTH = 6  # shorter phrases (วันที่, ลงชื่อ) match too many ordinary words when fuzzy
MIN_LINE_PART = 12  # a line that is part of a longer printed phrase must be at least this long
MIN_INLINE = 10  # a misread label in mid-line must be at least this long to be repaired
MIN_SKELETON = 6  # letters a phrase must keep without its marks to be matched by them alone
SKELETON_SLACK = 15.0  # points of similarity a phrase matched letter for letter may lack (its marks misread)
FUZZY_SKELETON = 16  # letters a phrase keeps without its marks to be matched with a letter in eight misread
_MARK = f"[{MARKS}]"
_LEADING_VOWELS = str.maketrans({"\u0e43": "\u0e40", "\u0e44": "\u0e40", "\u0e42": "\u0e40"})  # ใ ไ โ → เ
PREFIX_SPAN = 4  # _by_near_skeleton tries prefixes of the phrase's length less 2 to more 2: five lengths
LOST_HEAD = 2  # letters OCR may lose at a line's start (กรณี read as รณี)
_THAI_CONSONANT = re.compile("[\u0e01-\u0e2e]")
MIN_FOLDED_TITLE = 10  # letters a folded title keeps: shorter ones could be a value's words
_KEYS = ("printed", "label", "titles", "signals", "stops", "stop_lines", "guidance", "guidance_lines", "phases", "outside",
         "signatures")
_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"[\d๐-๙]+")
# Item numbers, bullets and tick boxes in front of a printed label: kept as they are, not matched.
_PREFIX = re.compile(r"[\s\d.()\-•☐☑☒■□✓\[\]xX/@©]*")  # @ and ©: a misread ๑
_SUFFIX = re.compile(r"[\s)\].,:;]*$")  # closing brackets and stops after the words: kept, not matched


@cache
def known_phrases() -> tuple[tuple[str, str], ...]:
    """(compact, printed) for every printed phrase of every form, longest first."""
    found = {_SPACE.sub("", s): s for s in nested_strings(printed_wording(), _KEYS) if len(_SPACE.sub("", s)) >= MIN_LENGTH}
    return tuple(sorted(found.items(), key=lambda item: -len(item[0])))


@cache
def _phrase_letters() -> tuple[dict[str, int], np.ndarray]:
    """Each printed phrase's count of every character (rows in known_phrases' order), and the columns."""
    columns: dict[str, int] = {}
    for key, _ in known_phrases():
        for ch in key:
            columns.setdefault(ch, len(columns))
    counts = np.zeros((len(known_phrases()), len(columns)), np.int32)
    for row, (key, _) in enumerate(known_phrases()):
        for ch in key:
            counts[row, columns[ch]] += 1
    return columns, counts


def _shared_letters(compact: str) -> list[int]:
    """Per printed phrase, how many of its characters the line holds too (as a multiset): no alignment of the
    two can match more, which bounds the similarity partial_ratio can find (see _may_reach)."""
    columns, counts = _phrase_letters()
    line = np.zeros(len(columns), np.int32)
    for ch in compact:
        if ch in columns:
            line[columns[ch]] += 1
    return np.minimum(counts, line).sum(axis=1).tolist()


def _may_reach(shared: int, needle: int, cutoff: float) -> bool:
    """Whether partial_ratio of a needle of this length may reach the cutoff when at most ``shared`` of its
    characters have a match: against a window of w characters it scores 2·matched/(needle + w) ≤
    2·shared/(needle + shared) (a window cut short at the line's edge included). Most phrases fail this,
    and the test costs far less than the alignment: the result is the same, only sooner."""
    return 200.0 * shared / (needle + shared) >= cutoff - 1e-6 if shared else False


def _cutoff(length: int, lenient: bool = False) -> float:
    """The least similarity (0–100) a match must reach: one error per ten characters and one more, or per
    eight when the phrase is all the line holds (a heading or a table cell cannot be anything else)."""
    errors = 1 + length // (8 if lenient else 10)
    return 100.0 * (1 - errors / length)


def repair_labels(line: str) -> tuple[str, float]:
    """The line with misread printed phrases replaced by the exact wording, and the worst match score (0–1)."""
    head = _PREFIX.match(line).end()
    tail = _SUFFIX.search(line[head:]).start() + head
    body, end_marks = line[head:tail], line[tail:]
    compact = _SPACE.sub("", body)
    if len(compact) < MIN_LENGTH:
        return line, 1.0
    title = _folded_titles().get(_fold(compact))
    if title is not None and title[1] != compact:
        return line[:head] + title[0] + end_marks, Levenshtein.normalized_similarity(title[1], compact)
    index = [i for i, ch in enumerate(body) if not ch.isspace()]
    found: list[tuple[float, int, int, str | None, float]] = []  # (rank, start, end, phrase or None if exact, score)
    shared = _shared_letters(compact)
    for (key, printed), common in zip(known_phrases(), shared, strict=True):
        if len(key) > len(compact):
            if len(key) <= len(compact) + 3:  # the label alone on its line, letters lost (ชือโครงการ)
                similarity = Levenshtein.normalized_similarity(key, compact)
                if similarity * 100 >= _cutoff(len(key), lenient=True):
                    found.append((len(key) * (2 * similarity - 1), 0, len(compact), printed, similarity))
            continue
        if not _may_reach(common, len(key), _cutoff(len(key), lenient=True)):
            continue
        res = fuzz.partial_ratio_alignment(key, compact, score_cutoff=_cutoff(len(key), lenient=True))
        if res is None:
            continue
        # Rank by what the phrase explains: its length less twice its errors, so a longer phrase wins
        # over a shorter exact one it contains, and a close short phrase over a distant longer one.
        rank = len(key) * (2 * res.score / 100.0 - 1)
        if res.score >= 100:
            found.append((rank, res.dest_start, res.dest_end, None, 1.0))
        else:
            start, end = _widen(key, compact, res.dest_start, res.dest_end)
            # Letters missing at the end of the line (a label wrapped onto the next) are not misreadings:
            # the Levenshtein similarity of the span itself must pass the bar too.
            similarity = Levenshtein.normalized_similarity(key, compact[start:end])
            whole = end - start >= 0.9 * len(compact)  # the phrase is the whole line: a heading, a cell
            if similarity * 100 < _cutoff(len(key), lenient=whole):
                continue
            if not whole and not _stands_as_label(body, index, start, end, len(key)):
                continue
            # Letter for letter once marks and leading vowels are set aside (ได้ยสิ่งที่… for โดยสิ่งที่…), a
            # long phrase ranks as if exact, over a shorter exact one it holds (สิ่งที่พัฒนา/ต่อยอดคือ).
            folded = len(key) >= MIN_FOLDED_TITLE * 2 and _fold(key) == _fold(compact[start:end])
            found.append((len(key) * (1 if folded else 2 * similarity - 1), start, end, printed, similarity))
    if not any(f[1] == 0 for f in found):
        found += _by_skeleton(compact)
    if not any(f[1] == 0 and f[4] >= 1 and f[2] >= len(compact) for f in found):
        found += _by_near_skeleton(compact)  # ranked against a shorter exact label it holds (กลุ่มเป้าหมาย)
    whole = _whole_line(compact, shared)
    if whole is not None and len(compact) * (2 * whole[1] - 1) > max((f[0] for f in found), default=0.0):
        return (line, 1.0) if whole[1] >= 1.0 else (line[:head] + whole[0] + end_marks, whole[1])
    taken: list[tuple[int, int, str, float]] = []
    chosen: list[tuple[int, int]] = []
    for _, start, end, printed, score in sorted(found, key=lambda f: -f[0]):
        if any(start < e and s < end for s, e in chosen):
            continue
        chosen.append((start, end))
        if printed is not None:
            taken.append((start, end, printed, score))
    if not taken:
        return line, 1.0
    out = body
    for start, end, replacement, _ in sorted(taken, key=lambda t: -t[0]):
        a, b = index[start], index[end - 1] + 1
        out = out[:a] + replacement + out[b:]
    return line[:head] + out + end_marks, min(score for _, _, _, score in taken)


def _skeleton(text: str) -> str:
    return re.sub(_MARK, "", text)


def _fold(text: str) -> str:
    """Letters only, as OCR confuses them least: the agency skeleton (marks dropped, sara am as sara aa) with
    the vowels written before a consonant as one (ดำเนิน read ดาในน)."""
    return skeleton(text).translate(_LEADING_VOWELS)


@cache
def _folded_titles() -> dict[str, tuple[str, str]]:
    """Every form's title, folded → (printed, compact): a line that is a title letter for letter once folded is that
    title (titles are long and unlike any value; a folded match is safe only for them)."""
    out: dict[str, tuple[str, str]] = {}
    for spec in printed_wording()["kinds"].values():
        for title in spec.get("titles") or ():
            compact = _SPACE.sub("", title)
            key = _fold(compact)
            if len(key) >= MIN_FOLDED_TITLE:
                out.setdefault(key, (title, compact))
    return out


@cache
def _skeletons() -> tuple[tuple[str, str, str], ...]:
    """(skeleton, compact, printed) of the printed phrases long enough to tell apart without their marks."""
    out = []
    for key, printed in known_phrases():
        skeleton = _skeleton(key)
        if len(skeleton) >= MIN_SKELETON:
            out.append((skeleton, key, printed))
    return tuple(out)


def _by_skeleton(compact: str) -> list[tuple[float, int, int, str | None, float]]:
    """A printed phrase that starts the line letter for letter once marks and upper and lower vowels are set
    aside (หุนวัยงาน for หน่วยงาน: Tesseract's usual misreading of small Thai print), its marks misread."""
    skeleton = _skeleton(compact)
    for key_skeleton, key, printed in _skeletons():
        if not skeleton.startswith(key_skeleton):
            continue
        end, letters = 0, 0
        while end < len(compact) and letters < len(key_skeleton):
            letters += 0 if re.match(_MARK, compact[end]) else 1
            end += 1
        while end < len(compact) and re.match(_MARK, compact[end]):
            end += 1  # the last letter's marks belong to the phrase
        similarity = Levenshtein.normalized_similarity(key, compact[:end])
        if similarity * 100 >= _cutoff(len(key), lenient=True) - SKELETON_SLACK:
            return [(len(key) * (2 * similarity - 1), 0, end, None if similarity >= 1 else printed, similarity)]
    return []


@cache
def _long_folded() -> tuple[tuple[str, str, str], ...]:
    """(folded, compact, printed) of the printed phrases long enough to match with a letter misread: folded once,
    as every OCR'd line is tried against them."""
    return tuple((folded, key, printed) for _, key, printed in _skeletons()
                 if len(folded := _fold(key)) >= FUZZY_SKELETON)


def _by_near_skeleton(compact: str) -> list[tuple[float, int, int, str | None, float]]:
    """A long printed phrase that starts the line with a letter in eight misread besides its marks (the line's
    folded letters against the phrase's: กลุ่มเป้าหมายทัไขซ็นวัตกรรม for กลุ่มเป้าหมายที่ใช้นวัตกรรม)."""
    letters = [i for i, ch in enumerate(compact) if not re.match(_MARK, ch)]
    folded = _fold(compact)
    best: tuple[int, int, str, str] | None = None  # (errors, letters taken, key, printed)
    for target, key, printed in _long_folded():
        if len(folded) < len(target) - 2:
            continue
        most, allowed = min(len(folded), len(target) + 2), 1 + len(target) // 8
        # A prefix a letters shorter is at most a edits closer: when the longest prefix tried is more than
        # PREFIX_SPAN edits beyond the bar, no shorter one can pass it (one call instead of five per phrase).
        if Levenshtein.distance(target, folded[:most], score_cutoff=allowed + PREFIX_SPAN) > allowed + PREFIX_SPAN:
            continue
        for size in range(len(target) - 2, most + 1):
            errors = Levenshtein.distance(target, folded[:size], score_cutoff=allowed)
            if errors <= allowed and (best is None or errors < best[0]):
                best = (errors, size, key, printed)
    if best is None or best[0] == 0 or best[1] > len(letters):
        return []
    end = letters[best[1] - 1] + 1
    while end < len(compact) and re.match(_MARK, compact[end]):
        end += 1  # the last letter's marks belong to the phrase
    similarity = Levenshtein.normalized_similarity(best[2], compact[:end])
    return [(len(best[2]) * (2 * similarity - 1), 0, end, best[3], similarity)]


def _stands_as_label(body: str, index: list[int], start: int, end: int, length: int) -> bool:
    """Whether an inexact match inside a line may be a printed label rather than a typed word that looks
    like one (ติดตามผู้ป่วย is not ติดตามผล): it starts the line or follows a space or leader, it does not
    cut a letter from its marks, and a label in mid-line is long enough to be told from a word."""
    a, b = index[start], index[end - 1] + 1
    if b < len(body) and re.match(_MARK, body[b]) or re.match(_MARK, body[a]):
        return False
    if start == 0:
        return True
    return length >= MIN_INLINE and body[a - 1] in " \t.…:_)"


def _whole_line(compact: str, shared: list[int]) -> tuple[str, float] | None:
    """A line that is all part of one longer printed phrase (a wrapped label or guidance): that part, score.
    ``shared``: the line's characters each phrase holds too (_shared_letters)."""
    if len(compact) < MIN_LINE_PART:
        return None
    best: tuple[str, float] | None = None
    # Stricter than a phrase inside a line: a fragment of one long phrase can look like another's.
    cutoff = 100.0 * (1 - (1 + len(compact) // 25) / len(compact))
    for (key, _), common in zip(known_phrases(), shared, strict=True):
        if len(key) <= len(compact):
            break
        if not _may_reach(common, len(compact), cutoff):
            continue
        res = fuzz.partial_ratio_alignment(compact, key, score_cutoff=cutoff)
        if res is None or res.src_end - res.src_start < len(compact) - 1:
            continue
        if best is None or res.score / 100.0 > best[1]:
            start, end = _widen(compact, key, res.dest_start, res.dest_end)
            if 0 < start <= LOST_HEAD and _THAI_CONSONANT.search(key[:start]):
                continue  # a printed line breaks between words: a phrase but its first letter lost them to OCR
            if _DIGITS.findall(compact) != _DIGITS.findall(key[start:end]):
                continue  # a number typed after a wrapped label's last line ("ร้อยละ 50") is a value, not a misreading
            best = (key[start:end], res.score / 100.0)
            if res.score >= 100:
                break
    return best


def _widen(key: str, compact: str, start: int, end: int) -> tuple[int, int]:
    """The alignment's span moved by a few characters each way where that matches the phrase better
    (a misread first letter is otherwise left outside the span and survives beside the repaired phrase)."""
    slack = max(2, len(key) // 5)  # partial_ratio's alignment can be several letters off on close lengths
    spans = [(s, e) for s in range(max(0, start - slack), start + 3)
             for e in range(end - 2, min(len(compact), end + slack) + 1) if e > s]
    return max(spans, key=lambda se: (Levenshtein.normalized_similarity(key, compact[se[0]:se[1]]), se[1] - se[0]))


__all__ = ["known_phrases", "repair_labels"]
