"""PostgreSQL: the stored search vectors follow their answers by trigger, not by foreign key."""

from django.db import migrations

from meedenken.coding import search


def unlink(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        for sql in search.PG_UNLINK:
            schema_editor.execute(sql)


def relink(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        for sql in search.PG_RELINK:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("coding", "0003_answer_search_table")]

    operations = [migrations.RunPython(unlink, relink)]
