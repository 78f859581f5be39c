"""Committee score sheets (part 2): the DOCX sheet filled and read back, CSV import/export, range checks."""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import jinja2
from docxtpl import DocxTemplate
from pydantic import BaseModel

from pipeline import thai
from pipeline.cells import csv_text, from_csv
from pipeline.errors import PipelineError, TemplateError
from pipeline.generate.render import TEMPLATES_DIR, fill
from pipeline.identity import agency_key
from pipeline.scoring.rules import Points, Rules, rules_for

SHEET_TEMPLATE = TEMPLATES_DIR / "committee.docx"
# The sheet's labels (scripts/build_committee_template.py writes them): label → key.
HEADER_LABELS = {"หน่วยงาน": "agency", "ชื่อโครงการ": "project_name", "ปีงบประมาณ": "fiscal_year",
                 "ข้อเสนอแนะ": "note", "ลงชื่อ": "committee_name", "วันที่": "signed_date"}
TOTAL_LABEL = "รวม"
POINT_PLACES = Decimal("0.01")
_LEADER = re.compile(r"\.{2,}|…+|_{2,}")


class CommitteeScoreError(PipelineError):
    """A committee score that cannot be used: blank, not a number, or outside the item's range."""


class CommitteeScore(BaseModel):
    """The committee's points for one agency's project, item by item (``plan``, ``creativity``, ``benefit``)."""

    agency: str
    fiscal_year: int | None = None
    project_name: str | None = None
    points: dict[str, Points]
    committee_name: str | None = None
    signed_date: dt.date | None = None
    note: str | None = None
    source: str | None = None

    @property
    def total(self) -> Decimal:
        return sum(self.points.values(), Decimal(0))


@dataclass(frozen=True)
class RowProblem:
    """A committee row or sheet that could not be used, and for which agency (when known)."""

    agency: str | None
    where: str
    message_en: str
    message_th: str
    kind: str = "committee"  # the kind of document it came from: "committee", or "evidence" for another file


def csv_columns(rules: Rules) -> list[str]:
    """The CSV header: agency, fiscal_year, project_name, <item>_points …, committee_name, signed_date, note."""
    return ["agency", "fiscal_year", "project_name", *[f"{i.id}_points" for i in rules.committee_items()],
            "committee_name", "signed_date", "note"]


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = _LEADER.sub(" ", thai.normalize(str(value))).strip()
    return text or None


def _number(value: Any) -> Decimal | None:
    text = _clean(value)
    if text is None:
        return None
    number = thai.parse_number(text)  # ValueError when no number is written
    return None if number is None else Decimal(str(number))


def score_from_values(values: dict[str, Any], where: str) -> CommitteeScore:
    """A checked CommitteeScore from a row's values; every problem of the row in one error."""
    problems: list[tuple[str, str]] = []
    agency = _clean(values.get("agency"))
    if agency is None:
        problems.append(("the agency is blank", "ไม่ได้ระบุหน่วยงาน"))
    try:
        year_number = _number(values.get("fiscal_year"))
        year = None if year_number is None else int(year_number)
    except ValueError:
        year = None
        problems.append((f"fiscal_year {values.get('fiscal_year')!r} is not a year", "ปีงบประมาณไม่ถูกต้อง"))
    rules = rules_for(year)
    points: dict[str, Decimal] = {}
    for item in rules.committee_items():
        raw = values.get(f"{item.id}_points")
        try:
            number = _number(raw)
        except ValueError:
            problems.append((f"{item.id}_points {raw!r} is not a number", f"คะแนน{item.th} \"{raw}\" ไม่ใช่ตัวเลข"))
            continue
        if number is None:
            problems.append((f"{item.id}_points is blank", f"ไม่ได้ให้คะแนน{item.th}"))
        elif not Decimal(0) <= number <= item.points:
            problems.append((f"{item.id}_points {number} is outside 0–{item.points}",
                             f"คะแนน{item.th} {number} อยู่นอกช่วง 0–{item.points}"))
        elif number != number.quantize(POINT_PLACES):
            problems.append((f"{item.id}_points {number} has more than 2 decimals",
                             f"คะแนน{item.th} {number} มีทศนิยมเกิน 2 ตำแหน่ง"))
        else:
            points[item.id] = number
    try:
        signed = thai.parse_date(_clean(values.get("signed_date")))
    except ValueError:
        signed = None
        problems.append((f"signed_date {values.get('signed_date')!r} is not a date", "วันที่ไม่ถูกต้อง"))
    if problems:
        raise CommitteeScoreError("; ".join(en for en, _ in problems), "; ".join(th for _, th in problems),
                                  where=f"{where}{f' ({agency})' if agency else ''}")
    return CommitteeScore(agency=agency or "", fiscal_year=year, project_name=_clean(values.get("project_name")),
                          points=points, committee_name=_clean(values.get("committee_name")), signed_date=signed,
                          note=_clean(values.get("note")), source=where)


# --------------------------------------------------------------------------- CSV
def read_csv_rows(path: Path) -> list[CommitteeScore | RowProblem]:
    """Every row of a committee CSV: a CommitteeScore, or a RowProblem saying what is wrong with it."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:  # Excel writes a BOM
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        return [RowProblem(None, str(path), f"cannot read the committee CSV: {exc}", "อ่านไฟล์คะแนนคณะกรรมการไม่ได้")]
    out: list[CommitteeScore | RowProblem] = []
    for line, row in enumerate(rows, 2):
        where = f"{path.name}, line {line}"
        if None in row:
            out.append(RowProblem(_clean(row.get("agency")), where, "the row has more cells than the header",
                                  "แถวนี้มีจำนวนช่องมากกว่าหัวตาราง"))
            continue
        try:
            out.append(score_from_values({k: from_csv(v) for k, v in row.items()}, where))
        except CommitteeScoreError as exc:
            out.append(RowProblem(_clean(row.get("agency")), where, exc.message_en, exc.message_th or ""))
    return out


def _raise_problems(problems: list[RowProblem]) -> None:
    if problems:
        raise CommitteeScoreError("; ".join(f"{p.where}: {p.message_en}" for p in problems),
                                  "; ".join(f"{p.where}: {p.message_th}" for p in problems))


def read_csv(path: Path) -> list[CommitteeScore]:
    """The scores of a committee CSV; any bad row is an error listing every bad row."""
    rows = read_csv_rows(path)
    _raise_problems([r for r in rows if isinstance(r, RowProblem)])
    return [r for r in rows if isinstance(r, CommitteeScore)]


def _row(score: CommitteeScore) -> dict[str, Any]:
    row: dict[str, Any] = {"agency": score.agency, "fiscal_year": score.fiscal_year or "",
                           "project_name": score.project_name or "", "committee_name": score.committee_name or "",
                           "signed_date": score.signed_date.isoformat() if score.signed_date else "",
                           "note": score.note or ""}
    row.update({f"{k}_points": f"{v.normalize():f}" for k, v in score.points.items()})
    return row


def write_csv(scores: list[CommitteeScore], path: Path) -> Path:
    """Write scores to a CSV, keeping its other rows: a score replaces the row of the same agency and year."""
    path = Path(path)
    kept = read_csv(path) if path.is_file() else []
    fresh = {(_key(s.agency), s.fiscal_year) for s in scores}
    merged = [s for s in kept if (_key(s.agency), s.fiscal_year) not in fresh] + scores
    columns = csv_columns(rules_for(merged[0].fiscal_year if merged else None))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows({k: csv_text(v) for k, v in _row(s).items()} for s in merged)
    return path


def _key(agency: str) -> str:
    return agency_key(agency)


# --------------------------------------------------------------------------- the DOCX sheet
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters["fill"] = fill
    return env


def _points_text(value: Decimal | None) -> str | None:
    return None if value is None else thai.format_number(float(value))


def sheet_context(rules: Rules, agency: str | None, project_name: str | None, fiscal_year: int | None,
                  score: CommitteeScore | None = None) -> dict[str, Any]:
    """What fills the sheet: the header, one row per committee item with its criteria, and any points given."""
    items = [{"no": n, "th": item.th, "criteria": "\a".join(f"- {c}" for c in item.criteria),
              "max": _points_text(item.points), "points": _points_text(score.points.get(item.id)) if score else None}
             for n, item in enumerate(rules.committee_items(), 1)]
    possible = sum((i.points for i in rules.committee_items()), Decimal(0))
    return {"agency": agency, "project_name": project_name, "fiscal_year": fiscal_year,
            "kpi_code": rules.kpi_code, "kpi_title": rules.title_th, "items": items,
            "possible": _points_text(possible), "total": _points_text(score.total) if score else None,
            "committee_name": score.committee_name if score else None,
            "signed_date": thai.format_date(score.signed_date) if score and score.signed_date else None,
            "note": score.note if score else None}


def render_sheet(out_path: Path, *, agency: str | None, project_name: str | None = None,
                 fiscal_year: int | None = None, score: CommitteeScore | None = None) -> Path:
    """Fill the committee sheet template for one agency's project (blank points, or ``score``'s) into DOCX."""
    if not SHEET_TEMPLATE.is_file():
        raise TemplateError(f"the committee sheet template is missing: {SHEET_TEMPLATE} "
                            "(run scripts/build_committee_template.py)",
                            f"ไม่พบแม่แบบแบบให้คะแนนของคณะกรรมการ: {SHEET_TEMPLATE}")
    rules = rules_for(fiscal_year)
    template = DocxTemplate(str(SHEET_TEMPLATE))
    try:
        template.render(sheet_context(rules, agency, project_name, fiscal_year or rules.fiscal_year, score),
                        _environment(), autoescape=True)
    except jinja2.TemplateError as exc:
        raise TemplateError(f"the committee sheet cannot be filled: {exc}", f"กรอกแบบให้คะแนนไม่ได้: {exc}") from exc
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    template.save(str(out_path))
    return out_path


def _cells(row) -> list[str]:
    texts: list[str] = []
    seen = set()
    for cell in row.cells:  # a merged cell comes back once per grid column
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            texts.append(cell.text)
    return texts


def _squash(text: str) -> str:
    return "".join(thai.normalize(text).split())


def sheet_values(path: Path) -> dict[str, Any]:
    """The values written on a committee sheet: header, footer, each item's points and the total, by key."""
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a file that is not a DOCX
        raise CommitteeScoreError(f"cannot open the committee sheet: {exc}", "เปิดแบบให้คะแนนของคณะกรรมการไม่ได้",
                                  where=str(path)) from None
    rows = [_cells(row) for table in document.tables for row in table.rows]
    values: dict[str, Any] = {}
    for cells in rows:
        label = _squash(cells[0]) if cells else ""
        key = next((k for lab, k in HEADER_LABELS.items() if label.startswith(_squash(lab))), None)
        if key and len(cells) >= 2 and key not in values:
            values[key] = cells[-1]
    rules = rules_for(_safe_year(values.get("fiscal_year")))
    for cells in rows:
        label = _squash(cells[0]) if cells else ""
        for item in rules.committee_items():
            if _squash(item.th) in label and len(cells) >= 3:
                values[f"{item.id}_points"] = cells[-1]
        if label == TOTAL_LABEL and len(cells) >= 3:
            values["total"] = cells[-1]
    return values


def _safe_year(value: Any) -> int | None:
    try:
        number = _number(value)
    except ValueError:
        return None
    return None if number is None else int(number)


def read_docx(path: Path) -> CommitteeScore:
    """The committee's score from a filled sheet; blank, non-numeric or out-of-range points are an error, and
    so is a written total that is not the sum of the items."""
    path = Path(path)
    values = sheet_values(path)
    score = score_from_values(values, path.name)
    try:
        written = _number(values.get("total"))
    except ValueError:
        written = None
    if written is not None and written != score.total:
        raise CommitteeScoreError(f"the total written ({written}) is not the sum of the items ({score.total})",
                                  f"คะแนนรวมที่เขียน ({written}) ไม่เท่ากับผลรวมรายประเด็น ({score.total})",
                                  where=f"{path.name} ({score.agency})")
    return score


def read_sheet_rows(path: Path) -> list[CommitteeScore | RowProblem]:
    """A committee DOCX as rows (one score, or the problem), like ``read_csv_rows``."""
    try:
        return [read_docx(path)]
    except CommitteeScoreError as exc:
        agency = None
        try:
            agency = _clean(sheet_values(Path(path)).get("agency"))
        except CommitteeScoreError:
            pass
        return [RowProblem(agency, Path(path).name, exc.message_en, exc.message_th or "")]


def import_files(paths: list[Path], out: Path | None = None) -> list[CommitteeScore]:
    """Read committee CSVs and DOCX sheets (all checked, every bad row named in one error); with ``out``, merge
    them into that committee CSV."""
    rows: list[CommitteeScore | RowProblem] = []
    for path in paths:
        path = Path(path)
        rows += read_sheet_rows(path) if path.suffix.lower() == ".docx" else read_csv_rows(path)
    _raise_problems([r for r in rows if isinstance(r, RowProblem)])
    scores = [r for r in rows if isinstance(r, CommitteeScore)]
    if out is not None:
        write_csv(scores, out)
    return scores
