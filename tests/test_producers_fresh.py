"""Fresh tuning-half files of other producers (sixteenth round, seeds 900 and up): bundles merged from LibreOffice and
Chromium prints, pandoc's DOCX. Fixtures: tests/fixtures/make_fresh_producer_fixtures.py."""

from __future__ import annotations

from pipeline.extractors.record import extract, extract_all
from tests.chromium_fixtures import FIXTURES
from tests.chromium_fixtures import spaceless as _key
from tests.chromium_fixtures import truth as _truth


def test_a_label_opening_two_pages_at_the_same_place_is_no_running_header():
    """Two Form 1 copies whose second pages both open with ``กรณีดำเนินการร่วมกับหน่วยงานอื่นภายนอก…`` at the same
    place (the reader marks the second as a running header), the second copy's page shuffled ahead of its title:
    the label is the form's own, so it still ends the internal partners (its wrapped rest ``ทั่วไป`` had been read
    as a second internal partner's work)."""
    name = "mixed_form1_label_at_two_page_tops"
    records = extract_all(FIXTURES / f"{name}.pdf")
    truth = _truth(name)["records"]
    assert [r.kind for r in records] == ["form1", "form1"]
    assert records[1].origin.pages == [4, 3]
    for got, want in zip(records, truth, strict=True):
        for key in ("internal_partners", "external_partners"):
            assert _key(got.fields[key]) == _key(want["fields"][key]), key


def test_the_other_steps_heading_row_of_an_unmerged_gantt_ends_the_follow_up_phase():
    """pandoc's pipe tables keep no merges: the plan's printed heading ``ขั้นตอนอื่น ๆ`` comes as a row with empty
    months, which had been read as a follow-up step (and the closing step after it shifted one place). Unmarked,
    it is the heading of the steps outside the phases, as its merged row is in the Word form."""
    name = "pandoc_plan_other_steps_heading_unmerged"
    got, truth = extract(FIXTURES / f"{name}.docx").fields, _truth(name)["fields"]
    assert "ขั้นตอนอื่น" not in " ".join(s["name"] for s in got["steps"])
    assert _key(got["steps"]) == _key(truth["steps"])


def test_a_value_wrapped_before_the_position_word_keeps_it():
    """Form 2's idea name wraps so that its last word ``ตำแหน่ง`` (a signature's position word, which ends Form 2's
    values) stands alone on the next line. Chromium draws the ``ำ`` of ``ตำ`` apart and pdfium invents a space
    there, which had cut the next line's first word to ``ตำ`` (it fitted: no soft wrap); and a stop word making up a
    whole line that a sentence wrapped into is that sentence's end, not a signature's line."""
    name = "chromium_form2_value_wrapped_before_position_word"
    records = extract_all(FIXTURES / f"{name}.pdf")
    assert [r.kind for r in records] == ["form1", "form2"]
    assert _key(records[1].fields["idea_name"]) == _key(_truth(name)["records"][1]["fields"]["idea_name"])


def test_a_year_wrapped_to_the_line_of_an_inline_label_stays_with_the_value_above():
    """Form 1's section unit ends with ``2568``, wrapped to the line start before the inline label ``กอง/สำนักงาน``:
    a number of four digits is no item number of that label (it had been taken for one, and lost)."""
    name = "chromium_form1_year_wrapped_before_inline_label"
    records = extract_all(FIXTURES / f"{name}.pdf")
    assert records[0].kind == "form1"
    want = _truth(name)["records"][0]["fields"]
    assert _key(records[0].fields["section_unit"]) == _key(want["section_unit"])
    assert records[0].fields["division"] == want["division"]


def test_a_printed_line_of_several_stops_ends_the_value_a_soft_wrap_runs_into():
    """The survey's respondents group ends near the right edge, and the printed line below it (``ตัวชี้วัด
    ร้อยละความพึงพอใจของผู้ใช้นวัตกรรม ค่าเป้าหมาย …``) opens with a word its first word would not fit before: a soft
    wrap, so ``ตัวชี้วัด`` was taken for a word the sentence ran on into and the whole line read into the value. A
    line holding more of the form's stops after the first is the form's own."""
    name = "absolute_survey_value_above_indicator_line"
    got, truth = extract(FIXTURES / f"{name}.pdf").fields, _truth(name)["fields"]
    assert _key(got["respondents_group"]) == _key(truth["respondents_group"])


def test_a_page_opening_with_a_value_wrapped_into_a_title_s_words_starts_no_form():
    """The certificate's second page opens with its partner scope's last line, ``… ร้อยละ`` wrapped onto
    ``ความพึงพอใจของผู้ใช้นวัตกรรม`` (the survey's title words), above its two signatures. The damaged-title
    rule took that line for the survey's title misread and gave the page to the survey: the certificate lost its
    signatures and its scope's last words (with no warning). A line a paragraph wrapped onto is no title."""
    name = "libreoffice_certificate_page_opens_with_survey_title_words"
    records = extract_all(FIXTURES / f"{name}.pdf")
    want = _truth(name)["records"][0]["fields"]
    assert [r.kind for r in records] == ["certificate", "survey"]
    assert records[0].origin.pages == [1, 2]
    for key in ("partner_scope", "agency_rep_name", "partner_rep_name"):
        assert _key(records[0].fields[key]) == _key(want[key]), key


def test_the_fiscal_year_label_s_words_a_value_wrapped_onto_are_the_value_s():
    """Form 3's plan header: the policy value wraps so that ``ปีงบประมาณ`` (the plan's fiscal-year label) opens the
    next line, followed by more of the value and no year. The value had stopped there (``เปรียบเทียบกับสถิติ``). The
    form prints the label with its year after it: words after a soft wrap with no year are the sentence's."""
    name = "chromium_plan_policy_wrapped_before_fiscal_year_word"
    records = extract_all(FIXTURES / f"{name}.pdf")
    want = _truth(name)["records"][0]["fields"]["plan"]
    assert records[-1].kind == "form3"
    got = records[-1].fields["plan"]
    assert _key(got["policy"]) == _key(want["policy"])
    assert got["fiscal_year"] == want["fiscal_year"]


def test_a_signature_name_line_opening_two_pages_at_the_same_place_is_no_running_header():
    # tb26c 2602 (Chromium, pages 1-7): Form 1's first two copies, signed by one proposer, both put her name line
    # ``( นางสาวกนกวรรณ บุญมา ) ผู้เสนอแนวคิด`` at the top of their second page; the reader marks the second a running
    # header, and the second copy's proposer was read blank
    name = "chromium_form1_copies_name_line_at_two_page_tops"
    records, truth = extract_all(FIXTURES / f"{name}.pdf"), _truth(name)["records"]
    assert [r.kind for r in records] == [t["kind"] for t in truth]
    for record, expected in zip(records, truth, strict=True):
        assert record.fields.get("proposer_name") == expected["fields"].get("proposer_name")
