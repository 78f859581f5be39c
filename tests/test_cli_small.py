"""The command line's small promises: fiscal years are checked, a closed pipe ends quietly, progress off a terminal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli.commands import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("year", ["68", "2025", "๖๘", "abc", "2701"])
def test_a_fiscal_year_that_is_not_a_buddhist_era_year_is_refused_clearly(year: str, capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["status", "--fiscal-year", year, "--db", "sqlite://"])
    err = capsys.readouterr().err
    assert stop.value.code == 2 and "2500–2700" in err and "ไม่ใช่ปีงบประมาณ" in err


def test_thai_digits_make_a_fiscal_year(tmp_path: Path, capsys) -> None:
    assert main(["status", "--fiscal-year", "๒๕๖๘", "--json", "--db", f"sqlite:///{tmp_path / 's.sqlite'}",
                 "--create-db"]) == 0
    assert capsys.readouterr().out.strip() == "[]"


def test_a_closed_pipe_ends_quietly() -> None:
    run = subprocess.run(f"{sys.executable} -m pipeline schema form4 | head -1", shell=True, cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == "{" and "Traceback" not in run.stderr and "BrokenPipe" not in run.stderr


@pytest.mark.slow
def test_score_of_a_year_without_rules_uses_the_latest_and_says_which_file_to_add(capsys) -> None:
    assert main(["score", "--sample", "--fiscal-year", "2570", "--json"]) == 0
    out = capsys.readouterr().out
    assert "fy2570.yaml" in out and '"rules_year": 2568' in out
