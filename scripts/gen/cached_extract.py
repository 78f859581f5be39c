"""``extract --json``/``--jsonl`` from a cached read of the file: the reader runs once, the extraction and its
warnings as often as they are tuned (for confidence.py's calibration).

    evaluate.py ".venv/bin/python -m scripts.gen.cached_extract CACHE OUTDIR" CORPUS
"""

from __future__ import annotations

import json
import pickle
import sys
from pathlib import Path

from pipeline.extractors.record import first_form, records_of
from pipeline.readers import read_document


def main() -> int:
    cache, out_dir, path = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[-1])
    cache.mkdir(parents=True, exist_ok=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    stored = cache / f"{path.name}.pickle"
    if stored.exists():
        document = pickle.loads(stored.read_bytes())
    else:
        document = read_document(path)
        stored.write_bytes(pickle.dumps(document))
    records = records_of(document, path)
    if "--jsonl" in sys.argv:
        text = "".join(json.dumps(r.to_json(), ensure_ascii=False) + "\n" for r in records)
    else:
        text = json.dumps(first_form(records).to_json(), ensure_ascii=False, indent=1) + "\n"
    (out_dir / f"{path.name}.out.json").write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
