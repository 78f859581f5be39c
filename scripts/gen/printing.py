"""How a generated form is printed before it is photographed or scanned: LibreOffice or a browser, its digits."""

from __future__ import annotations

import json
import random
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from pipeline.records import Record
from pipeline.thai import to_thai_digits
from scripts.gen.bundle_print import HALF_PARITY, html_style
from scripts.gen.html import FONT_SIZES, LABEL_INDENTS, SHADES, STEP_INDENTS, HtmlStyle

THAI_DIGITS_SHARE = 0.4  # documents whose every Arabic digit is printed as a Thai digit


def print_style(half_name: str, seed: int) -> dict:
    """The printer, digits and (for the browser) page style of one document; its own random source, so that the
    contents and photo styles drawn from the document's seed stay as they were."""
    rng = random.Random(f"print:{half_name}:{seed}")
    # Every other document from a browser (a web form's page), the others by LibreOffice: with the kinds taken
    # in turn (seven of them), each kind is printed both ways.
    choice = {"printer": "chromium" if seed % 2 else "libreoffice",
              "thai_digits": rng.random() < THAI_DIGITS_SHARE, "html": None}
    if choice["printer"] == "chromium":
        half = HALF_PARITY[half_name]
        style = replace(html_style(half_name, seed), thai_digits=choice["thai_digits"], landscape=True,
                        label_above=rng.choice(LABEL_INDENTS[half]) if rng.random() < 0.5 else 0.0,
                        step_indent=rng.choice(STEP_INDENTS[half]) if rng.random() < 0.6 else 0.0,
                        font_pt=rng.choice(FONT_SIZES[half]) if rng.random() < 0.7 else 0.0)
        if style.font == "TH Sarabun New":  # small for its size: printed at its usual size
            style = replace(style, font_pt=0.0)
        if rng.random() < 0.5:  # a plan's months as a thin grey bar in the cells
            style = replace(style, gantt="bar", shade=SHADES[half][0])
        choice["html"] = style.as_dict()
    return choice


def thai_digits_docx(path: Path) -> None:
    """Every Arabic digit of the DOCX's text written as a Thai digit, in place (runs keep their formatting)."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    for t in document.element.body.iter(qn("w:t")):
        if t.text:
            t.text = to_thai_digits(t.text)
    document.save(str(path))


def print_documents(records: list[Record], paths: list[Path], choices: list[dict]) -> list[Path]:
    """Each record filled into its DOCX at ``paths`` and printed to a PDF beside it as its choice says."""
    from pipeline.generate.stage import generate
    from pipeline.office import convert_to_pdf
    from scripts.gen.chromium import print_to_pdf
    from scripts.gen.html import docx_to_html

    generate(records, paths[0].parent, pdf=False, per_agency=False, paths=paths, check_limits=False, workers=1)
    by_office = []
    for path, choice in zip(paths, choices, strict=True):
        if choice["printer"] == "chromium":
            print_to_pdf(docx_to_html(path, HtmlStyle(**choice["html"])), path.with_suffix(".pdf"))
            continue
        if choice["thai_digits"]:
            thai_digits_docx(path)
        by_office.append(path)
    if by_office:
        convert_to_pdf(by_office, workers=1)
    return [p.with_suffix(".pdf") for p in paths]


def printed_set(half: dict, half_name: str, count: int, kinds: list[str], tmp: Path, first: int = 0
                ) -> list[tuple[int, str, Record, random.Random, Path, dict]]:
    """``count`` random records of a half (kinds in turn, seeds from the half's first plus ``first``), each printed into
    ``tmp`` as its ``print_style`` says: (seed, kind, record, the seed's random source, the PDF, the choice)."""
    from scripts.gen.photos import random_record

    plans = []
    for n in range(first, first + count):
        seed = half["seed0"] + n
        rng = random.Random(seed)
        kind = kinds[n % len(kinds)]
        plans.append((seed, kind, random_record(kind, rng), rng))
    paths = [tmp / f"{half_name}{seed}.docx" for seed, _, _, _ in plans]
    choices = [print_style(half_name, seed) for seed, *_ in plans]
    pdfs = print_documents([p[2] for p in plans], paths, choices)
    return [(seed, kind, record, rng, pdf, choice)
            for (seed, kind, record, rng), pdf, choice in zip(plans, pdfs, choices, strict=True)]


def make_printed_set(out: Path, set_name: str, half: dict, half_name: str, count: int, kinds: list[str],
                     document: Callable[[int, str, Record, random.Random, Path, dict], dict],
                     first: int = 0) -> list[dict]:
    """A half's documents printed (``printed_set``) into a temporary folder, each made into a returned file in
    ``out`` by ``document`` (seed, kind, record, random source, PDF, printing choice → its manifest entry), its
    truth beside it; the folder removed after, the set's manifest written."""
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f"bma-{set_name}-"))
    entries = []
    try:
        for seed, kind, record, rng, pdf, printed in printed_set(half, half_name, count, kinds, tmp, first):
            entries.append(document(seed, kind, record, rng, pdf, printed))
            write_truth(out, entries[-1]["doc"], kind, record)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    write_manifest(out, f"{set_name}-{half_name}", entries)
    return entries


def write_truth(out: Path, stem: str, kind: str, record: Record) -> None:
    """A generated document's truth beside it, as ``evaluate.py`` reads it."""
    truth = {"kind": kind, "fields": record.model_dump(mode="json")["fields"]}
    (out / f"{stem}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2), encoding="utf-8")


def write_manifest(out: Path, name: str, entries: list[dict]) -> None:
    """The set's manifest: every file with the choices that made it, so a miss can be traced to its style."""
    (out / "manifest.json").write_text(json.dumps({"set": name, "files": entries}, ensure_ascii=False, indent=1),
                                       encoding="utf-8")
