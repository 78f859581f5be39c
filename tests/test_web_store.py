"""The store's tables for the web page, on SQLite and PostgreSQL: users, sign-in attempts, office entries, uploads."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from pipeline.scoring.evidence import sample_evidence
from pipeline.scoring.store_evidence import store_evidence
from pipeline.store import StoreError, open_store
from pipeline.store.entries import entries, record_upload, save_entry, uploaded_by
from pipeline.store.users import add_user, list_users, recent_failures, set_password, sign_in, user_by_id
from tests.web_helpers import CLERK_AGENCY, save_record


def test_users_sign_in_with_argon2_hashes_and_failures_are_counted(store_url):
    with open_store(store_url) as store:
        user = add_user(store, "สมชาย", "a long password", role="evaluator")
        with store.engine.connect() as conn:
            stored = conn.execute(sa.text("SELECT password_hash FROM users")).scalar_one()
        assert stored.startswith("$argon2id$") and "a long password" not in stored
        assert sign_in(store, "สมชาย", "wrong", address="10.0.0.9") is None
        assert sign_in(store, "nobody", "wrong", address="10.0.0.9") is None
        assert recent_failures(store, dt.timedelta(minutes=5), name="สมชาย") == 1
        assert recent_failures(store, dt.timedelta(minutes=5), address="10.0.0.9") == 2
        assert sign_in(store, "สมชาย", "a long password").id == user.id
        set_password(store, "สมชาย", "another long one")
        assert sign_in(store, "สมชาย", "a long password") is None
        assert user_by_id(store, user.id).name == "สมชาย"
        with pytest.raises(StoreError):
            add_user(store, "สมชาย", "a long password", role="evaluator")
        with pytest.raises(StoreError):
            add_user(store, "clerk", "a long password", role="agency")  # an agency user names its agency
        with pytest.raises(StoreError):
            add_user(store, "x", "short", role="admin")
        assert [u.name for u in list_users(store)] == ["สมชาย"]


def test_office_entries_keep_history_and_replace_the_files_scores(store_url):
    with open_store(store_url) as store:
        bang_kapi = next(e for e in sample_evidence() if e.agency == CLERK_AGENCY)
        for record in bang_kapi.records:
            save_record(store, record, CLERK_AGENCY)
        save_entry(store, "committee", CLERK_AGENCY, 2568,
                   {"plan_points": "1", "creativity_points": "2", "benefit_points": "3"}, by="somchai")
        save_entry(store, "committee", CLERK_AGENCY, 2568,
                   {"plan_points": "3", "creativity_points": "10", "benefit_points": "7"}, by="nida")
        [current] = entries(store, "committee", fiscal_year=2568)
        assert current.by == "nida" and len(entries(store, "committee", history=True)) == 2
        [evidence] = store_evidence(store, 2568, agency=CLERK_AGENCY)
        assert evidence.committee.total == 20 and "nida" in evidence.committee.source
        record_upload(store, "ab" * 32, "form1.docx", by="somchai")
        assert [by for by, _at in uploaded_by(store, "ab" * 32)] == ["somchai"]
