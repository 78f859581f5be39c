"""Hypothesis strategies drawing valid records of every kind, as a clerk's data file would hold them."""

from __future__ import annotations

import re
from functools import cache

from hypothesis import strategies as st

from pipeline.forms import all_forms
from pipeline.records import Record

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
SATISFACTION_KPI = "ร้อยละความพึงพอใจของผู้ใช้นวัตกรรม"
SATISFACTION_METHOD = ("วิธีการคำนวณ ร้อยละความพึงพอใจ = (ค่าคะแนนเฉลี่ยความพึงพอใจระดับมากขึ้นไปของผู้ใช้นวัตกรรม × 100) "
                       "÷ ค่าคะแนนระดับมากที่สุด (4) เครื่องมือในการวัด แบบสำรวจความพึงพอใจ โดยสำรวจจาก {population} "
                       "จำนวน {count} ชุด")


def _plain(n) -> str:
    return "" if n is None else str(n).translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))


@cache
def _vocabulary() -> tuple[str, ...]:
    """Ordinary Thai words from PyThaiNLP's dictionary, minus the words the forms print as labels: a value
    that repeats a label word-for-word is a different test (tests/test_extract_variants.py)."""
    from pythainlp.corpus import thai_words

    labels = " ".join(spec.label for f in all_forms().values() for spec in _all_specs(f.fields))
    words = sorted(w for w in thai_words() if re.fullmatch(r"[ก-ฮะ-ฺเ-์]{2,9}", w) and w not in labels)
    return tuple(words[::20])


def _all_specs(fields):
    for spec in fields.values():
        yield spec
        if spec.item:
            yield from _all_specs(spec.item)


def _digits(n: int, thai: bool) -> str:
    return str(n).translate(THAI_DIGITS) if thai else str(n)


@st.composite
def thai_text(draw, min_words: int = 1, max_words: int = 40) -> str:
    """Thai words, run together or spaced as Thai is typed, now and then a number in Thai or Arabic digits."""
    vocabulary = _vocabulary()
    count = draw(st.integers(min_words, max_words))
    thai = draw(st.booleans())
    out = ""
    for i in range(count):
        if i and draw(st.integers(0, 9)) == 0:  # a value opens with a word: a leading number reads as numbering
            word = _digits(draw(st.integers(1, 999)), thai)
            joiner = " "
        else:
            word = draw(st.sampled_from(vocabulary))
            joiner = draw(st.sampled_from(["", "", "", " "]))
        out += (joiner if i else "") + word
    return out


def short_text(max_words: int = 6):
    return thai_text(1, max_words)


def optional(strategy):
    """A field a clerk may leave blank."""
    return st.one_of(st.none(), strategy)


@st.composite
def person(draw) -> str:
    title = draw(st.sampled_from(["นาย", "นาง", "นางสาว"]))
    return f"{title}{draw(thai_text(1, 2))} {draw(thai_text(1, 2))}"


@st.composite
def number(draw, low: int, high: int):
    """A number as a data file may give it: a JSON number, or a string in Arabic or Thai digits."""
    n = draw(st.integers(low, high))
    return draw(st.sampled_from([n, str(n), _digits(n, True)]))


@st.composite
def plan_steps(draw, min_steps: int = 1, max_steps: int = 12) -> list[dict]:
    count = draw(st.integers(min_steps, max_steps))
    phases = draw(st.lists(st.sampled_from(["creation", "deployment", "follow_up", None]),
                           min_size=count, max_size=count))
    return [{"name": draw(thai_text(1, 12)), "phase": phase,
             "months": draw(st.lists(st.integers(1, 12), min_size=1, max_size=12, unique=True))}
            for phase in phases]


@st.composite
def plan_fields(draw) -> dict:
    return {"agency": draw(optional(short_text())), "project_name": draw(optional(thai_text(1, 12))),
            "innovation": draw(optional(thai_text(1, 10))), "policy": draw(optional(thai_text(1, 12))),
            "fiscal_year": draw(optional(number(2560, 2580))), "steps": draw(plan_steps())}


@st.composite
def form1(draw) -> dict:
    internal = draw(st.lists(st.fixed_dictionaries({"name": short_text(), "contribution": thai_text(1, 15)}),
                             max_size=4))
    external = draw(st.lists(st.fixed_dictionaries({"name": short_text(), "share_percent": number(1, 40),
                                                    "contribution": thai_text(1, 15)}), max_size=4))
    return {"section_unit": draw(optional(short_text())), "division": draw(optional(short_text())),
            "agency": draw(short_text()), "idea_name": draw(thai_text(1, 10)),
            "policy": draw(optional(thai_text(1, 12))),
            "innovation_type": draw(st.sampled_from(["policy", "service", "administrative"])),
            "problem_discovery": draw(optional(thai_text(1, 60))), "problem": draw(optional(thai_text(1, 60))),
            "approach": draw(optional(thai_text(1, 60))), "innovation": draw(optional(thai_text(1, 10))),
            "internal_partners": internal or None, "external_partners": external or None,
            "proposer_name": draw(optional(person())), "supervisor_name": draw(optional(person())),
            "head_name": draw(optional(person()))}


@st.composite
def form2(draw) -> dict:
    extended = draw(st.booleans())
    return {"agency": draw(short_text()), "idea_name": draw(thai_text(1, 10)),
            "project_name": draw(optional(thai_text(1, 12))), "policy": draw(optional(thai_text(1, 12))),
            "innovation_type": draw(st.sampled_from(["policy", "service", "administrative"])),
            "innovation": draw(optional(thai_text(1, 10))),
            "innovation_origin": "extended" if extended else "new",
            "extended_from": draw(short_text()) if extended else None,
            "extended_current": draw(optional(thai_text(1, 10))) if extended else None,
            "extended_what": draw(optional(thai_text(1, 10))) if extended else None,
            "selection_criteria": draw(optional(thai_text(1, 40))),
            "selection_process": draw(optional(thai_text(1, 40))), "head_name": draw(optional(person())),
            "signed_date": draw(optional(st.dates(min_value=__import__("datetime").date(2020, 1, 1),
                                                  max_value=__import__("datetime").date(2030, 12, 31))
                                         .map(lambda d: d.isoformat())))}


@st.composite
def form3(draw) -> dict:
    uses_budget = draw(st.booleans())
    partner = draw(optional(short_text()))
    return {"agency": draw(short_text()), "project_name": draw(thai_text(1, 12)),
            "innovation": draw(optional(thai_text(1, 10))), "policy": draw(optional(thai_text(1, 10))),
            "problem": draw(optional(thai_text(1, 25))), "impact": draw(optional(thai_text(1, 20))),
            "new_approach": draw(optional(thai_text(1, 25))), "expected_benefits": draw(optional(thai_text(1, 20))),
            "objectives": draw(optional(thai_text(1, 20))), "plan_creation": draw(optional(thai_text(1, 15))),
            "plan_deployment": draw(optional(thai_text(1, 15))),
            "plan_follow_up": draw(optional(thai_text(1, 15))), "tools": draw(optional(thai_text(1, 10))),
            "partner": partner, "partner_work": draw(thai_text(1, 10)) if partner else None,
            "agency_share_percent": draw(number(60, 100)) if partner else None,
            "uses_budget": uses_budget,
            "budget_source": draw(optional(short_text())) if uses_budget else None,
            "budget_amount_baht": draw(optional(number(1, 5_000_000))) if uses_budget else None,
            "no_budget_reason": None if uses_budget else draw(optional(thai_text(1, 10))),
            "target_users": draw(optional(thai_text(1, 10))), "affected_groups": draw(optional(thai_text(1, 10))),
            "plan": draw(optional(plan_fields()))}


@st.composite
def form4(draw) -> dict:
    risks = draw(st.lists(st.fixed_dictionaries({
        "risk": thai_text(1, 10), "likelihood": st.sampled_from(["1", "2", "3", "4", "5", "สูง", "ปานกลาง", "ต่ำ"]),
        "impact": st.sampled_from(["1", "2", "3", "4", "5", "สูง", "ปานกลาง", "ต่ำ"]),
        "level": st.sampled_from(["สูงมาก", "สูง", "ปานกลาง", "ต่ำ"]), "mitigation": thai_text(1, 15)}),
        min_size=1, max_size=6))
    def kpi(kind):
        return st.fixed_dictionaries({"name": thai_text(1, 10), "target": short_text(4), "kind": st.just(kind),
                                      "method": thai_text(1, 10), "period": short_text(4)})

    fields = {"project_name": draw(thai_text(1, 12)), "agency": draw(short_text()),
              "fiscal_year": draw(number(2560, 2580)), "survey_population": draw(optional(short_text())),
              "survey_count": draw(optional(number(1, 500)))}
    # The seed's 10.1 table: four rows, the second the satisfaction KPI whose method the form prints.
    satisfaction = {"name": SATISFACTION_KPI, "target": draw(short_text(4)), "kind": "outcome",
                    "method": SATISFACTION_METHOD.format(population=fields["survey_population"] or "",
                                                         count=_plain(fields["survey_count"])),
                    "period": draw(short_text(4))}
    kpis = [draw(kpi("output")), satisfaction, draw(kpi("outcome")), draw(kpi("outcome"))]
    # Form 4's table is the plan without its header line: the header is the form's own.
    fields["plan"] = {"agency": fields["agency"], "project_name": fields["project_name"], "innovation": None,
                      "policy": None, "fiscal_year": fields["fiscal_year"], "steps": draw(plan_steps())}
    return fields | {
        "problem": draw(optional(thai_text(1, 60))), "objectives": draw(optional(thai_text(1, 30))),
        "targets": draw(optional(thai_text(1, 30))), "project_nature": draw(optional(thai_text(1, 20))),
        "is_continuing": draw(optional(st.booleans())), "duration": draw(optional(short_text())),
        "approach": draw(optional(thai_text(1, 30))), "budget": draw(optional(thai_text(1, 15))), "risks": risks,
        "benefits": draw(optional(thai_text(1, 30))), "kpis": kpis,
        "evaluation": draw(optional(thai_text(1, 20))), "proposer_name": draw(optional(person())),
        "approver_name": draw(optional(person()))}


@st.composite
def certificate(draw) -> dict:
    share = draw(st.integers(60, 100))
    return {"agency": draw(short_text()), "project_name": draw(thai_text(1, 12)),
            "innovation": draw(optional(thai_text(1, 10))), "partner": draw(short_text()),
            "agency_share_percent": share, "agency_scope": draw(optional(thai_text(1, 25))),
            "partner_share_percent": 100 - share, "partner_scope": draw(optional(thai_text(1, 25))),
            "agency_rep_name": draw(optional(person())), "partner_rep_name": draw(optional(person()))}


@st.composite
def survey(draw) -> dict:
    questions = draw(st.lists(st.fixed_dictionaries({
        "text": thai_text(1, 15), "counts": st.lists(st.integers(0, 60), min_size=4, max_size=4)}),
        min_size=5, max_size=10))
    return {"agency": draw(short_text()), "project_name": draw(optional(thai_text(1, 12))),
            "respondents_group": draw(optional(short_text())), "questions": questions}


FIELDS = {"form1": form1, "form2": form2, "form3": form3, "plan": plan_fields, "form4": form4,
          "certificate": certificate, "survey": survey}


def records(kind: str):
    """Valid records of ``kind``, parsed as a data file's record is."""
    return FIELDS[kind]().map(lambda fields: Record.from_data({"kind": kind, "fields": fields}))
