"""Bundles: several forms in one PDF or DOCX give one record each, in file order, stored each as its own record."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.extractors.record import extract, extract_all
from pipeline.generate.render import render_docx
from pipeline.ingest.stage import ingest
from pipeline.records import Record
from pipeline.samples import sample_records
from pipeline.scoring.status import status
from pipeline.store import Placed, open_store

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.gen.bundles import merge_docx, merge_pdf  # noqa: E402


def agency_records(agency: str) -> list[Record]:
    return [r for r in sample_records() if r.fields.get("agency") == agency
            or (r.fields.get("plan") or {}).get("agency") == agency]


AGENCY = sample_records("form2")[0].fields["agency"]
FORM1 = [r for r in sample_records("form1") if r.fields.get("agency") == AGENCY]
FORM3 = next(r for r in sample_records("form3") if r.fields.get("agency") == AGENCY)
FORM4 = next(r for r in sample_records("form4") if r.fields.get("agency") == AGENCY)


def docx_bundle(folder: Path, records: list[Record], name: str) -> Path:
    parts = [render_docx(r, folder / f"{name}-{n}.docx") for n, r in enumerate(records)]
    target = folder / f"{name}.docx"
    merge_docx(parts, target)
    return target


@pytest.fixture(scope="module")
def three_ideas_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return docx_bundle(tmp_path_factory.mktemp("bundle"), FORM1, "three-ideas")


def test_a_docx_of_three_form1_gives_three_records_in_order_with_their_blocks(three_ideas_docx):
    records = extract_all(three_ideas_docx)
    assert [r.kind for r in records] == ["form1"] * 3
    assert [r.fields["idea_name"] for r in records] == [r.fields["idea_name"] for r in FORM1]
    assert [r.fields["proposer_name"] for r in records] == [r.fields["proposer_name"] for r in FORM1]
    assert [(r.origin.part, r.origin.parts) for r in records] == [(1, 3), (2, 3), (3, 3)]
    blocks = [r.origin.blocks for r in records]
    assert all(first <= last for first, last in blocks) and blocks[0][1] < blocks[1][0] < blocks[2][0]
    assert not any(r.origin.pages for r in records)


def test_extract_gives_the_first_form_and_says_how_many_others_there_are(three_ideas_docx):
    first = extract(three_ideas_docx)
    assert first.fields["idea_name"] == FORM1[0].fields["idea_name"]
    assert any("3 forms" in w and "--jsonl" in w for w in first.warnings)


def test_a_docx_of_form3_with_its_plan_and_form4_gives_two_records(tmp_path):
    records = extract_all(docx_bundle(tmp_path, [FORM3, FORM4], "f3f4"))
    assert [r.kind for r in records] == ["form3", "form4"]
    assert records[0].fields["plan"]["steps"] == FORM3.fields["plan"]["steps"]
    assert records[1].fields["project_name"] == FORM4.fields["project_name"]


def test_a_form3_whose_title_is_unreadable_keeps_its_attached_plan(tmp_path):
    """Issue 12: a phone photo's OCR lost Form 3's title; the file was read as a Form 3 without its plan and
    a separate plan (`extract --json` gave the Form 3 alone, its plan fields missing)."""
    import docx as python_docx

    path = render_docx(FORM3, tmp_path / "form3.docx")
    document = python_docx.Document(str(path))
    title = next(p for p in document.paragraphs if p.text.startswith("แบบนำเสนอโครงการ"))
    for run in title.runs:
        run.text = ""
    title.runs[0].text = "~ .."  # what OCR makes of a smudged title
    document.save(str(path))
    records = extract_all(path)
    assert [r.kind for r in records] == ["form3"]
    assert records[0].fields["project_name"] == FORM3.fields["project_name"]
    assert records[0].fields["plan"]["steps"] == FORM3.fields["plan"]["steps"]


def test_extract_jsonl_prints_one_record_per_line_and_json_warns_of_the_others(three_ideas_docx):
    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pipeline", "extract", str(three_ideas_docx), *args],
                              capture_output=True, text=True, timeout=120, cwd=ROOT, check=True)

    lines = run("--jsonl").stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["kind"] for r in records] == ["form1"] * 3
    assert [r["origin"]["part"] for r in records] == [1, 2, 3]
    assert [r["fields"]["idea_name"] for r in records] == [r.fields["idea_name"] for r in FORM1]
    single = run("--json")
    assert json.loads(single.stdout)["fields"]["idea_name"] == FORM1[0].fields["idea_name"]
    assert "3 forms" in single.stderr and "--jsonl" in single.stderr
    text = run().stdout
    assert text.count("[form1]") == 3 and "form 2 of 3" in text


def test_ingest_stores_each_form_of_a_bundle_and_status_counts_them(tmp_path, store_url, three_ideas_docx):
    inbox = tmp_path / "inbox"
    (inbox / AGENCY).mkdir(parents=True)
    (inbox / AGENCY / "ideas.docx").write_bytes(three_ideas_docx.read_bytes())
    summary = ingest(inbox, store_url=store_url, workers=1)
    assert (summary.processed, summary.rejected) == (1, 0)
    with open_store(store_url) as store:
        stored = store.records()
        assert [r.kind for r in stored] == ["form1"] * 3 and len({r.file_id for r in stored}) == 1
        assert sorted(r.part for r in stored) == [1, 2, 3] and all(r.current for r in stored)
        assert {r.source_name for r in stored} == {f"{AGENCY}/ideas.docx"}
        year = stored[0].fiscal_year  # Form 1 gives none: the day it came
        [agency] = [s for s in status(store, year) if s.agency == AGENCY]
        assert agency.have.get("form1") == 3
    (inbox / "again.docx").write_bytes(three_ideas_docx.read_bytes())  # the same bytes: a duplicate, no new records
    assert ingest(inbox, store_url=store_url, workers=1).duplicates == 1
    with open_store(store_url) as store:
        assert len(store.records()) == 3


def test_a_bundle_saved_again_by_its_claim_is_already_there_and_keeps_each_form_s_correction(store_url):
    ideas = [r.model_copy(update={"fields": {**r.fields, "idea_name": None}}, deep=True) for r in FORM1]
    with open_store(store_url) as store:
        def save(token: str, **more):
            return store.save_ingested(sha256="b" * 64, original_name="ideas.pdf", size=10, claim_token=token,
                                       stored_path="/srv/ideas.pdf", records=[Placed(r, AGENCY, 2568) for r in ideas],
                                       **more)

        first = save("run-1")
        assert first.status == "stored" and len(first.record_ids) == 3
        assert len({r.id for r in store.records(current_only=True)}) == 3  # three nameless ideas stay three
        again = save("run-1")
        assert (again.status, again.record_ids) == ("already", first.record_ids)
        store.correct(first.record_ids[1], "proposer_name", "นายแก้ไข ถูกต้อง", by="สมศรี")
        save("run-2", reprocess=True)
        current = sorted(store.records(current_only=True), key=lambda r: r.part)
        assert [r.fields["proposer_name"] for r in current] == [
            ideas[0].fields["proposer_name"], "นายแก้ไข ถูกต้อง", ideas[2].fields["proposer_name"]]
        assert [r.version for r in current] == [2, 2, 2]


# --------------------------------------------------------------------------- PDF bundles (LibreOffice)
@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Three Form 1, a Form 3 without its plan, the plan, Form 4: each printed to PDF by LibreOffice."""
    from pipeline.generate.stage import generate

    folder = tmp_path_factory.mktemp("printed")
    plan = Record.from_data({"kind": "plan", "fields": FORM3.fields["plan"]})
    form3 = FORM3.model_copy(update={"fields": {**FORM3.fields, "plan": None}}, deep=True)
    docs = {"form1-1": FORM1[0], "form1-2": FORM1[1], "form1-3": FORM1[2], "form3": form3, "plan": plan,
            "form4": FORM4}
    made = generate(list(docs.values()), folder, pdf=True, paths=[folder / f"{k}.docx" for k in docs],
                    check_limits=False)
    out = {k: folder / f"{k}.pdf" for k in docs}
    out["form3-pages"] = made.documents[3].pages  # Form 3's own pages (the template adds a blank plan after)
    return out


@pytest.mark.slow
def test_a_pdf_of_three_form1_gives_three_records_with_their_pages(printed, tmp_path):
    target = tmp_path / "ideas.pdf"
    counts = merge_pdf([printed["form1-1"], printed["form1-2"], printed["form1-3"]], target)
    records = extract_all(target)
    assert [r.fields["idea_name"] for r in records] == [r.fields["idea_name"] for r in FORM1]
    first = 1
    for record, count in zip(records, counts, strict=True):
        assert record.origin.pages == list(range(first, first + count))
        first += count


@pytest.mark.slow
def test_form3_then_its_plan_then_form4_is_two_records_the_plan_inside_form3(printed, tmp_path):
    target = tmp_path / "f3-plan-f4.pdf"
    merge_pdf([printed["form3"], printed["plan"], printed["form4"]], target,
              keep=[printed["form3-pages"], None, None])
    records = extract_all(target)
    assert [r.kind for r in records] == ["form3", "form4"]
    assert records[0].fields["plan"]["steps"] == FORM3.fields["plan"]["steps"]
    assert records[0].fields["problem"] == FORM3.fields["problem"]


@pytest.mark.slow
def test_shuffled_pages_are_put_back_and_reported_and_a_missing_page_is_reported(printed, tmp_path):
    import random

    import pypdfium2 as pdfium

    shuffled = tmp_path / "shuffled.pdf"
    merge_pdf([printed["form1-1"], printed["form1-2"]], tmp_path / "in-order.pdf")
    pdf = pdfium.PdfDocument(tmp_path / "in-order.pdf")
    order = list(range(len(pdf)))
    order[0], order[1] = order[1], order[0]  # the first idea's second page before its title page
    out = pdfium.PdfDocument.new()
    out.import_pages(pdf, order)
    out.save(shuffled)
    records = extract_all(shuffled)
    assert [r.fields["idea_name"] for r in records] == [r.fields["idea_name"] for r in FORM1[:2]]
    assert records[0].fields["approach"] == FORM1[0].fields["approach"]
    assert records[0].origin.pages[:2] == [2, 1]
    assert any("out of order" in w for w in records[0].warnings)
    assert not any("out of order" in w for w in records[1].warnings)

    missing = tmp_path / "missing.pdf"
    counts = merge_pdf([printed["form3"], printed["plan"], printed["form4"]], missing, random.Random(1), "drop",
                       keep=[printed["form3-pages"], None, None])
    assert sum(counts) == len(pdfium.PdfDocument(missing)) + 1
    records = extract_all(missing)
    assert [r.kind for r in records] == ["form3", "form4"]
    assert any("missing" in w for w in records[1].warnings)


@pytest.mark.slow
def test_forms_whose_titles_were_misread_or_lost_are_still_found(printed, tmp_path):
    from pipeline.document import Paragraph
    from pipeline.extractors import extract_forms
    from pipeline.extractors.text import compact
    from pipeline.readers import read_document

    ideas = tmp_path / "ideas.pdf"
    merge_pdf([printed["form1-1"], printed["form1-2"], printed["form1-3"]], ideas)
    document = read_document(ideas)
    titles = [b for b in document.blocks if isinstance(b, Paragraph) and compact(b.text).startswith("แบบเสนอแนวคิด")]
    assert len(titles) == 3
    titles[1].text = ". แบบเสนอแนวคดในการพฒนานวตกรรม"  # a scan's OCR lost the marks and saw a speck before it
    document.blocks.remove(titles[2])  # and this title is gone: the form's first labels still stand at the top
    forms = extract_forms(document)
    assert [f.kind for f in forms] == ["form1"] * 3
    assert [f.fields["idea_name"] for f in forms] == [r.fields["idea_name"] for r in FORM1]

    package = tmp_path / "f3-plan-f4.pdf"
    merge_pdf([printed["form3"], printed["plan"], printed["form4"]], package, keep=[printed["form3-pages"], None, None])
    document = read_document(package)
    title = next(b for b in document.blocks if isinstance(b, Paragraph)
                 and compact(b.text).startswith("โครงการพัฒนานวัตกรรมเพื่อ"))
    document.blocks.remove(title)  # Form 4's title lost: its "แบบฟอร์ม 4" header names another form than Form 3
    forms = extract_forms(document)
    assert [f.kind for f in forms] == ["form3", "form4"]
    assert forms[1].fields["project_name"] == FORM4.fields["project_name"]


def test_a_chromium_print_of_three_form1_gives_three_records():
    """Chromium prints each copy's title as the top line of a page at the same place: no running header.
    (The fixture: ``python -m scripts.gen.bundles --half tune --producer chromium --seed 4 --count 1``.)"""
    fixture = ROOT / "tests" / "fixtures" / "chromium_bundle_f1x3.pdf"
    truth = json.loads(fixture.with_suffix(".truth.json").read_text(encoding="utf-8"))["records"]
    records = extract_all(fixture)
    assert [r.kind for r in records] == ["form1"] * 3
    assert ["".join(r.fields["idea_name"].split()) for r in records] == [
        "".join(t["fields"]["idea_name"].split()) for t in truth]
    assert [r.origin.pages[0] for r in records] == [1, 3, 5]
