"""Full-text search in answers, behind one small interface.

PostgreSQL: the answer text as a tsvector with the Dutch and the English configuration, stored
in the answer's search row (`coding_answer_search.document`, GIN index, written by trigger:
meedenken/coding/search_rows.py); a search term matches when either stemming matches
(`websearch_to_tsquery`, so quotes and `-word` work as people expect). SQLite (the embedded
default): an FTS5 table kept in step with `responses_answer` by triggers; every word of the term
must occur, as a prefix (FTS5 has no Dutch stemmer). Created by migrations 0002, 0003 and 0005;
the SQL of 0002-0004 below stays as those migrations ran it.
"""

from __future__ import annotations

import re
from typing import TypeVar

from django.db import connection
from django.db.models import BooleanField, Model, QuerySet
from django.db.models.expressions import RawSQL

from meedenken.coding.models import AnswerSearchRow
from meedenken.responses.models import Answer

Rows = TypeVar("Rows", bound=Model)

PG_VECTOR = "(to_tsvector('dutch'::regconfig, {table}.text) || to_tsvector('english'::regconfig, {table}.text))"
PG_QUERY = "(websearch_to_tsquery('dutch'::regconfig, %s) || websearch_to_tsquery('english'::regconfig, %s))"

PG_CREATE = [
    "CREATE INDEX IF NOT EXISTS coding_answer_fts_idx ON responses_answer USING gin ("
    + PG_VECTOR.format(table="responses_answer")
    + ")"
]
PG_DROP = ["DROP INDEX IF EXISTS coding_answer_fts_idx"]

# Migration 0003: the vectors stored once per answer (kept in step by a trigger), so a search
# never computes them at query time, whatever plan PostgreSQL picks for the other filters.
PG_TABLE_CREATE = [
    "DROP INDEX IF EXISTS coding_answer_fts_idx",
    "CREATE TABLE IF NOT EXISTS coding_answer_tsv (answer_id bigint PRIMARY KEY "
    "REFERENCES responses_answer(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, "
    "document tsvector NOT NULL)",
    "CREATE INDEX IF NOT EXISTS coding_answer_tsv_idx ON coding_answer_tsv USING gin (document)",
    "CREATE OR REPLACE FUNCTION coding_answer_tsv_sync() RETURNS trigger AS $$ BEGIN "
    "INSERT INTO coding_answer_tsv (answer_id, document) VALUES (NEW.id, "
    "to_tsvector('dutch'::regconfig, NEW.text) || to_tsvector('english'::regconfig, NEW.text)) "
    "ON CONFLICT (answer_id) DO UPDATE SET document = EXCLUDED.document; RETURN NEW; END "
    "$$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS coding_answer_tsv_sync ON responses_answer",
    "CREATE TRIGGER coding_answer_tsv_sync AFTER INSERT OR UPDATE OF text ON responses_answer "
    "FOR EACH ROW EXECUTE FUNCTION coding_answer_tsv_sync()",
    "INSERT INTO coding_answer_tsv (answer_id, document) SELECT id, "
    "to_tsvector('dutch'::regconfig, text) || to_tsvector('english'::regconfig, text) "
    "FROM responses_answer ON CONFLICT (answer_id) DO NOTHING",
]
PG_TABLE_DROP = [
    "DROP TRIGGER IF EXISTS coding_answer_tsv_sync ON responses_answer",
    "DROP FUNCTION IF EXISTS coding_answer_tsv_sync()",
    "DROP TABLE IF EXISTS coding_answer_tsv",
    *PG_CREATE,
]

# Migration 0004: no foreign key to responses_answer, so a TRUNCATE of the answers (a test
# database flush) is not refused; triggers remove the vectors with their answers instead.
PG_UNLINK = [
    "ALTER TABLE coding_answer_tsv DROP CONSTRAINT IF EXISTS coding_answer_tsv_answer_id_fkey",
    "CREATE OR REPLACE FUNCTION coding_answer_tsv_forget() RETURNS trigger AS $$ BEGIN "
    "DELETE FROM coding_answer_tsv WHERE answer_id = OLD.id; RETURN OLD; END $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS coding_answer_tsv_forget ON responses_answer",
    "CREATE TRIGGER coding_answer_tsv_forget AFTER DELETE ON responses_answer "
    "FOR EACH ROW EXECUTE FUNCTION coding_answer_tsv_forget()",
    "CREATE OR REPLACE FUNCTION coding_answer_tsv_truncate() RETURNS trigger AS $$ BEGIN "
    "TRUNCATE coding_answer_tsv; RETURN NULL; END $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS coding_answer_tsv_truncate ON responses_answer",
    "CREATE TRIGGER coding_answer_tsv_truncate AFTER TRUNCATE ON responses_answer "
    "FOR EACH STATEMENT EXECUTE FUNCTION coding_answer_tsv_truncate()",
    "DELETE FROM coding_answer_tsv t WHERE NOT EXISTS "
    "(SELECT 1 FROM responses_answer a WHERE a.id = t.answer_id)",
]
PG_RELINK = [
    "DROP TRIGGER IF EXISTS coding_answer_tsv_truncate ON responses_answer",
    "DROP FUNCTION IF EXISTS coding_answer_tsv_truncate()",
    "DROP TRIGGER IF EXISTS coding_answer_tsv_forget ON responses_answer",
    "DROP FUNCTION IF EXISTS coding_answer_tsv_forget()",
    "ALTER TABLE coding_answer_tsv ADD CONSTRAINT coding_answer_tsv_answer_id_fkey "
    "FOREIGN KEY (answer_id) REFERENCES responses_answer(id) ON DELETE CASCADE "
    "DEFERRABLE INITIALLY DEFERRED",
]

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS coding_answer_fts USING fts5("
    "text, content='responses_answer', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS coding_answer_fts_ai AFTER INSERT ON responses_answer BEGIN "
    "INSERT INTO coding_answer_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER IF NOT EXISTS coding_answer_fts_ad AFTER DELETE ON responses_answer BEGIN "
    "INSERT INTO coding_answer_fts(coding_answer_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER IF NOT EXISTS coding_answer_fts_au AFTER UPDATE OF text ON responses_answer BEGIN "
    "INSERT INTO coding_answer_fts(coding_answer_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO coding_answer_fts(rowid, text) VALUES (new.id, new.text); END",
    "INSERT INTO coding_answer_fts(coding_answer_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS coding_answer_fts_ai",
    "DROP TRIGGER IF EXISTS coding_answer_fts_ad",
    "DROP TRIGGER IF EXISTS coding_answer_fts_au",
    "DROP TABLE IF EXISTS coding_answer_fts",
]

MAX_TERM = 200
_WORD = re.compile(r"\w+", re.UNICODE)


def normalise_term(term: str) -> str:
    return " ".join(term.split())[:MAX_TERM]


def fts5_query(term: str) -> str:
    """Every word as a quoted prefix: `kinder arbeid` -> `"kinder"* "arbeid"*` (no syntax
    from the user reaches FTS5, so no input can make the query fail)."""
    return " ".join(f'"{word}"*' for word in _WORD.findall(term))


def _matching(rows: QuerySet[Rows], term: str, pk: str) -> QuerySet[Rows]:
    term = normalise_term(term)
    if not term:
        return rows
    if connection.vendor == "postgresql":
        if rows.model is AnswerSearchRow:  # the vector is in the row itself: no subquery
            return rows.filter(
                RawSQL(  # noqa: S611 - fixed SQL, the term is a parameter
                    f'"coding_answer_search"."document" @@ {PG_QUERY}',
                    [term, term],
                    output_field=BooleanField(),
                )
            )
        return rows.filter(
            **{
                f"{pk}__in": RawSQL(  # noqa: S611 - fixed SQL, the term is a parameter
                    f"SELECT answer_id FROM coding_answer_search WHERE document @@ {PG_QUERY}",  # noqa: S608
                    [term, term],
                )
            }
        )
    query = fts5_query(term)
    if not query:
        return rows.none()
    return rows.filter(
        **{
            f"{pk}__in": RawSQL(
                "SELECT rowid FROM coding_answer_fts WHERE coding_answer_fts MATCH %s", [query]
            )
        }
    )


def search_answers(answers: QuerySet[Answer], term: str) -> QuerySet[Answer]:
    """`answers` narrowed to those matching `term` (all of them for an empty term)."""
    return _matching(answers, term, "pk")


def search_rows(rows: QuerySet[AnswerSearchRow], term: str) -> QuerySet[AnswerSearchRow]:
    """The same for the browser's search rows (meedenken/coding/search_rows.py)."""
    return _matching(rows, term, "answer_id")
