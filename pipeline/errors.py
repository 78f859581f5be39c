"""Exceptions of the pipeline: one base, each message telling a clerk what is wrong and how to fix it."""

from __future__ import annotations

from typing import Any


class PipelineError(Exception):
    """Base of every error the pipeline raises on purpose.

    ``message_en`` and ``message_th`` say what is wrong and where; ``str()`` gives both, English first,
    because the evaluating office reads Thai and the log reader may not.
    """

    def __init__(self, message_en: str, message_th: str | None = None, *, where: str | None = None):
        self.message_en = message_en
        self.message_th = message_th
        self.where = where
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where else ""
        thai = f"\n  ({self.message_th})" if self.message_th else ""
        return f"{where}{self.message_en}{thai}"


class UnknownKindError(PipelineError):
    """A kind name that is not one of the documents of FORMS.md."""


class RecordDataError(PipelineError):
    """Data meant to fill or describe a record does not fit the record's fields."""


class TemplateError(PipelineError):
    """A Word template is missing or cannot be rendered."""


class ConversionError(PipelineError):
    """LibreOffice is missing, failed or hung while converting a document."""


class PageLimitError(PipelineError):
    """A generated document is longer than its form allows (Form 3: one page, Form 4: six)."""


class UnknownDocumentError(PipelineError):
    """A returned file is not one of the known forms."""


class UnreadableFileError(PipelineError):
    """A returned file cannot be opened: empty, corrupt, encrypted, or of the wrong type."""


# What a pydantic error type means, said in Thai (the English is pydantic's own message).
THAI_PROBLEMS = {
    "missing": "ต้องระบุ", "extra_forbidden": "ไม่รู้จักหัวข้อนี้", "string_type": "ต้องเป็นข้อความ",
    "list_type": "ต้องเป็นรายการหรือข้อความ", "int_parsing": "ต้องเป็นตัวเลข", "int_type": "ต้องเป็นตัวเลข",
    "float_parsing": "ต้องเป็นตัวเลข", "decimal_parsing": "ต้องเป็นตัวเลข", "dict_type": "ต้องเป็นหัวข้อและค่า",
    "model_type": "ต้องเป็นหัวข้อและค่า", "date_type": "ต้องเป็นวันที่ เช่น 15 มกราคม 2568",
    "date_parsing": "ต้องเป็นวันที่ เช่น 15 มกราคม 2568", "date_from_datetime_parsing": "ต้องเป็นวันที่ เช่น 15 มกราคม 2568",
    "literal_error": "ต้องเป็นค่าใดค่าหนึ่งที่กำหนด", "enum": "ต้องเป็นค่าใดค่าหนึ่งที่กำหนด",
    "greater_than_equal": "ค่าน้อยเกินไป", "less_than_equal": "ค่ามากเกินไป", "greater_than": "ค่าน้อยเกินไป",
    "less_than": "ค่ามากเกินไป",
}


def validation_messages(errors: list[dict[str, Any]], *, whole: str = "(file)",
                        thai: dict[str, str] | None = None) -> tuple[str, str]:
    """pydantic's ``exc.errors()`` as one English and one Thai line: each problem with its place in the data.

    ``thai`` adds or overrides Thai wording by error type for one kind of input."""
    wording = {**THAI_PROBLEMS, **(thai or {})}
    en, th = [], []
    for error in errors:
        where = ".".join(str(p) for p in error["loc"])
        en.append(f"{where or whole}: {error['msg']}")
        meaning = wording.get(error["type"]) or f"ค่าไม่ถูกต้อง ({error['msg']})"
        th.append(f"{where or '(ทั้งไฟล์)'}: {meaning}")
    return "; ".join(en), "; ".join(th)
