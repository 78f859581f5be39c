"""The demo tour: forms, returned files ingested, scores and every report, from the embedded sample year."""

from __future__ import annotations

import openpyxl
import pypdfium2
import pytest

from pipeline.cli.demo import run_demo
from pipeline.samples import sample_agencies
from pipeline.scoring import status as store_status
from pipeline.store import open_store


@pytest.mark.slow
def test_the_demo_leaves_forms_store_and_every_report_in_the_outbox(tmp_path):
    report = run_demo(tmp_path)
    agencies = [a["agency"] for a in sample_agencies()]
    reports = tmp_path / "reports"
    for agency in agencies:
        for quarter in (1, 2, 3, 4):
            for suffix in ("docx", "pdf"):
                assert (reports / f"quarterly_{agency}_2568_q{quarter}.{suffix}").is_file()
        assert (reports / f"scorecard_{agency}_2568.pdf").is_file()
    for suffix in ("xlsx", "docx", "pdf"):
        assert (reports / f"summary_2568.{suffix}").is_file()
    rows = list(openpyxl.load_workbook(reports / "summary_2568.xlsx").worksheets[0].iter_rows(values_only=True))
    assert sorted(str(r[1]) for r in rows[1:] if r[0]) == sorted(agencies)  # column A numbers the rows

    with open_store(f"sqlite:///{tmp_path / 'demo' / 'store.sqlite'}") as store:
        statuses = {f.status for f in store.files()}
        assert statuses == {"processed", "duplicate", "rejected"}
        assert all(s.complete for s in store_status.status(store, 2568))
    rejected = list((tmp_path / "demo" / "inbox" / "rejected").rglob("*.reason.txt"))
    assert len(rejected) == 1 and "ไฟล์ Word เสียหาย" in rejected[0].read_text(encoding="utf-8")

    text = "\n".join(report.lines())
    assert "processed 25, duplicates 1, rejected 1" in text and "97.00 / 100" in text
    pdf = pypdfium2.PdfDocument(reports / f"quarterly_{agencies[0]}_2568_q4.pdf")
    assert "6.5" in "".join(page.get_textpage().get_text_range() for page in pdf)


def test_the_demo_without_pdf_says_what_it_made_and_replaces_its_own_inbox(tmp_path):
    first = run_demo(tmp_path, pdf=False)
    again = run_demo(tmp_path, pdf=False)
    assert not first.warnings or all("replaced" not in w for w in first.warnings)
    assert any("previous demo" in w for w in again.warnings)
    text = "\n".join(again.lines())
    for part in ("blank/", "prefilled/", "demo/inbox/", "reports/quarterly_*  12 files", "reports/summary_*"):
        assert part in text
