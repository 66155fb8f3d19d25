"""Make the decision register append-only in the database itself.

Triggers on SQLite and PostgreSQL refuse every UPDATE and DELETE of a register entry, so that
neither the application nor a careless query can rewrite history. Changes no data.
"""

from django.db import migrations

MESSAGE = "the decision register is append-only"

SQLITE_INSTALL = [
    f"""
    CREATE TRIGGER governance_decision_no_update BEFORE UPDATE ON governance_decision
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}: UPDATE refused'); END
    """,
    f"""
    CREATE TRIGGER governance_decision_no_delete BEFORE DELETE ON governance_decision
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}: DELETE refused'); END
    """,
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS governance_decision_no_update",
    "DROP TRIGGER IF EXISTS governance_decision_no_delete",
]

POSTGRESQL_INSTALL = [
    f"""
    CREATE OR REPLACE FUNCTION governance_decision_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}: % refused', TG_OP USING ERRCODE = 'restrict_violation';
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER governance_decision_append_only
    BEFORE UPDATE OR DELETE ON governance_decision
    FOR EACH ROW EXECUTE FUNCTION governance_decision_append_only()
    """,
]
POSTGRESQL_REMOVE = [
    "DROP TRIGGER IF EXISTS governance_decision_append_only ON governance_decision",
    "DROP FUNCTION IF EXISTS governance_decision_append_only()",
]

STATEMENTS = {
    "sqlite": (SQLITE_INSTALL, SQLITE_REMOVE),
    "postgresql": (POSTGRESQL_INSTALL, POSTGRESQL_REMOVE),
}


def _run(schema_editor, which: int) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        raise RuntimeError(f"no append-only triggers written for the {vendor} database")
    for statement in STATEMENTS[vendor][which]:
        schema_editor.execute(statement, params=None)


def install(apps, schema_editor) -> None:
    _run(schema_editor, 0)


def remove(apps, schema_editor) -> None:
    _run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0003_seats_motions_ballots_and_the_decision_register"),
    ]

    operations = [
        migrations.RunPython(install, remove, elidable=False),
    ]
