"""Rendering a record into its Word template with docxtpl: the template context, filters and escaping."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from markupsafe import Markup

from pipeline import tally, thai
from pipeline.errors import TemplateError
from pipeline.forms import FieldSpec, form, phase_headings
from pipeline.records import Record, empty_fields

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates_docx"
LEADER = "."
CHECKED, UNCHECKED = "☑", "☐"


def template_path(kind: str, templates_dir: Path | None = None) -> Path:
    """Where a kind's Word template lives: ``templates_docx/<kind>.docx``."""
    form(kind)  # a clear error for an unknown kind
    path = (templates_dir or TEMPLATES_DIR) / f"{kind}.docx"
    if not path.is_file():
        raise TemplateError(f"the Word template for {kind} is missing: {path}",
                            f"ไม่พบแม่แบบ Word ของ {kind}: {path}")
    return path


# --------------------------------------------------------------------------- template filters and globals
def fill(value: Any, width: int = 20) -> Any:
    """The value, or a dotted leader of ``width`` dots where the form is blank: ``{{ agency|fill(40) }}``."""
    if value is None or value == "" or value == []:
        return LEADER * width
    return value


def pad(items: list | None, count: int) -> list:
    """A list padded with blank items up to ``count``, so a blank form keeps its numbered lines."""
    items = list(items or [])
    return items + [_BlankItem()] * max(0, count - len(items))


def phase_rows(steps: list | None) -> list:
    """The plan's rows: each step with ``section``, the heading of its phase where the phase changes.

    A blank plan shows the three phases, each with a blank step under it, as the seed's note lists them.
    """
    headings = phase_headings()
    if not steps:
        return [_BlankItem(section=headings[phase]) for phase in list(headings)[:3]]
    rows, current = [], None
    for step in steps:
        phase = step.get("phase")
        rows.append({**step, "section": headings[phase] if phase != current else None})
        current = phase
    return rows


def box(checked: Any) -> str:
    """A tick box: ☑ when the condition holds, ☐ otherwise: ``{{ box(innovation_type == 'policy') }}``."""
    return CHECKED if checked else UNCHECKED


# Word's check-box content control (clickable in Word); drawn in Segoe UI Symbol, which fontconfig maps to
# DejaVu Sans where Windows fonts are absent (scripts/fontconfig-sarabun.conf): TH Sarabun has no ☐ ☑.
BOX_FONT = "Segoe UI Symbol"
_CHECKBOX = (
    '<w:sdt><w:sdtPr><w:rPr><w:rFonts w:ascii="{font}" w:eastAsia="{font}" w:hAnsi="{font}" w:cs="{font}"/>'
    '</w:rPr><w14:checkbox><w14:checked w14:val="{val}"/>'
    '<w14:checkedState w14:val="2611" w14:font="{font}"/><w14:uncheckedState w14:val="2610" w14:font="{font}"/>'
    '</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr>'
    '<w:rFonts w:ascii="{font}" w:eastAsia="{font}" w:hAnsi="{font}" w:cs="{font}"/></w:rPr>'
    '<w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>')


def checkbox(checked: Any) -> Markup:
    """A Word check box (``w14:checkbox`` content control), ticked when the condition holds, as a run of its
    own: ``{{r checkbox(uses_budget == true) }}`` (the ``r`` makes docxtpl put it in place of its run)."""
    return Markup(_CHECKBOX.format(font=BOX_FONT, val=1 if checked else 0, glyph=CHECKED if checked else UNCHECKED))


class _BlankItem(dict):
    """A blank list item: every attribute not given is None, so ``{{ p.name|fill(30) }}`` prints dots."""

    def __getattr__(self, name: str):
        return self.get(name)

    def __getitem__(self, name: str):
        return self.get(name)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters.update(fill=fill, pad=pad, phase_rows=phase_rows, thai_digits=thai.to_thai_digits, baht_text=thai.baht_text)
    env.globals.update(box=box, checkbox=checkbox, months=thai.FISCAL_MONTHS, month_abbr=thai.MONTH_ABBR)
    return env


_ENV = _environment()


# --------------------------------------------------------------------------- the context
def _display(spec: FieldSpec, value: Any) -> Any:
    if spec.type == "plan":
        return _display_fields(form("plan").fields, value or empty_fields("plan"))
    if value is None:
        return [] if spec.type == "list" else None
    if spec.type == "text":
        # docxtpl turns \a into a new paragraph with the same formatting: a newline in a value is a paragraph.
        return str(value).replace("\r\n", "\n").replace("\n", "\a")
    if spec.type == "number":
        return thai.format_number(value)
    if spec.type == "date":
        return thai.format_date(value if isinstance(value, dt.date) else dt.date.fromisoformat(value))
    if spec.type == "list":
        return [_display_fields(spec.item, item) for item in value]
    return value


def _display_fields(specs: dict[str, FieldSpec], values: dict[str, Any]) -> dict[str, Any]:
    return {key: _display(spec, values.get(key)) for key, spec in specs.items()}


def context_for(record: Record) -> dict[str, Any]:
    """The template context: every field of the kind, formatted for print (Thai dates, 45,000, paragraphs)."""
    context = _display_fields(form(record.kind).fields, record.fields)
    if record.kind == "survey":
        context.update(_tally(context["questions"]))
    return context


def _tally(questions: list[dict]) -> dict[str, Any]:
    """The seed's tally columns: each question's score, the mean of "มากขึ้นไป" and the percent (3 decimals),
    filled when every question has its counts; blank (dots) otherwise."""
    counts = [q.get("counts") for q in questions]
    for q in questions:
        q["score"] = None
    if not counts or not all(c and sum(c) for c in counts):
        return {"tally_mean": None, "tally_percent": None}
    for q, c in zip(questions, counts, strict=True):
        q["score"] = f"{tally.to_decimal(tally.question_score(c), tally.PERCENT_PLACES)}"
    mean, percent = tally.survey_percent(counts)
    return {"tally_mean": f"{tally.to_decimal(mean, tally.PERCENT_PLACES)}", "tally_percent": f"{percent}"}


def render_docx(record: Record, out_path: Path, templates_dir: Path | None = None) -> Path:
    """Fill a kind's Word template with a record and save it as DOCX; values are escaped, never run as Jinja."""
    path = template_path(record.kind, templates_dir)
    template = DocxTemplate(str(path))
    try:
        template.render(context_for(record), _ENV, autoescape=True)
    except jinja2.TemplateError as exc:
        raise TemplateError(f"the Word template {path.name} cannot be filled: {exc}",
                            f"กรอกแม่แบบ {path.name} ไม่ได้: {exc}") from exc
    if record.kind == "form3" and record.fields.get("plan") is None and _filled(record):
        _drop_last_section(template.docx)  # the plan comes as its own record: no blank plan page
    out_path.parent.mkdir(parents=True, exist_ok=True)
    template.save(str(out_path))
    return out_path


def _filled(record: Record) -> bool:
    return any(v not in (None, "", []) for v in record.fields.values())


def _drop_last_section(document) -> None:
    """Remove a document's last section (Form 3's attached plan page), the section before it closing the body."""
    body = document.element.body
    breaks = body.xpath("./w:p[w:pPr/w:sectPr]")
    if not breaks:
        return
    last = breaks[-1]
    for element in list(last.itersiblings()):
        body.remove(element)
    body.append(last.pPr.sectPr)  # moved: the portrait section now ends the body
    if not "".join(last.itertext()).strip():
        body.remove(last)  # the empty paragraph that held the section break would spill onto a page of its own


def blank_record(kind: str) -> Record:
    """A record with every field blank: renders as the blank form."""
    return Record(kind=kind, fields=empty_fields(kind))
