"""quoteattr's accuracy and speed suites; run them with ``python -m benchmarks``."""
