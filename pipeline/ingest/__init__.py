"""The ingest stage: files dropped into the inbox claimed, read in a sandbox, stored and moved for good."""

from pipeline.ingest.stage import FileOutcome, IngestSummary, ingest

__all__ = ["FileOutcome", "IngestSummary", "ingest"]
