"""The agency clerk's pages through HTTP: every kind filled on the page from the sample records, drafts, 403."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from pipeline.forms import KINDS, form
from pipeline.generate import generate
from pipeline.records import Record
from pipeline.samples import sample_records
from pipeline.store import open_store
from pipeline.store.drafts import drafts_of
from pipeline.web.app import WebConfig, create_app
from tests.web_helpers import CLERK_AGENCY, OTHER_AGENCY, PASSWORD, csrf_of, sample_store
from tests.web_helpers import sign_in as form_sign_in

MINE, THEIRS = quote(CLERK_AGENCY), quote(OTHER_AGENCY)


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("clerk") / "store.sqlite"
    store = sample_store(f"sqlite:///{path}")
    from pipeline.store.users import add_user
    add_user(store, "drainage", PASSWORD, role="agency", agency=OTHER_AGENCY)
    store.close()
    return path


@pytest.fixture
def app(sample_file, tmp_path):
    shutil.copyfile(sample_file, tmp_path / "store.sqlite")
    return create_app(WebConfig(store_url=f"sqlite:///{tmp_path / 'store.sqlite'}", inbox=tmp_path / "inbox",
                                cache=tmp_path / "cache"))


def signed_in(app, name: str) -> tuple[TestClient, str]:
    client = TestClient(app)
    assert form_sign_in(client, name).status_code == 303
    return client, csrf_of(client.get("/").text if name != "clerk" else client.get(f"/agencies/{MINE}/forms").text)


def posted(fields: dict[str, Any], kind: str, prefix: str = "") -> list[tuple[str, str]]:
    """A record's fields as the page's form posts them (``steps.0.months`` once per month, ``plan.…``)."""
    out: list[tuple[str, str]] = []
    for key, spec in form(kind).fields.items():
        value, name = fields.get(key), prefix + key
        if value is None:
            continue
        if spec.type == "plan":
            out += [("plan.present", "1"), *posted(value, "plan", name + ".")]
        elif spec.type == "list":
            for i, row in enumerate(value):
                out += posted_row(row, spec.item, f"{name}.{i}.")
        elif spec.type == "months":
            out += [(name, str(m)) for m in value]
        elif spec.type == "counts":
            out += [(f"{name}.{i}", str(c)) for i, c in enumerate(value)]
        else:
            out.append((name, str(value).lower() if isinstance(value, bool) else str(value)))
    return out


def posted_row(row: dict[str, Any], item: dict, prefix: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for key, spec in item.items():
        value = row.get(key)
        if spec.type == "months":
            out += [(prefix + key, str(m)) for m in value or []]
        elif spec.type == "counts":
            out += [(f"{prefix}{key}.{i}", str(c)) for i, c in enumerate(value or [])]
        elif value is not None:
            out.append((prefix + key, str(value)))
    if not out:
        out.append((prefix + next(iter(item)), ""))  # an empty row still posted, as the page posts it
    return out


def docx_body(path: Path) -> str:
    """The document's body as Word keeps it: its text, and its marks (a plan's shaded months, check boxes)."""
    with zipfile.ZipFile(path) as zf:
        return zf.read("word/document.xml").decode("utf-8")


def new_draft(client: TestClient, token: str, kind: str, agency: str = MINE) -> str:
    response = client.post(f"/agencies/{agency}/drafts", data={"kind": kind, "csrf": token}, follow_redirects=False)
    assert response.status_code == 303, response.text
    return response.headers["location"]


def test_blank_form_needs_no_libreoffice_for_a_bad_kind_and_refuses_another_agency(app):
    client, _token = signed_in(app, "clerk")
    assert client.get(f"/agencies/{MINE}/forms/nosuch.docx").status_code == 400
    assert client.get(f"/agencies/{THEIRS}/forms/form1.docx").status_code == 403
    assert client.get(f"/agencies/{THEIRS}/forms.zip").status_code == 403
    page = client.get(f"/agencies/{MINE}/forms").text
    for kind in KINDS:
        assert f"/forms/{kind}.docx" in page and f"/forms/{kind}.pdf" in page and f'id="new-{kind}"' in page


@pytest.mark.slow
def test_blank_forms_every_kind_as_docx_pdf_and_one_zip(app):
    client, _token = signed_in(app, "clerk")
    docx = client.get(f"/agencies/{MINE}/forms/form1.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    pdf = client.get(f"/agencies/{MINE}/forms/form4.pdf")
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"
    names = zipfile.ZipFile(io.BytesIO(client.get(f"/agencies/{MINE}/forms.zip").content)).namelist()
    assert sorted(names) == sorted(f"{k}-blank.{ext}" for k in KINDS for ext in ("docx", "pdf"))


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_filled_on_the_page_makes_the_same_docx_as_generate(app, kind, tmp_path):
    """Each sample record of the kind posted through the page's form: the page's DOCX is ``generate``'s."""
    client, token = signed_in(app, "clerk")
    samples = sample_records(kind)
    assert samples, kind
    for n, sample in enumerate(samples):
        url = new_draft(client, token, kind)
        data: dict[str, list[str]] = {"csrf": [token]}
        for name, value in posted(sample.fields, kind):
            data.setdefault(name, []).append(value)
        assert client.post(url, data=data, follow_redirects=False).status_code == 303
        page = client.get(url).text
        assert 'id="download-docx"' in page, re.findall(r'class="error" role="alert">([^<]*)', page)
        made = client.get(url + ".docx")
        assert made.status_code == 200
        (tmp_path / f"page-{n}.docx").write_bytes(made.content)
        expected = generate([Record.from_data(sample.fields, kind=kind)], tmp_path / f"cli-{n}", per_agency=False)
        assert docx_body(tmp_path / f"page-{n}.docx") == docx_body(expected.documents[0].docx), (kind, n)


def test_rows_are_added_and_removed_in_place_and_checks_shown_beside_the_field(app):
    client, token = signed_in(app, "clerk")
    url = new_draft(client, token, "plan")
    hx = {"HX-Request": "true"}
    fragment = client.post(url, data={"csrf": token, "op": "add:steps"}, headers=hx).text
    assert fragment.startswith("\n<form") or "<form" in fragment[:200]
    assert 'name="steps.0.name"' in fragment and 'name="steps.1.name"' not in fragment
    assert 'name="steps.0.months" value="10"' in fragment  # the month grid starts at ต.ค.
    fragment = client.post(url, data={"csrf": token, "op": "add:steps", "steps.0.name": "สำรวจ",
                                      "fiscal_year": "๒๕๖๘"}, headers=hx).text
    assert 'name="steps.1.name"' in fragment and "สำรวจ" in fragment
    fragment = client.post(url, data={"csrf": token, "op": "remove:steps.0", "steps.0.name": "สำรวจ",
                                      "steps.1.name": "ทดลองใช้", "fiscal_year": "๒๕๖๘"}, headers=hx).text
    assert "สำรวจ" not in fragment and "ทดลองใช้" in fragment and 'name="steps.1.name"' not in fragment
    fragment = client.post(url, data={"csrf": token, "fiscal_year": "2099"}, headers=hx).text
    assert "ไม่ใช่ปีงบประมาณ" in fragment and 'id="download-docx"' not in fragment


def test_a_new_draft_is_prefilled_with_the_agency_and_the_year(app):
    client, token = signed_in(app, "clerk")
    page = client.get(new_draft(client, token, "form4")).text
    assert f'value="{CLERK_AGENCY}"' in page and 'name="fiscal_year" type="text" value="2568"' in page


def test_the_office_findings_are_shown_on_the_draft(app):
    client, token = signed_in(app, "clerk")
    url = new_draft(client, token, "form4")
    page = client.post(url, data={"csrf": token, "kpis.0.name": "ร้อยละความพึงพอใจ"}, follow_redirects=True).text
    findings = re.search(r'<ul id="findings">(.*?)</ul>', page, re.S).group(1)
    assert "ผิดเกณฑ์" in findings


def test_a_clerk_gets_403_on_another_agencys_draft_record_and_downloads(app):
    other, other_token = signed_in(app, "drainage")
    theirs = new_draft(other, other_token, "form1", THEIRS)
    draft_id = theirs.rsplit("/", 1)[1]
    client, token = signed_in(app, "clerk")
    for url in (theirs, theirs + ".docx", theirs + ".pdf", theirs + "/pages", f"/agencies/{MINE}/drafts/{draft_id}",
                f"/agencies/{MINE}/drafts/{draft_id}.docx", f"/agencies/{THEIRS}/forms",
                f"/agencies/{THEIRS}/send", f"/agencies/{THEIRS}"):
        assert client.get(url).status_code == 403, url
    assert client.post(theirs, data={"csrf": token, "idea_name": "x"}).status_code == 403
    assert client.post(f"/agencies/{THEIRS}/drafts", data={"csrf": token, "kind": "form1"}).status_code == 403
    store = app.state.config.store
    record = next(r.id for r in store.records(current_only=True) if r.agency == OTHER_AGENCY)
    assert client.get(f"/records/{record}").status_code == 403


def test_a_draft_is_kept_in_the_store_and_resumed_after_sign_out(app):
    client, token = signed_in(app, "clerk")
    url = new_draft(client, token, "form1")
    client.post(url, data={"csrf": token, "idea_name": "แนวคิดที่ยังไม่เสร็จ"})
    client.post("/logout", data={"csrf": token})
    assert client.get(url, follow_redirects=False).status_code == 303
    client, _token = signed_in(app, "clerk")
    assert "แนวคิดที่ยังไม่เสร็จ" in client.get(url).text
    assert "แนวคิดที่ยังไม่เสร็จ" in client.get(f"/agencies/{MINE}/forms").text
    with open_store(app.state.config.store_url) as store:
        assert [d.data["idea_name"] for d in drafts_of(store, CLERK_AGENCY)] == ["แนวคิดที่ยังไม่เสร็จ"]


def _fill(client: TestClient, token: str, kind: str, fields: dict[str, Any]) -> str:
    url = new_draft(client, token, kind)
    data: dict[str, list[str]] = {"csrf": [token]}
    for name, value in posted(fields, kind):
        data.setdefault(name, []).append(value)
    assert client.post(url, data=data, follow_redirects=False).status_code == 303
    return url


@pytest.mark.slow
def test_a_sent_return_shows_the_fields_that_differ_from_its_draft(app, tmp_path):
    import time

    client, token = signed_in(app, "clerk")
    sample = next(r for r in sample_records("form1") if r.fields.get("agency") == CLERK_AGENCY)
    url = _fill(client, token, "form1", sample.fields)
    signed = dict(sample.fields, idea_name="ชื่อแนวคิดที่แก้ด้วยปากกาก่อนลงนาม")
    returned = generate([Record.from_data(signed, kind="form1")], tmp_path, per_agency=False).documents[0].docx
    response = client.post(f"/agencies/{MINE}/send", data={"csrf": token},
                           files=[("files", ("form1-signed.docx", returned.read_bytes()))], follow_redirects=False)
    assert response.status_code == 303
    job = response.headers["location"]
    deadline = time.monotonic() + 240
    while "เสร็จแล้ว" not in (page := client.get(job).text) and time.monotonic() < deadline:
        time.sleep(1)
    assert "รับแล้ว (processed)" in page
    assert f'/drafts/{url.rsplit("/", 1)[1]}"' in page
    diff = re.search(r'<ul class="diff">(.*?)</ul>', page, re.S).group(1)
    assert "ชื่อแนวคิดที่แก้ด้วยปากกาก่อนลงนาม" in diff and "idea_name" in diff
    assert "problem_discovery" not in diff  # what was sent as filled is not listed
    other, _ = signed_in(app, "drainage")
    assert other.get(job.replace(MINE, THEIRS)).status_code == 403


def test_the_draft_shows_the_score_lines_it_counts_in(app):
    client, token = signed_in(app, "clerk")
    sample = next(r for r in sample_records("survey") if r.fields.get("agency") == CLERK_AGENCY)
    page = client.get(_fill(client, token, "survey", sample.fields)).text
    points = re.search(r'<table id="points">(.*?)</table>', page, re.S).group(1)
    assert "ความพึงพอใจ" in points and "/ 10" in points


def test_own_status_shows_in_and_missing_for_the_agencys_years(app):
    client, _token = signed_in(app, "clerk")
    page = client.get(f"/agencies/{MINE}?fy=2568").text
    assert "ส่งแล้ว" in page and "ยังขาด" in page and 'id="clerk-links"' in page
    assert 'id="documents"' in page and "แบบฟอร์ม 1" in page
    assert client.get(f"/agencies/{THEIRS}?fy=2568").status_code == 403


def test_the_page_count_check_says_why_when_no_pdf_can_be_made(app, monkeypatch):
    # A machine without LibreOffice: the HTMX fragment must still answer (an error status would swap nothing in).
    client, token = signed_in(app, "clerk")
    url = new_draft(client, token, "form3")
    monkeypatch.setenv("PATH", "/nonexistent")
    response = client.get(url + "/pages")
    assert response.status_code == 200
    assert 'id="pages-result"' in response.text
    assert "นับหน้าไม่ได้" in response.text and "LibreOffice is not installed" in response.text
