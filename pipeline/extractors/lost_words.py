"""Values read from an OCR'd line or cell whose text dropped words Tesseract read there, or holds letters it did not."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from pipeline.extractors.plausible import label_key
from pipeline.extractors.trust import leaves
from pipeline.forms import form
from pipeline.wording import nested_strings, printed_wording


@cache
def printed_text(kind: str) -> str:
    """Everything a kind's form prints (its wording in ``extraction.yaml`` and ``forms.yaml``, a plan's with Form 3's
    and Form 4's, the tables' heads), normalised, as one text to look a piece up in."""
    kinds = [kind, "plan"] if "plan" in form(kind).fields or kind == "plan" else [kind]
    wording = printed_wording()
    strings = [s for k in kinds for s in nested_strings(wording["kinds"][k])] + nested_strings(wording["gantt"])
    strings += nested_strings(wording["tables"]) + [spec.label for k in kinds for spec in form(k).fields.values()]
    strings += [c for k in kinds for spec in form(k).fields.values() for c in spec.choices.values()]
    strings += [c for spec in form("plan").fields["steps"].item.values() for c in spec.choices.values()]
    return "\n".join(label_key(s) for s in strings)


def lost_words_warnings(kind: str, fields: dict[str, Any], dropped: Callable[[str, str | None], str | None],
                        warnings: list[str], provenance: dict[str, str] | None = None,
                        added: Callable[[str], str | None] | None = None) -> list[str]:
    """A warning, in English and Thai, for each text value not warned already whose line or cell lost words the
    OCR read there (``readers.ocr.confidence.dropped_words``): the value reads as good Thai with a piece missing
    (``tune1200-form4``'s problem: a skewed photo's line ran into the next and its words were dropped), its own
    field only (a piece lost in a line says nothing of a table's rows). ``provenance`` (path → the block a value
    was found at) also ties a value to its label's line: ``scan-tune3403-form4``'s guidance line lost its first
    words, and the value's opening was taken for the rest of the guidance. ``added`` (``…confidence.added_words``)
    gives the letters the reader put into a value that Tesseract did not read: ``scan-tune3461-survey``'s question
    ``…และเป็นปัจจุบัน`` became ``…และเป็น ในปัจจุบัน`` when its second line was mended to a label of Form 2; letters
    that make the form's own printed wording (``การนำนวัตกรรมไปใช้ประโยชน์``, a phase's name) were rightly put back."""
    warned = {w.split(":", 1)[0] for w in warnings}
    out = []
    for path, spec, value in leaves(kind, fields):
        if spec.type != "text" or not isinstance(value, str) or path in warned:
            continue
        piece = dropped(value, (provenance or {}).get(path))
        if piece:
            out.append(f"{path}: the value read from the photo or scan may lack words the OCR read in its line "
                       f"({piece[:40]!r}, dropped from the text): check it by eye — ค่าที่อ่านได้อาจขาดคำที่อ่านได้ใน"
                       f"บรรทัดเดียวกัน ({piece[:40]}) กรุณาตรวจสอบกับต้นฉบับ")
            continue
        piece = added(value) if added else None
        # the repair put back the form's own wording (a phase's name in its plan): what it printed, rightly mended
        if piece and label_key(piece) not in printed_text(kind):
            out.append(f"{path}: the value read from the photo or scan holds letters the OCR did not read there "
                       f"({piece!r}: the reader's mending of printed wording put them in): check it by eye — "
                       f"ค่าที่อ่านได้มีอักษรที่ OCR ไม่ได้อ่านจากภาพ ({piece}) อาจถูกแก้เป็นข้อความที่พิมพ์ไว้ "
                       f"กรุณาตรวจสอบกับต้นฉบับ")
    return out


__all__ = ["lost_words_warnings", "printed_text"]
