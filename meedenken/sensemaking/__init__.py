"""The sensemaking core: pure Python/numpy/scipy/scikit-learn analysis, no Django imports.

Typed dataclasses in and out, deterministic for a given seed, usable from the CLI on plain files.
The platform stores inputs and results; this package computes.

- `opinion`: votes on statements -> opinion groups, representative statements, consensus,
  bridging and broad support across declared stakeholder groups (Pol.is-compatible).
- `text`: open answers -> language, codes with confidence, discovered themes, campaigns and
  duplicates, redaction of personal data, extractive summaries.
"""
