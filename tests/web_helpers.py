"""Helpers of the web tests: a store holding the sample year, its users, and a signed-in test client."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from pipeline.records import Record
from pipeline.scoring.evidence import sample_evidence
from pipeline.store import Store, open_store
from pipeline.store.users import add_user

PASSWORD = "correct horse battery"
CLERK_AGENCY = "สำนักงานเขตบางกะปิ"
OTHER_AGENCY = "สำนักการระบายน้ำ"


def save_record(store: Store, record: Record, agency: str | None = None, path: Path | None = None) -> int:
    """Save ``record`` as if ingested from a file; its record id."""
    token = uuid.uuid4().hex
    outcome = store.save_ingested(sha256=uuid.uuid4().hex + uuid.uuid4().hex, original_name=f"{record.kind}.docx",
                                  size=1, claim_token=token, stored_path=str(path or ""), record=record, agency=agency,
                                  fiscal_year=2568)
    assert outcome.record_id is not None
    return outcome.record_id


def sample_store(url: str) -> Store:
    """The sample year's records of every agency, and users: an admin, an evaluator, a clerk of Bang Kapi."""
    store = open_store(url)
    for evidence in sample_evidence():
        for record in evidence.records:
            save_record(store, record, evidence.agency)
    add_user(store, "admin", PASSWORD, role="admin")
    add_user(store, "somchai", PASSWORD, role="evaluator")
    add_user(store, "clerk", PASSWORD, role="agency", agency=CLERK_AGENCY)
    return store


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page carries no CSRF field"
    return found.group(1)


def sign_in(client, name: str, password: str = PASSWORD):
    """Sign ``client`` in through the form; the response of the POST."""
    token = csrf_of(client.get("/login").text)
    return client.post("/login", data={"name": name, "password": password, "csrf": token}, follow_redirects=False)
