"""The agency clerk's pages driven in Debian's Chromium: Form 1 and the plan filled on the page, downloaded as DOCX
and PDF and read back to the same record, sent back, a draft kept over a sign-out, and another agency's 403."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from pipeline import thai
from pipeline.extractors.record import extract
from pipeline.forms import form
from pipeline.records import Record
from pipeline.samples import sample_records
from pipeline.store import open_store
from pipeline.store.drafts import drafts_of
from pipeline.store.users import add_user
from pipeline.web.app import WebConfig, create_app
from tests.test_web_browser import (  # noqa: F401 — Debian's Chromium
    ARTIFACTS,
    CHROMIUM,
    browser_context_args,
    browser_type_launch_args,
    sign_in,
)
from tests.web_helpers import CLERK_AGENCY, OTHER_AGENCY, PASSWORD, served

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/setup.sh)")]
MINE = quote(CLERK_AGENCY)
SEND_TIMEOUT_MS = 240_000


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The page over an empty store with a clerk of Bang Kapi and one of the drainage department."""
    root = tmp_path_factory.mktemp("web-clerk")
    url = f"sqlite:///{root / 'store.sqlite'}"
    with open_store(url) as store:
        add_user(store, "clerk", PASSWORD, role="agency", agency=CLERK_AGENCY)
        add_user(store, "drainage", PASSWORD, role="agency", agency=OTHER_AGENCY)
    with served(create_app(WebConfig(store_url=url, inbox=root / "inbox", cache=root / "cache"))) as base:
        yield {"base": base, "root": root, "url": url}


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    path = ARTIFACTS / f"web_clerk_{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def _id(name: str) -> str:
    return "#f-" + name.replace(".", "-")


def _typed(spec_type: str, value: Any) -> str:
    """A value as a clerk types it: numbers in Thai digits, to show the page takes them."""
    if spec_type in ("number", "integer"):
        return thai.to_thai_digits(str(value))
    return str(value)


def fill_in(page, kind: str, fields: dict[str, Any], prefix: str = "") -> None:
    """Type a record into the page's form, field by field, adding list rows with the page's own buttons."""
    for key, spec in form(kind).fields.items():
        value, name = fields.get(key), prefix + key
        if value is None or (key == "agency"):
            continue  # the agency is filled from the user's agency
        if spec.type == "plan":
            fill_in(page, "plan", value, name + ".")
        elif spec.type == "list":
            for i, row in enumerate(value):
                page.locator(_id(name) + "-add").click()
                first = next(iter(spec.item))
                page.locator(f'[name="{name}.{i}.{first}"]').wait_for()
                for sub_key, sub in spec.item.items():
                    fill_one(page, sub.type, f"{name}.{i}.{sub_key}", row.get(sub_key))
        else:
            fill_one(page, spec.type, name, value)


def fill_one(page, spec_type: str, name: str, value: Any) -> None:
    if value is None or value == []:
        return
    if spec_type in ("enum", "bool"):
        page.locator(f"{_id(name)}-{str(value).lower()}").check()
    elif spec_type == "months":
        for month in value:
            page.locator(f"{_id(name)}-{month}").check()
    else:
        page.locator(f'[name="{name}"]').fill(_typed(spec_type, value))


# Each change is saved by an HTMX request. One made while another is in flight is queued and sent from
# that one's load handler, before its ``loadend``: the count never reads 0 between them. ``loadend`` is
# counted, not ``htmx:afterRequest``, which never reaches the document from a button a swap removed.
COUNT_SAVES = """
window.savesInFlight = 0;
document.addEventListener('htmx:beforeRequest', (event) => {
  window.savesInFlight += 1;
  event.detail.xhr.addEventListener('loadend', () => { window.savesInFlight -= 1; });
});
"""


def wait_saved(page) -> None:
    """Wait until every change sent has been kept: no HTMX request in flight or queued.

    Not ``networkidle``: that load state is reached once, when the page loads, and is not waited for again.
    """
    page.wait_for_function("window.savesInFlight === 0", timeout=120_000)


def open_new(page, base: str, kind: str, agency: str = MINE) -> str:
    """A new draft of ``kind`` opened from the forms page; its URL."""
    page.add_init_script(COUNT_SAVES)
    page.goto(f"{base}/agencies/{agency}/forms")
    with page.expect_navigation():
        page.locator(f"#new-{kind}").click()
    return page.url


def sign_out(page) -> None:
    page.get_by_role("button", name=re.compile("ออกจากระบบ")).click()
    page.wait_for_url(re.compile("/login"))


def fill_draft(page, base: str, kind: str, fields: dict[str, Any]) -> str:
    """A new draft of ``kind`` filled on the page; its URL once the page offers the downloads."""
    open_new(page, base, kind)
    fill_in(page, kind, fields)
    page.keyboard.press("Tab")  # leave the last field: its change is saved too
    wait_saved(page)
    page.locator("#download-docx").wait_for(timeout=30_000)
    return page.url


def download(page, selector: str, target: Path) -> Path:
    with page.expect_download(timeout=180_000) as info:  # a PDF goes through LibreOffice
        page.locator(selector).click()
    info.value.save_as(str(target))
    return target


def _spaceless(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _spaceless(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_spaceless(v) for v in value]
    return re.sub(r"\s+", "", value) if isinstance(value, str) else value


def _sample(kind: str) -> Record:
    return next(r for r in sample_records(kind) if r.fields.get("agency") == CLERK_AGENCY)


def _draft_record(url: str, server) -> Record:
    draft_id = int(url.rstrip("/").rsplit("/", 1)[1])
    with open_store(server["url"]) as store:
        draft = next(d for d in drafts_of(store, CLERK_AGENCY) if d.id == draft_id)
    return Record.from_data(draft.data, kind=draft.kind)


@pytest.mark.parametrize("kind", ["form1", "plan"])
def test_fill_on_the_page_download_docx_and_pdf_and_extract_reads_the_same_record(server, page, kind, tmp_path):
    base = server["base"]
    sign_in(page, base, "clerk")
    sample = _sample(kind)
    url = fill_draft(page, base, kind, sample.fields)
    filled = _draft_record(url, server)
    assert filled.fields == Record.from_data(sample.fields, kind=kind).fields  # what was typed is what was kept
    shot(page, f"draft_{kind}")
    page.locator("#checks").screenshot(path=str(ARTIFACTS / f"web_clerk_checks_{kind}.png"))
    docx = download(page, "#download-docx", tmp_path / f"{kind}.docx")
    pdf = download(page, "#download-pdf", tmp_path / f"{kind}.pdf")
    assert extract(docx).fields == filled.fields
    # A PDF keeps no space where Thai text wraps at one: its text is compared without spaces (docs/WEB.md).
    assert _spaceless(extract(pdf).fields) == _spaceless(filled.fields)
    if kind == "form1":  # the signed return sent back: the same ingest, and its fields beside the draft's
        page.goto(f"{base}/agencies/{MINE}/send")
        shot(page, "send")
        page.set_input_files("#files", [str(docx)])
        page.locator("#send").click()
        page.wait_for_url(re.compile(r"/send/\w+"))
        page.get_by_text("เสร็จแล้ว").wait_for(timeout=SEND_TIMEOUT_MS)
        assert page.locator('#outcomes tr[data-status="processed"]').count() == 1
        assert page.get_by_text("ตรงกับแบบร่างทุกช่อง").is_visible()
        shot(page, "send_outcome")
        page.goto(f"{base}/agencies/{MINE}")
        assert "แบบฟอร์ม 1" in page.locator("#documents").inner_text()
        shot(page, "own_status")


def test_form3_page_limit_checked_before_download(server, page):
    base = server["base"]
    sign_in(page, base, "clerk")
    fill_draft(page, base, "form3", _sample("form3").fields)
    page.locator("#check-pages").click()
    page.locator("#pages-result").wait_for(timeout=180_000)
    assert "ไม่เกิน 1 หน้า" in page.locator("#pages-result").inner_text()
    shot(page, "draft_form3_pages")


def test_a_draft_survives_a_sign_out(server, page):
    base = server["base"]
    sign_in(page, base, "clerk")
    url = open_new(page, base, "form4")
    page.locator('[name="project_name"]').fill("โครงการที่ยังเขียนไม่เสร็จ")
    page.locator("#f-kpis-add").click()
    page.locator('[name="kpis.0.name"]').fill("ร้อยละความพึงพอใจของผู้ใช้")
    page.locator("#f-kpis-0-kind-outcome").check()
    page.locator('[name="kpis.0.target"]').fill("ไม่น้อยกว่าร้อยละ ๘๐")
    page.keyboard.press("Tab")
    wait_saved(page)
    sign_out(page)
    sign_in(page, base, "clerk")
    page.goto(f"{base}/agencies/{MINE}/forms")
    shot(page, "forms")
    with page.expect_navigation():
        page.locator("#drafts a", has_text=url.rsplit("/", 1)[1]).first.click()
    assert page.locator('[name="project_name"]').input_value() == "โครงการที่ยังเขียนไม่เสร็จ"
    assert page.locator('[name="kpis.0.target"]').input_value() == "ไม่น้อยกว่าร้อยละ ๘๐"
    assert page.locator("#f-kpis-0-kind-outcome").is_checked()
    shot(page, "draft_form4_resumed")


def test_a_clerk_gets_403_on_another_agencys_draft(server, page):
    base = server["base"]
    sign_in(page, base, "drainage")
    theirs = open_new(page, base, "form1", quote(OTHER_AGENCY))
    sign_out(page)
    sign_in(page, base, "clerk")
    for url in (theirs, theirs + ".docx", theirs.replace(quote(OTHER_AGENCY), MINE)):
        assert page.goto(url).status == 403, url
    assert page.get_by_text("ไม่มีสิทธิ์เข้าถึงหน้านี้").is_visible()
    shot(page, "403")
