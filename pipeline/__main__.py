"""``python -m pipeline``: the command line."""

from pipeline.cli.commands import main

raise SystemExit(main())
