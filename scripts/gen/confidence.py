"""Does a warning predict a wrong field? Over an evaluated corpus, the share right of the fields without a
warning and the share warned of the wrong fields (issue 12, part 4), per format.

    evaluate.py --json RESULTS.json ".venv/bin/python scripts/gen/tee_extract.py OUTDIR" CORPUS
    .venv/bin/python scripts/gen/confidence.py RESULTS.json OUTDIR
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

_KEY = re.compile(r"^([A-Za-z_][\w.\[\]]*):")


def warned_keys(record: dict) -> set[str]:
    """The field paths a record's warnings name (``key: …`` at the start of a warning)."""
    out = set()
    for warning in record.get("warnings") or []:
        match = _KEY.match(warning)
        if match:
            out.add(match.group(1))
    return out


def is_warned(path: str, keys: set[str]) -> bool:
    return any(path == k or path.startswith(k + ".") or path.startswith(k + "[") for k in keys)


def main(results: Path, outputs: Path) -> int:
    data = json.loads(results.read_text(encoding="utf-8"))
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # unwarned, unwarned right, wrong, wrong warned
    for entry in data["files"]:
        out = outputs / f"{entry['file']}.out.json"
        try:
            record = json.loads(out.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            record = {}
        keys = warned_keys(record)
        for field in entry["fields"]:
            warned = is_warned(field["path"], keys)
            row = tally[entry["format"]]
            if not warned:
                row[0] += 1
                row[1] += bool(field["correct"])
            if not field["correct"]:
                row[2] += 1
                row[3] += warned
    for fmt, (unwarned, right, wrong, warned) in sorted(tally.items()):
        print(f"{fmt:8s} no warning: {right}/{unwarned} right ({100 * right / max(1, unwarned):.1f} %)   "
              f"wrong: {warned}/{wrong} warned ({100 * warned / max(1, wrong):.1f} %)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), Path(sys.argv[2])))
