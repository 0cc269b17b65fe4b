"""Many rows into one table at once: COPY on PostgreSQL, `bulk_create` elsewhere.

An analysis run stores a row per answer and per proposed code: at 100k answers that is a few
hundred thousand rows, where building model instances and `bulk_create`'s per-field
preparation cost more than the database itself. Rows go in as plain tuples. Like
`bulk_create`: no `save()`, no signals; unlike it, no primary keys come back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connections, models, router
from django.utils import timezone


def insert_rows(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    batch_size: int = 5000,
) -> int:
    """Insert `rows` (one value per name in `fields`: attribute names such as "answer_id")
    into `model`'s table; every other column gets its field's default. Values are those the
    database driver takes as they are (numbers, strings, booleans, None, datetimes); JSON
    fields are adapted here. Returns the number of rows. Run it inside a transaction to make
    it all or nothing."""
    concrete = [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]
    by_name = {f.attname: f for f in concrete}
    unknown = [name for name in fields if name not in by_name]
    if unknown:
        raise ValueError(f"{model.__name__} has no column {', '.join(unknown)}")
    connection = connections[router.db_for_write(model)]
    others = [f for f in concrete if f.attname not in fields]
    now = timezone.now()
    filled = tuple(
        now
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        else f.get_default()
        for f in others
    )
    if connection.vendor != "postgresql":
        names = [*fields, *(f.attname for f in others)]
        instances = (model(**dict(zip(names, (*row, *filled), strict=True))) for row in rows)
        created = model._default_manager.bulk_create(instances, batch_size=batch_size)
        return len(created)
    columns = [by_name[name] for name in fields] + others
    json = [i for i, f in enumerate(columns) if isinstance(f, models.JSONField)]
    defaults = tuple(f.get_db_prep_save(v, connection) for f, v in zip(others, filled, strict=True))
    quote = connection.ops.quote_name
    sql = "COPY {} ({}) FROM STDIN".format(
        quote(model._meta.db_table), ", ".join(quote(str(f.column)) for f in columns)
    )
    count = 0
    # errors as Django's (IntegrityError, ...), as bulk_create raises them
    with (
        connection.cursor() as cursor,
        connection.wrap_database_errors,
        cursor.cursor.copy(sql) as copy,
    ):
        for row in rows:
            values = [*row, *defaults]
            for i in json:
                if i < len(fields):
                    values[i] = columns[i].get_db_prep_save(values[i], connection)
            copy.write_row(values)
            count += 1
    return count
