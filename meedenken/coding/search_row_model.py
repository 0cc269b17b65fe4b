"""The answers browser's search row model (`coding.AnswerSearchRow`); the triggers that keep it
in step are in meedenken/coding/search_rows.py."""

from __future__ import annotations

from django.db import models

from meedenken.consultations.models import Question
from meedenken.responses.models import Answer, Response


class AnswerSearchRow(models.Model):
    """What the answers browser filters on, one row per answer: the answer's question and the
    respondent's profile copied from its response, so a filter and a search read one table,
    without joins (docs/benchmarks.md). Database triggers keep the copy in step with every write
    to answers and responses, whatever path writes them (meedenken/coding/search_rows.py); on
    PostgreSQL the row also holds the search vector (`document`, not a Django field)."""

    answer = models.OneToOneField(
        Answer, primary_key=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    question = models.ForeignKey(  # indexed with the answer, below
        Question, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    response = models.ForeignKey(
        Response, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    has_text = models.BooleanField()
    status = models.CharField(max_length=12)
    stakeholder_type = models.CharField(max_length=30)
    sector = models.CharField(max_length=20)
    country = models.CharField(max_length=2)
    company_size = models.CharField(max_length=10)
    covenants = models.TextField()  # the response's JSON list, as text
    publication_consent = models.CharField(max_length=12)
    channel = models.CharField(max_length=10)
    organisation_name = models.CharField(max_length=200)

    class Meta:
        db_table = "coding_answer_search"
        indexes = [models.Index(fields=["question", "answer"], name="coding_search_question_idx")]

    def __str__(self) -> str:
        return f"{self.answer_id} ({self.question_id})"
