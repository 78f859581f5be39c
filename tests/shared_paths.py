"""Where the shared material lies: ``../shared`` beside the project (seeds, the dev corpus, the evaluator)."""

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "dev"
EVALUATOR = SHARED / "tools" / "evaluate.py"
SEEDS = SHARED / "seeds"


def load_evaluator() -> ModuleType:
    """The shared evaluator imported as a module (its ``compare`` scores one record), or the test is skipped."""
    if not EVALUATOR.is_file():
        pytest.skip(f"the shared evaluator is not here ({EVALUATOR})")
    spec = importlib.util.spec_from_file_location("shared_evaluate", EVALUATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
