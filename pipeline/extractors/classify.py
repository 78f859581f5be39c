"""Which form a document is: from its title, its ``แบบฟอร์ม N`` line, its labels and tables, never its file name."""

from __future__ import annotations

import re

from pipeline.errors import UnknownDocumentError
from pipeline.extractors.stream import SENTINEL, Stream
from pipeline.extractors.tables import GANTT, KPIS, RISKS, SURVEY
from pipeline.extractors.text import compact
from pipeline.extractors.vocabulary import Phrases, classification, kind_words, kinds

FORM_NUMBER = re.compile(r"^\s*แบบ\s*ฟอร์ม\s*(?:ที่)?\s*([1-4])\s*$")
NEAR_TITLE, NEAR_TITLE_MARGIN, NEAR_TITLE_SHARE = 75.0, 15.0, 0.6  # rapidfuzz partial ratio; share of a title's weight
NEAR_TITLE_LINES = 2  # the first lines searched for a misread title (a third holds the body's words)
_TABLE_WEIGHTS = {SURVEY: {"survey": 3.0}, GANTT: {"plan": 2.0, "form3": 2.0}, RISKS: {"form4": 2.0},
                  KPIS: {"form4": 2.0}}


def _found(title: str, text: str, not_after: tuple[str, ...]) -> bool:
    """Is a title in a text where it is not the tail of a longer title (form 4's inside form 3's)?"""
    key = compact(title)
    start = text.find(key)
    while start >= 0:
        if not any(text[:start].endswith(compact(p)) for p in not_after):
            return True
        start = text.find(key, start + 1)
    return False


def title_seen(stream: Stream, lines: int = 2) -> str:
    """The first words of a document (its title, for messages)."""
    texts = [ln.text.strip() for ln in stream.lines if ln.text.strip() and ln.text != SENTINEL]
    texts = [t for t in texts if not FORM_NUMBER.match(t)]
    return " ".join(texts[:lines])[:160]


def scores(stream: Stream) -> dict[str, float]:
    """Evidence for each kind."""
    weights = classification()
    texts = [ln.text for ln in stream.lines if ln.text.strip() and ln.text != SENTINEL]
    numbers = [int(m.group(1)) for t in texts[:6] if (m := FORM_NUMBER.match(t))]
    top = compact(" ".join([t for t in texts if not FORM_NUMBER.match(t)][: weights.title_lines]))
    full = compact(" ".join(texts))
    table_kinds = {t.kind for t in stream.tables}
    out: dict[str, float] = {}
    for kind in kinds():
        titles, signals = kind_words(kind)
        not_after = weights.not_preceded_by.get(kind, ())
        score = 0.0
        if any(_found(t, top, not_after) for t in titles):
            score += weights.title_weight
        elif any(_found(t, full, not_after) for t in titles):
            score += weights.title_weight if kind in weights.includes else weights.title_elsewhere_weight
        score += weights.signal_weight * sum(1 for s in signals if compact(s) in full)
        if kind.startswith("form") and int(kind[4:]) in numbers:
            score += weights.form_number_weight
        score += sum(_TABLE_WEIGHTS.get(t, {}).get(kind, 0.0) for t in table_kinds)
        out[kind] = score
    if max(out.values()) < weights.min_score:
        _nearest_title(out, compact(" ".join([t for t in texts if not FORM_NUMBER.match(t)][:NEAR_TITLE_LINES])),
                       weights.title_weight)
    if max(out.values()) < weights.min_score and GANTT in table_kinds and out["form3"] <= out["plan"]:
        # The title lost to specks (a photo's dark top edge) and nothing of Form 3's own but its plan: a Gantt
        # alone is the plan form (Form 3 would show its labels).
        out["plan"] = weights.min_score
    return out


def _nearest_title(out: dict[str, float], top: str, weight: float) -> None:
    """No kind told: the title nearest the document's first lines (OCR misread it behind specks:
    ``๐) เ แผนการดาเห็นการ``) counts, part weight, when it is near and no other kind's is nearly as near."""
    from rapidfuzz.fuzz import partial_ratio

    near = sorted(((max(partial_ratio(compact(t), top) for t in kind_words(kind)[0]), kind) for kind in out),
                  reverse=True)
    (best, kind), (second, _) = near[0], near[1]
    if best >= NEAR_TITLE and best - second >= NEAR_TITLE_MARGIN:
        out[kind] += NEAR_TITLE_SHARE * weight


def classify(stream: Stream, where: str | None = None) -> str:
    """The kind of a document; UnknownDocumentError naming the title seen when it is none of the forms."""
    result = scores(stream)
    kind, best = max(result.items(), key=lambda item: item[1])
    if best < classification().min_score:
        seen = title_seen(stream) or "(no text)"
        raise UnknownDocumentError(
            f"not one of the innovation-KPI forms (แบบฟอร์ม 1–4, แผนการดำเนินการ, หนังสือรับรองสัดส่วน, "
            f"แบบสำรวจความพึงพอใจ); the title seen is {seen!r}",
            f"ไม่ใช่แบบฟอร์มของตัวชี้วัดนวัตกรรม (แบบฟอร์ม 1–4 แผนการดำเนินการ หนังสือรับรองสัดส่วน "
            f"หรือแบบสำรวจความพึงพอใจ) ชื่อเรื่องที่พบคือ \"{seen}\"",
            where=where)
    return kind


def title_lines(stream: Stream, kind: str) -> list[int]:
    """The lines where a kind's title starts a line: more than one means several copies of the form."""
    titles, _ = kind_words(kind)
    out: list[int] = []
    for start, _ in Phrases(titles[:1]).spans(stream.compact):
        line = stream.line_at(start)
        if not stream.text[stream.offsets[line]:start].strip() and (not out or out[-1] != line):
            out.append(line)
    return out
