"""Argument types and checks shared by the commands: ids, folders, and a store that must already exist."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.errors import PipelineError


class CommandLineError(PipelineError):
    """Arguments that do not fit together."""


_MAX_ID = 2**63 - 1  # the largest id a database column holds


def record_id(text: str) -> int:
    """An argparse type: a record's id, a whole number the database can hold."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a record id (a number from `records`) "
                                         f"({text!r} ไม่ใช่รหัสเอกสาร ดูได้จากคำสั่ง records)") from None
    if not 1 <= value <= _MAX_ID:
        raise argparse.ArgumentTypeError(f"{text} is not a record id: ids run from 1 (see `records`) "
                                         f"({text} ไม่ใช่รหัสเอกสารที่มีอยู่ ดูได้จากคำสั่ง records)")
    return value


def folder(text: str) -> Path:
    """An argparse type: a folder to write into or read from; an existing file there is refused."""
    path = Path(text)
    if path.exists() and not path.is_dir():
        raise argparse.ArgumentTypeError(f"{text} is a file, not a folder: give a folder "
                                         f"({text} เป็นไฟล์ ไม่ใช่โฟลเดอร์ กรุณาระบุโฟลเดอร์)")
    return path


def add_db(p: argparse.ArgumentParser, help_text: str) -> None:
    p.add_argument("--db", help=help_text)
    p.add_argument("--create-db", action="store_true", help="create the SQLite database if it does not exist")


def store_must_exist(url: str | None, create: bool) -> None:
    """A SQLite file that is not there is an error (a mistyped --db), unless asked to create it."""
    from pipeline import settings
    from pipeline.store.engine import database_url

    chosen = database_url(url)
    if create or settings.current().create_db or not chosen.startswith("sqlite:///"):
        return
    path = Path(chosen.removeprefix("sqlite:///"))
    if chosen.endswith(":memory:") or path.is_file():
        return
    raise CommandLineError(f"there is no record store at {path}: check --db (or $PIPELINE_DB); `python -m pipeline "
                           "ingest` makes one from the inbox, or add --create-db to start an empty one",
                           f"ไม่พบฐานข้อมูลที่ {path} กรุณาตรวจสอบ --db หรือสั่ง python -m pipeline ingest เพื่อสร้างจากไฟล์ใน "
                           "inbox หรือเพิ่ม --create-db เพื่อสร้างฐานข้อมูลเปล่า", where="--db")



__all__ = ["CommandLineError", "add_db", "folder", "record_id", "store_must_exist"]
