"""Sources of evidence: scoring and reports read the record store by default, a folder or the sample on request."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from pipeline.cli.commands import main
from pipeline.cli.score_text import card_text
from pipeline.reports.inputs import load_report_inputs
from pipeline.samples import sample_agencies
from pipeline.scoring.evidence import EvidenceError, sample_scoring_dir
from pipeline.scoring.score import ScoreCard, score_cards
from pipeline.scoring.sources import Source, load_evidence
from pipeline.store import open_store

SCORING = Path(str(sample_scoring_dir()))
FIRST_DAY = dt.datetime(2024, 11, 4, 3, 0, tzinfo=dt.UTC)  # 10:00 in Bangkok, quarter 1 of FY2568


def _fill(url: str) -> None:
    """The sample year's records saved as the ingest stage saves them, one a week from early November 2024."""
    with open_store(url) as store:
        n = 0
        for agency in sample_agencies():
            for record in agency["records"]:
                sha = hashlib.sha256(f"{agency['agency']}-{n}".encode()).hexdigest()
                store.save_ingested(sha256=sha, original_name=f"{record.kind}-{n}.docx", size=100, claim_token=sha,
                                    stored_path=f"processed/{record.kind}-{n}.docx", record=record,
                                    agency=agency["agency"], fiscal_year=agency["fiscal_year"],
                                    received_at=FIRST_DAY + dt.timedelta(weeks=n))
                n += 1


def test_scores_from_the_store_equal_the_sample_years(store_url):
    _fill(store_url)
    from_store = "\n\n".join(map(card_text, score_cards(Source(db=store_url, evaluations_dir=SCORING))))
    from_sample = "\n\n".join(map(card_text, score_cards(Source(sample=True))))
    assert "คะแนนรวม / total: 97.00 / 100" in from_store
    totals = sorted(line for line in from_store.splitlines() if line.startswith("คะแนนรวม"))
    assert len(totals) == 3
    assert totals == sorted(line for line in from_sample.splitlines() if line.startswith("คะแนนรวม"))


def test_an_empty_store_says_to_ingest_first(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    with pytest.raises(EvidenceError) as err:
        load_evidence(Source(db=url), 2568)
    assert "ingest" in err.value.message_en and "นำเข้าไฟล์" in err.value.message_th


def test_reports_from_the_store_date_documents_by_when_they_came(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    _fill(url)
    [bangkapi] = load_report_inputs(Source(db=url, evaluations_dir=SCORING), agency="บางกะปิ")
    first = bangkapi.received[0]
    assert first.received_at.time() == dt.time(10, 0) and first.received_at.weekday() == 0  # Bangkok's clock
    assert [d.received_at for d in bangkapi.received] == sorted(d.received_at for d in bangkapi.received)
    assert len(bangkapi.received) == len(bangkapi.evidence.records)
    assert all(d.record is not None and d.source_name.endswith(".docx") for d in bangkapi.received)


def test_score_command_reads_the_store_named_by_db(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    assert main(["score", "--db", url]) == 2
    assert "python -m pipeline ingest" in capsys.readouterr().err
    _fill(url)
    assert main(["score", "--db", url, "--evaluations", str(SCORING), "--agency", "บางกะปิ"]) == 0
    assert "คะแนนรวม / total: 97.00 / 100" in capsys.readouterr().out
    assert main(["score", "--sample", "--evidence", str(tmp_path)]) == 2


def test_the_score_card_object_carries_every_line_the_cli_prints():
    """A web page or a report gets from the card alone all that `score` prints: nothing is added in the printing."""
    for card in score_cards(Source(sample=True)):
        again = ScoreCard.model_validate_json(card.model_dump_json())
        assert card_text(again) == card_text(card)
        text = card_text(card)
        for line in card.lines:
            assert line.reason_th in text and line.reason_en in text and line.rule in text
        assert all(f.message_th in text and f.message_en in text for f in card.findings)
