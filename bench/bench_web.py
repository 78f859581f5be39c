"""Benchmark: the web page's server time — the board for 80 agencies × 7 kinds × 3 fiscal years (target ≤ 200 ms),
and the review page with its page image (target ≤ 500 ms).

    .venv/bin/python bench/bench_web.py [--agencies 80] [--years 3] [--runs 15] [--db URL | --postgres] [--start-up]

The store is filled through ``save_ingested`` with the sample year's records under 80 agency names (districts,
departments, units) for FY2566–2568 (1,680 record versions); the review page's record comes from a real PDF
(a sample Form 1 rendered and converted by LibreOffice once). Server time is the request through the ASGI app
in-process (TestClient): routing, session, store queries, status/scoring and template rendering, no network.
Prints the median and the slowest of ``--runs`` for each page; each page's first look with nothing kept yet (without
``--start-up`` the client does not run the app's start-up, which compiles the templates and computes every year's
board ahead; with it, the first looks come after that warm-up, as on a started ``serve``);
and the board's first look after a change (``--runs`` changes, each to another agency: a field corrected, or a
new version of a document saved), which computes again the agencies that changed. ``--postgres`` runs it on a
throw-away PostgreSQL cluster (the tests' fixture, Debian's server). Not a test: timings go here only.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402

from pipeline.generate.stage import generate  # noqa: E402
from pipeline.records import Record  # noqa: E402
from pipeline.scoring.evidence import sample_evidence  # noqa: E402
from pipeline.store import Store, open_store  # noqa: E402
from pipeline.store.users import add_user  # noqa: E402
from pipeline.web.app import WebConfig, create_app, settle  # noqa: E402

PASSWORD = "benchmark password"
PREFIXES = ("สำนักงานเขต", "สำนัก", "สำนักงาน")


def fill(url: str, agencies: int, years: int, folder: Path) -> int:
    """The store with every kind for each agency and year; the id of a Form 1 read from a real PDF."""
    samples = sample_evidence()
    store = open_store(url)
    add_user(store, "bench", PASSWORD, role="evaluator")
    for n in range(agencies):
        evidence = samples[n % len(samples)]
        name = f"{PREFIXES[n % 3]}ทดสอบที่ {n + 1}"
        for year in range(2569 - years, 2569):
            kinds_seen: set[str] = set()
            for record in evidence.records:
                if record.kind in kinds_seen and record.kind != "form1":
                    continue
                kinds_seen.add(record.kind)
                fields = {**record.fields, "agency": name}
                if "fiscal_year" in fields:
                    fields["fiscal_year"] = year
                store.save_ingested(sha256=uuid.uuid4().hex * 2, original_name=f"{record.kind}.docx", size=1,
                                    claim_token=uuid.uuid4().hex, stored_path="", agency=name, fiscal_year=year,
                                    record=Record(kind=record.kind, fields=fields))
    form1 = samples[0].records[0]
    made = generate([form1], folder, pdf=True, per_agency=False).documents[0]
    saved = store.save_ingested(sha256=uuid.uuid4().hex * 2, original_name=made.pdf.name, size=made.pdf.stat().st_size,
                                claim_token=uuid.uuid4().hex, stored_path=str(made.pdf), agency=samples[0].agency,
                                fiscal_year=2568, record=form1)
    store.close()
    return saved.record_id


def timed(client: TestClient, urls: list[str], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code, response.text[:300])
        out.append(time.perf_counter() - started)
    return out


def change(store: Store, n: int, agencies: int) -> None:
    """The nth change between two looks at the board, each to another agency of FY2568: a correction by hand
    (even n), else a new version of a document (a file received)."""
    agency = f"{PREFIXES[n % agencies % 3]}ทดสอบที่ {n % agencies + 1}"
    current = store.records(fiscal_year=2568, agency=agency, current_only=True, kind="form1")
    stored = next(s for s in current if s.agency == agency)
    if n % 2 == 0:
        store.correct(stored.id, "idea_name", f"ชื่อที่แก้ไขครั้งที่ {n}", by="bench")
        return
    store.save_ingested(sha256=uuid.uuid4().hex * 2, original_name="form1.docx", size=1,
                        claim_token=uuid.uuid4().hex, stored_path="", agency=agency, fiscal_year=2568,
                        record=stored.record())


def after_changes(client: TestClient, url: str, runs: int, agencies: int) -> list[float]:
    out = []
    with open_store(url) as store:
        for n in range(runs):
            change(store, n, agencies)
            out.extend(timed(client, ["/board?fy=2568"], 1))
    return out


@contextmanager
def database(args: argparse.Namespace, folder: Path) -> Iterator[str]:
    """The store URL to fill: ``--db``, a database on a throw-away PostgreSQL cluster, or a SQLite file."""
    if not args.postgres:
        yield args.db or f"sqlite:///{folder / 'bench.sqlite'}"
        return
    from tests.conftest import PostgresServer, _pg_bin

    server = PostgresServer(_pg_bin())
    server.start()
    try:
        server.admin('CREATE DATABASE "bench"')
        yield server.url("bench")
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--agencies", type=int, default=80)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--db", help="a store URL to fill (default: a fresh SQLite file)")
    parser.add_argument("--postgres", action="store_true", help="fill a throw-away PostgreSQL cluster instead")
    parser.add_argument("--start-up", action="store_true",
                        help="run the app's start-up (as `serve` does) and let its warm-up finish before the first looks")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, database(args, Path(tmp)) as url, ExitStack() as stack:
        folder = Path(tmp)
        started = time.perf_counter()
        record_id = fill(url, args.agencies, args.years, folder)
        print(f"store filled in {time.perf_counter() - started:.1f} s: {args.agencies} agencies × 7 kinds × "
              f"{args.years} years ({url.split(':')[0]})")
        client = TestClient(create_app(WebConfig(store_url=url, cache=folder / "cache")))
        settle()  # as ``serve`` does
        if args.start_up:
            started = time.perf_counter()
            stack.enter_context(client)
            for thread in threading.enumerate():
                if thread.name == "pipeline-warm-up":
                    thread.join()
            print(f"start-up warm-up (templates, every year's board) done in {time.perf_counter() - started:.1f} s")
        token = client.get("/login").text.split('name="csrf" value="')[1].split('"')[0]
        assert client.post("/login", data={"name": "bench", "password": PASSWORD, "csrf": token},
                           follow_redirects=False).status_code == 303
        cold = timed(client, [f"/records/{record_id}", f"/records/{record_id}/pages/1.png"], 1)[0]
        cold_board = timed(client, ["/board?fy=2568"], 1)[0]
        for label, urls, target in (
                ("board (FY2568, 80 agencies)", ["/board?fy=2568"], 0.200),
                ("review page + page image", [f"/records/{record_id}", f"/records/{record_id}/pages/1.png"], 0.500)):
            times = timed(client, urls, args.runs)
            print(f"{label:32} median {statistics.median(times) * 1000:6.0f} ms, slowest {max(times) * 1000:6.0f} ms "
                  f"(target ≤ {target * 1000:.0f} ms)")
        changed = after_changes(client, url, args.runs, args.agencies)
        print(f"{'board, first look after a change':32} median {statistics.median(changed) * 1000:6.0f} ms, slowest "
              f"{max(changed) * 1000:6.0f} ms ({args.runs} changes, one agency each: its rows computed again)")
        print(f"{'board, first look':32} {cold_board * 1000:6.0f} ms " + (
            "(kept by the warm-up)" if args.start_up else "(nothing kept: the whole year computed)"))
        print(f"{'review page + image, first look':32} {cold * 1000:6.0f} ms (renders the page image once)")


if __name__ == "__main__":
    main()
