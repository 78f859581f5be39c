"""The bundle generator's truth for a file with a page left out holds what the file holds (scripts/gen/truth_pages.py):
a reader cannot read an absent page, so its values are not in the truth (BUNDLES.md, round 3)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.gen.truth_pages import page_texts, without_page  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"


def test_the_values_of_a_dropped_page_leave_the_truth():
    """Form 4's indicators over two pages, page 2 left out: the indicator printed wholly there is gone, the one
    cut by the break keeps what page 1 holds of it, the ones on page 1 and the fields on neither page stay."""
    name = "chromium_kpi_sub_item_cut"
    truth = json.loads((FIXTURES / f"{name}.truth.json").read_text(encoding="utf-8"))["fields"]
    kept, dropped = page_texts(FIXTURES / f"{name}.pdf", 1)
    held = without_page("form4", truth, kept, dropped)
    assert len(held["kpis"]) == len(truth["kpis"]) - 1
    assert held["kpis"][:2] == truth["kpis"][:2]
    cut, whole = held["kpis"][2], truth["kpis"][2]
    assert cut["name"] is None and cut["target"] == whole["target"]
    assert whole["method"].startswith(cut["method"]) and len(cut["method"]) < len(whole["method"])
    assert held["agency"] == truth["agency"] and held["risks"] == truth["risks"]


def test_a_survey_tally_page_left_out_takes_its_counts_with_it():
    """A survey's questionnaire and tally on pages of their own (LibreOffice, tuning seed 2603): the counts are
    printed only in the tally. Its page left out, the file counts no answer (a record holds four counts, never a
    blank: [0, 0, 0, 0], what the reader gives, warned); the questions, printed on both pages, stay. The
    questionnaire's page left out, the tally keeps them all (pq25's leftover: the truth kept the counts)."""
    name = "libreoffice_survey_questionnaire_and_tally"
    truth = json.loads((FIXTURES / f"{name}.truth.json").read_text(encoding="utf-8"))["fields"]
    assert all(sum(q["counts"]) for q in truth["questions"])
    without_tally = without_page("survey", truth, *page_texts(FIXTURES / f"{name}.pdf", 1))
    assert [q["counts"] for q in without_tally["questions"]] == [[0, 0, 0, 0]] * len(truth["questions"])
    assert [q["text"] for q in without_tally["questions"]] == [q["text"] for q in truth["questions"]]
    without_questionnaire = without_page("survey", truth, *page_texts(FIXTURES / f"{name}.pdf", 0))
    assert without_questionnaire["questions"] == truth["questions"]
