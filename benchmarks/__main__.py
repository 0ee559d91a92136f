"""``python -m benchmarks --help``: see benchmarks/runner.py and docs/benchmarks.md."""
from benchmarks.runner import main

raise SystemExit(main())
