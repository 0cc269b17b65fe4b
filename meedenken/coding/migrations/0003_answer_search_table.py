"""PostgreSQL: search vectors stored per answer instead of an expression index (see search.py)."""

from django.db import migrations

from meedenken.coding import search


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        for sql in search.PG_TABLE_CREATE:
            schema_editor.execute(sql)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        for sql in search.PG_TABLE_DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("coding", "0002_answer_search")]

    operations = [migrations.RunPython(create, drop)]
