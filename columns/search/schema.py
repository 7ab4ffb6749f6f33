"""The full-text index, kept in sync by the database itself.

SQLite (FTS5)
    ``columns_answer_fts``: an FTS5 table holding a copy of every answer in the
    published state (title, summary, the printed letters' headlines and public
    text, body, topic names), rowid = answer id. A regular FTS5 table rather than
    an external-content one because a document joins four tables: triggers on
    answers, printed letters, letters' text, topic tags and topic names delete and
    re-insert the affected answers' rows.
    ``columns_question_fts``: an external-content FTS5 table over
    ``columns_question`` (headline, public text, original text, sign-off) for staff
    search; insert/update/delete triggers keep it in step, so the letters' text is
    stored once.

PostgreSQL
    ``columns_answer.search_document`` and ``columns_question.search_document``:
    ``tsvector`` columns that BEFORE triggers compute (weighted A-D), with GIN
    indexes (partial, published state only, for answers). Triggers on printed
    letters, letters' text, topic tags and topic names recompute the affected
    answers. Trigger-maintained rather than GENERATED columns: an answer's document
    reads other tables, and a generated column would block later migrations that
    change a text column's type.

Scheduling is not the index's business: scheduled answers are indexed once they
enter the published state, and every query also checks ``publish_at <= now``.

Caution for later migrations: on SQLite, Django rebuilds a table to alter it
(copy, drop, rename), which drops that table's triggers. A migration that alters
``columns_answer``, ``columns_question``, ``columns_answerletter``,
``columns_taggedanswer`` or ``columns_topic`` must end with
``RunPython(install_search_index, ...)`` (see 0004); ``install`` is idempotent and
re-fills the index. tests/test_search.py fails if a trigger is missing.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

# Where each answer's letters and topic names come from, for answer ``{id}``.
LETTERS_TEXT = (
    "SELECT {agg}(q.headline || ' ' || q.public_text, ' ') FROM columns_answerletter l"
    " JOIN columns_question q ON q.id = l.question_id WHERE l.answer_id = {id}"
)
TOPICS_TEXT = (
    "SELECT {agg}(t.name, ' ') FROM columns_taggedanswer ta"
    " JOIN columns_topic t ON t.id = ta.tag_id WHERE ta.content_object_id = {id}"
)

# The answers whose document a change to each dependent table affects, as SQL
# over the trigger's row (SQLite: ``new``/``old``; PostgreSQL: ``NEW``/``OLD``).
_DEPENDENTS = {
    "columns_answerletter": (
        "INSERT OR UPDATE OR DELETE",
        "",
        "SELECT {row}.answer_id",
    ),
    "columns_taggedanswer": (
        "INSERT OR UPDATE OR DELETE",
        "",
        "SELECT {row}.content_object_id",
    ),
    "columns_question": (
        "UPDATE OF headline, public_text",
        "old.headline IS NOT new.headline OR old.public_text IS NOT new.public_text",
        "SELECT answer_id FROM columns_answerletter WHERE question_id = new.id",
    ),
    "columns_topic": (
        "UPDATE OF name",
        "old.name IS NOT new.name",
        "SELECT content_object_id FROM columns_taggedanswer WHERE tag_id = new.id",
    ),
}

QUESTION_TEXT_COLUMNS = ("headline", "public_text", "original_text", "sign_off")


def _affected(ids: str, rows: list[str]) -> str:
    """``ids`` over each of the trigger's ``rows`` (``old``, ``new``), combined."""
    if "{row}" not in ids:
        return ids
    return " UNION ".join(ids.format(row=row) for row in rows)


# SQLite ---------------------------------------------------------------------------

SQLITE_TOKENIZER = "porter unicode61 remove_diacritics 2"


def _sqlite_reindex(ids: str) -> list[str]:
    """Statements that re-index the answers whose ids ``ids`` (SQL) gives."""
    letters = LETTERS_TEXT.format(agg="group_concat", id="a.id")
    topics = TOPICS_TEXT.format(agg="group_concat", id="a.id")
    return [
        f"DELETE FROM columns_answer_fts WHERE rowid IN ({ids})",
        "INSERT INTO columns_answer_fts(rowid, title, summary, letters, body, topics)"
        f" SELECT a.id, a.title, a.summary, coalesce(({letters}), ''), a.body,"
        f" coalesce(({topics}), '') FROM columns_answer a"
        f" WHERE a.id IN ({ids}) AND a.state = 'published'",
    ]


def _sqlite_trigger(
    name: str, event: str, table: str, when: str, body: list[str]
) -> str:
    condition = f" WHEN {when}" if when else ""
    statements = "".join(f"  {sql};\n" for sql in body)
    return (
        f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON {table}"
        f"{condition} BEGIN\n{statements}END"
    )


def _sqlite_question_row(action: str, row: str) -> str:
    columns = ", ".join(QUESTION_TEXT_COLUMNS)
    values = ", ".join(f"{row}.{column}" for column in QUESTION_TEXT_COLUMNS)
    if action == "delete":
        return (
            "INSERT INTO columns_question_fts(columns_question_fts, rowid, "
            f"{columns}) VALUES ('delete', {row}.id, {values})"
        )
    return (
        f"INSERT INTO columns_question_fts(rowid, {columns}) "
        f"VALUES ({row}.id, {values})"
    )


def sqlite_triggers() -> dict[str, str]:
    """Every trigger of the SQLite index, by name."""
    changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in QUESTION_TEXT_COLUMNS)
    triggers = {
        "columns_answer_fts_insert": (
            "INSERT",
            "columns_answer",
            "new.state = 'published'",
            _sqlite_reindex("new.id"),
        ),
        "columns_answer_fts_update": (
            "UPDATE",
            "columns_answer",
            "old.state = 'published' OR new.state = 'published'",
            _sqlite_reindex("old.id, new.id"),
        ),
        "columns_answer_fts_delete": (
            "DELETE",
            "columns_answer",
            "",
            ["DELETE FROM columns_answer_fts WHERE rowid = old.id"],
        ),
        "columns_question_fts_insert": (
            "INSERT",
            "columns_question",
            "",
            [_sqlite_question_row("insert", "new")],
        ),
        "columns_question_fts_update": (
            f"UPDATE OF {', '.join(QUESTION_TEXT_COLUMNS)}",
            "columns_question",
            changed,
            [
                _sqlite_question_row("delete", "old"),
                _sqlite_question_row("insert", "new"),
            ],
        ),
        "columns_question_fts_delete": (
            "DELETE",
            "columns_question",
            "",
            [_sqlite_question_row("delete", "old")],
        ),
    }
    rows_of = {"INSERT": ["new"], "UPDATE": ["old", "new"], "DELETE": ["old"]}
    for table, (events, when, ids) in _DEPENDENTS.items():
        for event in events.split(" OR "):
            verb = event.split()[0]
            triggers[f"{table}_answer_fts_{verb.lower()}"] = (
                event,
                table,
                when,
                _sqlite_reindex(_affected(ids, rows_of[verb])),
            )
    return {
        name: _sqlite_trigger(name, event, table, when, body)
        for name, (event, table, when, body) in triggers.items()
    }


def _sqlite_install() -> list[str]:
    columns = ", ".join(QUESTION_TEXT_COLUMNS)
    return [
        "CREATE VIRTUAL TABLE IF NOT EXISTS columns_answer_fts USING fts5("
        f"title, summary, letters, body, topics, tokenize='{SQLITE_TOKENIZER}')",
        f"CREATE VIRTUAL TABLE IF NOT EXISTS columns_question_fts USING fts5({columns},"
        " content='columns_question', content_rowid='id',"
        f" tokenize='{SQLITE_TOKENIZER}')",
        *sqlite_triggers().values(),
        # (Re)fill both indexes from the tables.
        "DELETE FROM columns_answer_fts",
        *_sqlite_reindex("SELECT id FROM columns_answer WHERE state = 'published'"),
        "INSERT INTO columns_question_fts(columns_question_fts) VALUES ('rebuild')",
    ]


def _sqlite_uninstall() -> list[str]:
    return [
        *(f"DROP TRIGGER IF EXISTS {name}" for name in sqlite_triggers()),
        "DROP TABLE IF EXISTS columns_answer_fts",
        "DROP TABLE IF EXISTS columns_question_fts",
    ]


# PostgreSQL -----------------------------------------------------------------------

POSTGRES_CONFIG = "english"


def _pg_vector(text: str, weight: str, config: str = POSTGRES_CONFIG) -> str:
    return f"setweight(to_tsvector('{config}', coalesce({text}, '')), '{weight}')"


def _pg_answer_document() -> str:
    letters = LETTERS_TEXT.format(agg="string_agg", id="$1")
    topics = TOPICS_TEXT.format(agg="string_agg", id="$1")
    vector = " || ".join(
        [
            _pg_vector("$2", "A"),
            _pg_vector(f"({topics})", "A"),
            _pg_vector("$3", "B"),
            _pg_vector(f"({letters})", "C"),
            _pg_vector("$4", "D"),
        ]
    )
    return (
        "CREATE OR REPLACE FUNCTION columns_answer_document(bigint, text, text, text)"
        f" RETURNS tsvector LANGUAGE sql STABLE AS $$ SELECT {vector} $$"
    )


def _pg_question_document() -> str:
    vector = " || ".join(
        [
            _pg_vector("$1", "A"),
            _pg_vector("$2", "B"),
            _pg_vector("$3", "C"),
            _pg_vector("$4", "D", config="simple"),
        ]
    )
    return (
        "CREATE OR REPLACE FUNCTION columns_question_document(text, text, text, text)"
        f" RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$ SELECT {vector} $$"
    )


ANSWER_DOCUMENT = "columns_answer_document(a.id, a.title, a.summary, a.body)"
QUESTION_DOCUMENT = (
    "columns_question_document(q.headline, q.public_text, q.original_text, q.sign_off)"
)


def _pg_function(name: str, body: str) -> str:
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql"
        f" AS $$ BEGIN {body} END $$"
    )


def _pg_trigger(name: str, timing: str, table: str, when: str) -> list[str]:
    condition = f" WHEN ({when.replace('IS NOT', 'IS DISTINCT FROM')})" if when else ""
    return [
        f"DROP TRIGGER IF EXISTS {name} ON {table}",
        f"CREATE TRIGGER {name} {timing} ON {table} FOR EACH ROW{condition}"
        f" EXECUTE FUNCTION {name}()",
    ]


def postgres_triggers() -> dict[str, list[str]]:
    """Every trigger of the PostgreSQL index (its function and itself), by name."""
    row_document = {
        "columns_answer_search": (
            "columns_answer",
            "title, summary, body",
            "NEW.search_document := columns_answer_document("
            "NEW.id, NEW.title, NEW.summary, NEW.body);",
        ),
        "columns_question_search": (
            "columns_question",
            ", ".join(QUESTION_TEXT_COLUMNS),
            "NEW.search_document := columns_question_document("
            + ", ".join(f"NEW.{column}" for column in QUESTION_TEXT_COLUMNS)
            + ");",
        ),
    }
    triggers = {
        name: [
            _pg_function(name, f"{assignment} RETURN NEW;"),
            *_pg_trigger(name, f"BEFORE INSERT OR UPDATE OF {columns}", table, ""),
        ]
        for name, (table, columns, assignment) in row_document.items()
    }
    for table, (events, when, ids) in _DEPENDENTS.items():
        # OLD is NULL on INSERT and NEW on DELETE: ``id IN (NULL, 5)`` is fine.
        affected = _affected(ids, ["OLD", "NEW"])
        name = f"{table}_answer_search"
        body = (
            f"UPDATE columns_answer a SET search_document = {ANSWER_DOCUMENT}"
            f" WHERE a.id IN ({affected}); RETURN NULL;"
        )
        triggers[name] = [
            _pg_function(name, body),
            *_pg_trigger(name, f"AFTER {events}", table, when),
        ]
    return triggers


def _pg_install() -> list[str]:
    return [
        *(
            f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS search_document tsvector"
            for table in ("columns_answer", "columns_question")
        ),
        _pg_answer_document(),
        _pg_question_document(),
        *(sql for statements in postgres_triggers().values() for sql in statements),
        f"UPDATE columns_answer a SET search_document = {ANSWER_DOCUMENT}",
        f"UPDATE columns_question q SET search_document = {QUESTION_DOCUMENT}",
        "CREATE INDEX IF NOT EXISTS columns_answer_search_idx ON columns_answer"
        " USING gin (search_document) WHERE state = 'published'",
        "CREATE INDEX IF NOT EXISTS columns_question_search_idx ON columns_question"
        " USING gin (search_document)",
    ]


def _pg_uninstall() -> list[str]:
    statements = []
    for name, (_, drop_trigger, _) in postgres_triggers().items():
        statements += [drop_trigger, f"DROP FUNCTION IF EXISTS {name}()"]
    return [
        *statements,
        "DROP FUNCTION IF EXISTS columns_answer_document(bigint, text, text, text)",
        "DROP FUNCTION IF EXISTS columns_question_document(text, text, text, text)",
        "DROP INDEX IF EXISTS columns_answer_search_idx",
        "DROP INDEX IF EXISTS columns_question_search_idx",
        "ALTER TABLE columns_answer DROP COLUMN IF EXISTS search_document",
        "ALTER TABLE columns_question DROP COLUMN IF EXISTS search_document",
    ]


# Both -----------------------------------------------------------------------------


def install(connection: BaseDatabaseWrapper) -> None:
    """Create (or repair) the index, its triggers, and fill it. Idempotent."""
    _run(connection, {"sqlite": _sqlite_install, "postgresql": _pg_install})


def uninstall(connection: BaseDatabaseWrapper) -> None:
    """Drop the index and its triggers."""
    _run(connection, {"sqlite": _sqlite_uninstall, "postgresql": _pg_uninstall})


def _run(connection: BaseDatabaseWrapper, statements_for: dict) -> None:
    if connection.vendor not in statements_for:
        raise NotImplementedError(
            f"Full-text search supports SQLite and PostgreSQL, not {connection.vendor}."
        )
    with connection.cursor() as cursor:
        for sql in statements_for[connection.vendor]():
            cursor.execute(sql)
