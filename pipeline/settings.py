"""Every setting the pipeline reads from the environment (prefix ``PIPELINE_``), in one place."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from pipeline.errors import PipelineError

# Names that earlier versions read; still honoured, with a warning, until the offices' scripts are updated.
_DEPRECATED = {"BMA_OCR_PAGE_TIMEOUT_S": "PIPELINE_OCR_PAGE_TIMEOUT_S",
               "BMA_OCR_MIN_CONFIDENCE": "PIPELINE_OCR_MIN_CONFIDENCE"}


class SettingsError(PipelineError):
    """An environment variable ``PIPELINE_…`` holds a value the pipeline cannot use."""


class Settings(BaseSettings):
    """The pipeline's settings: defaults, overridden by ``PIPELINE_<NAME>`` environment variables."""

    model_config = SettingsConfigDict(env_prefix="PIPELINE_", extra="ignore", frozen=True)

    db: str | None = Field(None, description="record store URL (sqlite:///… or postgresql://…)")
    inbox: Path | None = Field(None, description="the inbox folder (default <project>/inbox)")
    evaluations: Path | None = Field(None, description="committee and evaluator files (default data/evaluations)")
    ocr_page_timeout_s: float = Field(60.0, gt=0, description="OCR time limit for one page")
    ocr_min_confidence: float = Field(0.80, ge=0, le=1, description="a text field read by OCR below this gets a "
                                      "warning (calibrated: docs/OCR.md, Confidence)")
    ocr_min_confidence_value: float = Field(0.90, ge=0, le=1, description="a number, date or choice read by OCR "
                                            "below this gets a warning")
    ocr_min_confidence_name: float = Field(0.95, ge=0, le=1, description="a person's name read by OCR below this "
                                           "gets a warning (no dictionary can check a name)")
    ocr_min_word_confidence: float = Field(0.75, ge=0, le=1, description="a value read by OCR whose weakest word "
                                           "is below this gets a warning (calibrated: docs/OCR.md, Confidence)")
    # The caps every returned file must stay under (see ingest.limits.Limits).
    max_file_mb: float = Field(50.0, gt=0)
    max_pages: int = Field(200, gt=0)
    max_unpacked_mb: float = Field(200.0, gt=0)
    max_compression_ratio: float = Field(500.0, gt=0)
    max_zip_parts: int = Field(2000, gt=0)
    time_limit_s: float = Field(10.0, gt=0)
    ocr_page_s: float = Field(8.0, ge=0)
    convert_s: float = Field(30.0, ge=0)
    memory_limit_mb: float = Field(500.0, gt=0)
    max_megapixels: float = Field(150.0, gt=0, description="the most pixels an image may unpack to")
    file_budget_s: float = Field(90.0, gt=0, description="the most time one file may take, whatever its size")
    max_ocr_pages: int = Field(20, gt=0, description="pages or frames one file may have read by OCR (a form ≤ 10, "
                               "a bundle of the whole package ≈ 20); a file with more is refused")
    # The inbox: a file is taken only once it stopped changing (its writer finished).
    stable_s: float = Field(3.0, ge=0, description="seconds a file's size and time must stay unchanged")
    incomplete_s: float = Field(300.0, ge=0, description="a ZIP or PDF still without its end record after this "
                                "long unchanged is taken anyway (and refused as cut short)")
    create_db: bool = Field(False, description="let a command create a missing SQLite database file")
    debug: bool = Field(False, description="show the Python traceback of an unexpected error")
    cache_dir: Path | None = Field(None, description="indexes built once and kept between runs (default "
                                   "$XDG_CACHE_HOME/bma-pipeline, else ~/.cache/bma-pipeline)")
    # The web page (python -m pipeline serve).
    web_secret: str | None = Field(None, description="key signing session cookies (default: random per start)")
    web_cache: Path | None = Field(None, description="page images and PDFs made for review (default data/web-cache)")
    web_max_upload_files: int = Field(200, gt=0, description="most files in one upload (a ZIP's files count)")
    web_proxy_user_header: str | None = Field(None, description="header naming the signed-in user, set by a proxy")
    web_trusted_proxies: str = Field("", description="comma-separated addresses whose user header is believed")


def _legacy_values(environ: dict[str, str]) -> dict[str, str]:
    values = {}
    for old, new in _DEPRECATED.items():
        if old in environ and new not in environ:
            warnings.warn(f"{old} is deprecated: set {new} instead", DeprecationWarning, stacklevel=3)
            values[new.removeprefix("PIPELINE_").lower()] = environ[old]
    return values


def project_root(start: Path | None = None) -> Path:
    """The folder holding pyproject.toml, from ``start`` (the working folder) upwards; else ``start``."""
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / "pyproject.toml").is_file():
            return folder
    return start


def current() -> Settings:
    """The settings as the environment gives them now (read afresh: a test or a service may change it)."""
    try:
        return Settings(**_legacy_values(dict(os.environ)))
    except ValidationError as exc:
        problems = "; ".join(f"PIPELINE_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in exc.errors())
        raise SettingsError(f"a setting cannot be used: {problems}",
                            f"ค่าที่ตั้งไว้ในตัวแปรสภาพแวดล้อมใช้ไม่ได้: {problems}") from None


__all__ = ["Settings", "SettingsError", "current", "project_root"]
