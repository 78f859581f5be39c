"""The command line: argument parsing and all text formatting for the terminal."""

from pipeline.cli.commands import main

__all__ = ["main"]
