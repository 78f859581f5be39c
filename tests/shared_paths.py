"""Where the shared material lies: ``../shared`` beside the project (seeds, the dev corpus, the evaluator)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "dev"
EVALUATOR = SHARED / "tools" / "evaluate.py"
SEEDS = SHARED / "seeds"
