"""Thai OCR repair: put Tesseract's Thai output back into canonical spelling before any label is matched."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from pipeline.readers.ocr.respell import respell
from pipeline.thai import MARKS, MONTH_ABBR, dictionary_words, normalize, word_frequencies

_CONSONANT = "\u0e01-\u0e2e"
_THAI = "\u0e01-\u0e4e"
_FOLLOWING_VOWEL = "\u0e30\u0e32\u0e33\u0e45"  # ะ า ำ ๅ: always after a consonant, never start a word
_LEADING_VOWEL = "\u0e40-\u0e44"  # เ แ โ ใ ไ: always before a consonant, never end a word
_MARKS = MARKS

_NIKHAHIT_SPACE_AA = re.compile("\u0e4d\\s+([\u0e48-\u0e4b]?)\\s*\u0e32")
_SPACE_BEFORE_FOLLOWING = re.compile(f"(?<=[{_THAI}])\\s+(?=[{_FOLLOWING_VOWEL}{_MARKS}])")
_SPACE_AFTER_LEADING = re.compile(f"(?<=[{_LEADING_VOWEL}])\\s+(?=[{_CONSONANT}])")
# Three or more one-letter Thai "words" in a row (ก า ร): the letters of one word spaced out.
_SPACED_LETTERS = re.compile(f"(?<![{_THAI}])[{_THAI}](?:[{_MARKS}]*)(?: [{_THAI}][{_MARKS}]*){{2,}}(?![{_THAI}])")
_DOUBLED = re.compile(f"([{_FOLLOWING_VOWEL}{_MARKS}])\\1+")
# NIKHAHIT misread as a second tone mark or as MAI HAN-AKAT before SARA AA (น้้า, นั้า for น้ำ): neither
# spelling exists in Thai (MAI HAN-AKAT always takes a final consonant), SARA AM does.
_NIKHAHIT_MISREAD = re.compile("(?:ั([่-๋]?)|([่-๋])[่-๋])า")
# A NIKHAHIT with no SARA AA after it (a tone mark may stand between).
_LONE_NIKHAHIT = re.compile("\u0e4d(?![\u0e48-\u0e4b]?\u0e32)")
# Two tone marks on one consonant: the second is the model's echo of the first.
_TWO_TONES = re.compile("([\u0e48-\u0e4b])[\u0e48-\u0e4b]")


def recompose_sara_am(text: str) -> str:
    """NIKHAHIT + SARA AA (with a tone mark before, between, or a space inside) → SARA AM: ํา → ำ, ่ํา → ่ำ;
    a NIKHAHIT left over (no SARA AA after it: ประโยชน์ํ) is a speck, as Thai writes it only in Pali words."""
    text = _NIKHAHIT_SPACE_AA.sub("\u0e4d\\1\u0e32", text)
    text = _NIKHAHIT_MISREAD.sub(lambda m: (m.group(1) or m.group(2) or "") + "\u0e33", text)
    return _LONE_NIKHAHIT.sub("", normalize(text))


def join_thai_spaces(text: str) -> str:
    """Drop the spaces Tesseract puts inside Thai words; spaces between Thai phrases and other text stay."""
    text = _SPACED_LETTERS.sub(lambda m: m.group().replace(" ", ""), text)
    text = _SPACE_BEFORE_FOLLOWING.sub("", text)
    return _SPACE_AFTER_LEADING.sub("", text)


_ABBREVIATION_DOT = re.compile(f"(?<=[{_CONSONANT}{_MARKS}])\\s+\\.")
_ABBREVIATION_NEXT = re.compile(f"(?<=[{_CONSONANT}{_MARKS}]\\.)\\s+(?=[{_LEADING_VOWEL}]?[{_CONSONANT}][{_MARKS}]?\\.)")


def join_abbreviations(text: str) -> str:
    """Thai abbreviations spaced out by OCR put back together: "พ . ศ ." → "พ.ศ.", "ม . ค ." → "ม.ค."."""
    return _ABBREVIATION_NEXT.sub("", _ABBREVIATION_DOT.sub(".", text))


@cache
def _undotted_months() -> tuple[re.Pattern[str], dict[int, str]]:
    """Month abbreviations without their inner dot, a stray mark allowed after each bare letter (กุย for กย)."""
    forms = []
    months = sorted(MONTH_ABBR.values(), key=len, reverse=True)  # มี.ค. tried before ม.ค. with a stray mark
    for abbr in months:
        undotted = abbr.replace(".", "")
        forms.append("".join(re.escape(ch) + (f"[{_MARKS}]?" if _bare_letter(undotted, n) else "")
                             for n, ch in enumerate(undotted)))
    alternatives = "|".join(f"({form})" for form in forms)
    pattern = f"(?<![{_THAI}.])(?:{alternatives})(?:\\.?(?=\\s*[\\d๐-๙]{{2}})|\\.(?=\\s*$))"
    return re.compile(pattern), dict(enumerate(months, 1))


def _bare_letter(text: str, n: int) -> bool:
    """Whether ``text[n]`` is a consonant with no mark of its own after it."""
    return "\u0e01" <= text[n] <= "\u0e2e" and not (n + 1 < len(text) and re.match(f"[{_MARKS}]", text[n + 1]))


def join_month_dots(text: str) -> str:
    """A month abbreviation whose inner dot the scan lost, before a year or ending a line with its own dot
    (a cell wraps the year): "กย. 68" → "ก.ย. 68", "- กย." → "- ก.ย."."""
    pattern, by_group = _undotted_months()
    return pattern.sub(lambda m: by_group[m.lastindex], text)


@cache
def _marked_months() -> tuple[re.Pattern[str], dict[str, str]]:
    """Month abbreviations with a stray mark allowed after each bare letter (ก.ุย. for ก.ย.)."""
    stray = f"[{_MARKS}]?"
    forms: dict[str, str] = {}
    for abbr in MONTH_ABBR.values():
        parts = []
        for n, ch in enumerate(abbr):
            parts.append(re.escape(ch))
            if _bare_letter(abbr, n) or ch == ".":
                parts.append(stray)
        forms["".join(parts)] = abbr
    alternatives = "|".join(f"({form})" for form in forms)
    return re.compile(f"(?<![{_THAI}])(?:{alternatives})(?![{_THAI}])"), dict(enumerate(forms.values(), 1))


def drop_month_marks(text: str) -> str:
    """A mark OCR put into a month abbreviation taken out: "ก.ุย. 68" → "ก.ย. 68" (no Thai word is spelt so)."""
    if "." not in text:
        return text
    pattern, by_group = _marked_months()
    exact = set(MONTH_ABBR.values())  # มี.ค. is not ม.ค. with a stray mark
    return pattern.sub(lambda m: m.group() if m.group() in exact or not m.lastindex else by_group[m.lastindex],
                       text)


# Latin letters Tesseract's English model reads for the Thai letters of a month abbreviation (ก.พ. as A.W.):
# glyph look-alikes in TH Sarabun and the browsers' serif fonts, each for the Thai letters it may stand for (A is
# ก, ค or ต: A.W. is ก.พ., 5.A. is ธ.ค.); a pair is put back only when one month fits it (A.A. is ก.ค. or ต.ค.).
_LATIN_FOR_THAI = {"A": "กคต", "n": "ก", "N": "ก", "W": "พ", "w": "พ", "a": "ส", "s": "ส", "S": "ส", "fl": "ส",
                   "U": "ย", "5": "ธ"}
# Its inner dot may be lost too (AW. 68), its last read as a comma (A.W, 68); a digit stands only for a first letter.
_LATIN_MONTH = re.compile(r"(?<![A-Za-z0-9.])(?:([A-Za-z5]{1,2})\.\s?([A-Za-z]{1,2})|([A-Za-z5])([A-Za-z]))[.,]"
                          r"(?=\s*[0-9๐-๙]{2}(?![0-9๐-๙]))")


# พ.ศ. read the same way before a Buddhist-era year (WA, 2568; W.fl. ๒๕๖๘): W for พ, one letter or fl for ศ.
_LATIN_BE = re.compile(r"(?<![A-Za-z.])[Ww][.,]?\s?(?:fl|[A-Za-z])[.,]?(?=\s*(?:25|๒๕)[0-9๐-๙]{2}(?![0-9๐-๙]))")


def thai_months_from_latin(text: str) -> str:
    """A month abbreviation read as Latin look-alikes before its year put back: "A.W. 68" → "ก.พ. 68", and
    พ.ศ. before a Buddhist-era year ("WA, 2568" → "พ.ศ. 2568"); any other dotted Latin pair (a name's
    initials, "U.S.") stays."""

    def month(m: re.Match[str]) -> str:
        first, second = (_LATIN_FOR_THAI.get(m.group(n) or m.group(n + 2), "") for n in (1, 2))
        fits = {f"{a}.{b}." for a in first for b in second} & set(MONTH_ABBR.values())
        return fits.pop() if len(fits) == 1 else m.group()

    return _LATIN_BE.sub("พ.ศ.", _LATIN_MONTH.sub(month, text))


def fix_mark_order(text: str) -> str:
    """Marks in Thai spelling order (vowel before tone), doubled vowels and marks made single."""
    text = normalize(text)
    text = _DOUBLED.sub("\\1", text)
    return _TWO_TONES.sub("\\1", text)


_TONE_SLOT = re.compile(f"[{_CONSONANT}](?=\u0e33)|[{_CONSONANT}][\u0e31\u0e34-\u0e39](?![\u0e48-\u0e4c])")
_THAI_RUN = re.compile(f"[{_THAI}]+")


@cache
def _dictionary() -> tuple[frozenset[str], object]:
    from pythainlp.tokenize import word_tokenize

    return dictionary_words(), word_tokenize


@lru_cache(maxsize=4096)
def _badness(text: str) -> tuple[int, int]:
    """Letters outside dictionary words, then the number of words: lower reads more like Thai."""
    words, tokenize = _dictionary()
    tokens = tokenize(text, engine="newmm", keep_whitespace=False)
    return sum(len(t) for t in tokens if t not in words), len(tokens)


def restore_lost_tones(text: str) -> str:
    """Put back a tone mark OCR lost over an upper vowel or ำ (ระดับนำ → ระดับน้ำ, ซือ → ซื้อ) where the
    dictionary (pythainlp's word list) then reads the words around it better: fewer letters outside words,
    or the same letters in fewer, longer words (น้ำท่วม, not นำ + ท่วม)."""
    return _THAI_RUN.sub(lambda m: _restore_run(m.group()), text)


def _restore_run(run: str) -> str:
    """Each suspect word (not in the dictionary, or of three letters or fewer) tried with a tone mark added
    at each free slot, judged with its neighbours: taken when all of them then read as dictionary words."""
    if len(run) < 2:
        return run
    words, tokenize = _dictionary()
    tokens = tokenize(run, engine="newmm", keep_whitespace=False)
    starts = [0]
    for token in tokens:
        starts.append(starts[-1] + len(token))
    out = list(tokens)
    for n, token in enumerate(tokens):
        if token in words and len(token) > 3:
            continue
        lo, hi = max(0, n - 1), min(len(tokens), n + 2)
        before = _badness("".join(out[lo:hi]))
        if before[0] == 0 and before[1] == 1:
            continue
        best, best_score = None, None
        for slot in _TONE_SLOT.finditer(token):
            for tone in "\u0e48\u0e49":
                edited = token[:slot.end()] + tone + token[slot.end():]
                after = _badness("".join([*out[lo:n], edited, *out[n + 1:hi]]))
                if after[0] == 0 and (after[0] < before[0] or after[1] < before[1]):
                    score = (before[0] - after[0], before[1] - after[1])
                    if best_score is None or score > best_score:
                        best, best_score = edited, score
        if best is not None:
            out[n] = best
    return "".join(out)


_TONE_AA = re.compile(f"(?<=[{_CONSONANT}])[\u0e48\u0e49]\u0e32")  # ้า or ่า: what blurred print makes of ำ


def restore_sara_am(text: str) -> str:
    """ำ that OCR read as ้า or ่า put back where the dictionary then reads the run better (จ้านวน → จำนวน,
    ท้างาน → ทำงาน, ก่าหนด → กำหนด): fewer letters outside words, or the same in fewer words; บ้าน, ช้า,
    การค้า, ป่าไม้ stay."""
    return _THAI_RUN.sub(lambda m: _sara_am_run(m.group()), text)


def _sara_am_run(run: str) -> str:
    if "\u0e32" not in run:
        return run
    for match in list(_TONE_AA.finditer(run)):
        start = match.start()
        if run[start:start + 2] not in ("\u0e49\u0e32", "\u0e48\u0e32"):
            continue
        edited = run[:start] + "\u0e33" + run[start + 2:]
        before, after = _badness(run), _badness(edited)
        if after[0] < before[0] or (after[0] == before[0] and after[1] < before[1]):
            run = edited
    return run


_MAI_MALAI_SLIP = re.compile("[\u0e40\u0e44](?=[\u0e01-\u0e2e])")  # เ ไ: what blurred print makes of ใ


def restore_mai_muan(text: str) -> str:
    """ใ that OCR read as ไ or เ put back where the dictionary then reads the run better (พอไจ → พอใจ,
    ผู้เช้ → ผู้ใช้): fewer letters outside words, or the same in fewer words (ร้องไห้ stays)."""
    return _THAI_RUN.sub(lambda m: _mai_muan_run(m.group()), text)


def _mai_muan_run(run: str) -> str:
    for match in list(_MAI_MALAI_SLIP.finditer(run)):
        start = match.start()
        edited = run[:start] + "\u0e43" + run[start + 1:]
        before, after = _badness(run), _badness(edited)
        if after[0] < before[0] or (after[0] == before[0] and after[1] < before[1]):
            run = edited
    return run


_ABOVE_BELOW = re.compile(f"[{MARKS}]")
_UPPER_VOWELS = str.maketrans("\u0e35\u0e36\u0e37", "\u0e34\u0e34\u0e34")  # ี ึ ื read for one another: as ิ
RARE_RATIO = 10  # a dictionary word this many times rarer than a spelling with more marks is taken as misread
INSIDE_RATIO = 50  # ... and this many, inside a run of Thai where its neighbours read no better with it
CLEAR_LEAD = 3  # among unknown words' candidates, the likeliest must be this many times likelier than the next
SHORT_WORD = 3  # letters: only words this short are second-guessed when the dictionary knows them


@cache
def _by_skeleton() -> tuple[dict[str, tuple[str, ...]], dict[str, int]]:
    """Dictionary words by their letters without any mark above or below, and each word's frequency (TNC)."""
    words, _ = _dictionary()
    index: dict[str, list[str]] = {}
    for word in words:
        if len(word) <= 8 and _ABOVE_BELOW.search(word):
            index.setdefault(_ABOVE_BELOW.sub("", word), []).append(word)
    return {k: tuple(v) for k, v in index.items()}, word_frequencies()


def _keeps(token: str, word: str) -> bool:
    """Whether ``word`` is ``token`` with marks added (an upper vowel may stand for another): OCR loses marks
    on small print far more often than it invents them."""
    token, word = token.translate(_UPPER_VOWELS), word.translate(_UPPER_VOWELS)
    it = iter(word)
    return all(ch in it for ch in token)


def marked_word(token: str) -> str | None:
    """The dictionary word ``token`` was before OCR lost some of its marks (ขีน → ขึ้น, ตำ → ต่ำ), or None: an
    unknown word takes its clearly likeliest candidate; a known short word only a far likelier one."""
    index, freq = _by_skeleton()
    words, _ = _dictionary()
    known, letters = token in words, len(_ABOVE_BELOW.sub("", token))
    if len(token) < 2 or known and letters > SHORT_WORD:
        return None  # a bare letter is an abbreviation's (ต.ค., พ.ศ.), not a word
    found = sorted(((freq.get(w, 0), w) for w in index.get(_ABOVE_BELOW.sub("", token), ())
                    if w != token and len(w) > len(token) and _keeps(token, w)
                    and w.count("\u0e47") == token.count("\u0e47")), reverse=True)  # ็ is not lost, it is read as ่
    if not found:
        return None
    (best_freq, best), runner_up = found[0], (found[1][0] if len(found) > 1 else 0)
    if known:
        return best if best_freq >= RARE_RATIO * max(freq.get(token, 0), 1) and best_freq >= CLEAR_LEAD * runner_up else None
    return best if best_freq > 0 and best_freq >= CLEAR_LEAD * runner_up else None


def restore_lost_marks(text: str) -> str:
    """Each Thai word put back with the marks OCR lost (``marked_word``) where its neighbours read no worse."""
    return _THAI_RUN.sub(lambda m: _restore_marks(m.group()), text)


def _restore_marks(run: str) -> str:
    words, tokenize = _dictionary()
    tokens = tokenize(run, engine="newmm", keep_whitespace=False)
    if "".join(tokens) != run:
        return run
    out = list(tokens)
    for n, token in enumerate(tokens):
        better = marked_word(token)
        if better is None:
            continue
        lo, hi = max(0, n - 1), min(len(out), n + 2)
        before, after = _badness("".join(out[lo:hi])), _badness("".join([*out[lo:n], better, *out[n + 1:hi]]))
        # Inside a run a known word must make its neighbours read better (ผู้อิน → ผู้อื่น: one word less) or be
        # overwhelmingly likelier (ที → ที่): it is as often a piece of a longer word OCR broke (แอปหลิเคชัน:
        # ชัน, not ชั้น).
        freq = _by_skeleton()[1]
        overwhelming = freq.get(better, 0) >= INSIDE_RATIO * max(freq.get(token, 0), 1)
        if after[0] <= before[0] and (token not in words or len(tokens) == 1 or after < before or overwhelming):
            out[n] = better
    return "".join(out)


def repair_thai(text: str) -> str:
    """Every repair, in the order that lets each see the previous one's result."""
    if not text:
        return text
    text = drop_month_marks(join_month_dots(join_abbreviations(fix_mark_order(recompose_sara_am(join_thai_spaces(text))))))
    text = thai_months_from_latin(text)
    return respell(restore_lost_marks(restore_lost_tones(restore_mai_muan(restore_sara_am(text))))).strip()


__all__ = ["drop_month_marks", "thai_months_from_latin", "fix_mark_order", "join_abbreviations", "join_month_dots", "join_thai_spaces", "recompose_sara_am",
           "marked_word", "repair_thai", "restore_lost_marks", "restore_lost_tones", "restore_mai_muan",
           "restore_sara_am"]
