"""Full-text search on answers (see meedenken/coding/search.py) and the active-learning rank."""

from django.db import migrations, models

from meedenken.coding import search


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    statements = {"postgresql": search.PG_CREATE, "sqlite": search.SQLITE_CREATE}
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    statements = {"postgresql": search.PG_DROP, "sqlite": search.SQLITE_DROP}
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("coding", "0001_initial"),
        ("responses", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create, drop),
        migrations.AddField(
            model_name="answeranalysis",
            name="next_rank",
            field=models.PositiveIntegerField(blank=True, null=True),
        ),
    ]
