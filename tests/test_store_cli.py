"""The store's commands as a clerk runs them: records, review, correct, status (real processes, real databases)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import pytest

from pipeline.samples import sample_agencies
from pipeline.store import open_store

REQUIRED_KEYS = {"id", "kind", "agency", "fiscal_year", "version", "current", "sha256", "fields"}


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


@pytest.fixture
def filled_url(store_url):
    """A store holding the sample year, the drainage department without its survey, one warning to review."""
    with open_store(store_url) as store:
        for agency in sample_agencies():
            for number, record in enumerate(agency["records"]):
                if agency["agency"] == "สำนักการระบายน้ำ" and record.kind == "survey":
                    continue
                if record.kind == "form2":
                    record = record.model_copy(update={"confidence": {"project_name": 0.3},
                                                       "provenance": {"project_name": "ตาราง 1 แถว 2"}})
                store.save_ingested(sha256=hashlib.sha256(f"{agency['agency']}-{number}".encode()).hexdigest(),
                                    original_name=f"{record.kind}-{number}.docx", size=10, claim_token="t",
                                    stored_path=f"/srv/{number}.docx", record=record, agency=agency["agency"],
                                    fiscal_year=agency["fiscal_year"])
    return store_url


def test_records_json_lists_every_record_with_its_keys(filled_url):
    done = run("records", "--json", env={"PIPELINE_DB": filled_url})
    assert done.returncode == 0, done.stderr
    items = json.loads(done.stdout)
    assert len(items) == sum(len(a["records"]) for a in sample_agencies()) - 1
    assert all(REQUIRED_KEYS <= set(item) for item in items)
    assert {item["agency"] for item in items} == {a["agency"] for a in sample_agencies()}
    assert all(len(item["sha256"]) == 64 and item["current"] is True for item in items)


def test_records_text_marks_the_current_version(filled_url):
    done = run("records", "--kind", "form4", "--db", filled_url)
    assert done.returncode == 0, done.stderr
    assert "1*" in done.stdout and "form4" in done.stdout and "ฉบับปัจจุบัน" in done.stdout


def test_status_shows_a_table_of_in_missing_and_invalid(filled_url):
    done = run("status", "--fiscal-year", "2568", "--db", filled_url)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("หน่วยงาน") and "survey" in lines[1]
    drainage = next(line for line in lines if line.startswith("สำนักการระบายน้ำ"))
    assert "✗" in drainage and "ไม่ครบ incomplete" in drainage
    assert "ขาด survey missing: 1" in done.stdout
    data = json.loads(run("status", "--json", "--db", filled_url).stdout)
    assert sum(1 for s in data if s["complete"]) == 2


def test_review_then_correct_keeps_an_audit_trail(filled_url):
    review = run("review", "--db", filled_url)
    assert review.returncode == 0, review.stderr
    assert "project_name" in review.stdout and "0.30" in review.stdout and "ตาราง 1 แถว 2" in review.stdout
    item = json.loads(run("review", "--json", "--db", filled_url).stdout)[0]
    done = run("correct", str(item["record_id"]), "project_name", "ชื่อที่ตรวจแล้ว", "--by", "สมศรี", "--note", "ตรวจกับต้นฉบับ",
               "--db", filled_url)
    assert done.returncode == 0, done.stderr
    assert "สมศรี" in done.stdout and "ชื่อที่ตรวจแล้ว" in done.stdout
    records = json.loads(run("records", "--json", "--db", filled_url).stdout)
    corrected = next(r for r in records if r["id"] == item["record_id"])
    assert corrected["fields"]["project_name"] == "ชื่อที่ตรวจแล้ว"
    assert corrected["corrections"][0]["by"] == "สมศรี" and corrected["corrections"][0]["note"] == "ตรวจกับต้นฉบับ"
    assert [i["record_id"] for i in json.loads(run("review", "--json", "--db", filled_url).stdout)
            if i["field"] == "project_name" and i["record_id"] == item["record_id"]] == []


def test_a_bad_correction_exits_2_with_english_and_thai(filled_url):
    done = run("correct", "1", "no_such_field", "x", "--by", "a", "--db", filled_url)
    assert done.returncode == 2
    assert "has no field" in done.stderr and "ไม่มีช่อง" in done.stderr
