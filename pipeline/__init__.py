"""BMA innovation KPI pipeline: generate the forms, read returned files back, score and report."""

from .errors import PipelineError
from .forms import KINDS, form
from .records import Record, json_schema

__version__ = "0.1.0"

__all__ = ["KINDS", "PipelineError", "Record", "form", "json_schema", "__version__"]
