"""Values a scanned form prints twice (its head and its attached plan's head): the better-read one for both."""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz.distance import Levenshtein

from pipeline.extractors.spelling import MARK_RATIO, impossible_sequence, mark_doubts, unknown_words, vowel_doubts

SAME_VALUE = 0.85  # two readings at least this alike (spaces aside) are one value OCR misread in one place
CUT_LEAST = 0.6  # a reading cut short keeps at least this share of the whole: less is another value, not a cut
_SPACES = re.compile(r"\s+")
_THAI = re.compile("[\u0e01-\u0e4e]+")
_LETTERS = re.compile(r"[^\w\u0e31-\u0e3a\u0e47-\u0e4e]")  # what two readings differing by a speck (a full stop) share
# What OCR leaves of a smudge or a misread word: a lone letter or digit between spaces, specks, Thai digits
# beside Latin letters, a dash ending the value (a speck or the cell's rule: no value ends in one).
_DEBRIS = re.compile(r"(?:^|\s)\S(?=\s|$)|[|'`‘’“”©®«»@]|[A-Za-z][\u0e01-\u0e59]|[\u0e01-\u0e59][A-Za-z]|-\s*$")


def twice_read(fields: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The record with each text value that both the form and its plan print, read nearly alike in the two
    places, set to the reading with fewer signs of misreading (unknown words, impossible letter sequences,
    debris); with a warning for each value put right, and for both readings of one read two ways as clearly (a
    letter or two apart: one is misread), both then set to the one cut into fewer words. Values that differ more
    are left: a person may word them differently."""
    plan = fields.get("plan")
    if not isinstance(plan, dict):
        return fields, []
    fields, plan = dict(fields), dict(plan)
    mended, apart = [], []
    for key, outer in fields.items():
        inner = plan.get(key)
        if key == "plan" or not isinstance(outer, str) or not isinstance(inner, str) or outer == inner:
            continue
        a, b = _SPACES.sub("", outer), _SPACES.sub("", inner)
        if a == b:
            continue
        if Levenshtein.normalized_similarity(a, b) < SAME_VALUE:
            cut = _cut_short(outer, inner)
            if cut is not None:
                fields[key] = plan[key] = cut[0]
                mended.append(key if cut[1] else f"plan.{key}")
            continue
        doubt_outer, doubt_inner = _doubts(outer), _doubts(inner)
        if doubt_outer == doubt_inner:  # as clearly read: the one with fewer words likely missing a mark (สืบคัน, ที)
            doubt_outer, doubt_inner = _mark_doubts(outer), _mark_doubts(inner)
        if doubt_outer > doubt_inner:
            fields[key] = inner
            mended.append(key)
        elif doubt_inner > doubt_outer:
            plan[key] = outer
            mended.append(f"plan.{key}")
        elif _LETTERS.sub("", a) != _LETTERS.sub("", b):  # one value read two ways, as clearly: one is misread
            # Both take the reading cut into fewer words (a misread letter cuts a word into pieces: สับคนดิ่วยุ for
            # สืบค้นด้วย), and both stay warned: no sign of misreading tells which it is.
            words_outer, words_inner = _words(a), _words(b)
            if words_outer > words_inner:
                fields[key] = inner
            elif words_inner > words_outer:
                plan[key] = outer
            apart += [key, f"plan.{key}"]
    fields["plan"] = plan
    return fields, [f"{key}: read again from where the form prints it a second time, which OCR read more clearly: "
                    f"check it by eye — ค่านี้พิมพ์ไว้สองแห่งในแบบฟอร์ม จึงใช้ค่าที่อ่านได้ชัดกว่า กรุณาตรวจสอบกับต้นฉบับ"
                    for key in mended] + [
        f"{key}: read otherwise where the form prints it a second time (its plan's head or the form's), as clearly: "
        f"one of the two is misread: check it by eye — ค่านี้พิมพ์ไว้สองแห่งในแบบฟอร์มแต่อ่านได้ไม่ตรงกัน "
        f"ค่าใดค่าหนึ่งอ่านผิด กรุณาตรวจสอบกับต้นฉบับ" for key in apart]


def _cut_short(outer: str, inner: str) -> tuple[str, bool] | None:
    """(the whole reading, whether it is the plan's) when one reading is the other cut short: OCR lost the
    end of a wrapped value in one place (its last line or a line's tail), and what the other place reads on is
    clean words (a form prints the same value in both places, never one longer than the other)."""
    a, b = _SPACES.sub("", outer), _SPACES.sub("", inner)
    short, whole, inner_whole = (a, b, True) if len(a) < len(b) else (b, a, False)
    if len(short) < CUT_LEAST * len(whole):
        return None
    if Levenshtein.normalized_similarity(short, whole[:len(short)]) < SAME_VALUE:
        return None
    longer = inner if inner_whole else outer
    shorter = outer if inner_whole else inner
    if _doubts(longer) > _doubts(shorter):
        return None
    return longer, inner_whole


def _words(text: str) -> int:
    """How many words pythainlp's newmm cuts the Thai of ``text`` into: the same printed value read with a letter or
    mark wrong is cut into more pieces (สับคนดิ่วยุคำสำคัญ into more than สืบค้นด้วยคำสำคัญ), where neither reading
    shows an unknown word or a doubted mark."""
    from pythainlp.tokenize import word_tokenize

    return sum(len(word_tokenize(run, engine="newmm", keep_whitespace=False)) for run in _THAI.findall(text))


def _mark_doubts(text: str) -> int:
    return len(mark_doubts(text, MARK_RATIO)) + len(vowel_doubts(text))


def _doubts(text: str) -> int:
    unclosed = abs(text.count("(") - text.count(")"))  # a bracket misread (``{DDS``) or a value cut short
    return (len(unknown_words(text)) + 2 * (impossible_sequence(text) is not None) + len(_DEBRIS.findall(text))
            + unclosed)
