"""Form 1's partner lists: ``1) NAME โดยได้ดำเนินการ WORK`` and ``1) NAME สัดส่วนร้อยละ N โดยได้ดำเนินการ WORK``."""

from __future__ import annotations

import re

from pipeline.extractors.crumbs import is_crumb
from pipeline.extractors.text import clean_value, match_text
from pipeline.extractors.vocabulary import loose, partner_words
from pipeline.thai import parse_number

# An item's number: ``1)``, ``(1)``, ``๒ )`` on a scan, ``1.`` opening a line, or a Thai number OCR read as one
# or two Latin letters or a symbol before its bracket (``lo)`` for ๒), ``©)`` for ๑)).
_ITEM = re.compile(r"(?:^|(?<=\s))\(?[\d๐-๙]{1,2} ?\)\s*|(?:^|(?<=\s))(?:[A-Za-z]{1,2}|[©®@«])\)\s+"
                   r"|(?m:^)\s*[\d๐-๙]{1,2}\.\s+")
_WORK_WORDS, _SHARE_WORDS, _SHARE_UNIT = partner_words()
MIN_CUT_WORD = 3  # letters: the least of the work words' start taken for one cut off a name (โดย)
_WORK = re.compile("|".join(loose(w) for w in _WORK_WORDS))
_SHARE = re.compile("|".join(loose(w) for w in _SHARE_WORDS) + r"\s*(?:" + loose(_SHARE_UNIT) + ")?")


def _items(text: str) -> list[str]:
    """The text of each numbered item; text before the first number is an item of its own."""
    probe = match_text(text)
    starts = [m.start() for m in _ITEM.finditer(probe)]
    if not starts:
        return [text]
    chunks = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    head = text[: starts[0]]
    chunks = [piece for c in chunks for piece in _one_work_each(_ITEM.sub("", c, count=1))]
    # The form's bracketed hint above the items, its closing bracket lost to OCR, is no partner.
    hint = head.lstrip(" \n.").startswith("(")
    return ([head] if clean_value(head) and not hint else []) + chunks


def _one_work_each(chunk: str) -> list[str]:
    """An item cut before each ``โดยได้ดำเนินการ`` after its first, from the line that holds it: an item prints
    it once, so a second is the next item's, its number read as no number (a blank item's ``2)`` read ``2 . .``)."""
    works = [m.start() for m in _WORK.finditer(chunk)]
    if len(works) < 2:
        return [chunk]
    cuts = [chunk.rfind("\n", 0, at) + 1 for at in works[1:]]
    cuts = [0, *sorted({cut for cut in cuts if cut > works[0]})]
    return [chunk[a:b] for a, b in zip(cuts, [*cuts[1:], len(chunk)], strict=True)]


def read_partners(text: str | None, with_share: bool) -> tuple[list[dict] | None, list[str]]:
    """The filled items of a partner list (None when every item is blank) and warnings on their numbers."""
    if not text:
        return None, []
    items, warnings = [], []
    for chunk in _items(text):
        work = _WORK.search(chunk)
        head, contribution = (chunk[: work.start()], chunk[work.end():]) if work else (chunk, "")
        item: dict = {"name": None}
        if with_share:
            share = _SHARE.search(head)
            name, percent = (head[: share.start()], head[share.end():]) if share else (head, "")
            item["name"] = clean_value(name)
            raw = clean_value(percent)
            try:
                item["share_percent"] = parse_number(raw) if raw else None
            except ValueError:
                item["share_percent"] = None
                warnings.append(f"external_partners: share {raw!r} is not a number — สัดส่วนร้อยละไม่ใช่ตัวเลข")
        else:
            item["name"] = clean_value(head)
        item["name"] = _without_cut_work_word(item["name"])
        item["contribution"] = clean_value(contribution)
        item["name"], item["contribution"] = _filled(item["name"]), _filled(item["contribution"])
        if any(v is not None for v in item.values()):
            items.append(item)
    return (items or None), warnings


def _without_cut_work_word(name: str | None) -> str | None:
    """A name without the first letters of ``โดยได้ดำเนินการ`` that OCR split off onto the name's line (``…โดย`` /
    ``โดยดำเนินการ``): no partner's name ends in them."""
    if not name:
        return name
    for word in _WORK_WORDS:
        for size in range(len(word) - 1, MIN_CUT_WORD - 1, -1):
            if name.endswith(word[:size]) and len(name) > size:
                return name[:-size].rstrip() or None
    return name


def _filled(text: str | None) -> str | None:
    """A partner's name or work as read, or None when it holds nothing but the form's own printed words and
    scraps (a blank item's leaders read by OCR: ``ก``, ``สัดส่วนร้อยละ โดยได้ดำเนินการ ๐ 0``)."""
    if text is None:
        return None
    rest = _SHARE.sub(" ", _WORK.sub(" ", match_text(text)))
    # three letters may be an agency's short name (กฟน): only shorter scraps count as nothing
    words = [t for t in rest.split() if not (is_crumb(t) and len(t) < 3) and not re.fullmatch(r"[\d๐-๙.,]+", t)]
    return text if words else None
