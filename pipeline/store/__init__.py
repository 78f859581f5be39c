"""The record store package: received files and record versions in SQLite or PostgreSQL (see ``store.py``)."""

from __future__ import annotations

from pipeline.store.engine import database_url
from pipeline.store.models import (
           AgencyStatus,
           Correction,
           Placed,
           ReviewItem,
           SaveOutcome,
           StoredFile,
           StoredRecord,
           StoreError,
)
from pipeline.store.store import Store, open_store

__all__ = ["AgencyStatus", "Correction", "Placed", "ReviewItem", "SaveOutcome", "Store", "StoreError", "StoredFile",
           "StoredRecord", "database_url", "open_store"]
