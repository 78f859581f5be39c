"""The generate stage: records filled into the Word templates (docxtpl), DOCX and PDF."""

from pipeline.generate.stage import GeneratedDocument, GenerationResult, generate, generate_blank, load_records

__all__ = ["GeneratedDocument", "GenerationResult", "generate", "generate_blank", "load_records"]
