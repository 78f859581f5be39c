"""The record store package: received files and record versions in SQLite or PostgreSQL (see ``store.py``)."""

from __future__ import annotations

from .engine import database_url
from .models import AgencyStatus, Correction, ReviewItem, SaveOutcome, StoredFile, StoredRecord, StoreError
from .store import Store, open_store

__all__ = ["AgencyStatus", "Correction", "ReviewItem", "SaveOutcome", "Store", "StoreError", "StoredFile",
           "StoredRecord", "database_url", "open_store"]
