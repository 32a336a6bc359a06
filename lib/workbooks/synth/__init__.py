"""Synthetic data in the real table layouts, for benchmarks and tests only (`workbooks synth`):
comments and questions, activities and a status log, practices and reviewed scores, each with a
sidecar that says ``illustrative: true``. Never written into data/."""
