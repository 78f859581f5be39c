"""The tone mark a word lost under a stack of glyphs the pixels show: the one the dictionary reads as a word."""

from __future__ import annotations

import re

from pipeline.thai import dictionary_words, word_frequencies

TONES_OVER = ("\u0e48", "\u0e49")  # ่ ้: the tones Thai stacks over an upper vowel or ำ (๊ ๋ are rare)
VOWELS_UNDER_TONE = ("\u0e31", "\u0e34", "\u0e35", "\u0e36", "\u0e37")  # ั ิ ี ึ ื: a tone stacks over these
_THAI_RUN = re.compile("[\u0e01-\u0e4e]+")
COMMON = 2000  # a short word at least this frequent in the corpus is a common one (ขอ 31,715; รก 902, อย none)
SYLLABLE = 4  # characters of a word of one syllable with a stack (ที่, ขึ้น, จี้)


def first_difference(text: str, other: str) -> int | None:
    """Where ``other`` (``text`` with a mark put in) first differs from ``text``, or None if one begins the other."""
    return next((i for i, (a, b) in enumerate(zip(text, other, strict=False)) if a != b), None)


def word_at(text: str, at: int) -> tuple[str, int, int] | None:
    """The word (pythainlp's newmm cut of the Thai run) that holds ``text[at]``, with the run's letters outside
    dictionary words and its number of words."""
    found = _cut_around(text, at)
    return found[:3] if found else None


def _cut_around(text: str, at: int) -> tuple[str, int, int, bool] | None:
    """``word_at``, and whether the words either side of the one that holds ``text[at]`` (in its run) are dictionary
    words of three characters or more, or common ones (at least COMMON in the corpus): pythainlp's word list holds
    many rare two-letter words (รก, อย) a misread line cuts into."""
    from pythainlp.tokenize import word_tokenize

    words, freq = dictionary_words(), word_frequencies()
    for run in _THAI_RUN.finditer(text):
        if run.start() <= at < run.end():
            tokens = word_tokenize(run.group(), engine="newmm", keep_whitespace=False)
            start, holder = run.start(), None
            for n, token in enumerate(tokens):
                if start <= at < start + len(token):
                    holder, side = token, tokens[max(0, n - 1):n] + tokens[n + 1:n + 2]
                start += len(token)
            unknown = sum(len(t) for t in tokens if t not in words)
            common = all(t in words and (len(t) >= 3 or freq.get(t, 0) >= COMMON) for t in side)
            return (holder, unknown, len(tokens), common) if holder else None
    return None


def stacked_tone(text: str, options: list[str], *, among_words: bool = False) -> int | None:
    """Which of ``options`` (``text`` with one tone mark put in, one option a tone) to take, or None. An option
    is taken when the word that holds its tone is a dictionary word and the run of Thai around it reads no worse
    (no more letters outside words); when it is cut into as many words as read, that word must be at least as
    common in the corpus as the word as read (a speck over ี is no reason to read ปี as ปี่), when into fewer
    it reads better (ลงชือ → ลงชื่อ, one word). Of two, the one in fewer words, then the commoner. With
    ``among_words`` (a line no second reading confirms), a word of one syllable must stand among words as in
    ``lost_stack`` (สีบค้น read สี่|บ|ค้น: the word repair reads it สืบค้น)."""
    words, freq = dictionary_words(), word_frequencies()
    best, best_key = None, None
    for n, option in enumerate(options):
        at = first_difference(text, option)
        at = len(text) if at is None else at
        if len(option) != len(text) + 1 or option[:at] + option[at + 1:] != text:
            continue
        marked, read = _cut_around(option, at), word_at(text, at if at < len(text) else at - 1)
        if (marked is None or read is None or marked[0] not in words or marked[1] > read[1] or marked[2] > read[2]
                or (among_words and len(marked[0]) <= SYLLABLE and not marked[3])):
            continue
        seen = freq.get(marked[0], 0)
        if marked[2] == read[2] and (marked[1] == read[1] and seen < max(1, freq.get(read[0], 0))):
            continue
        key = (marked[1], marked[2], -seen)
        if best_key is None or key < best_key:
            best, best_key = n, key
    return best


def lost_stack(text: str, options: list[tuple[int, str]]) -> int | None:
    """Which of ``options`` to take, or None: each is (``at``, ``text`` with the marks over its letter at ``at``
    replaced by a stack, an upper vowel with a tone under the pixels' stack that the reading lost whole, ขน for
    ขึ้น, ทขอ for ที่ขอ, or in part with its vowel misread, ทิใช้ for ที่ใช้). ``stacked_tone``'s test on the word
    that holds the letter: a dictionary word, the run no worse, and either in fewer words or letters outside
    words, or at least as common as the word as read (ขน, a word too, stands unless the stack makes a commoner
    one). Of several, the one in fewer letters outside words, then fewer words, then the commoner."""
    words, freq = dictionary_words(), word_frequencies()
    best, best_key = None, None
    for n, (at, option) in enumerate(options):
        marked, read = _cut_around(option, at), word_at(text, at)
        # A short word the stack makes (a syllable) must stand among words: one that leaves its neighbours a rare
        # word or none (ภารกจ → ภา|รก|จี้, นอยกว่า → นี้|อย|กว่า) is a speck's reading, not the line's (ที่|ขอ,
        # นาน|ขึ้น|และ); a longer one (พื้นที่, ดำเนินการ) says so by itself.
        if (marked is None or read is None or marked[0] not in words or (len(marked[0]) <= SYLLABLE and not marked[3])
                or marked[1] > read[1] or marked[2] > read[2]):
            continue
        seen = freq.get(marked[0], 0)
        # A dictionary word the corpus list lacks, longer than the word as read by more than the stack: the letter
        # joined its neighbour into a compound (เกิดขน → เกิดขึ้น), as good a sign as a common word.
        compound = marked[0] not in freq and len(marked[0]) > len(read[0]) + 2
        if marked[2] == read[2] and not compound and seen < max(1, freq.get(read[0], 0)):
            continue
        key = (marked[1], marked[2], -len(marked[0]), -seen)
        if best_key is None or key < best_key:
            best, best_key = n, key
    return best


def stack_reads(text: str, option: str, at: int) -> bool:
    """Whether ``option`` (``text`` with a stack a second reading gave put on its letter at ``at``) makes the word
    there a dictionary word and its run no worse: no more letters outside words, no more words."""
    marked, read = word_at(option, at), word_at(text, at)
    return (marked is not None and read is not None and marked[0] in dictionary_words() and marked[1] <= read[1]
            and marked[2] <= read[2])


__all__ = ["TONES_OVER", "VOWELS_UNDER_TONE", "first_difference", "lost_stack", "stack_reads", "stacked_tone", "word_at"]
