"""Field values by type (text, numbers, BE dates, choices, signed names), with where found and a warning on misfit."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pipeline.extractors.anchors import Layout, find_layout
from pipeline.extractors.checkboxes import Choice, read_group
from pipeline.extractors.signatures import read_signatures
from pipeline.extractors.spelling import misread_month_date
from pipeline.extractors.stream import Stream
from pipeline.extractors.text import compact
from pipeline.extractors.vocabulary import KindVocabulary, vocabulary
from pipeline.forms import FieldSpec, form
from pipeline.thai import be_year, parse_date, parse_number, to_arabic_digits


@dataclass
class Extraction:
    """What the extractors read from a document: the fields of its kind, where each was found, warnings."""

    kind: str
    fields: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)  # the PDF or scan pages the form came from
    blocks: list[int] = field(default_factory=list)  # its first and last block (DOCX), counted from 1
    pages_missing: bool = False  # printed labels in a row not found: a page of the form may be missing
    unlabelled: tuple[str, ...] = ()  # fields whose printed label is nowhere in the form (gaps.unlabelled_fields)


MONEY_SUFFIX = "_baht"
# An amount of baht never has three decimals: ``150.000`` is 150,000 with its comma read as a dot (OCR, or a
# European habit); satang take two.
_DOTTED_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d.,])")
# Words people write around a date: "วันที่ 15 เดือน มกราคม พ.ศ. 2568".
_DATE_WORDS = re.compile(r"วันที่|เดือน|พ\s*\.\s*ศ\s*\.?|ค\s*\.\s*ศ\s*\.?|ปี(?=\s*[\d๐-๙])")


_UNITS = re.compile(r"(?:\s*(?:บาท|ร้อยละ|%|คน|ชุด|ราย|เปอร์เซ็นต์|พ\.ศ\.|ปี)\s*)+")


_LABEL_MIN = 4  # letters: a shorter label ("ที่") is an ordinary word at the start of a value


def repeated_label(value: str | None, vocab: KindVocabulary) -> str | None:
    """The printed label that a text value repeats, or None: the whole value is a label of the kind, or it
    begins with a label and the colon typed after it (label text read as the value)."""
    if not value:
        return None
    text = compact(value)
    for anchor in vocab.anchors:
        for label in anchor.labels:
            core = compact(label)
            if len(core) >= _LABEL_MIN and (text == core or text.startswith(core + ":")):
                return label
    return None


class FieldReader:
    """Reads one kind's fields from a stream, recording values, provenance and warnings."""

    def __init__(self, kind: str, stream: Stream, out: Extraction, prefix: str = "", vocab_kind: str | None = None):
        self.kind = kind
        self.vocab: KindVocabulary = vocabulary(vocab_kind or kind)
        self.stream = stream
        self.layout: Layout = find_layout(stream, self.vocab)
        self.out = out
        self.prefix = prefix
        self.values: dict[str, Any] = {}
        self.choices: dict[str, Choice] = {}
        self.specs: dict[str, FieldSpec] = form(kind).fields

    # ------------------------------------------------------------------ recording
    def put(self, key: str, value: Any, where: str | None) -> None:
        self.values[key] = value
        if value is not None and value != [] and where:
            self.out.provenance[f"{self.prefix}{key}"] = where

    def warn(self, message: str) -> None:
        self.out.warnings.append(f"{self.prefix}{message}")

    # ------------------------------------------------------------------ typed values
    def read_all(self) -> dict[str, Any]:
        """Every field the generic rules can read (text, numbers, dates, choices, signatures)."""
        signed = self.signatures()
        for key, spec in self.specs.items():
            if key in signed:
                continue
            try:
                if spec.type == "text":
                    self.text(key)
                elif spec.type in ("number", "integer"):
                    self.number(key, integer=spec.type == "integer")
                elif spec.type == "date":
                    self.date(key)
                elif spec.type in ("enum", "bool") and self.vocab.options(key):
                    self.choice(key)
                else:
                    self.values.setdefault(key, None)
            except Exception as err:   # one field's fault leaves the others readable
                self.values[key] = None
                self.warn(f"{key}: could not be read ({err!r}) — อ่านช่อง \"{self.label(key)}\" ไม่ได้")
        return self.values

    def text(self, key: str) -> str | None:
        value, where = self.layout.value(key, self.vocab)
        self.put(key, value, where)
        if value and key in self.layout.taken:  # (the label again, or a linking word, is no value's usual start)
            taken = self.layout.taken[key]
            self.warn(f"{key}: the words {taken!r} opening the value were taken for its printed label and left out: "
                      f"they may be the value's own: check it by eye — คำว่า \"{taken}\" ต้นค่าถูกตัดออกเพราะถือเป็น"
                      f"หัวข้อที่พิมพ์ไว้ อาจเป็นส่วนหนึ่งของค่า กรุณาตรวจสอบ")
        label = repeated_label(value, self.vocab)
        if label is not None:
            self.warn(f"{key}: the value repeats the printed label {label!r} (a label read as the value?) — "
                      f"ค่าในช่อง \"{self.label(key)}\" ซ้ำกับข้อความที่พิมพ์ไว้ในแบบฟอร์ม \"{label}\" กรุณาตรวจสอบ")
        return value

    def number(self, key: str, integer: bool = False) -> float | int | None:
        raw, where = self.layout.value(key, self.vocab)
        value = self.parse_number(key, raw, integer)
        self.put(key, value, where)
        return value

    def parse_number(self, key: str, raw: str | None, integer: bool = False) -> float | int | None:
        if raw is None or not re.search(r"[\d๐-๙]", raw) and _UNITS.fullmatch(raw):
            return None  # a blank with its printed unit left ("...... บาท", "ร้อยละ ......")
        if key.endswith(MONEY_SUFFIX):
            raw = _DOTTED_THOUSANDS.sub(lambda m: m.group(0).replace(".", ","), to_arabic_digits(raw))
        try:
            value = parse_number(raw)
        except ValueError:
            self.warn(f"{key}: {raw!r} is not a number — \"{self.label(key)}\" ไม่ใช่ตัวเลข")
            return None
        if value is not None and key == "fiscal_year":
            return be_year(str(int(value)))
        if integer and value is not None:
            return int(value)
        return value

    def date(self, key: str) -> str | None:
        raw, where = self.layout.value(key, self.vocab)
        value = None
        if raw is not None:
            written = _DATE_WORDS.sub(" ", raw)
            try:
                day = parse_date(written)
                value = day.isoformat() if day else None
            except ValueError:
                day = misread_month_date(written)
                if day is None:
                    self.warn(f"{key}: {raw!r} is not a date — \"{self.label(key)}\" อ่านเป็นวันที่ไม่ได้")
                else:
                    value = day.isoformat()
                    self.warn(f"{key}: the month of {raw!r} was misread and taken as the nearest month name: check "
                              f"it by eye — ชื่อเดือนใน \"{self.label(key)}\" อ่านไม่ชัด จึงใช้ชื่อเดือนที่ใกล้เคียงที่สุด "
                              f"กรุณาตรวจสอบกับต้นฉบับ")
        self.put(key, value, where)
        return value

    def choice(self, key: str) -> Choice:
        result = read_group(self.layout, key, self.label(key))
        self.choices[key] = result
        if result.warning:
            self.warn(result.warning)
        self.put(key, result.value, result.where)
        return result

    def signatures(self) -> set[str]:
        stops = {self.stream.line_at(b) for b in self.layout.bounds}
        signed = read_signatures(self.stream, self.vocab.signatures, stops)
        for key in self.vocab.signatures:
            signature = signed.get(key)
            self.put(key, signature.name if signature else None, signature.where if signature else None)
        return set(self.vocab.signatures)

    def label(self, key: str) -> str:
        spec = self.specs.get(key)
        return spec.label if spec else key
