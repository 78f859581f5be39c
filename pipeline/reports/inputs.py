"""Report inputs: an agency's evidence, score card, documents received (with dates) and its own notes per quarter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pipeline import thai
from pipeline.errors import PipelineError, validation_messages
from pipeline.forms import all_forms
from pipeline.identity import agency_key
from pipeline.records import Record
from pipeline.scoring import sources
from pipeline.scoring.evidence import Evidence, select
from pipeline.scoring.rules import Rules, rules_for
from pipeline.scoring.score import ScoreCard, score_agency
from pipeline.scoring.sources import Received

_STRICT = ConfigDict(extra="forbid")
QUARTERS = (1, 2, 3, 4)


class ReportInputError(PipelineError):
    """A notes file, or a choice of agency / year / quarter, that the reports cannot use."""


# --------------------------------------------------------------------------- documents received
class ReceivedDocument(BaseModel):
    """One document the evaluating office received from the agency, and when."""

    kind: str
    title: str
    received_at: dt.datetime
    source_name: str = ""
    record: Record | None = Field(default=None, description="the record read from it, when there is one")


# --------------------------------------------------------------------------- the agency's own notes
def _paragraphs(value: Any) -> Any:
    """Text or a list of texts → a list of paragraphs (blank lines dropped)."""
    if value is None:
        return None
    if isinstance(value, str):
        return [line.strip() for line in value.splitlines() if line.strip()]
    return value


class Signer(BaseModel):
    """Who signs the quarterly report (ผู้รับผิดชอบโครงการ)."""

    model_config = _STRICT
    name: str | None = None
    position: str | None = None
    date: dt.date | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _thai_date(cls, value: Any) -> Any:
        return thai.parse_date(value) if isinstance(value, str) else value


class QuarterNote(BaseModel):
    """An agency's own narrative for one quarter; every part given here replaces the draft."""

    model_config = _STRICT
    progress: list[str] | None = None
    summary: list[str] | None = Field(default=None, description="6.5, the year-end summary (quarter 4)")
    supporting_factors: list[str] | None = None
    obstacles: list[str] | None = None
    evidence: list[str] | None = Field(default=None, description="added after the documents received")
    signer: Signer | None = None

    _split = field_validator("progress", "summary", "supporting_factors", "obstacles", "evidence",
                             mode="before")(_paragraphs)


class AgencyNotes(BaseModel):
    """One agency's notes: ``quarters: {1: {progress, supporting_factors, obstacles, evidence, signer}, …}``."""

    model_config = _STRICT
    agency: str
    fiscal_year: int | None = None
    strategy: list[str] | None = Field(default=None, description="the 20-year development plan block "
                                       "(ประเด็นยุทธศาสตร์, เป้าประสงค์) the agency's project serves; "
                                       "replaces the rules file's")
    quarters: dict[int, QuarterNote] = Field(default_factory=dict)

    _split = field_validator("strategy", mode="before")(_paragraphs)

    @field_validator("quarters")
    @classmethod
    def _quarters(cls, value: dict[int, QuarterNote]) -> dict[int, QuarterNote]:
        wrong = [q for q in value if q not in QUARTERS]
        if wrong:
            raise ValueError(f"quarter {wrong[0]} is not 1–4 (ไตรมาสต้องเป็น 1–4)")
        return value

    def quarter(self, number: int) -> QuarterNote | None:
        return self.quarters.get(number)


# Thai wording particular to the notes file (the rest is errors.validation_messages's).
_THAI_NOTES = {
    "extra_forbidden": "ไม่รู้จักหัวข้อนี้ (หัวข้อที่ใช้ได้: agency, fiscal_year, strategy, quarters; ในแต่ละไตรมาส "
                       "progress, summary, supporting_factors, obstacles, evidence, signer: name, position, date)",
}


def parse_notes(data: Any, where: str = "notes") -> list[AgencyNotes]:
    """Notes from parsed YAML: one agency's mapping, a list of them, or ``{agencies: [...]}``."""
    items = data.get("agencies") if isinstance(data, dict) and "agencies" in data else data
    items = [items] if isinstance(items, dict) else items
    if not isinstance(items, list):
        raise ReportInputError("a notes file holds one agency's notes or a list of them (agencies:)",
                               "ไฟล์บันทึกต้องมีข้อมูลของหน่วยงานเดียว หรือรายการภายใต้ agencies:", where=where)
    out = []
    for number, item in enumerate(items, 1):
        try:
            out.append(AgencyNotes.model_validate(item))
        except ValidationError as exc:
            en, th = validation_messages(exc.errors(), thai=_THAI_NOTES)
            raise ReportInputError(f"the notes of agency {number} do not fit: {en}",
                                   f"บันทึกของหน่วยงานรายการที่ {number} ไม่ถูกต้อง: {th}", where=where) from None
        except ValueError as exc:  # a date pydantic could not read raises from thai.parse_date
            raise ReportInputError(f"the notes of agency {number} do not fit: {exc}",
                                   f"บันทึกของหน่วยงานรายการที่ {number} ไม่ถูกต้อง: {exc}", where=where) from None
    return out


def load_notes(path: Path) -> list[AgencyNotes]:
    """The agencies' notes from a YAML file; every problem named with its place, in English and Thai."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ReportInputError(f"cannot read the notes file: {exc}", "อ่านไฟล์บันทึกของหน่วยงานไม่ได้",
                               where=str(path)) from None
    return parse_notes(data, where=str(path))


def notes_for(notes: Sequence[AgencyNotes], agency: str, fiscal_year: int | None) -> AgencyNotes | None:
    """The notes of one agency (and year, when both say one)."""
    for item in notes:
        if agency_key(item.agency) == agency_key(agency) and (
                item.fiscal_year is None or fiscal_year is None or item.fiscal_year == fiscal_year):
            return item
    return None


# --------------------------------------------------------------------------- the input of one agency's reports
@dataclass
class ReportInput:
    """Everything the reports of one agency read."""

    evidence: Evidence
    card: ScoreCard
    received: list[ReceivedDocument] = field(default_factory=list)
    notes: AgencyNotes | None = None

    @property
    def agency(self) -> str:
        return self.evidence.agency

    @property
    def fiscal_year(self) -> int:
        return self.evidence.fiscal_year or self.card.rules_year

    @property
    def rules(self) -> Rules:
        return rules_for(self.card.rules_year)

    def received_by(self, day: dt.date) -> list[ReceivedDocument]:
        """The documents received on or before ``day``, in the order they came."""
        return sorted((d for d in self.received if d.received_at.date() <= day), key=lambda d: d.received_at)


def quarter_bounds(fiscal_year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First and last day of a quarter of a BE fiscal year (quarter 1 = ต.ค.–ธ.ค.)."""
    if quarter not in QUARTERS:
        raise ReportInputError(f"quarter {quarter} is not 1–4", f"ไตรมาส {quarter} ไม่ถูกต้อง ต้องเป็น 1–4")
    first = thai.FISCAL_MONTHS[(quarter - 1) * 3]
    last = thai.FISCAL_MONTHS[quarter * 3 - 1]
    begin = dt.date(thai.fiscal_month_year(fiscal_year, first), first, 1)
    end_month_year = thai.fiscal_month_year(fiscal_year, last)
    following = dt.date(end_month_year + (last == 12), last % 12 + 1, 1)
    return begin, following - dt.timedelta(days=1)


def quarter_of(day: dt.date) -> int:
    """The fiscal quarter (1–4) a date falls in."""
    return thai.fiscal_quarter(day.month)


# --------------------------------------------------------------------------- received dates of the sample year
def document_title(record: Record) -> str:
    """A document's name as the evidence list prints it: the form's title, its number and what it is about."""
    spec = all_forms()[record.kind]
    name = f"{spec.title} (แบบฟอร์ม {spec.form_number})" if spec.form_number else spec.title
    about = record.fields.get("idea_name") or record.fields.get("project_name")
    return f"{name} เรื่อง {about}" if about and record.kind in ("form1", "form2") else name


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 10, 0)


def _plan_last_month(records: list[Record], fiscal_year: int) -> dt.date | None:
    """The 15th of the last month of the plan's follow-up phase: when the survey's results come in."""
    for record in records:
        plan = record.fields.get("plan") if record.kind in ("form3", "form4") else record.fields
        steps = (plan or {}).get("steps") if record.kind in ("form3", "form4", "plan") else None
        months = [m for s in steps or [] if s.get("phase") == "follow_up" for m in s.get("months") or []]
        if months:
            last = max(months, key=thai.FISCAL_MONTHS.index)
            return dt.date(thai.fiscal_month_year(fiscal_year, last), last, 15)
    return None


def synthesized_received(evidence: Evidence, fiscal_year: int) -> list[ReceivedDocument]:
    """Received dates for records that carry none, from the records' own dates and the year's schedule.

    Form 2 is received on its signing date; the Form 1 ideas a week before it; Form 3, Form 4, the plan and the
    certificate two weeks before the committee met (or three weeks after Form 2); the survey in the last month
    of the plan's follow-up phase (or mid-September). Without any date, the quarters' usual deadlines are used.
    """
    start, end = thai.fiscal_year_bounds(fiscal_year)
    form2_day = next((thai.parse_date(r.fields.get("signed_date")) for r in evidence.records
                      if r.kind == "form2" and r.fields.get("signed_date")), None)
    form2_day = form2_day or dt.date(start.year, 11, 30)
    committee_day = evidence.committee.signed_date if evidence.committee else None
    project_day = committee_day - dt.timedelta(days=14) if committee_day else form2_day + dt.timedelta(days=21)
    survey_day = _plan_last_month(evidence.records, fiscal_year) or dt.date(end.year, 9, 15)
    days = {"form1": form2_day - dt.timedelta(days=7), "form2": form2_day, "form3": project_day,
            "form4": project_day, "plan": project_day, "certificate": project_day, "survey": survey_day}
    out = []
    for record in evidence.records:
        day = days.get(record.kind, end)
        source = record.source or ""
        out.append(ReceivedDocument(kind=record.kind, title=document_title(record), received_at=_at(day),
                                    source_name=source, record=record))
    return sorted(out, key=lambda d: d.received_at)


def _of_year(evidence: list[Evidence], fiscal_year: int | None) -> list[Evidence]:
    if fiscal_year is None:
        return evidence
    chosen = [e for e in evidence if e.fiscal_year in (None, fiscal_year)]
    if not chosen:
        years = ", ".join(sorted({str(e.fiscal_year) for e in evidence})) or "none"
        raise ReportInputError(f"no evidence of fiscal year {fiscal_year}; the evidence is of {years}",
                               f"ไม่มีหลักฐานของปีงบประมาณ {fiscal_year} มีเฉพาะปี {years}")
    return chosen


def stored_received(received: Sequence[Received]) -> list[ReceivedDocument]:
    """The store's documents with the day and time each came in, on Bangkok's clock."""
    out = [ReceivedDocument(kind=item.record.kind, title=document_title(item.record),
                            received_at=_bangkok(item.received_at), source_name=item.source_name,
                            record=item.record) for item in received]
    return sorted(out, key=lambda d: d.received_at)


def _bangkok(moment: dt.datetime) -> dt.datetime:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(thai.BANGKOK).replace(tzinfo=None)


def report_inputs(evidence: list[Evidence], *, agency: str | None = None, fiscal_year: int | None = None,
                  notes: Sequence[AgencyNotes] = (),
                  received: dict[tuple[str, int | None], list[Received]] | None = None) -> list[ReportInput]:
    """The report input of each agency of the evidence (or one), scored.

    ``received`` (from the store) gives when each document came; without it, dates are synthesized from the
    records' own dates.
    """
    out = []
    for item in select(_of_year(evidence, fiscal_year), agency):
        year = fiscal_year or item.fiscal_year or rules_for(None).fiscal_year
        card = score_agency(item, rules_for(year))
        came = (received or {}).get((agency_key(item.agency), item.fiscal_year))
        documents = stored_received(came) if came is not None else synthesized_received(item, year)
        out.append(ReportInput(item, card, documents, notes_for(notes, item.agency, year)))
    return out


def sample_report_inputs(*, agency: str | None = None, fiscal_year: int | None = None,
                         notes: Sequence[AgencyNotes] = ()) -> list[ReportInput]:
    """The embedded sample year's agencies as report inputs."""
    return report_inputs(sources.load_evidence(sources.SAMPLE), agency=agency, fiscal_year=fiscal_year, notes=notes)


def load_report_inputs(source: sources.Source | None = None, *, agency: str | None = None,
                       fiscal_year: int | None = None, notes_file: Path | None = None) -> list[ReportInput]:
    """Report inputs of a source (the store by default; a folder; the sample year), with the agencies' notes."""
    source = source or sources.Source()
    notes = load_notes(notes_file) if notes_file else []
    evidence, received = sources.evidence_and_received(source, fiscal_year)
    return report_inputs(evidence, agency=agency, fiscal_year=fiscal_year, notes=notes, received=received)
