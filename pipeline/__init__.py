"""BMA innovation KPI pipeline: generate the forms, read returned files back, score and report."""

from pipeline.errors import PipelineError
from pipeline.forms import KINDS, form
from pipeline.records import Record, json_schema

__version__ = "0.1.0"

__all__ = ["KINDS", "PipelineError", "Record", "form", "json_schema", "__version__"]
