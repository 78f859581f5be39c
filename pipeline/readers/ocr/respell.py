"""Thai OCR respelling: a run of Thai read as dictionary words whose marks OCR may have added, lost or swapped."""

from __future__ import annotations

import hashlib
import marshal
import math
import os
import re
import sys
import tempfile
from functools import cache, lru_cache
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from pipeline import settings, thai
from pipeline.thai import MARKS, word_frequencies

_MARK = re.compile(f"[{MARKS}]")
# Marks dropped, ำ as า, ใ and ไ as เ: one table, as the whole dictionary is folded on first use.
_FOLD = str.maketrans({**{chr(c): None for c in range(0x0E31, 0x0E4F) if _MARK.match(chr(c))},
                       "\u0e33": "\u0e32", "\u0e43": "\u0e40", "\u0e44": "\u0e40"})
_THAI_RUN = re.compile("[\u0e01-\u0e4e]+")

# Costs of a reading, in words: every word costs WORD, a letter no word covers UNKNOWN, each mark edited
# EDIT. EDIT < WORD lets one word with a mark put right win over two words that happen to exist (รอย + ละ
# against ร้อยละ); UNKNOWN > WORD makes a run read as words before letters are left over.
WORD = 1.0
UNKNOWN = 1.2
EDIT = 0.85
UNCOMMON = 0.3  # added for an edited word the Thai National Corpus never saw: a correction should be a common word
SHORT = 2  # letters: a word this short, read as it stands, may be a piece of a longer misread one
LONGEST = 12  # letters (marks aside) in the longest word looked up
MERGED = 4  # words in a row that may be read as one misread word
SURPRISE_PER_EDIT_ALONE = 6.0  # … and when one short word is read as another: e^6 (400×) likelier
SURPRISE_PER_EDIT = 4.0  # nats a mark put right costs when words merge: the merged word must be e^4 (55×) likelier
NAME = -2  # the frequency of a name: read as a word, never put in as a correction (see respell_name)


def fold(text: str) -> str:
    """The letters OCR keeps: marks dropped, ำ as า, ใ and ไ as เ (blurred print makes them one another)."""
    return text.translate(_FOLD)


@cache
def _index() -> dict[str, tuple[tuple[str, int], ...]]:
    """Dictionary words and Thai given and family names (pythainlp's lists) by their folded letters, each with
    its corpus frequency (TNC); a name the corpus never saw as a word has frequency NAME.

    Building it costs every reader process ~0.5 s CPU (a photo page's whole budget is 3 s), loading it from
    the disk cache ~0.1 s: the cache file is named by what the index is made of (this module's and `pipeline.thai`'s
    code and pythainlp's version, which ships the lists), so a changed rule or word list builds and writes a new one.
    """
    path = _cache_path()
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass  # no cache yet, or a broken one: built afresh below
    index = _build_index()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # written whole under another name, then renamed: a process reading meanwhile never sees half a file
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=path.name, delete=False) as out:
            try:
                out.write(marshal.dumps(index))
            except BaseException:
                os.unlink(out.name)
                raise
        os.replace(out.name, path)
        for stale in path.parent.glob("respell-index-*.marshal"):  # built by older code: never read again
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only cache folder: the index is built again next time, as before there was a cache
    return index


def _cache_path() -> Path:
    """The index's cache file: under the user's cache folder, named by the inputs it is built from."""
    import pythainlp

    key = hashlib.sha256(Path(__file__).read_bytes() + Path(thai.__file__).read_bytes())  # the fold's marks
    key.update(f"{pythainlp.__version__} {sys.version_info[:2]} {marshal.version}".encode())
    base = settings.current().cache_dir or Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "bma-pipeline"
    return base / f"respell-index-{key.hexdigest()[:16]}.marshal"


def _build_index() -> dict[str, tuple[tuple[str, int], ...]]:
    from pythainlp.corpus import thai_family_names, thai_female_names, thai_male_names, thai_words

    freq = word_frequencies()
    words = thai_words()
    index: dict[str, list[tuple[str, int]]] = {}
    for word in words | thai_male_names() | thai_female_names() | thai_family_names():
        key = fold(word)
        if key and len(key) <= LONGEST and _THAI_RUN.fullmatch(word):
            index.setdefault(key, []).append((word, freq.get(word, 0) if word in words else NAME))
    return {k: tuple(sorted(v, key=lambda wf: -wf[1])) for k, v in index.items()}


def _clusters(run: str) -> list[str]:
    """The run cut before each letter that is not a mark: each piece one letter with the marks OCR put on it."""
    pieces: list[str] = []
    for ch in run:
        if pieces and _MARK.match(ch):
            pieces[-1] += ch
        else:
            pieces.append(ch)
    return pieces


def mark_edits(read: str, word: str) -> int:
    """The edits that make ``read`` into ``word``, letter by letter (the two fold alike): a leading vowel or ำ
    swapped counts one, a mark lost or swapped one, a mark OCR added two (it loses marks far more often than
    it invents them). ำ read as a tone and า (จ้านวน) counts one: its small circle read as the tone."""
    edits = _letter_edits(read, word)
    circle_as_tone = _CIRCLE_AS_TONE.sub("\u0e33", read)
    if circle_as_tone != read:
        edits = min(edits, 1 + _letter_edits(circle_as_tone, word))
    return edits


_CIRCLE_AS_TONE = re.compile("[\u0e48\u0e49]\u0e32")


def _letter_edits(read: str, word: str) -> int:
    edits = 0
    for have, want in zip(_clusters(read), _clusters(word), strict=True):
        edits += (have[0] != want[0]) + Levenshtein.distance(have[1:], want[1:], weights=(1, 2, 1))
    return edits


def _most_edits(letters: int) -> int:
    """How many marks may be put right in a word this long: one in a short word, where any is a guess."""
    return 1 if letters <= 2 else 2 if letters <= 6 else 3


# What each letter was read as: (the frequency of the word covering it, whether that word is in doubt: no
# word at all, UNREAD, or a word of SHORT letters or fewer, which may be a piece of a longer misread one).
UNREAD = -1
Doubt = dict[int, tuple[int, bool]]


@lru_cache(maxsize=8192)
def respell_run(run: str) -> str:
    """The run as the cheapest sequence of dictionary words and leftover letters (costs above). A word with its
    marks put right must stand over a letter in doubt, and over words only when commoner than each of them
    (รอย + ละ → ร้อยละ, but รับ + ส่ง stays): a run that reads as longer words stays (ข่าวของ is not
    ข้าวของ). The run itself when nothing is put right."""
    pieces = _clusters(run)
    letters = [fold(p) or p for p in pieces]
    doubt: Doubt = {}
    reading = _cheapest_reading(pieces, letters, {})
    for start, end, word in reading:
        frequency = UNREAD if word is None else _frequency(word)
        doubt.update((n, (frequency, word is None or end - start <= SHORT)) for n in range(start, end))
    if any(doubtful for _, doubtful in doubt.values()):
        reading = _cheapest_reading(pieces, letters, doubt)
    reading = _merged(pieces, reading)
    return "".join(word if word is not None else "".join(pieces[start:end]) for start, end, word in reading)


def _merged(pieces: list[str], reading: list[tuple[int, int, str | None]]) -> list[tuple[int, int, str | None]]:
    """The reading with two to four words in a row read as one word whose marks OCR misread (ตัด + ตาม →
    ติดตาม), or one word alone, of two letters or one the corpus never saw, read as its marked twin (ไห้ →
    ให้, ติดตัง → ติดตั้ง), where that word, edits paid, is likelier than the words it replaces taken one
    after another."""
    merged: list[tuple[int, int, str | None]] = []
    n = 0
    while n < len(reading):
        best: tuple[float, int, str] | None = None
        for m in range(n + 1, min(len(reading), n + MERGED) + 1):
            span = reading[n:m]
            if any(word is None for _, _, word in span):
                break
            if m == n + 1 and not (_unseen(span[0][2]) or span[0][1] - span[0][0] <= SHORT):
                continue
            start, end = span[0][0], span[-1][1]
            found = _index().get("".join(fold(p) or p for p in pieces[start:end]))
            if not found:
                continue
            read = "".join(pieces[start:end])
            apart = sum(_word_surprise(word) for _, _, word in span)
            for word, freq in found:
                # One edit more than within a word: the merged word's likelihood decides among them.
                edits = mark_edits(read, word) if freq > 0 else _most_edits(end - start) + 2
                if edits > _most_edits(end - start) + 1:
                    continue
                cost = _surprise(freq) + (SURPRISE_PER_EDIT if m > n + 1 else SURPRISE_PER_EDIT_ALONE) * edits
                if cost < apart and (best is None or cost < best[0]):
                    best = (cost, m, word)
        if best is None:
            merged.append(reading[n])
            n += 1
        else:
            merged.append((reading[n][0], reading[best[1] - 1][1], best[2]))
            n = best[1]
    return merged


def _unseen(word: str | None) -> bool:
    """Whether a dictionary word (not a name) is one the Thai National Corpus never saw: some of the dictionary's
    words are misspellings (ติดตัง), which a word read alone may be put right from."""
    return any(w == word and f == 0 for w, f in _index().get(fold(word or ""), ()))


def _frequency(word: str | None) -> int:
    return max(0, next((f for w, f in _index().get(fold(word or ""), ()) if w == word), 0))


@lru_cache(maxsize=4096)
def _word_surprise(word: str) -> float:
    """A word's cost (``_surprise``); one the corpus never saw costs as its two likeliest seen halves, as the
    corpus cuts a compound (กันน้ำ is กัน + น้ำ there) and a compound is no rarer than its parts."""
    frequency = _frequency(word)
    if frequency > 0:
        return _surprise(frequency)
    pieces = _clusters(word)
    halves = [_surprise(_frequency(a)) + _surprise(_frequency(b)) for n in range(1, len(pieces))
              if _frequency(a := "".join(pieces[:n])) > 0 and _frequency(b := "".join(pieces[n:])) > 0]
    return min(halves, default=_surprise(0))


def _surprise(frequency: int) -> float:
    """A word's cost in a unigram model of the Thai National Corpus: -log of its share (one count at least)."""
    return math.log(_corpus_size()) - math.log(max(frequency, 1))


@cache
def _corpus_size() -> int:
    return sum(word_frequencies().values())


def _cheapest_reading(pieces: list[str], letters: list[str], doubt: Doubt) -> list[tuple[int, int, str | None]]:
    """The run's cheapest reading as (start, end, word or None for a leftover letter), by dynamic programming
    over its letters; a word may differ from what was read only where ``doubt`` allows (``_allowed``)."""
    index, size = _index(), len(pieces)
    best: list[tuple[float, int, str | None]] = [(0.0, 0, None)] + [(float("inf"), 0, None)] * size
    for start in range(size):
        cost = best[start][0]
        if cost + UNKNOWN < best[start + 1][0]:
            best[start + 1] = (cost + UNKNOWN, start, None)
        key = ""
        for end in range(start + 1, min(size, start + LONGEST) + 1):
            key += letters[end - 1]
            found = index.get(key)
            if not found:
                continue
            step = _cheapest("".join(pieces[start:end]), found, end - start, _allowed(doubt, start, end))
            if step is not None and cost + step[0] < best[end][0]:
                best[end] = (cost + step[0], start, step[1])
    reading: list[tuple[int, int, str | None]] = []
    end = size
    while end > 0:
        _, start, word = best[end]
        reading.append((start, end, word))
        end = start
    return reading[::-1]


def _allowed(doubt: Doubt, start: int, end: int) -> int | None:
    """The least frequency an edited word over these letters must have: None (no edit) where none is in doubt,
    0 where one was read as no word, else the frequency of the rarest word read there."""
    read = [doubt[n] for n in range(start, end)] if doubt else []
    if not any(doubtful for _, doubtful in read):
        return None
    return 0 if any(frequency == UNREAD for frequency, _ in read) else min(frequency for frequency, _ in read)


def _cheapest(read: str, found: tuple[tuple[str, int], ...], letters: int, least: int | None) -> tuple[float, str] | None:
    """The cheapest word among ``found`` for what OCR read (``mark_edits``), with its cost; commoner first."""
    choice: tuple[float, str] | None = None
    for word, freq in found:
        if word == read:
            return WORD, word
        if least is None or freq == NAME or freq < least:
            continue
        edits = mark_edits(read, word)
        if edits > _most_edits(letters):
            continue
        cost = WORD + EDIT * edits + (UNCOMMON if freq <= 0 else 0.0)
        if choice is None or cost < choice[0]:
            choice = (cost, word)
    return choice


@cache
def _names() -> dict[bool, dict[str, tuple[str, ...]]]:
    """Thai given names (False) and family names (True), pythainlp's lists, by their folded letters."""
    from pythainlp.corpus import thai_family_names, thai_female_names, thai_male_names

    index: dict[bool, dict[str, list[str]]] = {False: {}, True: {}}
    for family, names in ((False, thai_male_names() | thai_female_names()), (True, thai_family_names())):
        for name in names:
            index[family].setdefault(fold(name), []).append(name)
    return {family: {k: tuple(v) for k, v in by.items()} for family, by in index.items()}


def respell_name(read: str, family: bool) -> str:
    """A given or family name as the name lists spell it when OCR only added, lost or swapped marks
    (ชนี้ดา → ชนิดา) and one listed name is closest; a name's marks allow one edit more than a word's. The
    lists do not hold every name: one that reads as words is not given more marks (ศรีวงศ์ is not ศิริวงศ์)."""
    found = _names()[family].get(fold(read), ())
    if not found or read in found:
        return read
    scored = sorted((_name_edits(read, name), name) for name in found)
    edits, name = scored[0]
    unique = len(scored) == 1 or scored[1][0] > edits
    if not unique or edits > _most_edits(len(fold(read))) + 1:
        return read
    more_marks = len(name) - len(fold(name)) > len(read) - len(fold(read))
    return read if more_marks and _reads_as_words(read) else name


def _name_edits(read: str, name: str) -> int:
    """``mark_edits``, where a mark OCR put on the letter after its own (สรุชัย for สุรชัย) counts as one edit."""
    pieces = _clusters(read)
    edits = mark_edits(read, name)
    for n in range(1, len(pieces)):
        if len(pieces[n]) == 2 and len(pieces[n - 1]) == 1:  # one mark, on the letter after a bare one
            moved = [*pieces[:n - 1], pieces[n - 1] + pieces[n][1], pieces[n][0], *pieces[n + 1:]]
            edits = min(edits, 1 + mark_edits("".join(moved), name))
    return edits


def is_listed_name(read: str, family: bool) -> bool:
    """Whether a given (or family) name with these letters is in the name lists, however OCR read its marks."""
    return fold(read) in _names()[family]


def _reads_as_words(text: str) -> bool:
    """Whether every letter of ``text`` falls in a dictionary word or listed name, as read."""
    pieces = _clusters(text)
    return all(word is not None for _, _, word in _cheapest_reading(pieces, [fold(p) or p for p in pieces], {}))


def is_word(text: str) -> bool:
    """Whether ``text`` is a dictionary word or a listed name, as spelt."""
    return any(word == text for word, _ in _index().get(fold(text), ()))


def respell(text: str) -> str:
    """Each run of Thai in ``text`` respelt (``respell_run``); spaces, digits and Latin stay as read."""
    return _THAI_RUN.sub(lambda m: respell_run(m.group()), text)


__all__ = ["fold", "is_listed_name", "is_word", "mark_edits", "respell", "respell_name", "respell_run"]
