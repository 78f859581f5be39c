"""The extraction vocabulary: ``data/extraction.yaml`` loaded into anchors and patterns that tolerate layout."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pipeline.agencies import skeleton
from pipeline.thai import normalize, to_arabic_digits
from pipeline.wording import printed_wording


def loose(text: str) -> str:
    """A regex for a printed phrase that ignores spaces and line breaks between its characters.

    PDF text lines wrap Thai words anywhere, and people add or drop spaces around "/" and before "คือ".
    """
    chars = [c for c in to_arabic_digits(normalize(text)) if not c.isspace()]
    return r"\s*".join(re.escape(c) for c in chars)


_WHITESPACE = re.compile(r"\s+")
_INK = re.compile(r"\S")


@dataclass(frozen=True)
class Compact:
    """A text without any whitespace (Arabic digits), and where each of its characters stood in the text."""

    text: str
    index: tuple[int, ...]
    lower: str = ""

    @classmethod
    def of(cls, text: str) -> Compact:
        arabic = to_arabic_digits(text)  # one character for one: positions stay the text's
        joined = _WHITESPACE.sub("", arabic)  # \s is str.isspace: the same characters as the loop it replaced
        return cls(joined, tuple(m.start() for m in _INK.finditer(arabic)), joined.lower())


class Phrases:
    """Printed phrases found in a text however its spaces and line breaks fall: matched on the text with all
    whitespace taken out (plain substring search: cheap to build and to run, where a regex with optional
    spaces between every character costs milliseconds to compile per label)."""

    def __init__(self, phrases: list[str] | tuple[str, ...]):
        self.keys = sorted({_key(p).lower() for p in phrases if p.strip()}, key=lambda k: -len(k))

    def spans(self, text: str | Compact) -> list[tuple[int, int]]:
        """(start, end) in the original text of every match, left to right, not overlapping; where several
        phrases match at one place, the longest."""
        compact = text if isinstance(text, Compact) else Compact.of(text)
        haystack = compact.lower
        found: list[tuple[int, int]] = []
        for key in self.keys:
            at = haystack.find(key)
            while at >= 0:
                found.append((at, at + len(key)))
                at = haystack.find(key, at + 1)
        found.sort(key=lambda span: (span[0], -span[1]))
        out, last = [], 0
        for start, end in found:
            if start >= last:
                out.append((compact.index[start], compact.index[end - 1] + 1))
                last = end
        return out


    def near_spans(self, text: str | Compact, pieces: bool = True) -> list[tuple[int, int]]:
        """Where a long phrase (``NEAR_MIN_CHARS`` or more) stands with a few letters wrong or lost (an OCR'd
        guidance sentence: ต่อ read as ตอ, a wrapped line's last word dropped): the best-aligned window of
        the text at ``NEAR_CUTOFF`` similarity or more, its ends moved to where the phrase fits best. A
        typed value never comes this close to a printed sentence of forty letters or more. Spans may overlap
        (two guidance sentences sharing a clause): ``text.cut`` cuts overlapping spans as one."""
        compact = text if isinstance(text, Compact) else Compact.of(text)
        haystack = compact.lower
        found: list[tuple[int, int]] = []
        for key in self.keys:
            if len(key) < NEAR_MIN_CHARS or key in haystack:
                continue
            whole = _near(key, haystack)
            if whole is not None:
                found.append(_misread_end(key, compact, whole, text) if isinstance(text, str) else whole)
            elif pieces and len(key) >= 2 * NEAR_PIECE:
                # A guidance paragraph OCR lost a line of, or read a neighbour's words into: the pieces of it
                # that are there, where it stands, in front of the value (a value may quote a piece elsewhere).
                step = NEAR_PIECE // 2
                starts = [*range(0, len(key) - NEAR_PIECE, step), len(key) - NEAR_PIECE]  # the last ends the key
                near = [_near(key[i:i + NEAR_PIECE], haystack) for i in starts]
                found += _in_front([piece for piece in near if piece is not None])
        return [(compact.index[start], compact.index[end - 1] + 1) for start, end in sorted(found) if end > start]


NEAR_MIN_CHARS = 40
# A guidance sentence's last word misread past fitting (``วัตถุประสงค์ทิฏถ้ำหนืด`` for …ที่กำหนด): the rest of its
# line goes too when it is no longer than the key's unfitted end and this much like it, marks aside.
END_SLACK, END_SIMILARITY = 3, 0.5
NEAR_PIECE = 50  # letters: a piece of a long guidance paragraph found on its own
_THAI_MARK = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
NEAR_CUTOFF = 90.0
_SLACK = 8  # letters an aligned window's end may move by


def _near(key: str, haystack: str) -> tuple[int, int] | None:
    """The window of ``haystack`` that ``key`` nearly is (``NEAR_CUTOFF``), fitted, or None."""
    from rapidfuzz import fuzz

    if len(haystack) < len(key) * 0.9:
        return None
    hit = fuzz.partial_ratio_alignment(key, haystack, score_cutoff=NEAR_CUTOFF)
    if hit is None or hit.src_end - hit.src_start < len(key) * 0.9:
        return None
    start, end = _fit(key, haystack, hit.dest_start, hit.dest_end)
    while end < len(haystack) and _THAI_MARK.match(haystack[end]):  # ดังนี่: the misread mark goes too
        end += 1
    return start, end


def _misread_end(key: str, compact: Compact, span: tuple[int, int], text: str) -> tuple[int, int]:
    """``span`` (compact positions) run on to its line's end where the rest of the line is the key's last
    letters misread: printed guidance ends its line, and the value starts on the next one."""
    from rapidfuzz.distance import Levenshtein

    start, end = span
    if end >= len(compact.index):
        return span
    after = compact.index[end - 1] + 1
    line_end = text.find("\n", after)
    line_end = len(text) if line_end < 0 else line_end
    rest = _WHITESPACE.sub("", text[after:line_end]).lower()
    unfitted = len(key) - (end - start)
    if not rest or len(rest) > unfitted + END_SLACK:
        return span
    # Marks aside (small print's commonest slip): ที่กำหนด and ฏถ้ำหนืด share ห น ด and the ำ's า.
    if Levenshtein.normalized_similarity(skeleton(key[-len(rest):]), skeleton(rest)) < END_SIMILARITY:
        return span
    return start, end + len(rest)


def _in_front(pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pieces of a paragraph that open the text, with what stands between them (misread words), as one
    span from the text's start; none when the first piece stands further in than a word or two, or when
    they are short."""
    end = -1
    for start, stop in sorted(pieces):
        if start > (2 * _SLACK if end < 0 else end + NEAR_PIECE):
            break
        end = max(end, stop)
    # Two pieces' length at least: a value may open with a clause of the guidance (สอดคล้องกับนโยบาย…).
    return [(0, end)] if end >= 2 * NEAR_PIECE else []


def _fit(key: str, haystack: str, start: int, end: int) -> tuple[int, int]:
    """The window's end, then its start, moved to where ``key`` matches it best (Indel similarity)."""
    from rapidfuzz import fuzz

    ends = range(max(start + 1, end - _SLACK), min(len(haystack), end + _SLACK) + 1)
    end = max(ends, key=lambda e: (fuzz.ratio(key, haystack[start:e]), -e))
    starts = range(max(0, start - _SLACK), min(end - 1, start + _SLACK) + 1)
    start = max(starts, key=lambda b: (fuzz.ratio(key, haystack[b:end]), b))
    return start, end


def _key(phrase: str) -> str:
    return "".join(c for c in to_arabic_digits(normalize(phrase)) if not c.isspace())


_NUMBER_AFTER_THAI = re.compile(r"(?<=[\u0e01-\u0e4e])\d+(?:\.\d+)*")
_IN_WORD = re.compile(r"[\u0e01-\u0e4e]|[^\w\s]")


def numbered_spans(text: str, word: str) -> list[tuple[int, int, str]]:
    """Where a printed word that numbers an item (``ตัวชี้วัดที่ 3.1``) stands before its number in ``text``, OCR
    having misread it: its marks lost or wrong (ตัวชวัดท, ตวชวดูท) or one letter off. Matched on the consonants
    alone (the marks are what OCR loses first), however the spaces fall: (start, end after the number, number)
    in ``text``, left to right."""
    from rapidfuzz.distance import Levenshtein

    compact = Compact.of(text)
    target = skeleton(_key(word))
    out = []
    for m in _NUMBER_AFTER_THAI.finditer(compact.text):
        start = m.start()
        # Thai letters back from the number, and a speck OCR made of one (ตัว%ิวัดที่ for ตัวชี้วัดที่)
        while start > 0 and start > m.start() - 3 * len(target) and _IN_WORD.match(compact.text[start - 1]):
            start -= 1
        run = [(k, c) for k, c in enumerate(compact.text[start:m.start()], start) if not _THAI_MARK.match(c)]
        fits = [(Levenshtein.distance(target, "".join(c for _, c in run[-size:])), -size)
                for size in range(len(target) - 1, len(target) + 2) if size <= len(run)]
        best = min(fits, default=(2, 0))
        if best[0] <= 1:
            out.append((compact.index[run[best[1]][0]], compact.index[m.end() - 1] + 1, m.group()))
    return out


@cache
def phrases(items: tuple[str, ...]) -> Phrases:
    return Phrases(items)


@dataclass(frozen=True)
class Anchor:
    """A printed label (or heading, or tick-box option) the form shows, in the form's order."""

    rank: int
    labels: tuple[str, ...]
    pattern: Phrases
    field: str | None = None
    inline: bool = False
    line: bool = False
    rest: str | None = None
    option: str | None = None
    value: Any = None
    boxed: bool = False
    number: int | None = None

    @property
    def length(self) -> int:
        return max(len(label.replace(" ", "")) for label in self.labels)


@dataclass(frozen=True)
class KindVocabulary:
    """Everything the extractors look for in one kind of form."""

    kind: str
    titles: tuple[str, ...]
    signals: tuple[str, ...]
    anchors: tuple[Anchor, ...]
    stops: Phrases
    guidance: tuple[str, ...] = ()
    guidance_lines: dict[str, tuple[str, ...]] = field(default_factory=dict)
    guidance_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    signatures: dict[str, tuple[str, ...]] = field(default_factory=dict)
    stop_lines: frozenset[str] = frozenset()

    def anchors_for(self, field_key: str) -> list[Anchor]:
        return [a for a in self.anchors if a.field == field_key]

    def options(self, group: str) -> list[Anchor]:
        return [a for a in self.anchors if a.option == group]


def kind_words(kind: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A kind's titles and typical labels, without building its anchors (for telling the kinds apart)."""
    spec = _raw()["kinds"][kind]
    return tuple(spec.get("titles") or ()), tuple(spec.get("signals") or ())


@dataclass(frozen=True)
class Classification:
    """Weights of the evidence that decides a document's kind."""

    title_lines: int
    title_weight: float
    title_elsewhere_weight: float
    signal_weight: float
    form_number_weight: float
    min_score: float
    not_preceded_by: dict[str, tuple[str, ...]]
    includes: dict[str, tuple[str, ...]]


def _raw() -> dict[str, Any]:
    return printed_wording()


def _anchor(rank: int, raw: dict[str, Any]) -> Anchor:
    labels = tuple(str(x) for x in raw["label"])
    return Anchor(rank=rank, labels=labels, pattern=Phrases(labels), field=raw.get("field"),
                  inline=bool(raw.get("inline")), line=bool(raw.get("line")), rest=raw.get("rest"),
                  option=raw.get("option"), value=raw.get("value"), boxed=bool(raw.get("boxed")),
                  number=raw.get("number"))


@cache
def vocabulary(kind: str) -> KindVocabulary:
    """The compiled vocabulary of a kind (``form1`` … ``survey``)."""
    from pipeline.forms import all_forms

    raw = _raw()
    spec = raw["kinds"][kind]
    stops = list(raw["common"]["stops"]) + list(spec.get("stops") or [])
    titles = tuple(spec.get("titles") or ())
    # The title is the first heading: it keeps its own words (a wrapped "…ของหน่วยงาน") from being labels.
    official = all_forms()[kind].title if kind in all_forms() else None
    title = {"label": [t for t in (official, *titles) if t], "inline": True}
    return KindVocabulary(
        kind=kind,
        titles=titles,
        signals=tuple(spec.get("signals") or ()),
        anchors=tuple(_anchor(n, a) for n, a in enumerate([title, *(spec.get("anchors") or [])])),
        stops=Phrases(stops),
        guidance=tuple(spec.get("guidance") or ()),
        guidance_lines={k: tuple(v) for k, v in (spec.get("guidance_lines") or {}).items()},
        guidance_words={k: tuple(v) for k, v in (spec.get("guidance_words") or {}).items()},
        signatures={k: tuple(v) for k, v in (spec.get("signatures") or {}).items()},
        stop_lines=frozenset(_key(x) for x in spec.get("stop_lines") or ()),
    )


NEAR_BRACKET_WORD = 6  # letters of a guidance bracket's start word that may be matched with one misread
NEAR_BRACKET_REST = 20  # characters such a bracket holds after its start word at least


@cache
def guidance_bracket_pattern() -> re.Pattern[str]:
    """Printed guidance in brackets, e.g. ``(ระบุรหัสและชื่อนโยบาย)``, wherever it wraps."""
    words = _raw()["common"]["guidance_brackets"]
    starts = "|".join(loose(w) for w in words)
    # A long start word with one letter misread (อธินาย for อธิบาย, a scan): only before a long bracket, as a
    # value's own words in brackets are short ("(มหาชน)", "(BKK Photo Finder)").
    near = "|".join(f"{re.escape(w[:k])}[^()\\s]{re.escape(w[k + 1:])}" for w in words if len(w) >= NEAR_BRACKET_WORD
                    for k in range(len(w)))
    return re.compile(rf"\(\s*(?:(?:{starts})[^()]*|(?:{near})[^()]{{{NEAR_BRACKET_REST},}})\)")


@cache
def placeholders() -> tuple[str, ...]:
    return tuple(_raw()["common"].get("placeholders") or ())


@cache
def name_titles() -> tuple[str, ...]:
    return tuple(_raw()["common"]["name_titles"])


@cache
def name_title_pattern() -> str:
    """The name titles as one regular-expression alternation, longest first (นางสาว before นาง)."""
    return "|".join(re.escape(t) for t in sorted(name_titles(), key=len, reverse=True))


@cache
def classification() -> Classification:
    raw = _raw()["classify"]
    return Classification(
        title_lines=int(raw["title_lines"]), title_weight=float(raw["title_weight"]),
        title_elsewhere_weight=float(raw["title_elsewhere_weight"]), signal_weight=float(raw["signal_weight"]),
        form_number_weight=float(raw["form_number_weight"]), min_score=float(raw["min_score"]),
        not_preceded_by={k: tuple(v) for k, v in (raw.get("not_preceded_by") or {}).items()},
        includes={k: tuple(v) for k, v in (raw.get("includes") or {}).items()},
    )


@dataclass(frozen=True)
class GanttWords:
    """The words that tell a Gantt row's phase."""

    phases: tuple[tuple[str, tuple[str, ...]], ...]
    outside: tuple[str, ...]
    fillers: tuple[str, ...]


@cache
def gantt_words() -> GanttWords:
    raw = _raw()["gantt"]
    return GanttWords(phases=tuple((k, tuple(_key(w) for w in v)) for k, v in raw["phases"].items()),
                      outside=tuple(_key(w) for w in raw["outside"]),
                      fillers=tuple(_key(w) for w in raw["fillers"]))


@cache
def table_head_words() -> dict[str, tuple[str, ...]]:
    """Per data table (gantt, risks, kpis, survey): the words that mark a row as its column heads."""
    return {kind: tuple(words) for kind, words in _raw()["tables"]["head_words"].items()}


@cache
def printed_heads() -> frozenset[str]:
    """The data tables' column heads as the forms print them, compact and lower-case."""
    return frozenset(Compact.of(word).lower for word in _raw()["tables"]["printed"])


_OWN_LABEL = 12  # letters: a shorter label (หน่วยงาน, ชื่อโครงการ) could open a real running header too


@cache
def label_keys() -> tuple[str, ...]:
    """Every kind's printed labels (no titles, no tick-box options) of ``_OWN_LABEL`` letters or more, compact and
    lower-case: the wording no page header repeats."""
    keys = {_key(label).lower() for kind in kinds() for anchor in vocabulary(kind).anchors[1:]
            if anchor.option is None for label in anchor.labels}
    return tuple(sorted((k for k in keys if len(k) >= _OWN_LABEL), key=lambda k: (-len(k), k)))


def is_printed_head(text: str) -> bool:
    """Whether a line's text before a stop phrase is a data table's printed column head and the specks of its
    ruling (``ขั้นตอนการดำเนินการ [`` before ปีงบประมาณ พ.ศ.: a scanned Gantt's head row read as a line of text,
    seed 3361): the table starts there, so the value above ends."""
    return Compact.of(text).lower.strip("[](|!'`.,:") in printed_heads()


@cache
def partner_words() -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """Form 1's partner items: the words before the work done, before the share, and the share's unit."""
    raw = _raw()["partners"]
    return tuple(raw["work"]), tuple(raw["share"]), raw["share_unit"]


@cache
def fixed_names() -> dict[str, Any]:
    """Names whose spelling is fixed (the policy's dimensions, a company's legal form): ``names`` in the data."""
    return dict(_raw()["names"])


def kinds() -> tuple[str, ...]:
    return tuple(_raw()["kinds"])


@dataclass(frozen=True)
class BundleRules:
    """Where a form of a bundle starts and when its pages look shuffled or missing (``bundles`` in the data)."""

    top_lines: int
    title_line_extra: int
    missing_run: int
    long_title: int
    fuzzy_title: float
    first_labels: int
    first_label_lines: int
    titles: tuple[tuple[str, str], ...]  # (title without spaces, lower case; kind), longest first
    not_preceded_by: dict[str, tuple[str, ...]]


@cache
def bundle_rules() -> BundleRules:
    raw = _raw()["bundles"]
    from pipeline.forms import all_forms

    official = {kind: (spec.title,) for kind, spec in all_forms().items()}
    titles = sorted({(_key(t).lower(), kind) for kind in kinds() for t in kind_words(kind)[0] + official.get(kind, ())},
                    key=lambda item: (-len(item[0]), item))
    return BundleRules(top_lines=int(raw["top_lines"]), title_line_extra=int(raw["title_line_extra"]),
                       missing_run=int(raw["missing_run"]), long_title=int(raw["long_title"]),
                       fuzzy_title=float(raw["fuzzy_title"]), first_labels=int(raw["first_labels"]),
                       first_label_lines=int(raw["first_label_lines"]), titles=tuple(titles),
                       not_preceded_by={k: tuple(_key(p).lower() for p in v)
                                        for k, v in classification().not_preceded_by.items()})
