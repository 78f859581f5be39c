"""Exceptions of the pipeline: one base, each message telling a clerk what is wrong and how to fix it."""

from __future__ import annotations


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
