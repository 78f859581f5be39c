"""Bundle generator: forms the project fills itself with random content, merged into one PDF or DOCX per bundle.

    .venv/bin/python -m scripts.gen.bundles --out /tmp/bundles --half tune --count 12 [--producer chromium]

Contents come from one half of a pool (words of the embedded sample year and a list of agencies split by their
position: even ones tune, odd ones test), so the testing half's words and agencies are never seen while tuning.
Each bundle gets ``<name>.truth.json`` ({"records": [...]}, one per form in file order, Form 3 holding its
plan) and a line in ``manifest.json`` (format ``bundle``), the shape ``../shared/tools/evaluate.py`` reads.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pipeline.forms import form  # noqa: E402
from pipeline.records import Record  # noqa: E402
from pipeline.samples import sample_records  # noqa: E402

HALVES = ("tune", "test")
# Form 4 prints its survey's population inside the KPI method text as well: replaced, the two would disagree.
_PRINTED_INSIDE = frozenset({"survey_population"})
# What a bundle holds (kinds in file order; "form3+plan": Form 3 printed without its plan, the plan after it).
LAYOUTS: dict[str, list[str]] = {
    "f1x3": ["form1", "form1", "form1"],
    "f3plan-f4": ["form3+plan", "form4"],
    "package": ["form1", "form1", "form1", "form2", "form3+plan", "form4", "certificate"],
    "f2-cert-survey": ["form2", "certificate", "survey"],
}
AGENCIES = ["สำนักงานเขตบางรัก", "สำนักงานเขตดุสิต", "สำนักงานเขตหนองจอก", "สำนักงานเขตปทุมวัน", "สำนักงานเขตลาดพร้าว",
            "สำนักงานเขตบางเขน", "สำนักการโยธา", "สำนักการแพทย์", "สำนักสิ่งแวดล้อม", "สำนักการศึกษา",
            "สำนักงานเขตห้วยขวาง", "สำนักงานเขตจตุจักร", "สำนักเทศกิจ", "สำนักการจราจรและขนส่ง",
            "สำนักงานประชาสัมพันธ์", "สำนักงานเขตมีนบุรี"]
NAMES = ["นายสมชาย ใจดี", "นางสาวพรทิพย์ แสงทอง", "นางมาลี ศรีสุข", "นายวิชัย รุ่งเรือง", "นางสาวกนกวรรณ บุญมา",
         "นายธนพล มั่นคง", "นางรัชนี ทองดี", "นายอนุชา พงษ์ไพร", "นางสาวศิริพร วงศ์ใหญ่", "นายประเสริฐ สายสุวรรณ"]


def _half(items: list[str], half: str) -> list[str]:
    return [x for n, x in enumerate(items) if n % 2 == HALVES.index(half)]


def _words(half: str) -> list[str]:
    """The words (space-separated phrases) of the sample year's text values, one half of them."""
    words: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            words.update(w for w in value.split() if len(w) > 2 and not w.startswith("("))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for kind in ("form1", "form2", "form3", "form4", "certificate"):
        for record in sample_records(kind):
            walk(record.fields)
    return _half(sorted(words), half)


class Content:
    """Random field values drawn from one half's pools."""

    def __init__(self, half: str, seed: int):
        self.rng = random.Random(f"{half}:{seed}")
        self.words = _words(half)
        self.agency = self.rng.choice(_half(AGENCIES, half))
        self.names = _half(NAMES, half)

    def text(self, like: str) -> str:
        count = max(2, min(40, len(like.split()) + self.rng.randint(-2, 3)))
        return " ".join(self.rng.choice(self.words) for _ in range(count))

    def fill(self, kind: str, fields: dict[str, Any]) -> dict[str, Any]:
        """A sample record's fields with their texts, names and agency replaced (structure, ticks, numbers kept)."""
        out = copy.deepcopy(fields)
        for key, spec in form(kind).fields.items():
            value = out.get(key)
            if not isinstance(value, str) or spec.type != "text" or key in _PRINTED_INSIDE:
                continue
            if key == "agency":
                out[key] = self.agency
            elif key.endswith("_name") and key not in ("idea_name", "project_name"):
                out[key] = self.rng.choice(self.names)
            else:
                out[key] = self.text(value)
        return out


def random_bundle(layout: str, half: str, seed: int) -> list[tuple[str, Record]]:
    """(how it is printed, record) per form of a bundle; Form 3's record holds the plan printed after it. One
    agency's package: the project's name, innovation and policy are the same on every form that names them."""
    content = Content(half, seed)
    project = {key: content.text("ชื่อ โครงการ พัฒนา นวัตกรรม ของ หน่วยงาน") for key in ("project_name", "innovation")}
    out: list[tuple[str, Record]] = []
    for n, part in enumerate(LAYOUTS[layout]):
        kind = "form3" if part == "form3+plan" else part
        samples = sample_records(kind)
        base = samples[(seed + n) % len(samples)]
        fields = content.fill(kind, base.fields)
        fields.update({k: v for k, v in project.items() if k in fields})
        if kind in ("form3", "form4") and isinstance(fields.get("plan"), dict):
            plan = content.fill("plan", fields["plan"]) if kind == "form3" else dict(fields["plan"])
            shared = ("agency", "project_name") + (("innovation", "policy") if kind == "form3" else ())
            plan.update({k: fields.get(k) for k in shared})
            fields["plan"] = plan
        if kind == "certificate":
            share = content.rng.randint(60, 90)
            fields["agency_share_percent"], fields["partner_share_percent"] = share, 100 - share
            fields["agency_rep_name"], fields["partner_rep_name"] = content.rng.sample(content.names, 2)
        out.append((part, Record.from_data({"kind": kind, "fields": fields})))
    return out


def _printed(parts: list[tuple[str, Record]], separate_plan: bool) -> tuple[list[Record], list[tuple[int, bool]]]:
    """The documents to print: Form 3 without its plan, then the plan on its own (``separate_plan``; else Form 3
    with its plan attached, as the template prints it); and of each, its part and whether it is Form 3's plan."""
    docs, owners = [], []
    for n, (part, record) in enumerate(parts):
        if part == "form3+plan" and separate_plan:
            plan = record.fields.get("plan")
            docs.append(Record(kind="form3", fields={**record.fields, "plan": None}))
            owners.append((n, False))
            if plan:
                docs.append(Record.from_data({"kind": "plan", "fields": plan}))
                owners.append((n, True))
        else:
            docs.append(record)
            owners.append((n, False))
    return docs, owners


def merge_pdf(pdfs: list[Path], out: Path, rng: random.Random | None = None, damage: str | None = None,
              keep: list[int | None] | None = None) -> list[int]:
    """The PDFs' pages into one (of each, its first ``keep`` pages: a Form 3 without the blank plan page the
    template adds); ``damage`` "shuffle" swaps two pages of one multi-page form, "drop" leaves one out.
    Returns the page counts per document."""
    return merged_pages(pdfs, out, rng, damage, keep)[0]


def merged_pages(pdfs: list[Path], out: Path, rng: random.Random | None = None, damage: str | None = None,
                 keep: list[int | None] | None = None) -> tuple[list[int], tuple[int, int] | None]:
    """``merge_pdf``, and the (document, page) it left out (None: none)."""
    import pypdfium2 as pdfium

    sources = [pdfium.PdfDocument(p) for p in pdfs]
    dropped = None
    keep = keep or [None] * len(sources)
    counts = [min(len(s), k or len(s)) for s, k in zip(sources, keep, strict=True)]
    order = [(d, p) for d, n in enumerate(counts) for p in range(n)]
    longer = [d for d, n in enumerate(counts) if n >= 2]
    if damage and rng is not None and longer:  # (forms of one page each: nothing to shuffle or drop)
        doc = rng.choice(longer)
        pages = [i for i, (d, _) in enumerate(order) if d == doc]
        if damage == "shuffle":
            a, b = rng.sample(pages, 2)
            order[a], order[b] = order[b], order[a]
        else:
            dropped = order.pop(rng.choice(pages[1:]))
    merged = pdfium.PdfDocument.new()
    for d, p in order:
        merged.import_pages(sources[d], [p])
    merged.save(out)
    return counts, dropped


def merge_docx(docs: list[Path], out: Path) -> None:
    """The DOCX files one after another, a page break between (docxcompose keeps each one's styles)."""
    from docx import Document
    from docxcompose.composer import Composer

    master = Document(str(docs[0]))
    composer = Composer(master)
    for path in docs[1:]:
        master.add_page_break()
        composer.append(Document(str(path)))
    composer.save(str(out))


def make(out: Path, half: str, count: int, first_seed: int = 0, damage: bool = True,
         producer: str = "libreoffice") -> list[dict[str, Any]]:
    """``count`` bundles of one half into ``out``, printed by ``producer``: LibreOffice PDF and DOCX of every
    layout in turn; Chromium (one print, the forms from a new page or flowing on); mixed (each form by
    LibreOffice or Chromium, PDFs merged); photo (LibreOffice PDF photographed page by page). With ``damage``
    every third PDF (not a flowing Chromium print) has two pages swapped or one dropped. Returns the manifest
    entries."""
    out.mkdir(parents=True, exist_ok=True)
    entries = []
    kinds = list(LAYOUTS)
    for n in range(count):
        seed = first_seed + n
        layout = kinds[seed % len(kinds)]
        container = "docx" if producer == "libreoffice" and seed % 3 == 1 else "pdf"
        rng = random.Random(f"{producer}:{seed}")
        flow = producer == "chromium" and rng.random() < 0.5
        hurt = ("shuffle", "drop")[seed % 2] if damage and container == "pdf" and seed % 3 == 2 and not flow else None
        parts = random_bundle(layout, half, seed)
        prefix = f"{half}-" + ("" if producer == "libreoffice" else f"{producer}-")
        name = f"{prefix}{seed:03d}-{layout}" + ("-flow" if flow else "") + (f"-{hurt}" if hurt else "")
        target = out / f"{name}.{container}"
        extra, records = _print(parts, target, producer, half, seed, rng, flow, hurt)
        truth = {"records": [{"kind": r.kind, "fields": r.fields} for r in records]}
        (out / f"{name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
        entries.append({"file": target.name, "doc": name, "format": "bundle", "kind": "bundle", "container": container,
                        "bundle": layout, "damage": hurt, "half": half, "producer": producer,
                        "records": [r.kind for r in records], **extra})
    manifest = out / "manifest.json"
    known = json.loads(manifest.read_text(encoding="utf-8"))["files"] if manifest.exists() else []
    names = {e["file"] for e in entries}
    files = [e for e in known if e["file"] not in names] + entries
    manifest.write_text(json.dumps({"set": out.name, "files": files}, ensure_ascii=False, indent=1), encoding="utf-8")
    return entries


def _print(parts: list[tuple[str, Record]], target: Path, producer: str, half: str, seed: int,
           rng: random.Random, flow: bool, hurt: str | None) -> tuple[dict[str, Any], list[Record]]:
    """Print one bundle's forms into ``target``; returns what the manifest says of how, and the records the file
    holds (a page left out takes the values only it printed: a reader cannot read them)."""
    from pipeline.generate.stage import generate
    from scripts.gen.bundle_print import bundle_style, chromium_bundle, chromium_each, photo_bundle

    pdf = target.suffix == ".pdf"
    # A web form prints Form 3 with its plan, as the template does; LibreOffice prints them as two documents.
    docs, owners = _printed(parts, separate_plan=pdf and not (producer == "chromium" and rng.random() < 0.5))
    work = Path(tempfile.mkdtemp(prefix="bundle-"))
    extra: dict[str, Any] = {}
    records = [record for _, record in parts]
    dropped: tuple[int, int] | None = None
    sources: list[Path] = []
    try:
        paths = [work / f"{i:02d}-{d.kind}.docx" for i, d in enumerate(docs)]
        lo_pdf = pdf and producer in ("libreoffice", "photo", "mixed")
        made = generate(docs, work, pdf=lo_pdf, paths=paths, check_limits=False)
        keep = [d.pages if d.kind == "form3" else None for d in made.documents]
        if not pdf:
            merge_docx(paths, target)
        elif producer == "chromium":
            style = bundle_style(half, seed)
            extra["style"] = style.as_dict()
            if hurt:
                sources = chromium_each(paths, work, style)
                dropped = merged_pages(sources, target, random.Random(seed), hurt)[1]
            else:
                chromium_bundle(paths, target, style, flow)
        elif producer == "mixed":
            style = bundle_style(half, seed)
            by = [rng.choice(("libreoffice", "chromium")) for _ in paths]
            sources = [chromium_each([p], work, style)[0] if b == "chromium" else p.with_suffix(".pdf")
                       for p, b in zip(paths, by, strict=True)]
            dropped = merged_pages(sources, target, random.Random(seed), hurt,
                                   [k if b == "libreoffice" else None for k, b in zip(keep, by, strict=True)])[1]
            extra.update(style=style.as_dict(), parts=by)
        elif producer == "photo":
            merged = work / "merged.pdf"
            sources = [p.with_suffix(".pdf") for p in paths]
            dropped = merged_pages(sources, merged, random.Random(seed), hurt, keep)[1]
            extra["photo"] = photo_bundle(merged, target, half, seed)
        else:
            sources = [p.with_suffix(".pdf") for p in paths]
            dropped = merged_pages(sources, target, random.Random(seed), hurt, keep)[1]
        if dropped is not None:
            records = _held(records, owners, sources, dropped)
            extra["dropped"] = {"document": dropped[0], "page": dropped[1] + 1}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return extra, records


def _held(records: list[Record], owners: list[tuple[int, bool]], sources: list[Path],
          dropped: tuple[int, int]) -> list[Record]:
    """The records without the values that only the dropped page (document, page) of ``sources`` printed."""
    from scripts.gen.truth_pages import page_texts, without_page

    doc, page = dropped
    part, is_plan = owners[doc]
    kept, gone = page_texts(sources[doc], page)
    record = records[part]
    fields = dict(record.fields)
    if is_plan:
        fields["plan"] = without_page("plan", fields["plan"], kept, gone)
    else:
        plan = fields.get("plan")
        fields = without_page(record.kind, fields, kept, gone)
        if isinstance(plan, dict) and any(owner == (part, True) for owner in owners):
            fields["plan"] = plan  # printed as a document of its own, whole
    return [*records[:part], Record(kind=record.kind, fields=fields), *records[part + 1:]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--half", choices=HALVES, required=True)
    parser.add_argument("--count", type=int, default=12)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-damage", action="store_true", help="no shuffled or missing pages")
    parser.add_argument("--producer", choices=("libreoffice", "chromium", "mixed", "photo"), default="libreoffice")
    args = parser.parse_args()
    for entry in make(args.out, args.half, args.count, args.seed, not args.no_damage, args.producer):
        print(entry["file"], " ".join(entry["records"]))


if __name__ == "__main__":
    main()
