"""The generate stage: records (or blanks) → filled Word forms, and optionally PDFs with their page checks."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from tqdm import tqdm

from pipeline import agencies, office
from pipeline.errors import PageLimitError, PipelineError, RecordDataError
from pipeline.forms import form
from pipeline.generate.render import blank_record, render_docx
from pipeline.records import Record, data_error

# Below this many documents a process pool costs more to start than it saves.
PARALLEL_MIN_DOCUMENTS = 16


@dataclass
class GeneratedDocument:
    """One generated form: where its DOCX (and PDF) went and, with a PDF, its pages: all of them (``pages``)
    and those its page limit counts (``form_pages``: Form 3 without its attached landscape plan)."""

    kind: str
    agency: str | None
    docx: Path
    pdf: Path | None = None
    pages: int | None = None
    form_pages: int | None = None
    replaced: bool = False

    def pages_text(self) -> str:
        """``2 pages: the form 1, its plan 1`` or ``3 pages``, as ``generate`` reports it."""
        if self.pages is None:
            return ""
        text = f"{self.pages} page{'s' if self.pages != 1 else ''}"
        if self.form_pages is not None and self.form_pages != self.pages:
            text += f": the form {self.form_pages}, its plan {self.pages - self.form_pages}"
        return text

    @property
    def page_limit(self) -> int | None:
        return form(self.kind).page_limit

    @property
    def over_limit(self) -> bool:
        return self.form_pages is not None and self.page_limit is not None and self.form_pages > self.page_limit


@dataclass
class GenerationResult:
    """What a generate run made, and what a clerk should look at."""

    documents: list[GeneratedDocument] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- reading the data
def load_records(path: Path, kind: str | None = None) -> list[Record]:
    """Records from a JSON or YAML file: one record or a list, each ``{"kind", "fields"}`` or bare fields."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RecordDataError(f"cannot read the data file: {exc.strerror}", "อ่านไฟล์ข้อมูลไม่ได้",
                              where=str(path)) from None
    try:
        data: Any = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise RecordDataError(f"the data file is not valid {path.suffix.lstrip('.').upper() or 'YAML'}: {exc}",
                              "รูปแบบไฟล์ข้อมูลไม่ถูกต้อง", where=str(path)) from None
    if isinstance(data, dict) and isinstance(data.get("records"), list):
        data = data["records"]  # a sample-year file: {agency, records: [...]}
    items = data if isinstance(data, list) else [data]
    records, problems = [], []
    for i, item in enumerate(items, 1):
        place = f"record {i}" if len(items) > 1 else ""
        if not isinstance(item, dict):
            problems.append((f"{place or 'the data'}: a record must be a mapping of field names to values",
                             f"{place or 'ข้อมูล'}: แต่ละรายการต้องเป็นชุดของชื่อช่องและค่า"))
            continue
        item_kind = item.get("kind") or kind
        if kind and item_kind != kind and "fields" in item:
            continue  # a file of several kinds, asked for one
        try:
            record = Record.from_data(item, kind=item_kind, place=place)
        except PipelineError as err:  # every record's problems are reported together, not the first alone
            lines = [ln.strip() for ln in err.message_en.splitlines()[1:]] or [
                err.message_en if err.message_en.startswith(place) else f"{place}: {err.message_en}"]
            lines_th = [ln.strip() for ln in (err.message_th or "").splitlines()[1:]] or [
                (err.message_th or err.message_en) if (err.message_th or "").startswith(place)
                else f"{place}: {err.message_th or err.message_en}"]
            problems += list(zip(lines, lines_th, strict=False))
            continue
        note = agencies.resolve(record.fields.get("agency")).warning() if record.fields.get("agency") else None
        if note:
            record.warnings.append(f"{place + ' › ' if place else ''}{note}")
        records.append(record)
    if problems:
        raise data_error(problems, where=str(path))
    return records


# --------------------------------------------------------------------------- naming outputs
def _safe_folder(name: str) -> str:
    name = re.sub(r"[\\/:*?\"<>|\x00-\x1f]", "_", name).strip(" .")
    return name or "_"


def _planned_paths(records: list[Record], out_dir: Path, per_agency: bool) -> list[Path]:
    totals = Counter((r.fields.get("agency") if per_agency else None, r.kind) for r in records)
    seen: Counter = Counter()
    paths = []
    for r in records:
        agency = r.fields.get("agency") if per_agency else None
        key = (agency, r.kind)
        seen[key] += 1
        stem = r.kind if totals[key] == 1 else f"{r.kind}-{seen[key]}"
        folder = out_dir / _safe_folder(agency or "ไม่ระบุหน่วยงาน") if per_agency else out_dir
        paths.append(folder / f"{stem}.docx")
    return paths


# --------------------------------------------------------------------------- the stage
def _render_one(args: tuple[Record, Path]) -> Path:
    record, path = args
    return render_docx(record, path)


def generate(records: list[Record], out_dir: Path, *, pdf: bool = False, strict: bool = False,
             per_agency: bool | None = None, progress: bool = False, workers: int | None = None,
             paths: list[Path] | None = None, check_limits: bool = True) -> GenerationResult:
    """Fill each record's Word template into ``out_dir`` (one folder per agency for a list), optionally as PDF too.

    With ``pdf``, pages are counted: Form 3 over one page (its attached plan not counted) or Form 4 over six is a
    warning, or a PageLimitError with ``strict`` (raised after every file is made, naming them all).
    """
    out_dir = Path(out_dir)
    if per_agency is None:
        per_agency = len(records) > 1
    paths = paths or _planned_paths(records, out_dir, per_agency)
    workers = workers or os.cpu_count() or 1
    result = GenerationResult()
    replaced = [p.exists() for p in paths]
    jobs = list(zip(records, paths, strict=True))
    bar = tqdm(total=len(jobs) * (2 if pdf else 1), desc="generate", unit="file", disable=not progress)
    if len(jobs) >= PARALLEL_MIN_DOCUMENTS and workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for _ in pool.map(_render_one, jobs, chunksize=4):
                bar.update()
    else:
        for job in jobs:
            _render_one(job)
            bar.update()
    for record, path, was in zip(records, paths, replaced, strict=True):
        result.documents.append(GeneratedDocument(record.kind, record.fields.get("agency"), path, replaced=was))
        if was:
            result.warnings.append(f"replaced {path}")
    if pdf:
        pdfs = office.convert_to_pdf(paths, workers=workers)
        bar.update(len(pdfs))
        _count_pages(result, pdfs, check_limits)
    bar.close()
    over = [d for d in result.documents if d.over_limit] if check_limits else []
    if strict and over:
        raise PageLimitError(
            "; ".join(f"{d.docx.name}: {d.form_pages} pages, the form allows {d.page_limit}" for d in over),
            "; ".join(f"{d.docx.name} ยาว {d.form_pages} หน้า เกินกว่าที่แบบฟอร์มกำหนด ({d.page_limit} หน้า)" for d in over),
        )
    return result


def _count_pages(result: GenerationResult, pdfs: list[Path], check_limits: bool) -> None:
    for doc, pdf_path in zip(result.documents, pdfs, strict=True):
        doc.pdf = pdf_path
        # Form 3's plan is attached on landscape pages that its one-page limit does not count.
        doc.pages = office.count_pages(pdf_path)
        doc.form_pages = office.count_portrait_lead_pages(pdf_path) if doc.kind == "form3" else doc.pages
        if check_limits and doc.over_limit:
            result.warnings.append(
                f"{pdf_path.name}: {doc.form_pages} pages, but {doc.kind} allows at most {doc.page_limit} "
                f"(แบบฟอร์มยาว {doc.form_pages} หน้า เกินกว่าที่กำหนด {doc.page_limit} หน้า)")


def generate_blank(kinds: list[str], out_dir: Path, *, pdf: bool = False, progress: bool = False) -> GenerationResult:
    """The blank forms of ``kinds``, named ``<kind>-blank.docx``.

    Page limits bind what an agency submits, not the blank form with all its guidance, so they are not checked.
    """
    records = [blank_record(k) for k in kinds]
    paths = [Path(out_dir) / f"{k}-blank.docx" for k in kinds]
    return generate(records, out_dir, pdf=pdf, per_agency=False, progress=progress, paths=paths,
                    check_limits=False)
