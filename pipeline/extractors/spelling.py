"""Thai spelling of an OCR'd value: character sequences no Thai word has, and words outside the dictionary."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache, lru_cache

from pipeline.thai import MONTH_FULL, be_to_ce, dictionary_words, normalize, to_arabic_digits, word_frequencies

_CONSONANT = "\u0e01-\u0e2e"
_ABOVE_BELOW = "\u0e31\u0e34-\u0e3a"  # ั ิ ี ึ ื ุ ู ฺ
_TONE = "\u0e48-\u0e4b"  # ่ ้ ๊ ๋
_LEADING = "\u0e40-\u0e44"  # เ แ โ ใ ไ
# Each pattern is a sequence that typed Thai never holds but a misread one does (a lost or doubled mark).
_IMPOSSIBLE = (
    re.compile(f"(?<![{_CONSONANT}{_ABOVE_BELOW}])[{_TONE}]"),  # a tone mark with no letter or vowel under it
    re.compile(f"(?<![{_CONSONANT}])[{_ABOVE_BELOW}\u0e47]"),  # an upper or lower vowel with no letter under it
    re.compile(f"[{_TONE}\u0e47\u0e4c][{_TONE}\u0e47\u0e4c]"),  # two tone marks (or a tone and ็ ์)
    re.compile(f"[{_ABOVE_BELOW}][{_ABOVE_BELOW}]"),  # two vowels stacked on one letter
    re.compile(f"[{_LEADING}](?![{_CONSONANT}])"),  # เ แ โ ใ ไ with no consonant after it
    re.compile(f"\u0e33[{_TONE}]"),  # ำ before its tone mark (น้ำ is น ้ ำ)
)
_THAI_RUN = re.compile(f"[{_CONSONANT}\u0e2f-\u0e4e]+")
MIN_UNKNOWN_CHARS = 3  # shorter runs outside the dictionary are common in names and abbreviations


def impossible_sequence(text: str) -> str | None:
    """The first Thai character sequence in ``text`` that no correctly spelled word holds, or None."""
    text = normalize(text)
    for pattern in _IMPOSSIBLE:
        match = pattern.search(text)
        if match:
            return text[max(0, match.start() - 2):match.end() + 1]
    return None


def unknown_words(text: str) -> list[str]:
    """The Thai stretches of ``text`` that pythainlp's word list cannot cut into known words (at least
    ``MIN_UNKNOWN_CHARS`` letters each), in order."""
    from pythainlp.tokenize import word_tokenize

    words = dictionary_words()
    out: list[str] = []
    for run in _THAI_RUN.findall(normalize(text)):
        if run in words:
            continue
        for token in word_tokenize(run, engine="newmm", keep_whitespace=False):
            if len(token) >= MIN_UNKNOWN_CHARS and token not in words:
                out.append(token)
    return out


# Loan words the word list lacks (แดชบอร์ด's แดช) are in the Thai National Corpus; its shorter or rarer entries
# are mostly OCR and typing slips, so only these count as words when a value is cut into words.
CORPUS_WORD_CHARS, CORPUS_WORD_COUNT = 3, 5
# An abbreviation (พ.ศ., เม.ย.): letters after a break, then a dot; น้ำท่วม. ends in a full stop, not one.
_ABBREVIATION = re.compile("(?<![\u0e01-\u0e4e])[\u0e40-\u0e44]?[\u0e01-\u0e2e][\u0e30-\u0e39\u0e48-\u0e4c]*\\.")
_STANDALONE = frozenset("ฯๆณ")  # written as a word of their own (ศูนย์ควบคุมฯ, ต่างๆ, ณ จุดเดียว)


@cache
def _corpus_words() -> frozenset[str]:
    """The corpus's common words of three letters or more (a set: a trie of them all would cost a second to build
    in every process that reads a scan, and the word list's own trie is built already)."""
    return frozenset(w for w, n in word_frequencies().items() if len(w) >= CORPUS_WORD_CHARS and n >= CORPUS_WORD_COUNT)


def leftover_letters(text: str) -> list[str]:
    """The pieces of ``text``'s Thai that are no word when it is cut into words with its spaces taken out (OCR
    puts spaces inside words, and Thai needs none between them): ``บปานกลาง`` leaves บ, ``สำนั กุงาน`` leaves
    นักุ. A piece that makes a common corpus word with the piece before or after it (แด + ช) is a word;
    abbreviations (letters before a dot) and ฯ ๆ ณ are not pieces."""
    from pythainlp.tokenize import word_tokenize

    words, corpus = dictionary_words(), _corpus_words()
    out: list[str] = []
    for run in _THAI_RUN.findall(re.sub(r"\s+", "", _ABBREVIATION.sub(".", normalize(text)))):
        if run in words or run in corpus:
            continue
        tokens = word_tokenize(run, engine="newmm", keep_whitespace=False)
        for n, token in enumerate(tokens):
            if token in words or token in _STANDALONE or not _THAI_RUN.fullmatch(token):
                continue
            before, after = "".join(tokens[max(0, n - 1):n]), "".join(tokens[n + 1:n + 2])
            if not {token, before + token, token + after, before + token + after} & corpus:
                out.append(token)
    return out


_LONE = re.compile("[\u0e01-\u0e2e]")  # a consonant alone between spaces
_ONE_LETTER_WORDS = frozenset("ณฯ")  # Thai writes these alone (ณ จุดเดียว)


def stray_letters(text: str) -> list[str]:
    """Consonants standing alone inside ``text`` that neither begin a word joined to the Thai after them nor end
    one joined to the Thai before (``บ รีหาร``: บรีหาร cuts into บ + รี + หาร), so a word there was misread;
    one that does (บ ริหาร, กรุงเทพมหานค ร) is a space OCR put inside a right word."""
    from pythainlp.tokenize import word_tokenize

    parts = normalize(text).split(" ")
    out = []
    for before, letter, after in zip(["", *parts], parts, [*parts[1:], ""], strict=False):
        if not _LONE.fullmatch(letter) or letter in _ONE_LETTER_WORDS or not _THAI_RUN.match(after):
            continue
        begins = word_tokenize(letter + after, engine="newmm", keep_whitespace=False)[0] != letter
        ends = bool(_THAI_RUN.search(before)) and word_tokenize(before + letter, engine="newmm",
                                                                keep_whitespace=False)[-1] != letter
        if not begins and not ends:
            out.append(f"{letter} {after}")
    return out


MIN_REPEATED_CHARS = 2  # a one-letter token repeated (ก ก) is a scrap, which the crumbs rule weighs


def repeated_word(text: str) -> str | None:
    """A word written twice, either side of a space (``ติดตามผล ผลการนำ``): Thai writes a repetition with ๆ, so
    OCR read a line or a wrapped cell's piece twice, or misread the words between."""
    from pythainlp.tokenize import word_tokenize

    words = dictionary_words()
    parts = normalize(text).split()
    for before, after in zip(parts, parts[1:], strict=False):
        if not (_THAI_RUN.search(before) and _THAI_RUN.match(after)):
            continue
        last = word_tokenize(before, engine="newmm", keep_whitespace=False)[-1]
        first = word_tokenize(after, engine="newmm", keep_whitespace=False)[0]
        if last == first and len(last) >= MIN_REPEATED_CHARS and last in words:
            return last
    return None


_MARKS = re.compile(f"[{_ABOVE_BELOW}{_TONE}\u0e47\u0e4c\u0e4d]")
_ONE_TONE = str.maketrans("\u0e48\u0e49\u0e4a\u0e4b", "\u0e48\u0e48\u0e48\u0e48")  # one tone read for another


def skeleton(word: str) -> str:
    """A word without its marks above and below (what OCR loses on small print); ำ as า."""
    return _MARKS.sub("", word.replace("\u0e33", "\u0e32"))


@cache
def _by_skeleton() -> tuple[dict[str, tuple[str, ...]], dict[str, int]]:
    """Dictionary words by their skeleton, and each word's frequency in the Thai National Corpus."""
    index: dict[str, list[str]] = {}
    for word in dictionary_words():
        if len(word) <= 10:
            index.setdefault(skeleton(word), []).append(word)
    return {k: tuple(v) for k, v in index.items()}, word_frequencies()


def _adds_marks(token: str, word: str) -> bool:
    """Whether ``word`` is ``token`` with marks added or a tone mark changed (what OCR does to small marks)."""
    it = iter(word.translate(_ONE_TONE))
    return all(ch in it for ch in token.translate(_ONE_TONE))


ONE_LETTER_FACTOR = 2.5  # the ratio a one-letter word needs, times the usual one


@lru_cache(maxsize=512)
def _thai_tokens(text: str) -> tuple[str, ...]:
    """The Thai words of ``text``, each run of Thai letters cut by pythainlp's newmm: cut once for the checks
    that each look at every word of the same value (``mark_doubts``, ``vowel_doubts``)."""
    from pythainlp.tokenize import word_tokenize

    return tuple(token for run in _THAI_RUN.findall(normalize(text))
                 for token in word_tokenize(run, engine="newmm", keep_whitespace=False))


MARK_RATIO = 2.0  # a word whose marked twin is this many times as frequent is doubted (docs/OCR.md, Confidence)


def mark_doubts(text: str, ratio: float) -> list[tuple[str, str]]:
    """Words of ``text`` that are likely another word with a mark lost or a tone changed: (word read, likelier
    word). A word outside the dictionary that such a change makes one; a word in it when the changed one is
    ``ratio`` times as frequent (Thai National Corpus). The reader repairs what is far likelier
    (``readers/ocr/thai_repair.py``); this only doubts, so it asks much less."""
    index, freq = _by_skeleton()
    words = dictionary_words()
    out = []
    for token in _thai_tokens(text):
        bones = skeleton(token)
        others = [w for w in index.get(bones, ()) if w != token and _adds_marks(token, w)]
        # One letter with a vowel mark that lost its tone (กี for กี่) is doubted only when far likelier
        # marked; a bare letter is an abbreviation's (ก.ค.), never doubted.
        short = len(bones) < 2
        if not others or short and token == bones:
            continue
        best = max(others, key=lambda w: freq.get(w, 0))
        if (token not in words and not short) \
                or freq.get(best, 0) >= ratio * (ONE_LETTER_FACTOR if short else 1) * max(1, freq.get(token, 0)):
            out.append((token, best))
    return out


_UPPER_VOWELS = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47")  # ั ิ ี ึ ื ็: OCR takes one for another
RARE_WORD, SWAP_RATIO = 50, 20  # a word seen under this often in the corpus, its twin this many times as often


def vowel_doubts(text: str) -> list[tuple[str, str]]:
    """Words of ``text`` that are likely another with one upper vowel misread (เกิบ for เก็บ, ยั่น for ยื่น): a
    word the Thai National Corpus has seen, but under ``RARE_WORD`` times, whose twin with another upper vowel
    in that place is ``SWAP_RATIO`` times as frequent. (A dictionary word the corpus never saw is a compound
    it cuts apart, กันน้ำ: its frequency says nothing.)"""
    index, freq = _by_skeleton()
    out = []
    for token in _thai_tokens(text):
        seen = freq.get(token, 0)
        if not 1 <= seen < RARE_WORD:
            continue
        twins = [w for w in index.get(skeleton(token), ()) if _one_vowel_apart(token, w)]
        best = max(twins, key=lambda w: freq.get(w, 0), default=None)
        if best is not None and freq.get(best, 0) >= SWAP_RATIO * seen:
            out.append((token, best))
    return out


JOINED_WORDS, JOINED_LETTERS = 3, 3  # at most this many words in a row, spelling at least this many letters bare
JOINED_SEEN, JOINED_RATIO = 1000, 2.0  # the word they spell: this common, this many times their rarest's count


def joined_doubts(text: str) -> list[tuple[str, str]]:
    """Runs of two or three words of ``text`` (its spaces out: OCR puts them inside words) that are no word
    together but whose letters, marks aside, spell a common word: a word OCR misread into pieces that are each a
    word, so no spelling rule sees it (``พันที่`` for พื้นที่, ``ส้อม วลีชน`` for สื่อมวลชน, ``รู้อยู่ละ`` for
    ร้อยละ): (as read, the word). The word is at least ``JOINED_SEEN`` times in the Thai National Corpus and
    ``JOINED_RATIO`` times as often as the rarest piece (two common words that only share its letters, ข่าว ของ
    against ข้าวของ, are read as written)."""
    from pythainlp.tokenize import word_tokenize

    index, freq = _by_skeleton()
    words = dictionary_words()
    out = []
    for run in _THAI_RUN.findall(re.sub(r"\s+", "", normalize(text))):
        tokens = word_tokenize(run, engine="newmm", keep_whitespace=False)
        for start in range(len(tokens)):
            for end in range(start + 2, min(start + JOINED_WORDS, len(tokens)) + 1):
                joined = "".join(tokens[start:end])
                bones = skeleton(joined)
                if joined in words or len(bones) < JOINED_LETTERS:
                    continue
                least = max(JOINED_SEEN, JOINED_RATIO * min(freq.get(t, 0) for t in tokens[start:end]))
                twins = [w for w in index.get(bones, ()) if w != joined and freq.get(w, 0) >= least]
                if twins:
                    out.append((joined, max(twins, key=lambda w: freq.get(w, 0))))
    return out


def loop_doubts(text: str, ratio: float = MARK_RATIO) -> list[tuple[str, str]]:
    """Words of ``text`` with ไ that are likely a word with ใ (the same vowel with a loop, which OCR loses), marks
    lost too (``ไช`` for ใช้): (word read, likelier word). Twenty words are written with ใ and they are among the
    commonest (ใช้, ใน, ให้, ใหม่), so ไ read for it makes a word outside the dictionary or a far rarer one: doubted
    as a lost mark is (``mark_doubts``), by the Thai National Corpus's counts."""
    index, freq = _by_skeleton()
    words = dictionary_words()
    out = []
    for token in _thai_tokens(text):
        if "\u0e44" not in token:
            continue
        looped = token.replace("\u0e44", "\u0e43")
        others = [w for w in index.get(skeleton(looped), ()) if w != token and _adds_marks(looped, w)]
        best = max(others, key=lambda w: freq.get(w, 0), default=None)
        if best is not None and (token not in words or freq.get(best, 0) >= ratio * max(1, freq.get(token, 0))):
            out.append((token, best))
    return out


def _one_vowel_apart(a: str, b: str) -> bool:
    diff = [(x, y) for x, y in zip(a, b, strict=False) if x != y]
    return len(a) == len(b) and len(diff) == 1 and diff[0][0] in _UPPER_VOWELS and diff[0][1] in _UPPER_VOWELS


MONTH_LIKENESS, MONTH_MARGIN = 75, 10  # a misread month name: its least likeness to the nearest, its lead on the next
# Day, month name, year; then nothing but specks (a smudge or the signature line read as ``' : =``).
_MISREAD_DATE = re.compile(r"^\s*(\d{1,2})\s+([\u0e01-\u0e4e]{4,})\s+(25\d\d)(?!\d)[^\u0e01-\u0e4eA-Za-z0-9]*$")


def misread_month_date(text: str) -> dt.date | None:
    """A written date whose month name OCR misread a letter or two of (``13 กันว่าคม 2567`` for ธันวาคม): the day
    with the one month name nearest the word, or None when no name is near or two are about as near."""
    from rapidfuzz import fuzz

    m = _MISREAD_DATE.match(to_arabic_digits(normalize(text)))
    if not m:
        return None
    day, word, year = m.groups()
    scores = sorted(((fuzz.ratio(word, name), month) for month, name in MONTH_FULL.items()), reverse=True)
    (best, month), (second, _) = scores[0], scores[1]
    if best < MONTH_LIKENESS or best - second < MONTH_MARGIN:
        return None
    try:
        return dt.date(be_to_ce(int(year)), month, int(day))
    except ValueError:
        return None


__all__ = ["MARK_RATIO", "impossible_sequence", "joined_doubts", "leftover_letters", "loop_doubts", "mark_doubts",
           "misread_month_date", "skeleton", "stray_letters", "unknown_words", "vowel_doubts"]
