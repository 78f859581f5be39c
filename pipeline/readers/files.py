"""The first check every reader makes: the file is there and is not empty, said in English and Thai."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import UnreadableFileError


def require_file(path: Path) -> None:
    """Raise UnreadableFileError when ``path`` is missing, not a file, or holds 0 bytes."""
    where = str(path)
    if not path.is_file():
        raise UnreadableFileError("file not found", "ไม่พบไฟล์", where=where)
    if path.stat().st_size == 0:
        raise UnreadableFileError("the file is empty (0 bytes)", "ไฟล์ว่างเปล่า (0 ไบต์)", where=where)
