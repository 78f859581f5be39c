"""Evidence: the one place scoring gets its inputs — records, page counts, committee score, evaluator's decisions."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pipeline import office, thai
from pipeline.errors import PipelineError, validation_messages
from pipeline.identity import UNKNOWN_AGENCY, agency_key, records_fiscal_year
from pipeline.records import Record
from pipeline.scoring.committee import CommitteeScore, RowProblem, read_csv_rows, read_sheet_rows, render_sheet

EVALUATION_FILE = "evaluation.yaml"
COMMITTEE_FILE = "committee.csv"
RECORD_SUFFIXES = (".json", ".yaml", ".yml")
_ACHIEVED = {"achieved", "บรรลุ", "ผ่าน", "true", "yes"}
_NOT_ACHIEVED = {"not achieved", "not_achieved", "ไม่บรรลุ", "ไม่ผ่าน", "false", "no"}
_STRICT = ConfigDict(extra="forbid")
_UNSAFE = re.compile(r"[\\/:*?\"<>|\x00-\x1f\s]+")


class EvidenceError(PipelineError):
    """An evidence folder or evaluation file that cannot be used."""


class Mark(BaseModel):
    """The evaluator's finding on a piece of supporting evidence (participation, selection process)."""

    model_config = _STRICT
    present: bool
    note: str | None = None


class Decision(BaseModel):
    """The evaluator's decision (the innovation was developed or not), with the note saying why."""

    model_config = _STRICT
    value: bool
    note: str | None = None


class KpiResult(BaseModel):
    """A measured result of an outcome KPI (3.1, 3.2): a number, or ``achieved`` / ``not achieved``."""

    model_config = _STRICT
    result: Decimal | Literal["achieved", "not achieved"]
    note: str | None = None
    target: str | None = Field(default=None, description="overrides Form 4's target text when it has no number")

    @field_validator("result", mode="before")
    @classmethod
    def _read(cls, value: Any) -> Any:
        if isinstance(value, bool):
            return "achieved" if value else "not achieved"
        if isinstance(value, str):
            word = thai.normalize(value).strip().lower()
            if word in _ACHIEVED:
                return "achieved"
            if word in _NOT_ACHIEVED:
                return "not achieved"
            number = thai.parse_number(word)  # ValueError → a validation error naming the value
            return None if number is None else Decimal(str(number))
        return Decimal(str(value)) if isinstance(value, (int, float)) else value


class Evaluation(BaseModel):
    """The evaluating office's decisions for one agency and year (evaluation.yaml)."""

    model_config = _STRICT
    agency: str
    fiscal_year: int | None = None
    agency_type: str | None = None
    participation: Mark | None = None
    selection: Mark | None = None
    developed: Decision | None = None
    outcomes: list[KpiResult] = Field(default_factory=list)
    pages: dict[str, int] = Field(default_factory=dict)


@dataclass
class Evidence:
    """Everything scoring reads for one agency and fiscal year."""

    agency: str
    fiscal_year: int | None
    records: list[Record] = field(default_factory=list)
    agency_type: str | None = None
    pages: dict[str, int | None] = field(default_factory=dict)
    committee: CommitteeScore | None = None
    evaluation: Evaluation | None = None
    problems: list[RowProblem] = field(default_factory=list)
    source: str = ""




# --------------------------------------------------------------------------- reading files
def read_evaluations(path: Path) -> list[Evaluation]:
    """The evaluator's decisions: ``evaluations: [{agency, fiscal_year, participation, …}, …]``."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise EvidenceError(f"cannot read the evaluation file: {exc}", "อ่านไฟล์ผลการพิจารณาของผู้ประเมินไม่ได้",
                            where=str(path)) from None
    items = data.get("evaluations") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise EvidenceError("the evaluation file must hold a list under `evaluations:`",
                            "ไฟล์ผลการพิจารณาต้องมีรายการภายใต้ evaluations:", where=str(path))
    out = []
    for number, item in enumerate(items, 1):
        try:
            out.append(Evaluation.model_validate(item))
        except ValidationError as exc:
            en, th = validation_messages(exc.errors())
            raise EvidenceError(f"evaluation {number} does not fit: {en}",
                                f"ผลการพิจารณารายการที่ {number} ไม่ถูกต้อง: {th}", where=str(path)) from None
    return out


@dataclass
class _Group:
    agency: str
    agency_type: str | None = None
    fiscal_year: int | None = None
    records: list[Record] = field(default_factory=list)


def _record(item: Any, where: str, default_source: str) -> Record:
    if not isinstance(item, dict):
        raise EvidenceError("a record must be a mapping {kind, fields}", "ข้อมูลเอกสารต้องอยู่ในรูป {kind, fields}",
                            where=where)
    record = Record.from_data(item, where=where)
    return record.model_copy(update={"source": item.get("source") or default_source})


def _read_record_file(path: Path) -> tuple[dict[str, Any], list[Record]]:
    """(header of a sample-year file or {}, records) of one JSON/YAML file."""
    text = path.read_text(encoding="utf-8")
    data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    if isinstance(data, dict) and isinstance(data.get("records"), list):
        header = {k: data.get(k) for k in ("agency", "agency_type", "fiscal_year")}
        items = data["records"]
    else:
        header, items = {}, data if isinstance(data, list) else [data]
    records = [_record(item, f"{path.name}, record {n}", path.name) for n, item in enumerate(items, 1)]
    return header, records




def _group_records(files: list[tuple[dict[str, Any], list[Record]]]) -> dict[str, _Group]:
    groups: dict[str, _Group] = {}
    loose: list[Record] = []
    for header, records in files:
        if header.get("agency"):
            group = groups.setdefault(agency_key(header["agency"]), _Group(header["agency"]))
            group.agency_type = header.get("agency_type") or group.agency_type
            group.fiscal_year = header.get("fiscal_year") or group.fiscal_year
            group.records += records
            continue
        for record in records:
            name = record.fields.get("agency")
            if name:
                groups.setdefault(agency_key(name), _Group(name)).records.append(record)
            else:
                loose.append(record)
    if loose:
        target = next(iter(groups.values())) if len(groups) == 1 else groups.setdefault(
            agency_key(UNKNOWN_AGENCY), _Group(UNKNOWN_AGENCY))
        target.records += loose
    return groups


def _pdf_pages(records: list[Record], folder: Path | None) -> dict[str, int | None]:
    """Pages of Form 3 (its own, the landscape plan not counted) and Form 4 read from their PDFs, when known."""
    pages: dict[str, int | None] = {}
    for record in records:
        if record.kind not in ("form3", "form4") or not record.source or not record.source.lower().endswith(".pdf"):
            continue
        path = Path(record.source) if folder is None else folder / record.source
        if path.is_file():
            pages[record.kind] = (office.count_portrait_lead_pages(path) if record.kind == "form3"
                                  else office.count_pages(path))
    return pages


def _matches(agency: str, year: int | None, other_agency: str | None, other_year: int | None) -> bool:
    return agency_key(agency) == agency_key(other_agency) and (year is None or other_year is None or year == other_year)


def _assemble(groups: dict[str, _Group], committee_rows: list[CommitteeScore | RowProblem],
              evaluations: list[Evaluation], folder: Path | None, source: str) -> list[Evidence]:
    for item in [*committee_rows, *evaluations]:  # an agency with a score or decision but no document yet
        name = item.agency
        if name and agency_key(name) not in groups:
            groups[agency_key(name)] = _Group(name, fiscal_year=getattr(item, "fiscal_year", None))
    out = []
    for group in groups.values():
        year = group.fiscal_year or records_fiscal_year(group.records)
        scores = [r for r in committee_rows if isinstance(r, CommitteeScore)
                  and _matches(group.agency, year, r.agency, r.fiscal_year)]
        problems = [r for r in committee_rows if isinstance(r, RowProblem)
                    and (r.agency is None or agency_key(r.agency) == agency_key(group.agency))]
        if len(scores) > 1:
            problems.append(RowProblem(group.agency, scores[-1].source or COMMITTEE_FILE,
                                       f"{len(scores)} committee scores for this agency; the last is used",
                                       f"มีคะแนนคณะกรรมการ {len(scores)} รายการ ใช้รายการสุดท้าย"))
        evaluation = next((e for e in reversed(evaluations) if _matches(group.agency, year, e.agency, e.fiscal_year)),
                          None)
        pages = {**_pdf_pages(group.records, folder), **(evaluation.pages if evaluation else {})}
        agency_type = group.agency_type or (evaluation.agency_type if evaluation else None)
        out.append(Evidence(group.agency, year, group.records, agency_type, pages, scores[-1] if scores else None,
                            evaluation, problems, source))
    return out


def _committee_rows(folder: Path) -> list[CommitteeScore | RowProblem]:
    rows: list[CommitteeScore | RowProblem] = []
    if (folder / COMMITTEE_FILE).is_file():
        rows += read_csv_rows(folder / COMMITTEE_FILE)
    for sheet in sorted(folder.glob("committee*.docx")):
        rows += read_sheet_rows(sheet)
    return rows


def load_folder(folder: Path) -> list[Evidence]:
    """The evidence in a folder: records (*.json / *.yaml in the extract shape, or sample-year files),
    ``committee.csv`` and ``committee*.docx`` sheets, and ``evaluation.yaml``. A file that cannot be read is a
    problem reported on every agency's card; the others are still used."""
    folder = Path(folder)
    if not folder.is_dir():
        raise EvidenceError(f"the evidence folder does not exist: {folder}", f"ไม่พบโฟลเดอร์หลักฐาน: {folder}")
    files, unread = [], []
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in RECORD_SUFFIXES):
        if path.name == EVALUATION_FILE:
            continue
        try:
            files.append(_read_record_file(path))
        except (PipelineError, OSError, json.JSONDecodeError, yaml.YAMLError) as exc:
            unread.append(RowProblem(None, path.name, f"the file cannot be used: {exc}", "ใช้ไฟล์นี้ไม่ได้",
                                     kind="evidence"))
    evaluations = read_evaluations(folder / EVALUATION_FILE) if (folder / EVALUATION_FILE).is_file() else []
    evidence = _assemble(_group_records(files), _committee_rows(folder), evaluations, folder, str(folder))
    for item in evidence:
        item.problems += unread
    return evidence


def sample_scoring_dir():
    """The embedded sample year's committee scores and evaluator's decisions."""
    return resources.files("pipeline").joinpath("data/samples/scoring")


def sample_evidence() -> list[Evidence]:
    """The embedded sample year: the sample agencies' records, with a committee CSV and an evaluation file."""
    from pipeline.samples import sample_agencies

    groups = {agency_key(a["agency"]): _Group(a["agency"], a.get("agency_type"), a.get("fiscal_year"),
                                              list(a["records"])) for a in sample_agencies()}
    folder = Path(str(sample_scoring_dir()))
    evaluations = read_evaluations(folder / EVALUATION_FILE) if (folder / EVALUATION_FILE).is_file() else []
    return _assemble(groups, _committee_rows(folder), evaluations, None, "embedded sample year")


def select(evidence: list[Evidence], agency: str | None) -> list[Evidence]:
    """The evidence of one agency (its exact name, or a part of it: ``บางกะปิ``), or all of it."""
    if agency is None:
        return evidence
    exact = [e for e in evidence if agency_key(e.agency) == agency_key(agency)]
    found = exact or [e for e in evidence if agency_key(agency) in agency_key(e.agency)]
    if not found:
        names = ", ".join(e.agency for e in evidence) or "none"
        raise EvidenceError(f"no evidence for agency {agency!r}; the agencies are: {names}",
                            f"ไม่พบหลักฐานของหน่วยงาน {agency} หน่วยงานที่มี: {names}")
    return found


def project_name(evidence: Evidence) -> str | None:
    """The project's name as the agency's Form 4, Form 3 or Form 2 gives it."""
    for kind in ("form4", "form3", "form2"):
        for record in evidence.records:
            if record.kind == kind and record.fields.get("project_name"):
                return record.fields["project_name"]
    return None


def make_committee_sheets(out_dir: Path, evidence: list[Evidence], *, agency: str | None = None,
                          project: str | None = None, fiscal_year: int | None = None) -> list[Path]:
    """A blank committee sheet per agency of the evidence (or for ``agency``), its project name filled in."""
    out_dir = Path(out_dir)
    try:
        chosen = select(evidence, agency)
    except EvidenceError:
        if agency is None:
            raise
        chosen = [Evidence(agency, fiscal_year)]  # an agency not in the evidence: the sheet is still made
    paths = []
    for item in chosen:
        name = f"committee-{_UNSAFE.sub('_', item.agency).strip('_.') or 'agency'}.docx"
        paths.append(render_sheet(out_dir / name, agency=item.agency, project_name=project or project_name(item),
                                  fiscal_year=fiscal_year or item.fiscal_year))
    return paths


__all__ = ["Decision", "Evaluation", "Evidence", "EvidenceError", "KpiResult", "Mark",
           "load_folder", "make_committee_sheets", "sample_evidence", "select"]
