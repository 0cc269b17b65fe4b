"""The answers browser filters one table: search rows with the respondent's profile, kept in
step by triggers (see meedenken/coding/search_rows.py); on PostgreSQL they take over the stored
search vectors of migration 0003."""

import django.db.models.deletion
from django.db import migrations, models

from meedenken.coding import search, search_rows


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    statements = {"postgresql": search_rows.PG_CREATE, "sqlite": search_rows.SQLITE_CREATE}
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        # as migrations 0003 and 0004 left it; their deferred foreign key checks run first
        old = [*search.PG_TABLE_CREATE, "SET CONSTRAINTS ALL IMMEDIATE", *search.PG_UNLINK]
        for sql in [*search_rows.PG_DROP, *old]:
            schema_editor.execute(sql)
    elif vendor == "sqlite":
        for sql in search_rows.SQLITE_DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("coding", "0004_answer_search_unlinked"),
        ("consultations", "0006_retention"),
        ("responses", "0005_answer_question_version"),
    ]

    operations = [
        migrations.CreateModel(
            name="AnswerSearchRow",
            fields=[
                (
                    "answer",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="responses.answer",
                    ),
                ),
                ("has_text", models.BooleanField()),
                ("status", models.CharField(max_length=12)),
                ("stakeholder_type", models.CharField(max_length=30)),
                ("sector", models.CharField(max_length=20)),
                ("country", models.CharField(max_length=2)),
                ("company_size", models.CharField(max_length=10)),
                ("covenants", models.TextField()),
                ("publication_consent", models.CharField(max_length=12)),
                ("channel", models.CharField(max_length=10)),
                ("organisation_name", models.CharField(max_length=200)),
                (
                    "question",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="consultations.question",
                    ),
                ),
                (
                    "response",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="responses.response",
                    ),
                ),
            ],
            options={
                "db_table": "coding_answer_search",
                "indexes": [
                    models.Index(fields=["question", "answer"], name="coding_search_question_idx")
                ],
            },
        ),
        migrations.RunPython(create, drop),
    ]
