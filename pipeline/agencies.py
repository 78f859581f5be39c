"""The BMA's agencies as data (``data/agencies.yaml``): any name read or typed resolved to one agency, or not."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from rapidfuzz import fuzz, process

from pipeline import thai
from pipeline.errors import PipelineError

AgencyType = Literal["district", "department", "permanent_secretary_unit"]
How = Literal["exact", "alias", "fuzzy", "ambiguous", "unresolved", "blank"]
_TYPES = ("district", "department", "permanent_secretary_unit")
DISTRICT_PREFIX = "สำนักงานเขต"
# A name that only adds these at its end is the same agency ("สำนักงานเขตบางกะปิ กรุงเทพมหานคร").
_SUFFIXES = ("กรุงเทพมหานคร", "กทม", "bangkokmetropolitanadministration", "bma", "bangkok")
_DROP = re.compile(r"[\s.,()\[\]\-–—'\"/:;]+")
# Marks OCR loses or adds (tone marks, vowels above and below, thanthakhat); ำ read as า too.
_MARKS = re.compile(f"[{thai.MARKS}]")
FUZZY_CUTOFF = 88.0   # rapidfuzz ratio (0–100) a name must reach to be taken as an agency's
FUZZY_MARGIN = 4.0    # the runner-up agency must score this much less, else the name is ambiguous
PREFIX_MIN = 8        # a known name this long that starts the name read ("…ฝ่ายปกครอง" after it) is a match


class AgencyListError(PipelineError):
    """The agencies file is missing or does not fit its shape."""


@dataclass(frozen=True)
class Agency:
    """One agency: a stable code, its Thai and English names, its type, and the other names it goes by."""

    code: str
    type: str
    th: str
    en: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Resolution:
    """What a name resolved to: one agency (exact, alias, fuzzy) or none (ambiguous, unresolved, blank)."""

    name: str
    how: How
    agency: Agency | None = None
    candidates: tuple[Agency, ...] = field(default_factory=tuple)
    score: float = 100.0

    @property
    def ok(self) -> bool:
        return self.agency is not None

    def warning(self, field_name: str = "agency") -> str | None:
        """A review warning (English, then Thai) when the name was not found as written; None when it was."""
        if self.how in ("exact", "alias", "blank"):
            return None
        if self.how == "fuzzy" and self.agency is not None:
            return (f"{field_name}: the name {self.name!r} is not in the list of agencies; taken as "
                    f"{self.agency.th} (similarity {self.score:.0f} %) — ชื่อหน่วยงาน {self.name!r} ไม่ตรงกับรายชื่อ "
                    f"ระบบถือว่าเป็น {self.agency.th} โปรดตรวจสอบ")
        if self.how == "ambiguous":
            names = ", ".join(a.th for a in self.candidates)
            return (f"{field_name}: the name {self.name!r} could be any of {names}; it is left out until someone "
                    f"says which (correct RECORD agency NAME) — ชื่อหน่วยงาน {self.name!r} ใกล้เคียงหลายหน่วยงาน "
                    f"({names}) โปรดระบุให้ชัดเจน")
        return (f"{field_name}: the name {self.name!r} is no agency in pipeline/data/agencies.yaml; it is left out "
                f"until corrected or added there — ไม่พบหน่วยงาน {self.name!r} ในรายชื่อหน่วยงานของกรุงเทพมหานคร "
                f"โปรดแก้ไขชื่อหรือเพิ่มหน่วยงานในไฟล์รายชื่อ")


def key(name: str | None) -> str:
    """A name compared without spaces, dots and case, Thai text normalized."""
    return _DROP.sub("", thai.normalize(name or "").replace("เเ", "แ")).lower()


def skeleton(text: str) -> str:
    """A key without the Thai marks OCR loses (tone marks, upper and lower vowels); ำ as า."""
    return _MARKS.sub("", text.replace("\u0e33", "\u0e32"))


def _strip_suffix(text: str) -> str:
    for suffix in _SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix) + 2:
            return text[: -len(suffix)]
    return text


def _names(agency: Agency) -> list[tuple[str, How]]:
    """Every name an agency is found by, with how a match on it is reported."""
    names: list[tuple[str, How]] = [(agency.th, "exact")]
    names += [(n, "alias") for n in (agency.en, *agency.aliases)]
    if agency.type == "district" and agency.th.startswith(DISTRICT_PREFIX):
        bare = agency.th[len(DISTRICT_PREFIX):]
        en_bare = agency.en.removesuffix(" District Office")
        names += [(bare, "alias"), ("เขต" + bare, "alias"), (en_bare, "alias"), (en_bare + " District", "alias")]
    return names


@dataclass(frozen=True)
class AgencyList:
    """Every agency, with the indexes names are looked up in."""

    agencies: tuple[Agency, ...]
    source: str
    exact: dict[str, tuple[str, How]]
    skeletons: dict[str, frozenset[str]]
    fuzzy_keys: tuple[str, ...]
    fuzzy_codes: tuple[str, ...]

    def by_code(self, code: str) -> Agency:
        return next(a for a in self.agencies if a.code == code)


def parse_agencies(data: object, where: str = "pipeline/data/agencies.yaml") -> AgencyList:
    """The agency list from the parsed YAML; a clear error for a bad entry or a name given to two agencies."""
    if not isinstance(data, dict) or not isinstance(data.get("agencies"), list):
        raise AgencyListError("the agencies file must hold `agencies:`, a list",
                              "ไฟล์รายชื่อหน่วยงานต้องมีหัวข้อ agencies เป็นรายการ", where=where)
    agencies: list[Agency] = []
    for number, item in enumerate(data["agencies"], 1):
        place = f"{where} › agencies › {number}"
        if not isinstance(item, dict) or not all(item.get(k) for k in ("code", "type", "th", "en")):
            raise AgencyListError("an agency needs code, type, th and en", "หน่วยงานต้องมี code, type, th และ en",
                                  where=place)
        if item["type"] not in _TYPES:
            raise AgencyListError(f"type {item['type']!r} is not one of {', '.join(_TYPES)}",
                                  f"ประเภทหน่วยงาน {item['type']!r} ไม่ใช่ {', '.join(_TYPES)}", where=place)
        agencies.append(Agency(str(item["code"]), item["type"], item["th"], item["en"],
                               tuple(item.get("aliases") or ())))
    exact: dict[str, tuple[str, How]] = {}
    skeletons: dict[str, set[str]] = {}
    for agency in agencies:
        for name, how in _names(agency):
            k = key(name)
            other = exact.get(k)
            if other is not None and other[0] != agency.code:
                raise AgencyListError(f"the name {name!r} is given to two agencies ({other[0]}, {agency.code})",
                                      f"ชื่อ {name!r} ซ้ำกันสองหน่วยงาน ({other[0]}, {agency.code})", where=where)
            if other is None or how == "exact":
                exact[k] = (agency.code, how)
            skeletons.setdefault(skeleton(k), set()).add(agency.code)
    pairs = sorted(exact.items())
    return AgencyList(tuple(agencies), str(data.get("source") or ""), exact,
                      {k: frozenset(v) for k, v in skeletons.items()},
                      tuple(skeleton(k) for k, _ in pairs), tuple(code for _, (code, _how) in pairs))


@cache
def agency_list() -> AgencyList:
    """The agencies of ``pipeline/data/agencies.yaml``, read once."""
    text = resources.files("pipeline").joinpath("data/agencies.yaml").read_text(encoding="utf-8")
    return parse_agencies(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


def all_agencies() -> tuple[Agency, ...]:
    return agency_list().agencies


@cache
def resolve(name: str | None) -> Resolution:
    """The one agency a name means: exact, alias (abbreviation, English, bare district), or fuzzy (lost tone
    marks, OCR slips); ``ambiguous`` or ``unresolved`` otherwise — never a new agency."""
    book = agency_list()
    text = " ".join((name or "").split())
    k = key(text)
    if not k:
        return Resolution(text, "blank")
    for candidate in dict.fromkeys((k, _strip_suffix(k))):
        if candidate in book.exact:
            code, how = book.exact[candidate]
            return Resolution(text, how, book.by_code(code))
    bare = _strip_suffix(k)
    codes = book.skeletons.get(skeleton(k)) or book.skeletons.get(skeleton(bare), frozenset())
    if len(codes) == 1:
        return Resolution(text, "fuzzy", book.by_code(next(iter(codes))), score=95.0)
    if len(codes) > 1:
        return Resolution(text, "ambiguous", None, tuple(book.by_code(c) for c in sorted(codes)))
    best: dict[str, float] = {}
    for _match, score, index in process.extract(skeleton(bare), book.fuzzy_keys, scorer=fuzz.ratio, limit=8,
                                                score_cutoff=FUZZY_CUTOFF - FUZZY_MARGIN):
        code = book.fuzzy_codes[index]
        best[code] = max(best.get(code, 0.0), score)
    ranked = sorted(best.items(), key=lambda item: -item[1])
    if ranked and ranked[0][1] >= FUZZY_CUTOFF:
        if len(ranked) > 1 and ranked[1][1] > ranked[0][1] - FUZZY_MARGIN:
            return Resolution(text, "ambiguous", None, tuple(book.by_code(c) for c, _ in ranked[:3]))
        return Resolution(text, "fuzzy", book.by_code(ranked[0][0]), score=ranked[0][1])
    return _by_prefix(text, bare, book)


def _by_prefix(text: str, bare: str, book: AgencyList) -> Resolution:
    """A known full name followed by more (a section, the city): the longest known name that starts it."""
    hits = [(len(k), code) for k, (code, _how) in book.exact.items() if len(k) >= PREFIX_MIN and bare.startswith(k)]
    if not hits:
        return Resolution(text, "unresolved")
    longest = max(hits)[0]
    codes = sorted({code for n, code in hits if n == longest})
    if len(codes) > 1:
        return Resolution(text, "ambiguous", None, tuple(book.by_code(c) for c in codes))
    return Resolution(text, "fuzzy", book.by_code(codes[0]), score=100.0 * longest / max(len(bare), 1))


def canonical(name: str | None) -> str | None:
    """The agency's Thai name when the name resolves to one, else None."""
    found = resolve(name)
    return found.agency.th if found.agency else None


def agency_type(name: str | None) -> str | None:
    """The type of the agency a name resolves to (what type-dependent rules read), None when it resolves to none."""
    found = resolve(name)
    return found.agency.type if found.agency else None


__all__ = ["Agency", "AgencyList", "AgencyListError", "Resolution", "agency_list", "agency_type", "all_agencies",
           "canonical", "key", "parse_agencies", "resolve"]
