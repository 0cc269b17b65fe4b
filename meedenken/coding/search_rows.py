"""The answers browser's search rows (`coding.AnswerSearchRow`, table `coding_answer_search`):
per answer its question, response and the respondent's profile fields the filters use, and on
PostgreSQL the search vector. Created by migration 0005, which fills them for existing answers.

Database triggers, not services, keep the rows in step: an answer's row is written when the
answer is inserted or its text changes, and rewritten for every answer of a response whose
status or profile changes, so no write path (a web response, an import, a bulk create, an
erasure, a `QuerySet.update()`, a data migration) can leave a stale row behind. The rows hold
copies only; nothing reads them but the browser's filters (meedenken/coding/selectors/browse.py).
"""

from __future__ import annotations

# Copied from the response: (column of coding_answer_search, column of responses_response)
PROFILE = [
    ("status", "status"),
    ("stakeholder_type", "stakeholder_type"),
    ("sector", "sector"),
    ("country", "country"),
    ("company_size", "company_size"),
    ("covenants", "covenants"),
    ("publication_consent", "publication_consent"),
    ("channel", "channel"),
    ("organisation_name", "organisation_name"),
]
_COLUMNS = ", ".join(column for column, _ in PROFILE)
_CHANGED = " OR ".join(f"OLD.{source} IS DISTINCT FROM NEW.{source}" for _, source in PROFILE)

PG_DOCUMENT = "to_tsvector('dutch'::regconfig, {text}) || to_tsvector('english'::regconfig, {text})"
# covenants is jsonb on PostgreSQL: stored as its text, which the filter searches for '"slug"'
_PG_PROFILE = ", ".join(
    f"r.{source}::text" if source == "covenants" else f"r.{source}" for _, source in PROFILE
)
_PG_SET = ", ".join(
    f"{column} = NEW.{source}::text" if source == "covenants" else f"{column} = NEW.{source}"
    for column, source in PROFILE
)
_PG_EXCLUDED = ", ".join(
    f"{column} = EXCLUDED.{column}"
    for column in ["question_id", "response_id", "has_text", "document", *_COLUMNS.split(", ")]
)

PG_CREATE = [
    "ALTER TABLE coding_answer_search ADD COLUMN document tsvector NOT NULL",
    "CREATE INDEX coding_answer_search_document_idx ON coding_answer_search USING gin (document)",
    # the stored vectors of migration 0003 are reused, not computed again
    f"INSERT INTO coding_answer_search (answer_id, question_id, response_id, has_text, document, "
    f"{_COLUMNS}) SELECT a.id, a.question_id, r.id, a.text <> '', "
    f"COALESCE(t.document, {PG_DOCUMENT.format(text='a.text')}), {_PG_PROFILE} "
    "FROM responses_answer a JOIN responses_response r ON r.id = a.response_id "
    "LEFT JOIN coding_answer_tsv t ON t.answer_id = a.id",
    "DROP TRIGGER IF EXISTS coding_answer_tsv_sync ON responses_answer",
    "DROP TRIGGER IF EXISTS coding_answer_tsv_forget ON responses_answer",
    "DROP TRIGGER IF EXISTS coding_answer_tsv_truncate ON responses_answer",
    "DROP FUNCTION IF EXISTS coding_answer_tsv_sync()",
    "DROP FUNCTION IF EXISTS coding_answer_tsv_forget()",
    "DROP FUNCTION IF EXISTS coding_answer_tsv_truncate()",
    "DROP TABLE IF EXISTS coding_answer_tsv",
    "CREATE FUNCTION coding_answer_search_write() RETURNS trigger AS $$ BEGIN "
    f"INSERT INTO coding_answer_search (answer_id, question_id, response_id, has_text, document, "
    f"{_COLUMNS}) SELECT NEW.id, NEW.question_id, r.id, NEW.text <> '', "
    f"{PG_DOCUMENT.format(text='NEW.text')}, {_PG_PROFILE} "
    "FROM responses_response r WHERE r.id = NEW.response_id "
    f"ON CONFLICT (answer_id) DO UPDATE SET {_PG_EXCLUDED}; RETURN NEW; END $$ LANGUAGE plpgsql",
    "CREATE TRIGGER coding_answer_search_insert AFTER INSERT ON responses_answer "
    "FOR EACH ROW EXECUTE FUNCTION coding_answer_search_write()",
    # an answer saved again with the same text does not compute its vector again
    "CREATE TRIGGER coding_answer_search_update AFTER UPDATE ON responses_answer FOR EACH ROW "
    "WHEN (OLD.text IS DISTINCT FROM NEW.text OR OLD.question_id IS DISTINCT FROM NEW.question_id "
    "OR OLD.response_id IS DISTINCT FROM NEW.response_id) "
    "EXECUTE FUNCTION coding_answer_search_write()",
    "CREATE FUNCTION coding_answer_search_forget() RETURNS trigger AS $$ BEGIN "
    "DELETE FROM coding_answer_search WHERE answer_id = OLD.id; RETURN OLD; END $$ LANGUAGE plpgsql",
    "CREATE TRIGGER coding_answer_search_delete AFTER DELETE ON responses_answer "
    "FOR EACH ROW EXECUTE FUNCTION coding_answer_search_forget()",
    # DELETE, not TRUNCATE: a flush truncates this table in the same statement, and a
    # TRUNCATE of it from the trigger would be refused
    "CREATE FUNCTION coding_answer_search_truncate() RETURNS trigger AS $$ BEGIN "
    "DELETE FROM coding_answer_search; RETURN NULL; END $$ LANGUAGE plpgsql",
    "CREATE TRIGGER coding_answer_search_truncate AFTER TRUNCATE ON responses_answer "
    "FOR EACH STATEMENT EXECUTE FUNCTION coding_answer_search_truncate()",
    "CREATE FUNCTION coding_answer_search_profile() RETURNS trigger AS $$ BEGIN "
    f"UPDATE coding_answer_search SET {_PG_SET} WHERE response_id = NEW.id; RETURN NEW; END "
    "$$ LANGUAGE plpgsql",
    "CREATE TRIGGER coding_answer_search_profile AFTER UPDATE ON responses_response "
    f"FOR EACH ROW WHEN ({_CHANGED}) EXECUTE FUNCTION coding_answer_search_profile()",
    # planner statistics now, not when autovacuum gets to it: without them PostgreSQL guesses
    # 1,000 rows per question and counts through two bitmaps (70 ms instead of 8 at 100k)
    "ANALYZE coding_answer_search",
]
PG_DROP = [
    "DROP TRIGGER IF EXISTS coding_answer_search_profile ON responses_response",
    "DROP TRIGGER IF EXISTS coding_answer_search_truncate ON responses_answer",
    "DROP TRIGGER IF EXISTS coding_answer_search_delete ON responses_answer",
    "DROP TRIGGER IF EXISTS coding_answer_search_update ON responses_answer",
    "DROP TRIGGER IF EXISTS coding_answer_search_insert ON responses_answer",
    "DROP FUNCTION IF EXISTS coding_answer_search_profile()",
    "DROP FUNCTION IF EXISTS coding_answer_search_truncate()",
    "DROP FUNCTION IF EXISTS coding_answer_search_forget()",
    "DROP FUNCTION IF EXISTS coding_answer_search_write()",
    "ALTER TABLE coding_answer_search DROP COLUMN IF EXISTS document",
]

_SQLITE_WRITE = (
    f"INSERT OR REPLACE INTO coding_answer_search (answer_id, question_id, response_id, "
    f"has_text, {_COLUMNS}) SELECT new.id, new.question_id, r.id, new.text <> '', "
    + ", ".join(f"r.{source}" for _, source in PROFILE)
    + " FROM responses_response r WHERE r.id = new.response_id;"
)
SQLITE_CREATE = [
    f"INSERT INTO coding_answer_search (answer_id, question_id, response_id, has_text, "
    f"{_COLUMNS}) SELECT a.id, a.question_id, r.id, a.text <> '', "
    + ", ".join(f"r.{source}" for _, source in PROFILE)
    + " FROM responses_answer a JOIN responses_response r ON r.id = a.response_id",
    f"CREATE TRIGGER coding_answer_search_ai AFTER INSERT ON responses_answer BEGIN "
    f"{_SQLITE_WRITE} END",
    "CREATE TRIGGER coding_answer_search_au AFTER UPDATE OF text, question_id, response_id "
    f"ON responses_answer BEGIN {_SQLITE_WRITE} END",
    "CREATE TRIGGER coding_answer_search_ad AFTER DELETE ON responses_answer BEGIN "
    "DELETE FROM coding_answer_search WHERE answer_id = old.id; END",
    "CREATE TRIGGER coding_answer_search_profile AFTER UPDATE ON responses_response "
    f"WHEN {_CHANGED.replace('IS DISTINCT FROM', 'IS NOT')} BEGIN "
    "UPDATE coding_answer_search SET "
    + ", ".join(f"{column} = new.{source}" for column, source in PROFILE)
    + " WHERE response_id = new.id; END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS coding_answer_search_profile",
    "DROP TRIGGER IF EXISTS coding_answer_search_ad",
    "DROP TRIGGER IF EXISTS coding_answer_search_au",
    "DROP TRIGGER IF EXISTS coding_answer_search_ai",
]
