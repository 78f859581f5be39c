"""The agency list: every BMA agency once, any name resolved to one agency or sent to review, never a new one."""

from __future__ import annotations

import pytest

from pipeline import agencies
from pipeline.agencies import AgencyListError, parse_agencies, resolve
from pipeline.identity import agency_key, place
from pipeline.records import Record


def test_the_list_holds_the_50_districts_the_departments_and_the_units() -> None:
    listed = agencies.all_agencies()
    by_type = {t: [a for a in listed if a.type == t] for t in ("district", "department", "permanent_secretary_unit")}
    assert len(by_type["district"]) == 50 and all(a.th.startswith("สำนักงานเขต") for a in by_type["district"])
    assert {"สำนักการระบายน้ำ", "สำนักการโยธา", "สำนักอนามัย", "สำนักการแพทย์", "สำนักสิ่งแวดล้อม", "สำนักการศึกษา",
            "สำนักเทศกิจ", "สำนักการคลัง", "สำนักพัฒนาสังคม", "สำนักการวางผังและพัฒนาเมือง", "สำนักการจราจรและขนส่ง",
            "สำนักป้องกันและบรรเทาสาธารณภัย", "สำนักยุทธศาสตร์และประเมินผล",
            "สำนักงบประมาณกรุงเทพมหานคร"} <= {a.th for a in by_type["department"]}
    assert {"สำนักงานประชาสัมพันธ์", "สำนักงานกฎหมายและคดี", "สำนักงานการต่างประเทศ",
            "สำนักงานเลขานุการผู้ว่าราชการกรุงเทพมหานคร", "สำนักงานเลขานุการสภากรุงเทพมหานคร"} <= {
        a.th for a in by_type["permanent_secretary_unit"]}
    assert len({a.code for a in listed}) == len(listed) and agencies.agency_list().source


@pytest.mark.parametrize(("name", "how", "agency"), [
    ("สำนักการระบายน้ำ", "exact", "สำนักการระบายน้ำ"),
    ("สำนักการระบายนำ", "fuzzy", "สำนักการระบายน้ำ"),              # the tone mark lost (OCR)
    ("สำนักงานเขตลาดพราว", "fuzzy", "สำนักงานเขตลาดพร้าว"),
    ("สำนกงานเขตวฒนา", "fuzzy", "สำนักงานเขตวัฒนา"),              # not ทวีวัฒนา
    ("บางกะปิ", "alias", "สำนักงานเขตบางกะปิ"),                  # สำนักงานเขต left out
    ("เขต บางกะปิ", "alias", "สำนักงานเขตบางกะปิ"),
    ("Bang Kapi District Office", "alias", "สำนักงานเขตบางกะปิ"),  # the English name
    ("Drainage and Sewerage Department", "alias", "สำนักการระบายน้ำ"),
    ("สนน.", "alias", "สำนักการระบายน้ำ"),
    ("สำนักงานเขตบางกะปิ กรุงเทพมหานคร", "exact", "สำนักงานเขตบางกะปิ"),
    ("สำนักเลขานุการสภากรุงเทพมหานคร", "alias", "สำนักงานเลขานุการสภากรุงเทพมหานคร"),
    ("สำนักงานกฏหมายและคดี", "fuzzy", "สำนักงานกฎหมายและคดี"),
])
def test_a_name_resolves_to_its_one_agency(name: str, how: str, agency: str) -> None:
    found = resolve(name)
    assert (found.how, found.agency.th if found.agency else None) == (how, agency)
    assert agency_key(name) == agency_key(agency)


@pytest.mark.parametrize(("name", "how"), [("สำนักงานเขตบางกอก", "ambiguous"), ("บริษัท เอบีซี จำกัด", "unresolved"),
                                           ("สำนักงานเขตอื่น", "unresolved")])
def test_an_unknown_or_ambiguous_name_is_no_agency_and_says_so_in_both_languages(name: str, how: str) -> None:
    found = resolve(name)
    assert found.how == how and found.agency is None
    warning = found.warning() or ""
    assert warning.startswith("agency: ") and name in warning and "หน่วยงาน" in warning


def test_a_record_with_an_unknown_agency_goes_to_review_not_into_a_new_agency() -> None:
    record = Record(kind="form1", fields={"agency": "กองสวัสดิการสังคมแห่งใหม่"})
    placed = place(record, [])
    assert placed.agency is None and any(w.startswith("agency: ") for w in placed.warnings)
    placed = place(record, ["สำนักงานเขตดุสิต"])  # its folder names a listed agency: that one, still warned
    assert placed.agency == "สำนักงานเขตดุสิต" and any("กองสวัสดิการ" in w for w in placed.warnings)


def test_a_name_given_to_two_agencies_is_refused() -> None:
    data = {"agencies": [{"code": "A", "type": "district", "th": "สำนักงานเขตหนึ่ง", "en": "One", "aliases": ["x"]},
                         {"code": "B", "type": "department", "th": "สำนักสอง", "en": "Two", "aliases": ["x"]}]}
    with pytest.raises(AgencyListError, match="two agencies"):
        parse_agencies(data)
    with pytest.raises(AgencyListError, match="type"):
        parse_agencies({"agencies": [{**data["agencies"][0], "type": "ministry"}]})


def test_every_listed_name_without_its_tone_marks_and_every_bare_district_resolves_to_itself() -> None:
    import re

    for agency in agencies.all_agencies():
        assert resolve(re.sub("[\u0e48-\u0e4b]", "", agency.th)).agency == agency, agency.th
        if agency.type == "district":
            assert resolve(agency.th.removeprefix("สำนักงานเขต")).agency == agency
