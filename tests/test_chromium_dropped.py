"""Chromium prints with a page of a form left out: what follows the gap is read as what it is. Fixtures:
tests/fixtures/make_chromium_print_fixtures.py (cut from fresh tuning-half bundles, seeds 550, 574 and 617)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from pipeline.extractors.record import extract_all
from tests.chromium_fixtures import FIXTURES
from tests.chromium_fixtures import spaceless as _key
from tests.chromium_fixtures import truth as _truth


def _form4(name: str) -> dict:
    records = extract_all(FIXTURES / f"{name}.pdf")
    assert [r.kind for r in records] == ["form4"]
    return records[0].fields


def test_indicator_rows_after_a_dropped_page_are_not_joined_to_the_risks_above():
    """Form 4's risks table ends page 1; the page holding the indicators' head (and a risk) is not in the file;
    page 2 opens with the rows of indicators 3.1 and 3.2 and no head. They are indicators, not more risks."""
    got = _form4("chromium_kpi_rows_below_risks_page_dropped")
    assert len(got["risks"]) == 1 and got["risks"][0]["likelihood"] == "3"
    assert [_key(k["name"]) for k in got["kpis"]] == [
        _key("ระยะเวลาเฉลี่ยตั้งแต่เครื่องสูบน้ำขัดข้องจนศูนย์ควบคุมฯ ได้รับแจ้ง"),
        _key("ร้อยละของเครื่องสูบน้ำในบ่อสูบน้ำนำร่องที่พร้อมใช้งานขณะฝนตกหนัก")]
    assert [k["kind"] for k in got["kpis"]] == ["outcome", "outcome"]
    assert [k["period"] for k in got["kpis"]] == ["มี.ค. – ก.ย. 68", "พ.ค. – ก.ย. 68"]


def test_a_headless_indicators_part_drops_the_rest_of_a_row_cut_on_the_missing_page():
    """Page 2 opens with the indicators table's part below a dropped page: first the rest of 3.1's name (its row
    and the head were on the page left out), then 3.2. The rest is no value of section 9 (it had been read as
    the benefits) and no indicator; 3.2 is read whole."""
    got = _form4("chromium_kpi_part_after_dropped_page")
    assert got["benefits"] is None
    assert len(got["kpis"]) == 1
    kpi = got["kpis"][0]
    assert _key(kpi["name"]) == _key("ร้อยละของเครื่องสูบน้ำในบ่อสูบน้ำนำร่องที่พร้อมใช้งานขณะฝนตกหนัก")
    assert kpi["target"] == "ไม่น้อยกว่าร้อยละ 95" and kpi["kind"] == "outcome"


def test_a_label_both_forms_print_does_not_move_a_page_to_the_other_form():
    """Form 4's page holding the rest of its Gantt and its ``7. งบประมาณ`` (Form 3 prints the same label), the
    budget value opening with a phase's name (``การติดตามผล…``, a Form 3 label): the shared words count for neither
    form, so one label of Form 3 is left and the page stays with Form 4 (it had gone to Form 3, and Form 4's
    budget with it)."""
    name = "chromium_form4_budget_page_shared_label"
    records = extract_all(FIXTURES / f"{name}.pdf")
    assert [r.kind for r in records] == ["form3", "form4"]
    assert records[1].origin.pages == [5, 6, 7, 8]
    assert not any("stood among" in w for r in records for w in r.warnings)
    assert _key(records[1].fields["budget"]) == _key(_truth(name)["fields"]["budget"])


def _without_page(name: str, index: int, holds: str, tmp_path) -> Path:
    """The fixture with one page left out (checked to be the page holding ``holds``), saved in ``tmp_path``."""
    pdf = pdfium.PdfDocument(FIXTURES / f"{name}.pdf")
    assert holds in pdf[index].get_textpage().get_text_range()
    pdf.del_page(index)
    out = tmp_path / f"{name}-without-{index + 1}.pdf"
    pdf.save(out)
    return out


def test_a_certificate_whose_signature_page_is_missing_says_so(tmp_path):
    """The certificate's second page holds only the partner's signature: one label, too few for the missing
    run. Without it the record says its last signature line is not found and warns the blank partner's name;
    the whole file gives no such warning."""
    name = "chromium_f2_cert_survey"
    whole = {r.kind: r for r in extract_all(FIXTURES / f"{name}.pdf")}
    assert not any("signature line" in w for w in whole["certificate"].warnings)
    cut = {r.kind: r for r in extract_all(_without_page(name, 3, "ผู้แทนจากหน่วยงานภายนอก", tmp_path))}
    assert list(cut) == ["form2", "certificate", "survey"]
    warnings = cut["certificate"].warnings
    assert any("last signature line" in w and "อาจขาดหน้าสุดท้าย" in w for w in warnings)
    assert cut["certificate"].fields["partner_rep_name"] is None
    assert any(w.startswith("partner_rep_name:") for w in warnings)
    assert not any("signature line" in w for w in cut["form2"].warnings + cut["survey"].warnings)


def test_a_survey_whose_tally_page_is_missing_says_so(tmp_path):
    """The survey's second page holds its counts: without it the questions stand with no answer counted, and the
    record says the tally (or its page) may be missing, once for the table, besides each question's warning."""
    name = "chromium_f2_cert_survey"
    whole = {r.kind: r for r in extract_all(FIXTURES / f"{name}.pdf")}
    assert not any(w.startswith("questions") for w in whole["survey"].warnings)
    cut = {r.kind: r for r in extract_all(_without_page(name, 5, "ผู้รายงาน", tmp_path))}
    tally = [w for w in cut["survey"].warnings if w.startswith("questions:")]
    assert len(tally) == 1 and "may be missing" in tally[0] and "หน้าที่มีตารางอาจขาดไป" in tally[0]
