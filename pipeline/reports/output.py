"""Writing a report: fill its Word template with docxtpl, name the file, and convert it to PDF on request."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate

from pipeline import office, thai
from pipeline.errors import TemplateError
from pipeline.generate.render import TEMPLATES_DIR, box, checkbox, fill

_UNSAFE = re.compile(r"[\\/:*?\"<>|\x00-\x1f\s]+")


def safe_name(text: str) -> str:
    """A file-name part from an agency's name: Thai kept, separators and spaces made ``_``."""
    return _UNSAFE.sub("_", text).strip("_.") or "agency"


def points(value: Decimal | float | int | None) -> str:
    """Points as the reports print them: two decimals (97.00), or a dash when unknown."""
    return "–" if value is None else f"{Decimal(str(value)):.2f}"


def thai_date(value: Any) -> str:
    """A date as Thai letters write it (15 มกราคม 2568), or an empty text."""
    return thai.format_date(value) if value else ""


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters.update(fill=fill, points=points, thai_date=thai_date)
    env.globals.update(box=box, checkbox=checkbox)
    return env


_ENV = _environment()


def template_path(name: str, templates_dir: Path | None = None) -> Path:
    """``templates_docx/<name>.docx`` of a report, or a TemplateError saying how to build it."""
    path = (templates_dir or TEMPLATES_DIR) / f"{name}.docx"
    if not path.is_file():
        raise TemplateError(f"the report template {path.name} is missing (run scripts/build_report_templates.py)",
                            f"ไม่พบแม่แบบรายงาน {path.name} ให้สร้างด้วย scripts/build_report_templates.py",
                            where=str(path))
    return path


def render_report(name: str, context: dict[str, Any] | Callable[[DocxTemplate], dict[str, Any]],
                  out_path: Path, templates_dir: Path | None = None) -> Path:
    """Fill a report template (values escaped, never run as Jinja) and save it; ``context`` may need the
    template itself (for pictures), so it can be a function of it."""
    path = template_path(name, templates_dir)
    template = DocxTemplate(str(path))
    values = context(template) if callable(context) else context
    try:
        template.render(values, _ENV, autoescape=True)
    except jinja2.TemplateError as exc:
        raise TemplateError(f"the report template {path.name} cannot be filled: {exc}",
                            f"กรอกแม่แบบรายงาน {path.name} ไม่ได้: {exc}", where=str(path)) from exc
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    template.save(str(out_path))
    return out_path


def with_pdf(docx_files: list[Path], pdf: bool) -> list[Path]:
    """The DOCX files, and their PDFs beside them when ``pdf`` (one LibreOffice run for all)."""
    if not pdf or not docx_files:
        return docx_files
    return [*docx_files, *office.convert_to_pdf(docx_files)]
