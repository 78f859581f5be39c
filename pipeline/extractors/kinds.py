"""Per-kind field rules beyond the label-anchored reading: partners, the attached plan, budgets, Form 4 tables, survey."""

from __future__ import annotations

import re
from collections.abc import Callable

from rapidfuzz.fuzz import ratio

from pipeline.extractors.classify import title_lines
from pipeline.extractors.fields import Extraction, FieldReader
from pipeline.extractors.form4_tables import read_kpis, read_risks, survey_source
from pipeline.extractors.gantt import read_plan, unread_warnings
from pipeline.extractors.partners import read_partners
from pipeline.extractors.stream import DataTable, Stream
from pipeline.extractors.survey import mend_counts, read_questions
from pipeline.extractors.tables import GANTT, KPIS, RISKS, SURVEY
from pipeline.extractors.text import LINE_PREFIX, clean_value, compact, match_text
from pipeline.extractors.vocabulary import kind_words, loose, vocabulary
from pipeline.thai import parse_number

PLAN_HEAD_GAP = 3  # lines: head lines of one head stand this close (a value between หน่วยงาน and ชื่อโครงการ)
TITLE_LIKENESS = 70  # rapidfuzz ratio of a misread plan title to แผนการดำเนินการ
LEAST_BUDGET_BAHT = 100  # an amount below this beside a ticked no-budget case is a speck read as a digit
_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*\.?-?\s*บาท")
_AMOUNT_WORDS = re.compile(rf"\s*(?:{loose('จำนวนเงิน')}|{loose('จำนวน')}|{loose('เป็นเงิน')})?\s*[\d๐-๙][\d๐-๙,]*"
                           rf"(?:\.[\d๐-๙]+)?\s*\.?-?\s*{loose('บาท')}.*$", re.DOTALL)
_NEW = re.compile(loose("โครงการใหม่"))
_PARTNER_WORK = re.compile(loose("โดยดำเนินการ"))
_CONTINUING = re.compile(loose("ต่อเนื่อง"))


def _table(stream: Stream, kind: str) -> DataTable | None:
    found = stream.tables_of(kind)
    return found[0] if found else None


# --------------------------------------------------------------------------- form 1
def form1(stream: Stream, out: Extraction) -> None:
    reader = FieldReader("form1", stream, out)
    values = reader.read_all()
    for key, with_share in (("internal_partners", False), ("external_partners", True)):
        hits = reader.layout.hits_for(key)
        raw = reader.layout.raw(hits[0]) if hits else None
        items, warnings = read_partners(raw, with_share)
        reader.put(key, items, reader.layout.where_of(*reader.layout.region(hits[0])) if hits else None)
        out.warnings += warnings
    out.fields.update(values)


# --------------------------------------------------------------------------- form 2
def form2(stream: Stream, out: Extraction) -> None:
    reader = FieldReader("form2", stream, out)
    out.fields.update(reader.read_all())


# --------------------------------------------------------------------------- plan and form 3
def plan(stream: Stream, out: Extraction) -> None:
    out.fields.update(_plan(stream, out, prefix=""))


def _plan(stream: Stream, out: Extraction, prefix: str) -> dict:
    reader = FieldReader("plan", stream, out, prefix=prefix)
    values = reader.read_all()
    gantt = _table(stream, GANTT)
    values["steps"] = None
    if gantt is not None:
        table = read_plan(gantt.table)
        values["steps"] = table.steps or None
        reader.put("steps", values["steps"], table.where)
        out.warnings += unread_warnings(table, prefix)
        if table.fiscal_year is not None:
            reader.put("fiscal_year", table.fiscal_year, table.where)
            values["fiscal_year"] = table.fiscal_year
    return values


def form3(stream: Stream, out: Extraction) -> None:
    split = _plan_start(stream)
    own = stream.slice(0, split) if split is not None else stream
    attached = stream.slice(split, len(stream.lines)) if split is not None else None
    gantt = _table(stream, GANTT)
    titles = title_lines(stream, "form3")
    if gantt is not None and titles and gantt.line < titles[0]:  # the plan put in front of the form
        own, attached = stream.slice(titles[0], len(stream.lines)), stream.slice(0, titles[0])
    reader = FieldReader("form3", own, out)
    values = reader.read_all()
    _budget(reader, values)
    _partner_work(values)
    out.fields.update(values)
    if attached is None:
        out.fields["plan"] = None
        out.warnings.append("plan: no operating plan (แผนการดำเนินการ) is attached — ไม่พบแผนการดำเนินการแนบท้าย")
        return
    out.fields["plan"] = _plan(attached, out, prefix="plan.")
    out.provenance.setdefault("plan", attached.lines[0].where if attached.lines else "")


def _partner_work(values: dict) -> None:
    """The partner's line and the ``โดยดำเนินการ`` line under it, which a PDF joins when the first line ends
    near the cell's edge (nothing in the file tells that break from a Thai line wrap): split at the label."""
    partner = values.get("partner")
    if partner and not values.get("partner_work"):
        m = _PARTNER_WORK.search(partner)
        if m and partner[:m.start()].strip():
            values["partner"] = partner[:m.start()].strip()
            values["partner_work"] = clean_value(partner[m.end():])


def _plan_start(stream: Stream) -> int | None:
    """The first line of the attached plan: its title before the Gantt table, else its header lines."""
    gantt = _table(stream, GANTT)
    if gantt is None:
        return None
    header = re.compile(rf"{loose('หน่วยงาน')}|{loose('ชื่อโครงการ')}")
    title = re.compile(rf"{loose('แผนการดำเนินการ')}|{loose('แผนการดำเนินงาน')}")

    def at_start(pattern: re.Pattern[str], n: int) -> bool:
        text = match_text(stream.lines[n].text)
        m = pattern.search(text)
        return bool(m) and LINE_PREFIX.fullmatch(text[: m.start()]) is not None

    heads = [n for n in range(gantt.line) if at_start(header, n)]
    # Form 3's own row "แผนการดำเนินการ" (a cell of its layout table) is no title of the plan.
    titles = [n for n in range(gantt.line)
              if not stream.lines[n].cell and at_start(title, n) and len(compact(stream.lines[n].text)) <= 40]
    for n in reversed(titles):
        if any(n < h < gantt.line for h in heads):
            return n
    # No title read: the plan's head is the last run of head lines before the Gantt, if it is not Form 3's own.
    first = len(heads) - 1
    while first > 0 and heads[first] - heads[first - 1] <= PLAN_HEAD_GAP:
        first -= 1
    if first == 0:
        return gantt.line
    start = heads[first]
    above = compact(stream.lines[start - 1].text) if start > heads[first - 1] + 1 else ""
    if titles and titles[-1] > heads[first - 1]:
        return min(start, titles[-1])
    # A short line right above the head that is nearly the title (``แผนการดาในหนการ``) goes with the plan.
    near = above and len(above) <= 40 and ratio(above, compact(kind_words("plan")[0][0])) >= TITLE_LIKENESS
    return start - 1 if near else start


def _budget(reader: FieldReader, values: dict) -> None:
    """Form 3's budget: the ticked case, else the case whose blanks are filled; the amount in baht."""
    layout = reader.layout
    if values.get("budget_amount_baht") is None:
        hits = [h for h in layout.hits if h.anchor.option == "uses_budget" and h.anchor.value is True]
        hits += layout.hits_for("budget_source")
        for hit in hits:
            start, end = layout.region(hit)
            m = _AMOUNT.search(match_text(layout.stream.text[start:end]))
            if m:
                reader.put("budget_amount_baht", parse_number(m.group(1)), layout.stream.where(start + m.start()))
                values["budget_amount_baht"] = reader.values["budget_amount_baht"]
                break
    # The no-budget case ticked, a "sum" of a few baht is a speck of the empty blank's dots read as a digit (``จำนวนเงิน
    # ....\nฆ เ7 ม``, two Form 3 scans of the tuning half, sc15): no project is budgeted in single baht.
    amount = values.get("budget_amount_baht")
    if values.get("uses_budget") is False and isinstance(amount, (int, float)) and amount < LEAST_BUDGET_BAHT:
        values["budget_amount_baht"] = None
    source = values.get("budget_source")
    if source:
        trimmed = clean_value(_AMOUNT_WORDS.sub("", source))
        values["budget_source"] = trimmed
    choice = reader.choices.get("uses_budget")
    # No box read ticked (none drawn, none ticked, or a scan's tick read as a letter: ``ๆ ๒. กรณีไม่ใช้…``) or
    # several (in a photo an empty box's blurred stroke may read as a tick): the filled blanks tell the case, and
    # the warning that several are ticked stays.
    several = bool(choice and choice.several)
    if values.get("uses_budget") is None:
        spent = values.get("budget_source") is not None or values.get("budget_amount_baht") is not None
        reason = values.get("no_budget_reason") is not None
        if spent != reason:
            values["uses_budget"] = spent
        if spent != reason and not several:
            reader.out.warnings = [w for w in reader.out.warnings if not w.startswith("uses_budget:")]
            reader.out.warnings.append("uses_budget: no box is ticked; read from which blanks are filled — "
                                       "ไม่ได้ทำเครื่องหมาย จึงพิจารณาจากช่องที่กรอก")


# --------------------------------------------------------------------------- form 4
def form4(stream: Stream, out: Extraction) -> None:
    reader = FieldReader("form4", stream, out)
    values = reader.read_all()
    _continuing(reader, values)
    gantt = _table(stream, GANTT)
    if gantt is not None:
        table = read_plan(gantt.table)
        out.warnings += unread_warnings(table, "plan.")
        values["plan"] = {"agency": values.get("agency"), "project_name": values.get("project_name"),
                          "innovation": None, "policy": None,
                          "fiscal_year": table.fiscal_year or values.get("fiscal_year"),
                          "steps": table.steps or None}
        reader.put("plan", values["plan"], table.where)
        if values.get("fiscal_year") is None and table.fiscal_year is not None:
            reader.put("fiscal_year", table.fiscal_year, table.where)
    else:
        values["plan"] = None
    risks = _table(stream, RISKS)
    values["risks"] = (read_risks(risks.table) or None) if risks else None
    reader.put("risks", values["risks"], risks.table.where if risks else None)
    kpis = _table(stream, KPIS)
    fiscal_year = values.get("fiscal_year")
    values["kpis"] = (read_kpis(kpis.table, fiscal_year if isinstance(fiscal_year, int) else None) or None) if kpis else None
    reader.put("kpis", values["kpis"], kpis.table.where if kpis else None)
    _survey_source(reader, values, kpis)
    out.fields.update(values)


def _continuing(reader: FieldReader, values: dict) -> None:
    """New (false) or continuing (true): the ticked box, else the words of section 4."""
    choice = reader.choices.get("is_continuing")
    if choice is not None and choice.boxed:
        return
    reader.out.warnings[:] = [w for w in reader.out.warnings if not w.startswith("is_continuing:")]
    text = values.get("project_nature") or ""
    new, continuing = bool(_NEW.search(match_text(text))), bool(_CONTINUING.search(match_text(text)))
    if new != continuing:
        reader.put("is_continuing", continuing, reader.out.provenance.get("project_nature"))
    elif new and continuing:
        reader.warn("is_continuing: section 4 says both new and continuing — ระบุทั้งโครงการใหม่และโครงการต่อเนื่อง")
        reader.put("is_continuing", None, None)
    else:
        reader.put("is_continuing", None, None)
    values["is_continuing"] = reader.values["is_continuing"]


def _survey_source(reader: FieldReader, values: dict, kpis: DataTable | None) -> None:
    texts = [c.text for row in kpis.table.rows for c in row] if kpis else []
    texts.append(reader.stream.text)
    for text in texts:
        if "สำรวจจาก" in compact(text):
            population, count = survey_source(text)
            reader.put("survey_population", population, kpis.table.where if kpis else None)
            number = reader.parse_number("survey_count", count, integer=True)
            reader.put("survey_count", number, kpis.table.where if kpis else None)
            values["survey_population"], values["survey_count"] = population, number
            return


# --------------------------------------------------------------------------- certificate and survey
_SHARES = ("agency_share_percent", "partner_share_percent")


def _share_mended(values: dict) -> str | None:
    """The certificate's share OCR read with a speck's digit run on (``๓๕ 0`` as 350) put as 100 less the other
    share: only a share over 100 whose digits start with that, beside one that is a percent. Its key, or None."""
    shares = [values.get(key) for key in _SHARES]
    if not all(isinstance(share, int | float) for share in shares):
        return None
    for key, share, other in zip(_SHARES, shares, shares[::-1], strict=True):
        rest = 100 - other
        if share > 100 and 0 < rest <= 100 and str(int(share)).startswith(str(int(rest))):
            values[key] = int(rest) if float(rest).is_integer() else rest
            return key
    return None


def certificate(stream: Stream, out: Extraction) -> None:
    reader = FieldReader("certificate", stream, out)
    values = reader.read_all()
    if key := _share_mended(values):
        reader.warn(f"{key}: read as a number over 100 with a stray digit; it is put as 100 less the other share: "
                    f"check it by eye — อ่านสัดส่วนได้เกินร้อยละ 100 (มีตัวเลขเกินมา) จึงใช้ 100 ลบสัดส่วนอีกฝ่าย "
                    f"กรุณาตรวจสอบกับต้นฉบับ")
    for hit in reader.layout.hits:
        if hit.anchor.rest:
            text, where = reader.layout.rest_value(hit, reader.vocab)
            reader.put(hit.anchor.rest, text, where)
            values[hit.anchor.rest] = text
    out.fields.update(values)


def survey(stream: Stream, out: Extraction) -> None:
    reader = FieldReader("survey", stream, out)
    values = reader.read_all()
    # The tally, not a blank questionnaire printed with it: the survey table holding the most numbers.
    tables = stream.tables_of(SURVEY)
    table = max(tables, key=lambda t: sum(1 for row in t.table.rows for c in row
                                          if re.search(r"[\d๐-๙]", c.text)), default=None)
    averages: list[float | None] = []
    unread: list[set[int]] = []
    values["questions"] = (read_questions(table.table, averages, unread) or None) if table else None
    for n in mend_counts(values["questions"] or [], averages, unread):
        reader.warn(f"questions[{n}].counts: one count was misread; it is put right from the other questions' "
                    f"number of respondents and the average score the table prints: check it by eye — "
                    f"จำนวนผู้ตอบข้อนี้อ่านไม่ชัด จึงคำนวณจากจำนวนผู้ตอบข้ออื่นและค่าคะแนนเฉลี่ย กรุณาตรวจสอบกับต้นฉบับ")
    reader.put("questions", values["questions"], table.table.where if table else None)
    out.fields.update(values)


RULES: dict[str, Callable[[Stream, Extraction], None]] = {
    "form1": form1, "form2": form2, "form3": form3, "plan": plan, "form4": form4,
    "certificate": certificate, "survey": survey,
}


def read_kind(kind: str, stream: Stream) -> Extraction:
    """Every field of a kind read from a stream.

    A layout the special rules trip over still gives the fields the generic reading gets, with a warning
    naming the fault, rather than no record at all.
    """
    vocabulary(kind)
    out = Extraction(kind)
    try:
        RULES[kind](stream, out)
    except Exception as err:   # one odd file must not stop a batch
        out = Extraction(kind, warnings=[f"{kind}: the form's special parts could not be read ({err!r}); "
                                         f"only its labelled blanks were — อ่านได้เฉพาะช่องที่มีหัวข้อกำกับ"])
        out.fields.update(FieldReader(kind, stream, out).read_all())
    return out


__all__ = ["RULES", "read_kind"]
