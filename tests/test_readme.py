"""The README's promises: every command it shows exists, and its set-up is the two commands CI runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.cli.commands import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SUB_COMMANDS = {"report", "committee"}


def _shown_commands() -> list[list[str]]:
    """``[command]`` or ``[command, action]`` of every ``python -m pipeline …`` line of the README."""
    shown = []
    for line in README.splitlines():
        found = re.search(r"python -m pipeline ([a-z-]+)(?: ([a-z|-]+))?", line)
        if not found:
            continue
        command, following = found.group(1), found.group(2) or ""
        if command in SUB_COMMANDS:
            shown += [[command, action] for action in following.split("|")]
        else:
            shown.append([command])
    return shown


def test_the_readme_shows_every_command_of_the_cli():
    shown = {words[0] for words in _shown_commands()}
    assert {"demo", "generate", "extract", "ingest", "status", "records", "review", "correct", "score", "report",
            "committee", "schema"} <= shown


@pytest.mark.parametrize("words", _shown_commands(), ids=" ".join)
def test_every_command_the_readme_shows_exists(words, capsys):
    with pytest.raises(SystemExit) as done:
        main([*words, "--help"])
    assert done.value.code == 0
    assert "usage:" in capsys.readouterr().out


def test_setup_is_the_two_commands_and_ci_runs_the_second():
    assert "bash scripts/setup.sh demo" in README and "bash scripts/setup.sh test" in README
    assert "scripts/setup.sh test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
