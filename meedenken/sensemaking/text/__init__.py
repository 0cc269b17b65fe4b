"""Open answers: language, codes with confidence, themes, campaigns, privacy and summaries.

Pure Python/numpy/scipy/scikit-learn (no Django): the platform calls `pipeline.analyse_answers`
from a background job, and `meedenken analyse-text` / `meedenken code-text` call it on CSV files.
"""
