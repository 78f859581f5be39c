"""Warnings that predict a wrong OCR'd field: Thai spelling, leaked printed text, lost rows, known names, typed
files left alone."""

from __future__ import annotations

from pathlib import Path

from pipeline.extractors.plausible import counts_problems, plausibility_warnings
from pipeline.extractors.record import records_of
from pipeline.extractors.spelling import impossible_sequence, mark_doubts, unknown_words, vowel_doubts
from pipeline.extractors.trust import review_warnings
from pipeline.readers import read_document
from pipeline.samples import sample_records

FIXTURES = Path(__file__).parent / "fixtures"


def _warned(warnings: list[str]) -> set[str]:
    return {w.split(":", 1)[0] for w in warnings}


def test_impossible_thai_sequences_are_found_and_real_words_pass():
    assert impossible_sequence("ท\u0e48\u0e49าน")  # two tone marks on one letter
    assert impossible_sequence("\u0e49บ้าน")  # a tone mark with no letter under it
    assert impossible_sequence("น\u0e33\u0e49")  # ำ typed before its tone mark
    assert impossible_sequence("เ ก็บ")  # เ with no consonant after it
    for word in ("น้ำ", "ที่", "เกี่ยว", "ศักดิ์", "จันทร์", "กรุงเทพมหานคร", "แก้ไข", "ก็"):
        assert impossible_sequence(word) is None, word


def test_a_lost_tone_mark_in_a_real_word_is_doubted_by_its_frequency():
    assert ("ชิน", "ชิ้น") in mark_doubts("เก็บขยะชินใหญ่", 2.0)
    assert ("ซำ", "ซ้ำ") in mark_doubts("ลดการขอภาพซำ", 2.0)
    assert not mark_doubts("ติดตั้งเครื่องสูบน้ำที่บ่อสูบน้ำ", 2.0)
    assert unknown_words("สำรวจความพังพอเจของผู้เช้") and not unknown_words("สำรวจความพึงพอใจของผู้ใช้")


def test_one_letter_that_lost_its_tone_mark_is_doubted_and_an_abbreviations_letter_is_not():
    # ``ไม่กีนาที`` (scans of the tuning half): four idea names went unwarned.
    assert ("กี", "กี่") in mark_doubts("หาภาพข่าวได้ในไม่กีนาที", 2.0)
    assert not mark_doubts("หาภาพข่าวได้ในไม่กี่นาที", 2.0)
    assert not mark_doubts("(พ.ย. 67 – ก.ค. 68) ติดตั้งอุปกรณ์", 2.0)


def test_ocr_doubts_name_the_field_in_english_and_thai():
    fields = {"agency": "สำนักการระบายนำ", "section_unit": "ฝ่ายบำรุงรักษาท่อระบายนำ",
              "idea_name": "นัดเก็บขยะชินใหญ่ผ่าน LINE", "policy": "(ธ.ค. 67 -A.W. 68) ติดตั้ง",
              "problem": "ไม่มีระบบ กรณีดำเนินการร่วมกับหน่วยงานภายนอก", "proposer_name": "นายสมชาย ศรีสุข"}
    warnings = review_warnings("form1", fields, {"proposer_name": 0.97}, 0.97)
    warned = _warned(warnings)
    assert {"agency", "section_unit", "idea_name", "policy", "problem"} <= warned
    assert "proposer_name" not in warned  # read sure, and no dictionary can check a name
    assert "approach" in warned  # the form requires it and nothing was read
    assert all(any("\u0e01" <= ch <= "\u0e5b" for ch in w) for w in warnings)  # each also in Thai
    unsure = review_warnings("form1", {"proposer_name": "นายสมชาย ศรีสุข"}, {"proposer_name": 0.93}, 0.97)
    assert "proposer_name" in _warned(unsure)


def test_a_plan_read_without_a_phase_warns_the_whole_table():
    steps = [{"name": "ติดตามผลรายเดือน", "phase": "follow_up", "months": [6, 7]}]
    warned = _warned(review_warnings("plan", {"steps": steps, "fiscal_year": 2568}, {}, 0.95))
    assert "steps" in warned  # so rows missing below it (steps[5].name …) are covered too
    assert "steps" in _warned(review_warnings("plan", {"steps": []}, {}, 0.95))


def test_a_clean_ocr_reading_of_a_sample_gets_no_warning():
    for kind in ("form1", "form2", "plan", "survey"):
        record = sample_records(kind)[0]
        assert review_warnings(kind, record.model_dump(mode="json")["fields"], {}, 0.97) == [], kind


def test_survey_counts_that_cannot_be_right_are_warned():
    questions = [{"text": "ก", "counts": [10, 13, 6, 1]}, {"text": "ข", "counts": [8, 15, 6, 1]},
                 {"text": "ค", "counts": [0, 0, 0, 0]}, {"text": "ง", "counts": [9, 13, 7, 3]}]
    problems = counts_problems(questions)
    assert set(problems) == {"questions[2].counts", "questions[3].counts"}


def test_survey_counts_split_half_and_half_are_all_warned():
    # scan-tune3405 (cf18sc): the last column's 1 read as 0 in three of six questions; a majority pick of 49 or 50
    # would leave the three misread questions unwarned
    read = [[24, 22, 3, 0], [22, 25, 2, 1], [25, 21, 3, 1], [21, 26, 2, 0], [23, 23, 3, 1], [24, 22, 3, 0]]
    problems = counts_problems([{"text": "ก", "counts": c} for c in read])
    assert set(problems) == {f"questions[{n}].counts" for n in range(6)}
    assert "50" in problems["questions[0].counts"]
    problems = counts_problems([{"text": "ก", "counts": c} for c in [*read, [22, 25, 2, 1]]])  # 50 now most's
    assert set(problems) == {"questions[0].counts", "questions[3].counts", "questions[5].counts"}


def test_a_rate_with_no_unit_after_its_number_is_warned():
    # scan-tune3401 (cf18sc): the problem's last word นาที lost at the line's end; a percent needs none
    lost = "ภาพข่าวปีละ40,000ภาพไม่มีคำสำคัญ ค้นภาพละ 35"
    assert "problem" in _warned(review_warnings("form3", {"problem": lost}, {}, 0.95))
    for right in ("ภาพข่าวปีละ 40,000 ภาพไม่มีคำสำคัญ ค้นภาพละ 35 นาที", "ไม่น้อยกว่าร้อย ละ 95", "ร้อยละ 80",
                  "ช่างภาพและ 2 หน่วยงาน"):
        assert "problem" not in _warned(review_warnings("form3", {"problem": right}, {}, 0.95)), right


def test_typed_files_get_no_ocr_doubts():
    for name in ("pandoc_form4_pipe_tables.docx", "resave_form2_wingdings.docx", "chromium_plan_actualtext.pdf"):
        path = FIXTURES / name
        records = records_of(read_document(path), path)
        assert records and not [w for r in records for w in r.warnings if "photo or scan" in w], name
        assert all(not r.confidence for r in records)


def test_typed_records_are_held_to_what_they_show_not_to_blanks():
    value = "สอดคล้องกับนโยบายผู้ว่าราชการกรุงเทพมหานคร ปลอดภัยดี 10 เป็นโครงการใหม่ โครงการต่อเนื่อง"
    assert "project_nature" in _warned(review_warnings("form4", {"project_nature": value}, typed=True))
    inside = "จัดทำรายงานผลการดำเนินงานเสนอผู้อำนวยการเขต"  # printed wording inside a real value
    assert not review_warnings("plan", {"agency": "สำนักงานเขตบางรัก", "project_name": "โครงการจองคิวออนไลน์",
                                        "steps": [{"name": inside, "phase": "creation", "months": [1]},
                                                   {"name": "ใช้งาน", "phase": "deployment", "months": [2]},
                                                   {"name": "ติดตาม", "phase": "follow_up", "months": [3]}]},
                               typed=True)
    named = {"agency": "สำนักงานเขตบางรัก", "idea_name": "จองคิวออนไลน์"}
    assert not review_warnings("form1", {**named, "supervisor_name": None}, typed=True)  # the agency's own blank
    missing = review_warnings("form1", {**named, "supervisor_name": None}, typed=True, pages_missing=True)
    assert "supervisor_name" in _warned(missing) and "a page may be missing" in " ".join(missing)
    assert "kpis" in _warned(review_warnings("form4", {"kpis": [{"name": "ก"}]}, typed=True))  # the form asks 4
    # What names the record is never the agency's own blank: a reader lost it.
    assert {"agency", "idea_name"} <= _warned(review_warnings("form1", {"agency": None, "idea_name": ""}, typed=True))


def test_a_heading_read_as_a_plan_step_warns_the_table():
    steps = [{"name": "การสร้างนวัตกรรม", "phase": "creation", "months": []},
             {"name": "การสร้างนวัตกรรม", "phase": "creation", "months": [1, 2]},
             {"name": "ใช้งานจริง", "phase": "deployment", "months": [3]},
             {"name": "ติดตามผล", "phase": "follow_up", "months": [4]}]
    assert "steps" in _warned(review_warnings("plan", {"steps": steps}, typed=True))


def test_one_person_read_for_two_roles_warns_the_later_role():
    fields = {"proposer_name": "นางสาวพิมพ์ชนก ศรีทอง", "supervisor_name": "( นางสาวพิมพ์ชนก  ศรีทอง )",
              "head_name": "นางพรทิพย์ เลิศวิไล"}
    warned = plausibility_warnings("form1", fields)
    assert len(warned) == 1 and warned[0].startswith("supervisor_name:") and "proposer_name" in warned[0]
    fields["supervisor_name"] = "นายเฉลิมชัย สุวรรณศรี"
    assert plausibility_warnings("form1", fields) == []


def test_a_year_no_form_could_carry_is_warned_in_any_text():
    fields = {"fiscal_year": 2568, "duration": "10 เดือน (ตั้งแต่เดือนธันวาคม ๗๕๒ ถึงเดือนกันยายน ๒๕๖๘)",
              "benefits": "ภายในเดือนกันยายน 2568 ตามปีงบประมาณ พ.ศ. 2568 (ประชุมทุกเดือนมีนาคม 2 ครั้ง)",
              "targets": "ครบภายในเดือนมกราคม 68"}
    warned = plausibility_warnings("form4", fields)
    assert len(warned) == 1 and warned[0].startswith("duration:") and "๗๕๒" in warned[0]
    assert plausibility_warnings("form4", {"fiscal_year": 2528})[0].startswith("fiscal_year:")


def test_a_period_whose_year_after_a_month_abbreviation_was_cut_is_warned():
    """A wordish Form 4 printed to PDF (tuning seed 410) read each KPI's period ``ธ.ค. 67 – ก.พ. 6``: the year's
    last digit lost at the cell's edge, with no warning. A count after an abbreviation is no year."""
    kpi = {"name": "ร้อยละของจุดที่ติดตั้ง", "target": "ร้อยละ 80", "method": "รายงาน", "period": "ธ.ค. 67 – ก.พ. 6"}
    warned = plausibility_warnings("form4", {"fiscal_year": 2568, "kpis": [kpi]})
    assert len(warned) == 1 and warned[0].startswith("kpis[0].period:") and "cut short" in warned[0]
    for right in ("ธ.ค. 67 – ก.พ. 68", "ส.ค. – ก.ย. 68", "พ.ย. 2567 – ก.ย. 2568", "ม.ค. 2 ครั้ง", "ก.พ. 2025 –"):
        assert plausibility_warnings("form4", {"fiscal_year": 2568, "kpis": [{**kpi, "period": right}]}) == [], right
    far = plausibility_warnings("form4", {"fiscal_year": 2568, "kpis": [{**kpi, "period": "ต.ค. 67 – ก.ย. 86"}]})
    assert len(far) == 1 and "no year of this form" in far[0]


def test_a_wordish_pdf_whose_kpi_periods_ran_past_the_cell_edge_reads_the_years_whole():
    """The real file behind the test above: LibreOffice's print of a Form 4 laid out in another word processor's
    way (tuning seed 410); its KPI table, nested in a frame's cell and wider than it, draws each period's last
    digit right of the table's border. It was read ``ธ.ค. 67 – ก.พ. 6`` and warned; the digit now goes to the
    cell its line goes on in (the PDF reader, nineteenth round), and no period is cut or warned."""
    path = FIXTURES / "wordish_pdf_form4_kpi_period_year_cut_at_cell_edge.pdf"
    record = records_of(read_document(path), path)[0]
    assert [kpi["period"] for kpi in record.fields["kpis"]][:2] == ["ธ.ค. 67 – ก.พ. 68", "ส.ค. – ก.ย. 68"]
    assert not any("cut short" in w for w in record.warnings)


def test_a_text_of_one_letter_is_warned():
    assert plausibility_warnings("form3", {"budget_source": "ค"})[0].startswith("budget_source:")
    assert plausibility_warnings("form3", {"budget_source": "งบประมาณ กทม."}) == []


def test_a_plan_of_another_fiscal_year_than_its_form_is_warned():
    fields = {"fiscal_year": 2568, "plan": {"fiscal_year": 2528, "steps": []}}
    assert "plan.fiscal_year" in _warned(review_warnings("form4", fields, typed=True))
    fields["plan"]["fiscal_year"] = 2568
    assert "plan.fiscal_year" not in _warned(review_warnings("form4", fields, typed=True))


def test_symbols_and_scraps_no_value_has_are_doubted_in_ocr_text():
    fields = {"risks": [{"risk": "อุปกรณ์ชำรุดจากน้ำท่วม", "likelihood": "an", "impact": "สูง", "level": "สูง",
                         "mitigation": "ใช้กล่องกันน้ำมาตรฐาน |๒ติดตั้งเหนือระดับน้ำ"}],
              "approach": "ใช้ fa: 161:4G และ Grafana", "benefits": "ไตรมาสที่ 3 : ประหยัดเวลา 10:30 นาที"}
    warned = _warned(review_warnings("form4", fields, {}, 0.97))
    assert {"risks[0].likelihood", "risks[0].mitigation", "approach"} <= warned
    assert not {"risks[0].risk", "risks[0].impact", "benefits"} & warned


def test_a_month_whose_year_reads_as_letters_and_a_labels_tail_before_a_value_are_doubted():
    fields = {"plan_creation": "(พ.ย. ๖๗- ก.พ. de)ติดตั้งอุปกรณ์", "plan_follow_up": "(มิ.ย. - กุย. va) ติดตามผล",
              "plan_deployment": "(มี.ค. - พ.ค. 68) ใช้ระบบ Google Workspace", "policy": "ร: บริหารจัดการดี 12 รัฐดิจิทัล",
              "target_users": "ประชาชน: ผู้ใช้บริการ"}
    warned = _warned(review_warnings("form3", fields, {}, 0.97))
    assert {"plan_creation", "plan_follow_up", "policy"} <= warned
    assert not {"plan_deployment", "target_users"} & warned


def test_a_plan_with_no_month_marked_in_any_step_warns_the_table():
    steps = [{"name": "ประชุม", "phase": "creation", "months": []}, {"name": "ใช้งาน", "phase": "deployment",
                                                                      "months": []},
             {"name": "ติดตาม", "phase": "follow_up", "months": []}]
    assert "steps" in _warned(review_warnings("plan", {"steps": steps}, typed=True))
    steps[1]["months"] = [3]
    assert "steps" not in _warned(review_warnings("plan", {"steps": steps}, typed=True))


def test_a_word_of_digits_and_thai_letters_or_an_unclosed_bracket_is_doubted():
    # Unwarned wrong fields of the tuning half's scans: ``(96พ6 Cleaning Map)`` for (Sewer Cleaning Map),
    # ``จำนวน: 3บ ชุด`` run into a value, ``(DDS Pump`` cut short. Typed-style numbers run into words are not.
    read = {"innovation": "แผนที่ประวัติการลอกท่อระบายน้ำ(96พ6 Cleaning Map)",
            "project_name": "ระบบติดตามสถานะเครื่องสูบน้ำแบบทันเวลา (DDS Pump",
            "target_users": "เจ้าหน้าที่ที่ใช้คลังภาพ จำนวน: 3บ ชุด", "affected_groups": "ประชาชนร้อยละ80ของเขต (ชุมชน 5 แห่ง)",
            "objectives": "ไม่น้อยกว่าร้อยละ ๘6๐", "plan_creation": "(พ.ย. ๖ซ - ก.พ. ๖๘) ติดตั้งอุปกรณ์",
            "tools": "แบบตรวจรายการเอกสารงานทะเบียน ออนไลน์(โล๖[ลุทChecklist)"}  # a square bracket, unclosed
    warned = _warned(review_warnings("form3", read, {key: 0.97 for key in read}, 0.97))
    assert {"innovation", "project_name", "target_users", "objectives", "plan_creation", "tools"} <= warned
    assert "affected_groups" not in warned


def test_a_thai_letter_alone_at_the_end_an_exclamation_mark_and_a_stray_at_sign_are_doubted():
    # Unwarned wrong fields of fresh tuning photos: a speck after a value read as a letter (``… แห่ง ล``), a Latin
    # word OCR could not read (``!!ผ6`` for LINE, ``ซอฟต์แวร์@เซอร์วิส`` for &), a year read as letters after a
    # month's full name, a value cut short at a comma. ณ is a word, an e-mail or a LINE ID keeps its @, a letter set
    # apart inside a value (บ ริหาร) is a word's own.
    read = {"affected_groups": "ประชาชนในพื้นที่ของบ่อสูบน้ำนำร่อง ๓๐ แห่ง ล", "new_approach": "ให้นัดเก็บผ่าน !!ผ6 พร้อมพิกัด",
            "partner": "บริษัท ซูตุลงก ซอฟต์แวร์@เซอร์วิสจำกัด(มหาชน)", "impact": "หาภาพข่าวได้ในไม่กีนาทีด้วยคลังภาพกลาง,",
            "tools": "ระยะเวลา 10 เดือน (ตั้งแต่เดือนธันวาคม ๒๕๖๗ ถึงเดือนกันยายน bade)",
            "objectives": "ให้บริการแบบเบ็ดเสร็จ ณ จุดเดียว", "policy": "บ ริหารจัดการดี 12 รัฐดิจิทัล",
            "partner_work": "ติดต่อผู้ดูแลระบบที่ admin@bma.go.th หรือ LINE @bkkpr ได้ตลอด",
            "target_users": "ระยะเวลา 10 เดือน (ตั้งแต่เดือนธันวาคม 2567 ถึงเดือนกันยายน 2568)"}
    warned = _warned(review_warnings("form3", read, {key: 0.97 for key in read}, 0.97))
    assert {"affected_groups", "new_approach", "partner", "impact", "tools"} <= warned
    assert not {"objectives", "policy", "partner_work", "target_users"} & warned


def test_a_capital_i_read_as_a_small_l_is_doubted():
    # ``loT, 4G และ Grafana`` for IoT (two rounds of fresh tuning photos); eGov, iPad and plain words are not.
    read = {"tools": "loT, 4G และ Grafana", "partner_work": "ใช้ระบบ eGov และ iPad กับ LINE OA และ Looker Studio"}
    warned = _warned(review_warnings("form3", read, {key: 0.97 for key in read}, 0.97))
    assert "tools" in warned and "partner_work" not in warned


def test_letters_left_over_when_a_values_words_are_read_together_are_doubted():
    # Unwarned wrong fields of the scans' tuning half: a vowel lost inside a word split by a space (สำนั กุงาน), a
    # speck glued to a word (ศูนย์ดวูบคุม, บปานกลาง). Spaces OCR put inside right words, abbreviations and loan
    # words the corpus knows (แดชบอร์ด) leave nothing; a long value is doubted only when the pieces are many.
    read = {"innovation": "ฝ่ายปกครอง สำนั กุงานเขตบางกะปิ", "target_users": "เจ้าหน้าที่ศูนย์ดวูบคุม",
            "partner_work": "อุปกรณ์ตรวจวัดเสีย หายจุภกความชื้น หรือน้ำท่วมถึงตู้ ศวูบคม",
            "tools": "จัดหาอุปกรณ์ตรวจวัดและพัฒนาแดช บอร์ด", "partner": "กลุ่มงานผลิตสื่อ สำนักงา นประชาสัมพันธ์",
            "objectives": "งบประมาณรายจ่าย ประจำปี พ.ศ. ๒๕๖๘ (เม.ย. – ก.ย. 68)", "impact": "รู้ทันเครื่องสูบน้ำขัดข้องก่อนน้ำท่วม.",
            "affected_groups": "เจ้าหน้าที่ศูนย์ดวูบคุม ระบบป้องกันน้ำท่วม และช่างซ่อมบำรุงที่ใช้ระบบเพื่อติดตามสถานะ"}
    warned = _warned(review_warnings("form3", read, {key: 0.97 for key in read}, 0.97))
    assert {"innovation", "target_users", "partner_work"} <= warned
    assert not {"tools", "partner", "objectives", "impact", "affected_groups"} & warned


def test_a_risk_rating_that_is_no_rating_is_doubted():
    # ``บปานกลาง`` and ``3)`` (tuning scans) read for ปานกลาง and 3; a rating word split by a space is a rating.
    risks = [{"risk": "อุปกรณ์ชำรุด", "likelihood": "3)", "impact": "ปาน กลาง", "level": "บปานกลาง",
              "mitigation": "ใช้กล่องกันน้ำ"}, {"risk": "ข้อมูลรั่วไหล", "likelihood": "๒", "impact": "สูงมาก",
                                                  "level": "สูง", "mitigation": "กำหนดสิทธิ์ผู้ใช้"}]
    warned = _warned(review_warnings("form4", {"risks": risks}, {}, 0.97))
    assert {"risks[0].likelihood", "risks[0].level"} <= warned
    assert not {"risks[0].impact", "risks[1].likelihood", "risks[1].impact", "risks[1].level"} & warned


def test_a_word_lost_or_read_twice_warns_its_field_but_not_its_table():
    # Unwarned wrong step names of the scans' tuning half: ปี lost after a number of years (ย้อนหลัง ๑ พร้อม…),
    # a word's piece read as a letter before a comma (ก,), a wrapped cell's word read twice (ผล ผล). A length of
    # time with its unit, an item's number and a word repeated with ๆ pass; the other steps stay unwarned.
    steps = [{"name": "นำเข้าภาพข่าวย้อนหลัง ๑ พร้อมคำสำคัญ", "phase": "creation", "months": [2]},
             {"name": "ช่างภาพ ก, ประชาสัมพันธ์ และผู้ประสาน งานของหน่วยงาน", "phase": "deployment", "months": [3]},
             {"name": "การติดตามผล ผลการนำ นวัตกรรมไป ใช้ประโยชน์", "phase": "follow_up", "months": [6]},
             {"name": "เฝ้าระวังเครื่องสูบน้ำตลอด ๒๔ชั่วโมง และแจ้งเตือนภายใน 5 นาที", "phase": "deployment",
              "months": [4]},
             {"name": "ติดตามผลทุก 3 เดือน ครั้งละ 2 จุด ต่างๆ", "phase": "follow_up", "months": [8]}]
    warned = _warned(review_warnings("form4", {"plan": {"steps": steps}}, {}, 0.97))
    assert {"plan.steps[0].name", "plan.steps[1].name", "plan.steps[2].name"} <= warned
    assert not {"plan.steps[3].name", "plan.steps[4].name", "plan.steps"} & warned


def test_a_line_end_hyphen_and_an_abbreviation_ending_a_value_warn_the_field():
    # Unwarned wrong fields of the tuning halves: a wrapped word read with a hyphen (คลัง- ภาพ), another line's
    # scrap read after the value (…ร่วมกันได้ , ม., …และหน่วย ติ.). A range with spaces both sides, an
    # abbreviation before its name and a year's abbreviation inside a value pass.
    read = {"expected_benefits": "ค้นหาภาพข่าวได้ภายใน 5 นาที และหน่วยงานอื่นใช้ภาพร่วมกันได้ , ม.",
            "impact": "ค้นหาภาพข่าวได้ภาย งานอื่นใช้ภาพร่วมกัน และหน่วย ติ.",
            "tools": "สำรวจความพึงพอใจของผู้ใช้คลัง- ภาพ",
            "objectives": "อบรมเจ้าหน้าที่ (มี.ค. - มิ.ย. 68) ที่ อ. เมือง ภายในปี พ.ศ. 2568 และทีมช่าง"}
    warned = _warned(review_warnings("form3", read, {key: 0.97 for key in read}, 0.97))
    assert {"expected_benefits", "impact", "tools"} <= warned and "objectives" not in warned


def test_a_plan_step_with_no_month_and_a_blank_risk_rating_are_warned_when_read_by_ocr():
    # A scan of the tuning half whose Gantt marks were half read (nine steps with none marked, the rest short of
    # months), and two risks whose rating cell came back blank; a typed file's blank rating is the agency's own,
    # and a phase's heading row (dev's scanned plans) has no month.
    steps = [{"name": "การสร้างนวัตกรรม", "phase": "creation", "months": []},  # a phase's heading (real plans)
             {"name": "จัดหาอุปกรณ์", "phase": "creation", "months": [2, 11]},
             {"name": "ประชุมคณะทำงาน", "phase": "creation", "months": []},
             {"name": "การนำนวัตกรรมไปใช้ประโยชน์", "phase": "deployment", "months": [6]},
             {"name": "สำรวจความพึงพอใจของผู้ใช้ระบบ", "phase": "follow_up", "months": [8]}]
    risks = [{"risk": "อุปกรณ์ชำรุด", "likelihood": "3", "impact": None, "level": "สูง", "mitigation": "สำรองอุปกรณ์"}]
    warned = _warned(review_warnings("form4", {"plan": {"steps": steps}, "risks": risks}, {}, 0.97))
    assert {"plan.steps", "risks[0].impact"} <= warned and "risks" not in warned
    steps[2]["months"] = [11]
    typed = _warned(review_warnings("form4", {"plan": {"steps": steps}, "risks": risks}, typed=True))
    assert not {"plan.steps", "risks[0].impact"} & typed
    assert "plan.steps" not in _warned(review_warnings("form4", {"plan": {"steps": steps}}, {}, 0.97))


def test_an_ocr_text_of_one_character_is_doubted():
    # scan-tune3351-form2 (tuning half): a blank ``extended_current`` read as ``๐``, no other doubt on it. A risk's
    # rating, which is one character, is held to the ratings instead.
    fields = {"extended_current": "๐", "extended_what": "ระบบแจ้งเตือน 1 ระบบ"}
    warned = _warned(review_warnings("form2", fields, {}, 0.97))
    assert "extended_current" in warned and "extended_what" not in warned
    risks = [{"risk": "อุปกรณ์ชำรุด", "likelihood": "3", "impact": "๒", "level": "สูง", "mitigation": "สำรองอุปกรณ์"}]
    assert not {"risks[0].likelihood", "risks[0].impact", "risks"} & _warned(review_warnings("form4", {"risks": risks},
                                                                                            {}, 0.97))


def test_a_rare_word_whose_twin_with_another_upper_vowel_is_far_commoner_is_doubted():
    # tune1185-plan (photos, tuning half): ``เกิบ`` for เก็บ went unwarned, a word of the dictionary that the corpus
    # has seen 11 times; a compound the corpus never saw whole (กันน้ำ) is no rare word.
    assert ("เกิบ", "เก็บ") in vowel_doubts("ระบบนัดเกิบขยะชิ้นใหญ่ออนี่ไลน์(Bang Kapi Big Waste Booking)")
    assert not vowel_doubts("ระบบนัดเก็บขยะชิ้นใหญ่ออนไลน์ อุปกรณ์กันน้ำ ติดตั้งที่บ่อสูบน้ำ")
    assert "innovation" in _warned(review_warnings("plan", {"innovation": "ระบบนัดเกิบขยะชิ้นใหญ่"}, {}, 0.97))


def test_a_value_that_is_only_a_piece_of_a_printed_label_is_warned():
    # ``scan-tune3463-form2`` (cf20sc): the line ``โดยสิ่งที่พัฒนา/ต่อยอด`` read without its คือ; the label matched in its
    # shorter spelling and its head ``โดย`` was left as the value of the field above (extended_current, blank).
    warned = plausibility_warnings("form2", {"innovation_origin": "new", "extended_current": "โดย"})
    assert _warned(warned) == {"extended_current"} and "โดยสิ่งที่พัฒนา/ต่อยอด คือ" in warned[0]
    # a value that holds a label's words and more, a count (in many labels' numbers), a phase's name inside a
    # label (การติดตามผลการนำนวัตกรรมไปใช้ประโยชน์) are values
    assert plausibility_warnings("form2", {"extended_current": "ให้บริการประชาชนในเขต 4 แห่ง"}) == []
    assert plausibility_warnings("form4", {"risks": [{"risk": "ข้อมูลไม่ครบ", "likelihood": "4"}]}) == []
    assert plausibility_warnings("form3", {"plan": {"steps": [{"name": "การนำนวัตกรรมไปใช้ประโยชน์"}]}}) == []


def test_a_signature_line_or_a_gantt_bar_read_into_a_value_is_warned():
    # ``tune-chromium-2124-f1x3`` (cf20bu): the second form's proposer signature read as an external partner's row.
    row = {"name": None, "share_percent": None, "contribution": "( นางสาวกนกวรรณ บุญมา ) ผู้เสนอแนวคิด"}
    warned = _warned(plausibility_warnings("form1", {"external_partners": [row]}))
    assert warned == {"external_partners", "external_partners[0].contribution"}  # the table, whose truth has no row
    assert plausibility_warnings("form1", {"proposer_name": "( นางสาวกนกวรรณ บุญมา )"}) == []  # a name's own field
    # ``tune-chromium-2129-f3plan-f4-drop``: the value ran on into the next page's plan, its bar's arrow and all.
    groups = ("ออกแบบขั้นตอนการนัดหมายและเกณฑ์การรับขยะชิ้นใหญ่ภาพไม่มีคำสำคัญ แผนการดำเนินการ "
              "อบรมช่างภาพนักประชาสัมพันธ์และผู้ประสานงานของหน่วยงาน ⟶")
    assert _warned(plausibility_warnings("form3", {"affected_groups": groups})) == {"affected_groups"}
    assert plausibility_warnings("form3", {"affected_groups": groups[:48]}) == []


def test_a_role_read_blank_beside_one_name_read_for_two_roles_is_warned():
    # ``tune-chromium-2124-f1x3``'s third form: the proposer's name lost, the supervisor's read for the head too.
    fields = {"proposer_name": None, "supervisor_name": "นางสาวกนกวรรณ บุญมา", "head_name": "นางสาวกนกวรรณ บุญมา"}
    assert _warned(plausibility_warnings("form1", fields)) == {"proposer_name", "head_name"}
    fields["head_name"] = "นางรัชนี ทองดี"
    assert plausibility_warnings("form1", fields) == []  # a blank role beside three people is the agency's own
