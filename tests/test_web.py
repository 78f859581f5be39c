"""The web page's security and office work through its HTTP interface: sign-in, route table, 403, CSRF, escaping."""

from __future__ import annotations

import io
import re
import shutil
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from pipeline.cli.commands import main
from pipeline.records import Record
from pipeline.store import open_store
from pipeline.store.users import list_users, sign_in
from pipeline.web.app import WebConfig, create_app, route_table
from tests.web_helpers import CLERK_AGENCY, OTHER_AGENCY, PASSWORD, csrf_of, sample_store, save_record
from tests.web_helpers import sign_in as form_sign_in

OPEN_PATHS = {"/login", "/static"}
PATH_VALUES = {"fmt": "xlsx", "agency": quote(OTHER_AGENCY), "agency:path": quote(OTHER_AGENCY), "record_id": "1", "page": "1", "file_id": "1",
               "job_id": "x", "quarter": "1"}


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory):
    """The sample store made once per module; each test gets its own copy."""
    path = tmp_path_factory.mktemp("web") / "store.sqlite"
    sample_store(f"sqlite:///{path}").close()
    return path


@pytest.fixture
def store(sample_file, tmp_path):
    shutil.copyfile(sample_file, tmp_path / "store.sqlite")
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    yield store
    store.close()


@pytest.fixture
def app(store, tmp_path):
    url = store.engine.url.render_as_string(hide_password=False)
    return create_app(WebConfig(store_url=url, inbox=tmp_path / "inbox", cache=tmp_path / "cache"))


def client_of(app, name: str | None = None, base_url: str = "http://testserver") -> TestClient:
    client = TestClient(app, base_url=base_url)
    if name:
        assert form_sign_in(client, name).status_code == 303
    return client


def _record_of(store, agency: str, kind: str = "form1") -> int:
    return next(r.id for r in store.records(current_only=True) if r.agency == agency and r.kind == kind)


# --------------------------------------------------------------------------------------------- signed out
def test_every_route_but_sign_in_and_static_wants_a_session(app):
    client = TestClient(app)
    table = route_table(app)
    assert ("GET", "/board") in table and ("POST", "/records/{record_id}/correct") in table
    checked = 0
    for method, path in table:
        if path in OPEN_PATHS:
            continue
        url = re.sub(r"\{([\w:]+)\}", lambda m: PATH_VALUES[m.group(1)], path)
        response = client.request(method, url, follow_redirects=False)
        if method == "GET":
            assert response.status_code == 303 and response.headers["location"] == "/login", (method, path)
        else:
            assert response.status_code == 401, (method, path)
        checked += 1
    assert checked >= 20
    assert client.get("/login").status_code == 200
    assert client.get("/static/htmx.min.js").status_code == 200


# --------------------------------------------------------------------------------------------- sign-in
def test_the_session_cookie_is_httponly_lax_and_secure_over_https(app):
    plain = form_sign_in(client_of(app), "somchai")
    assert plain.headers["location"] == "/board"
    cookie = plain.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie
    secure = form_sign_in(client_of(app, base_url="https://testserver"), "somchai")
    assert "secure" in secure.headers["set-cookie"].lower()


def test_a_wrong_password_is_refused_counted_and_the_next_try_waits(app, store):
    client = client_of(app)
    assert form_sign_in(client, "somchai", "wrong password").status_code == 401
    assert form_sign_in(client, "nobody", "wrong password").status_code == 401
    assert next(u for u in list_users(store) if u.name == "somchai").failed_count == 1
    import time

    started = time.perf_counter()
    assert form_sign_in(client, "somchai").status_code == 303  # the right password still works, after a pause
    assert time.perf_counter() - started >= 0.2
    assert next(u for u in list_users(store) if u.name == "somchai").failed_count == 0
    assert client.get("/board").status_code == 200


def test_sign_out_ends_the_session(app):
    client = client_of(app, "somchai")
    token = csrf_of(client.get("/board").text)
    assert client.post("/logout", data={"csrf": token}, follow_redirects=False).status_code == 303
    assert client.get("/board", follow_redirects=False).status_code == 303


# --------------------------------------------------------------------------------------------- 403
def test_an_agency_user_gets_403_on_another_agency(app, store):
    clerk = client_of(app, "clerk")
    other = _record_of(store, OTHER_AGENCY)
    other_file = store.record(other).file_id
    for url in (f"/agencies/{quote(OTHER_AGENCY)}", f"/records/{other}", f"/records/{other}/pages/1.png",
                f"/records/{other}/text", f"/files/{other_file}", f"/agencies/{quote(OTHER_AGENCY)}/scorecard.docx",
                f"/agencies/{quote(OTHER_AGENCY)}/quarterly/1.pdf", "/board", "/upload", "/committee",
                "/reports/summary.xlsx", "/committee.csv"):
        assert clerk.get(url, follow_redirects=False).status_code == 403, url
    token = csrf_of(clerk.get(f"/agencies/{quote(CLERK_AGENCY)}").text)
    refused = clerk.post(f"/records/{other}/correct", data={"csrf": token, "field": "idea_name", "value": "x"})
    assert refused.status_code == 403
    own = clerk.get(f"/agencies/{quote(CLERK_AGENCY)}")
    assert own.status_code == 200 and CLERK_AGENCY in own.text
    assert clerk.get(f"/records/{_record_of(store, CLERK_AGENCY)}").status_code == 200
    assert store.record(other).corrections == []


# --------------------------------------------------------------------------------------------- CSRF
def test_a_form_posted_without_its_csrf_token_is_refused(app, store):
    client = client_of(app, "somchai")
    record_id = _record_of(store, CLERK_AGENCY)
    page = client.get(f"/records/{record_id}").text
    for data in ({"field": "idea_name", "value": "ใหม่"}, {"field": "idea_name", "value": "ใหม่", "csrf": "forged"}):
        assert client.post(f"/records/{record_id}/correct", data=data).status_code == 403
    assert store.record(record_id).corrections == []
    other = client_of(app, "admin")  # another session's token is no good either
    stolen = {"field": "idea_name", "value": "ใหม่", "csrf": csrf_of(page)}
    assert other.post(f"/records/{record_id}/correct", data=stolen).status_code == 403
    login_without = TestClient(app).post("/login", data={"name": "somchai", "password": PASSWORD})
    assert login_without.status_code == 403


# --------------------------------------------------------------------------------------------- correct
def test_a_correction_is_audited_under_the_signed_in_user(app, store):
    client = client_of(app, "somchai")
    record_id = _record_of(store, CLERK_AGENCY)
    token = csrf_of(client.get(f"/records/{record_id}").text)
    done = client.post(f"/records/{record_id}/correct", data={"csrf": token, "field": "idea_name",
                                                                "value": "ชื่อแนวคิดที่แก้แล้ว", "note": "สะกดผิด"})
    assert done.status_code == 200 and "ชื่อแนวคิดที่แก้แล้ว" in done.text
    [fix] = store.record(record_id).corrections
    assert (fix.by, fix.field, fix.new, fix.note) == ("somchai", "idea_name", "ชื่อแนวคิดที่แก้แล้ว", "สะกดผิด")
    assert re.search(r"<b>somchai</b> แก้ <span class=\"key\">idea_name</span>", done.text)


def test_committee_scores_entered_on_the_page_are_kept_audited_and_scored(app, store):
    client = client_of(app, "somchai")
    before = client.get(f"/agencies/{quote(CLERK_AGENCY)}").text
    token = csrf_of(client.get("/committee").text)
    values = {"csrf": token, "agency": CLERK_AGENCY, "fiscal_year": "2568", "plan_points": "1",
              "creativity_points": "2", "benefit_points": "3"}
    assert client.post("/committee", data=values, follow_redirects=False).status_code == 303
    page = client.get("/committee").text
    assert "บันทึกโดย somchai" in page
    after = client.get(f"/agencies/{quote(CLERK_AGENCY)}").text
    total = re.compile(r'id="score-total">([\d.]+)')
    assert total.search(before).group(1) != total.search(after).group(1)
    csv_text = client.get("/committee.csv?fy=2568").text
    assert CLERK_AGENCY in csv_text and "plan_points" in csv_text
    bad = client.post("/committee", data={**values, "plan_points": "999"})
    assert bad.status_code == 400 and "นอกช่วง" in bad.text


# --------------------------------------------------------------------------------------------- escaping
HOSTILE = "<script>alert('x')</script> {{ 7*7 }} \"quoted\" 'single' {% raw %}"


def test_values_with_markup_template_syntax_and_quotes_are_shown_escaped(app, store):
    record = Record(kind="form1", fields={"agency": HOSTILE, "idea_name": HOSTILE, "fiscal_year": 2568},
                    warnings=[f"idea_name: {HOSTILE}"])
    record_id = save_record(store, record, agency=HOSTILE)
    client = client_of(app, "somchai")
    for url in (f"/records/{record_id}", "/board?fy=2568", f"/agencies/{quote(HOSTILE, safe='')}", "/review"):
        html = client.get(url).text
        assert "<script>alert" not in html, url
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html, url
        assert "&lt;/script&gt; {{ 7*7 }}" in html, url  # the braces shown as typed, never evaluated
        assert "&#34;quoted&#34;" in html or "&quot;quoted&quot;" in html, url


# --------------------------------------------------------------------------------------------- upload (no ingest)
def test_an_upload_never_chooses_its_path_and_stays_under_the_caps(app, tmp_path, monkeypatch):
    from pipeline.ingest.limits import Limits
    from pipeline.web.uploads import receive

    inbox = tmp_path / "inbox"
    files = [("../../etc/passwd.pdf", io.BytesIO(b"%PDF-1.4 x")), ("C:\\x\\ok.docx", io.BytesIO(b"not really a word file")),
             ("big.pdf", io.BytesIO(b"%PDF" + b"0" * 3_000_000))]
    job = receive(files, inbox, Limits(max_file_mb=2), 2, by="somchai")
    names = sorted(p.name for p in inbox.iterdir() if p.is_file())
    assert names == ["ok.docx", "passwd.pdf"]
    assert [line.status for line in job.lines] == ["waiting", "waiting", "rejected"]
    assert "2 ไฟล์" in (job.lines[2].reason_th or "")  # over the count: this upload takes two files


# --------------------------------------------------------------------------------------------- users command
def test_users_add_reads_the_password_from_standard_input(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'users.sqlite'}"
    monkeypatch.setattr("sys.stdin", io.StringIO("a long password\n"))
    assert main(["users", "add", "นิดา", "--role", "agency", "--agency", CLERK_AGENCY, "--db", url]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["users", "passwd", "นิดา", "--db", url]) == 2
    assert main(["users", "list", "--db", url]) == 0
    from pipeline.agencies import resolve

    monkeypatch.setattr("sys.stdin", io.StringIO("a long password\n"))
    code = resolve(CLERK_AGENCY).agency.code
    assert main(["users", "add", "clerk2", "--role", "agency", "--agency", code, "--db", url]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("a long password\n"))
    assert main(["users", "add", "clerk3", "--role", "agency", "--agency", "ไม่มีหน่วยงานนี้", "--db", url]) == 2
    assert main(["users", "list", "--db", url]) == 0
    out = capsys.readouterr().out
    assert f"นิดา\tagency\t{CLERK_AGENCY}" in out and f"clerk2\tagency\t{CLERK_AGENCY}" in out
    assert "clerk3" not in out
    with open_store(url) as store:
        assert sign_in(store, "นิดา", "a long password") is not None
        assert sign_in(store, "นิดา", "short") is None


def test_ten_failures_lock_the_name_but_not_the_others_at_the_same_address(app, store, monkeypatch):
    import datetime as dt

    import sqlalchemy as sa

    from pipeline.store.schema import sign_in_attempts

    now = dt.datetime.now(dt.UTC)
    with store.engine.begin() as conn:  # ten failures a minute ago, as if typed (without waiting for them here)
        conn.execute(sa.insert(sign_in_attempts), [{"name": "somchai", "address": "testclient", "ok": False,
                                                    "at": now - dt.timedelta(minutes=1)}] * 10)
    monkeypatch.setattr("pipeline.web.pages_signin.MAX_DELAY_S", 0.0)
    locked = form_sign_in(client_of(app), "somchai")
    assert locked.status_code == 401 and "15" in locked.text
    assert form_sign_in(client_of(app), "admin").status_code == 303


def test_the_evaluators_decision_entered_keeps_what_the_form_does_not_show(app, store):
    from pipeline.store.entries import entries

    client = client_of(app, "somchai")
    token = csrf_of(client.get("/committee").text)
    values = {"csrf": token, "agency": CLERK_AGENCY, "fiscal_year": "2568", "participation_present": "yes",
              "participation_note": "รายงานการประชุม", "developed": "no", "outcome1": "93.4"}
    assert client.post("/evaluation", data=values, follow_redirects=False).status_code == 303
    [entry] = entries(store, "evaluation", fiscal_year=2568)
    assert entry.by == "somchai" and entry.data["participation"] == {"present": True, "note": "รายงานการประชุม"}
    assert entry.data["developed"]["value"] is False and entry.data["outcomes"][0]["result"] == "93.4"
    bad = client.post("/evaluation", data={**values, "outcome1": "มาก"})
    assert bad.status_code == 400


def test_a_zip_is_unpacked_into_the_inbox_under_safe_names(tmp_path):
    import zipfile

    from pipeline.ingest.limits import Limits
    from pipeline.web.uploads import receive

    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("เขตบางกะปิ/../../form1.pdf", b"%PDF-1.4 one")
        archive.writestr("sub/form2.pdf", b"%PDF-1.4 two")
    packed.seek(0)
    job = receive([("returns.zip", packed)], tmp_path / "inbox", Limits(), 10, by="somchai")
    assert sorted(line.name for line in job.lines) == ["form1.pdf", "form2.pdf"]
    assert sorted(p.name for p in (tmp_path / "inbox").iterdir() if p.is_file()) == ["form1.pdf", "form2.pdf"]


def test_a_trusted_proxy_may_name_the_user_and_no_one_else_may(store, tmp_path):
    url = store.engine.url.render_as_string(hide_password=False)
    app = create_app(WebConfig(store_url=url, inbox=tmp_path / "inbox", proxy_user_header="X-Remote-User",
                               trusted_proxies=["10.0.0.1"]))
    from_proxy = TestClient(app, client=("10.0.0.1", 4000))
    assert from_proxy.get("/board", headers={"X-Remote-User": "somchai"}).status_code == 200
    assert from_proxy.get("/board", headers={"X-Remote-User": "nobody"}, follow_redirects=False).status_code == 303
    elsewhere = TestClient(app, client=("10.0.0.2", 4000))
    assert elsewhere.get("/board", headers={"X-Remote-User": "somchai"}, follow_redirects=False).status_code == 303
