"""Does a warning predict a wrong field? Over an evaluated corpus, the share right of the fields without a
warning, the share warned of the wrong fields (issue 12, part 4) and the share warned of the right ones (false
alarms), per format.

    evaluate.py --json RESULTS.json ".venv/bin/python scripts/gen/tee_extract.py OUTDIR" CORPUS
    .venv/bin/python -m scripts.gen.confidence RESULTS.json OUTDIR [--rows ROWS.jsonl]

Works on any folder with truth files (the generators' halves, ``corpus/dev``, ``corpus/dev2``). A PDF whose
manifest entry names Chromium as its producer, or whose producer is Skia/PDF, counts as "chromium pdf". Bundles: each truth record is matched
to the output record the evaluator aligned it with. ``--rows`` writes one JSON line per field (format, path,
right or not, warned or not, the value read, the truth, the field's confidence) for calibration.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from pathlib import Path

_KEY = re.compile(r"^([A-Za-z_][\w.\[\]]*):")
_RECORD = re.compile(r"^records\[(\d+)\]\.(.*)$")
FORMAT_ORDER = ("docx", "pdf", "chromium pdf", "scan", "photo", "bundle")


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


def field_confidence(path: str, confidence: dict[str, float]) -> float | None:
    """The confidence a record gives a field path: its own, else its top-level field's."""
    if path in confidence:
        return confidence[path]
    return confidence.get(path.split("[")[0].split(".")[0])


def _outputs(path: Path) -> list[dict]:
    """The records a tee'd extract output holds: one JSON object, or JSON Lines for a bundle."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return []
    try:
        data = json.loads(text)
        return [data] if isinstance(data, dict) else []
    except ValueError:
        pass
    out = []
    for line in text.splitlines():
        try:
            item = json.loads(line)
        except ValueError:
            continue
        if isinstance(item, dict):
            out.append(item)
    return out


def _producers(corpus: Path) -> dict[str, str]:
    try:
        manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {f.get("file", ""): str(f.get("producer", "")) for f in manifest.get("files", [])}


def _chromium(path: Path, producer: str) -> bool:
    """Whether a PDF was printed by Chromium: the manifest says so, or the PDF's producer is Skia/PDF."""
    if "chromium" in producer.lower():
        return True
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except (OSError, pdfium.PdfiumError):
        return False
    try:
        meta = pdf.get_metadata_dict()
    finally:
        pdf.close()
    return "skia" in meta.get("Producer", "").lower() or "chrome" in meta.get("Creator", "").lower()


def rows(results: Path, outputs: Path) -> list[dict]:
    """One row per evaluated field: format, file, path, right, warned, confidence, value read, truth."""
    data = json.loads(results.read_text(encoding="utf-8"))
    producers = _producers(Path(data.get("summary", {}).get("corpus", "")))
    out_rows = []
    for entry in data["files"]:
        records = _outputs(outputs / f"{entry['file']}.out.json")
        fmt = entry["format"]
        corpus = Path(data.get("summary", {}).get("corpus", ""))
        if fmt == "pdf" and _chromium(corpus / entry["file"], producers.get(entry["file"], "")):
            fmt = "chromium pdf"
        matched = {u["record"]: u.get("matched") for u in entry.get("records") or [] if "record" in u}
        for field in entry["fields"]:
            path, record = field["path"], records[0] if records else {}
            bundle = _RECORD.match(path)
            if bundle:
                j = matched.get(int(bundle.group(1)))
                record = records[j] if j is not None and j < len(records) else {}
                path = bundle.group(2)
            out_rows.append({
                "format": fmt, "file": entry["file"], "path": path, "right": bool(field["correct"]),
                "warned": is_warned(path, warned_keys(record)),
                "confidence": field_confidence(path, record.get("confidence") or {}),
                "got": field.get("got"), "expected": field.get("expected"),
                "warnings": [w for w in record.get("warnings") or [] if is_warned(path, warned_keys({"warnings": [w]}))],
            })
    return out_rows


def table(field_rows: list[dict]) -> list[str]:
    """Per format: no warning → right, wrong → warned, and right → warned (false alarms), as counts and
    percentages."""
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])  # fields, unwarned, right, wrong, warned
    for row in field_rows:
        for fmt in (row["format"], "all"):
            t = tally[fmt]
            t[0] += 1
            if not row["warned"]:
                t[1] += 1
                t[2] += row["right"]
            if not row["right"]:
                t[3] += 1
                t[4] += row["warned"]
    lines = []
    for fmt in sorted(tally, key=lambda f: (FORMAT_ORDER + (f, "all")).index(f)):
        n, unwarned, right, wrong, warned = tally[fmt]
        alarms = (n - wrong) - right  # right fields that carry a warning
        lines.append(f"{fmt:13s} fields {n:5d}  warned {n - unwarned:5d}  "
                     f"no warning: {right}/{unwarned} right ({100 * right / max(1, unwarned):.1f} %)   "
                     f"wrong: {warned}/{wrong} warned ({100 * warned / max(1, wrong):.1f} %)   "
                     f"right: {alarms}/{n - wrong} warned ({100 * alarms / max(1, n - wrong):.1f} %)")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", type=Path)
    parser.add_argument("outputs", type=Path)
    parser.add_argument("--rows", type=Path, help="write one JSON line per field here")
    args = parser.parse_args(argv)
    field_rows = rows(args.results, args.outputs)
    print("\n".join(table(field_rows)))
    if args.rows:
        args.rows.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in field_rows), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
