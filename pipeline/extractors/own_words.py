"""A scan's values respelt from the document's own words: a word whose marks OCR lost is spelt as the page prints it elsewhere."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache
from typing import Any

from pipeline.readers.ocr.respell import fold, is_word
from pipeline.thai import MARKS, word_frequencies
from pipeline.wording import strings_mapped

_THAI_WORD = re.compile("[\u0e01-\u0e4e]+")
_MARK = re.compile(f"[{MARKS}]")
_THAI_LETTER = re.compile("[\u0e01-\u0e2e]")
_ACRONYM = re.compile("[A-Z]{2,6}")
_NOT_WORD_CHAR = re.compile("[^\u0e01-\u0e4e]")  # a speck, digit or Latin letter inside a Thai token
ACRONYM_SLACK = 2  # the Thai read of an acronym may be this many letters shorter (marks aside), or one longer
FAR_COMMONER = 100  # a twin whose marks differ (not only added) must be this much commoner in the corpus (TNC)


def own_words_spelled(fields: dict[str, Any], text: str) -> dict[str, Any]:
    """``fields`` with each Thai word of a text value that the document prints elsewhere with marks added, beside
    the same word (ขยะ|ชิน where it also reads ขยะ|ชิ้น), spelt that way. A form repeats its terms (the
    project's name in its plan, its KPIs and its steps); OCR loses a small mark in one place and keeps it in
    another, and loses marks far more often than it adds them. A neighbour in common keeps a word that is
    right where it stands (สี|ขาว stays beside ภาพ|ข่าว)."""
    pairs, twins = _document_words(text)
    return _acronyms_put_back(_spelled(fields, pairs, twins), pairs)


@lru_cache(maxsize=1)
def _document_words(text: str) -> tuple[Counter[tuple[str, str]], dict[str, set[str]]]:
    """The document's word pairs and its dictionary words by their folded letters: cut once per document, not
    once per form of a bundle (read only, never changed)."""
    pairs = _pairs(_words(text))
    return pairs, _twins(pairs)


def _words(text: str) -> list[str]:
    from pythainlp.tokenize import word_tokenize

    return [w for w in word_tokenize(text, keep_whitespace=False) if w.strip()]


def _pairs(words: list[str]) -> Counter[tuple[str, str]]:
    return Counter(zip(words, words[1:], strict=False))


def _spelled(value: Any, pairs: Counter[tuple[str, str]], twins: dict[str, set[str]]) -> Any:
    return strings_mapped(value, lambda text: _value_spelled(text, pairs, twins) if _THAI_WORD.search(text) else text)


def _value_spelled(value: str, pairs: Counter[tuple[str, str]], twins: dict[str, set[str]]) -> str:
    words = _words(value)
    out = value
    for n, word in enumerate(words):
        if not _THAI_WORD.fullmatch(word):
            continue
        before, after = (words[n - 1] if n else None), (words[n + 1] if n + 1 < len(words) else None)
        for twin in _by_evidence(twins.get(fold(word), ()), pairs, before, after):
            if twin == word or not _likelier(twin, word):
                continue
            if _beside(pairs, before, word, twin, after):
                out = _replaced(out, before, word, after, twin)
                break
    return out


def _by_evidence(found: set[str], pairs: Counter[tuple[str, str]], before: str | None, after: str | None) -> list[str]:
    """A word's twins in the order they are tried: more marks first (OCR loses marks far more often than it adds
    them: ชิน printed beside ขยะ five times where it was ชิ้น, twice right), then the one the document prints
    most often beside the same neighbours, then the commoner in the corpus. A set's own order changes from one
    process to the next (hash seeds), and the first twin that fits is taken: without an order the same file
    read ชิน in one run and ชิ้น in the next."""
    freq = word_frequencies()
    return sorted(found, key=lambda t: (-len(_MARK.findall(t)), -(pairs[(before, t)] + pairs[(t, after)]),
                                        -freq.get(t, 0), t))


def _beside(pairs: Counter[tuple[str, str]], before: str | None, word: str, twin: str, after: str | None) -> bool:
    """Whether the document prints ``twin`` between the same two neighbours, or beside one of them that is no
    function word (และ, ที่ follow anything) at least as often as it reads ``word`` there; more often where the
    marks differ, not only added."""
    if before is not None and after is not None and pairs[(before, twin)] and pairs[(twin, after)]:
        return True
    added = _added(twin, word)
    for near, seen, read in ((before, (before, twin), (before, word)), (after, (twin, after), (word, after))):
        if near is None or near in _function_words() or not pairs[seen]:
            continue
        if pairs[seen] > pairs[read] or (added and pairs[seen] == pairs[read]):
            return True
    return False


@cache
def _function_words() -> frozenset[str]:
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_stopwords())


def _twins(pairs: Counter[tuple[str, str]]) -> dict[str, set[str]]:
    """The document's dictionary words by their folded letters."""
    found: dict[str, set[str]] = {}
    for pair in pairs:
        for word in pair:
            if _THAI_WORD.fullmatch(word) and is_word(word):
                found.setdefault(fold(word), set()).add(word)
    return found


def _likelier(twin: str, word: str) -> bool:
    """Whether ``twin`` is what OCR read as ``word``: the same letters with marks added, or marks changed and the
    twin far commoner (ครั่ง for ครั้ง)."""
    if _MARK.sub("", twin) != _MARK.sub("", word):
        return False
    if _added(twin, word):
        return True
    freq = word_frequencies()
    return freq.get(twin, 0) >= FAR_COMMONER * max(freq.get(word, 0), 1)


def _added(twin: str, word: str) -> bool:
    """Whether ``twin`` is ``word`` with marks added (and none taken away)."""
    marks_twin, marks_word = Counter(_MARK.findall(twin)), Counter(_MARK.findall(word))
    return not marks_word - marks_twin and bool(marks_twin - marks_word)


def _acronyms_put_back(value: Any, pairs: Counter[tuple[str, str]]) -> Any:
    """Each scrap of a text value that stands where the document prints a capital acronym beside the same
    word (``นัดหมายผ่าน แผ่ธ์`` where it also reads ``ผ่านLINE``) put back as that acronym: the Thai model
    reads a bold acronym in a Thai sentence as Thai letters and specks, which it never prints as words."""
    return strings_mapped(value, lambda text: _text_acronyms_put_back(text, pairs))


def _text_acronyms_put_back(value: str, pairs: Counter[tuple[str, str]]) -> str:
    if not _THAI_WORD.search(value):
        return value
    tokens = value.split(" ")
    for n in range(1, len(tokens)):
        token = tokens[n]
        if not _scrap(token) or not _THAI_WORD.search(tokens[n - 1]):
            continue
        before = _words(tokens[n - 1])[-1]
        after = _words(tokens[n + 1])[0] if n + 1 < len(tokens) and tokens[n + 1] else None
        size = len(_MARK.sub("", token))
        found = {a for (w, a), _ in pairs.items() if w == before and _ACRONYM.fullmatch(a)
                 and len(a) - ACRONYM_SLACK <= size <= len(a) + 1 and (after is None or pairs[(a, after)])}
        if len(found) == 1:
            tokens[n] = found.pop()
    return " ".join(tokens)


def _scrap(token: str) -> bool:
    """A token that is no reading of print: Thai letters that are no words run into specks or digits (แผ่6=,
    !!ผ6), or Thai that cuts into pieces that are no words (แผ่ธ์); Latin words and numbers are not scraps."""
    if not token or not _THAI_LETTER.search(token):
        return False
    if _NOT_WORD_CHAR.search(token):
        return True
    return any(_THAI_WORD.fullmatch(piece) and not is_word(piece) for piece in _words(token))


def _replaced(value: str, before: str | None, word: str, after: str | None, twin: str) -> str:
    """``value`` with the one ``word`` between these neighbours (spaces between them allowed) spelt ``twin``."""
    gap = r"\s*"
    pattern = (re.escape(before) + gap if before else "") + f"({re.escape(word)})" + (gap + re.escape(after) if after else "")
    found = re.search(pattern, value)
    if found is None:
        return value
    return value[: found.start(1)] + twin + value[found.end(1):]


__all__ = ["own_words_spelled"]
