"""One line, English and Thai, for trouble that is not a file's fault: a full disk, no permission, a store gone."""

from __future__ import annotations

import errno

from pipeline.errors import PipelineError


def trouble(err: BaseException) -> tuple[str, bool]:
    """One line, English and Thai, for what stopped a file that is not the file's fault; and whether it stops
    the run (a full disk or a store that is gone fails every next file the same way)."""
    from sqlalchemy.exc import DBAPIError, SQLAlchemyError

    if isinstance(err, OSError) and err.errno in (errno.ENOSPC, errno.EDQUOT):
        return ("the disk is full: free some space and run the command again; nothing was lost "
                "(ดิสก์เต็ม กรุณาเพิ่มพื้นที่ว่างแล้วสั่งใหม่ ไม่มีไฟล์สูญหาย)", True)
    if isinstance(err, OSError) and err.errno == errno.EROFS:
        return ("the inbox's disk is read-only: the pipeline cannot move files there "
                "(ดิสก์ของ inbox เป็นแบบอ่านอย่างเดียว ระบบย้ายไฟล์ไม่ได้)", True)
    if isinstance(err, PermissionError):
        return (f"no permission to change {err.filename or 'a folder of the inbox'}: give the pipeline's user write "
                "access (ไม่มีสิทธิ์เขียนในโฟลเดอร์ของ inbox กรุณาให้สิทธิ์เขียนแก่ผู้ใช้ที่รันระบบ)", False)
    if isinstance(err, DBAPIError) and err.connection_invalidated or isinstance(err, SQLAlchemyError) and any(
            word in str(err).lower() for word in ("connect", "terminat", "no such table", "unable to open",
                                                   "readonly", "disk", "closed")):
        return ("the record store cannot be reached (stopped, moved or damaged): the file stays in .work and is "
                "finished by the next run (ติดต่อฐานข้อมูลไม่ได้ ไฟล์ยังอยู่ใน .work และจะทำต่อในรอบถัดไป)", True)
    if isinstance(err, OSError):
        return (f"{err.filename or 'a file'}: {err.strerror or err} (ใช้ไฟล์หรือโฟลเดอร์นี้ไม่ได้)", False)
    if isinstance(err, SQLAlchemyError):
        return ("the record store cannot be used (a value it cannot hold, or a damaged database): "
                f"{str(err).splitlines()[0][:200]} (ใช้ฐานข้อมูลไม่ได้)", False)
    if isinstance(err, PipelineError):
        return (str(err).replace("\n", " "), False)
    return (f"unexpected {type(err).__name__}: {err}".replace("\n", " ")[:300], False)


__all__ = ["trouble"]
