"""The office's page driven in Debian's Chromium: sign in, upload five returned files, review and correct, 403."""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from pipeline.generate.stage import generate
from pipeline.scoring.evidence import sample_evidence
from pipeline.store import open_store
from pipeline.store.users import add_user
from pipeline.web.app import WebConfig, create_app
from tests.web_helpers import CLERK_AGENCY, OTHER_AGENCY, PASSWORD

pytest.importorskip("playwright")
CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/setup.sh)")]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
UPLOAD_TIMEOUT_MS = 240_000


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, never a downloaded one; no sandbox (root in a container), no background traffic."""
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM),
            "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                     "--no-first-run", "--disable-sync"]}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1366, "height": 768}, "locale": "th-TH"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The page on 127.0.0.1 on a free port, over an empty store with an evaluator and a clerk of each agency."""
    import uvicorn

    root = tmp_path_factory.mktemp("web-browser")
    url = f"sqlite:///{root / 'store.sqlite'}"
    with open_store(url) as store:
        add_user(store, "somchai", PASSWORD, role="evaluator")
        add_user(store, "clerk", PASSWORD, role="agency", agency=OTHER_AGENCY)
    app = create_app(WebConfig(store_url=url, inbox=root / "inbox", cache=root / "cache"))
    port = _free_port()
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield {"base": f"http://127.0.0.1:{port}", "root": root, "url": url}
    uv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def returned_files(tmp_path_factory) -> list[Path]:
    """Five forms Bang Kapi sends back: its three Form 1s, Form 2 and Form 3, filled from the sample year (DOCX)."""
    evidence = next(e for e in sample_evidence() if e.agency == CLERK_AGENCY)
    out = tmp_path_factory.mktemp("returned")
    result = generate(evidence.records[:5], out, per_agency=False)
    paths = [doc.docx for doc in result.documents]
    assert len(paths) == 5
    return paths


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"web_{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def sign_in(page, base: str, name: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("ชื่อผู้ใช้").fill(name)
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    with page.expect_navigation(timeout=60_000):
        page.keyboard.press("Enter")  # by keyboard: the form submits on Enter


def _upload(page, base: str, files: list[Path]) -> None:
    page.goto(f"{base}/upload")
    page.set_input_files("#files", [str(p) for p in files])
    page.get_by_role("button", name=re.compile("ส่งไฟล์")).click()
    page.wait_for_url(re.compile(r"/upload/\w+"))
    page.get_by_text("เสร็จแล้ว").wait_for(timeout=UPLOAD_TIMEOUT_MS)  # HTMX polls the progress until done


def test_sign_in_upload_five_returned_files_and_see_them_on_the_board(server, returned_files, page):
    base = server["base"]
    page.goto(f"{base}/board")
    assert page.url.endswith("/login")
    shot(page, "1_sign_in")
    sign_in(page, base, "somchai")
    assert page.url.endswith("/board")
    _upload(page, base, returned_files)
    rows = page.locator("#outcomes tbody tr")
    assert rows.count() == 5
    assert page.locator('#outcomes tr[data-status="processed"]').count() == 5
    shot(page, "2_upload_outcomes")
    page.goto(f"{base}/board")
    row = page.locator("#board tbody tr", has_text=CLERK_AGENCY)
    assert row.count() == 1
    assert "✓ 3" in row.inner_text()  # the three Form 1s are in
    shot(page, "3_board")


def test_open_a_record_correct_a_field_see_the_audit_line_and_the_score_change(server, returned_files, page):
    base = server["base"]
    sign_in(page, base, "somchai")
    if page.goto(f"{base}/agencies/{quote(CLERK_AGENCY)}") and page.locator("#documents a[href^='/records/']").count() == 0:
        _upload(page, base, returned_files)  # run alone: upload first
        page.goto(f"{base}/agencies/{quote(CLERK_AGENCY)}")
    before = page.locator("#score-total").inner_text()
    with page.expect_navigation(timeout=120_000):  # the first look at a Word file converts it (LibreOffice)
        page.locator("#documents tbody tr", has_text="แบบฟอร์ม 1").first.get_by_role(
            "link", name=re.compile("ตรวจทาน")).click()
    assert page.locator(".page img").evaluate("img => img.complete && img.naturalWidth > 0")  # the source page
    score_before = page.locator("#agency-score").inner_text()
    field = page.locator("#field-problem")
    field.locator("textarea, input[name=value]").first.fill("")
    field.locator("input[name=note]").fill("ไม่ได้กรอกในต้นฉบับ")
    with page.expect_navigation(timeout=60_000):
        field.get_by_role("button", name=re.compile("บันทึกการแก้ไข")).click()
    audit = page.locator("#audit").inner_text()
    assert "somchai" in audit and "problem" in audit and "ไม่ได้กรอกในต้นฉบับ" in audit
    score_after = page.locator("#agency-score").inner_text()
    assert float(score_after) < float(score_before)
    shot(page, "4_review_corrected")
    page.goto(f"{base}/agencies/{quote(CLERK_AGENCY)}")
    assert page.locator("#score-total").inner_text() != before


def test_an_agency_user_cannot_open_another_agency(server, returned_files, page):
    base = server["base"]
    with open_store(server["url"]) as store:
        others = [r.id for r in store.records(current_only=True) if r.agency == CLERK_AGENCY]
    sign_in(page, base, "clerk")
    assert page.url.endswith(f"/agencies/{quote(OTHER_AGENCY)}")
    response = page.goto(f"{base}/agencies/{quote(CLERK_AGENCY)}")
    assert response.status == 403
    assert page.get_by_text("ไม่มีสิทธิ์เข้าถึงหน้านี้").is_visible()
    shot(page, "5_agency_403")
    if others:
        assert page.goto(f"{base}/records/{others[0]}").status == 403
        assert page.goto(f"{base}/records/{others[0]}/pages/1.png").status == 403
    assert page.goto(f"{base}/board").status == 403


def teardown_module() -> None:
    shutil.rmtree(ARTIFACTS / "tmp", ignore_errors=True)
