"""Run ``python -m pipeline extract --json FILE`` and keep its output in a folder too (for confidence.py).

    evaluate.py ".venv/bin/python scripts/gen/tee_extract.py OUTDIR" CORPUS
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def main() -> int:
    out_dir, path = Path(sys.argv[1]), Path(sys.argv[-1])
    mode = "--jsonl" if "--jsonl" in sys.argv else "--json"
    proc = subprocess.run([sys.executable, "-m", "pipeline", "extract", mode, str(path)],
                          capture_output=True, text=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / f"{path.name}.out.json").write_text(proc.stdout, encoding="utf-8")
    sys.stdout.write(proc.stdout)
    sys.stderr.write(proc.stderr)
    return proc.returncode


if __name__ == "__main__":
    raise SystemExit(main())
