"""scripts/backup-database.sh and scripts/restore-database.sh make a round trip: a
migrated database with content, dumped and restored into a fresh database, has the
same rows in every table; the restore script refuses to overwrite a database that
holds tables unless it was named explicitly or --force was given."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from psycopg import sql

ROOT = Path(settings.BASE_DIR)
SERVER = settings.DATABASES["default"]
FILL = """
from testdata.advisories import AdviceFactory, MembershipFactory
from testdata.policy import PolicyFrameworkFactory
PolicyFrameworkFactory.create_batch(2, adopted=True)
advice = AdviceFactory(sent=True)
MembershipFactory(council=advice.council)
AdviceFactory(council=advice.council, unsolicited=True)
"""


def url(database: str) -> str:
    host = SERVER.get("HOST") or "127.0.0.1"
    port = SERVER.get("PORT") or 5432
    user = SERVER.get("USER") or "postgres"
    password = f":{SERVER['PASSWORD']}" if SERVER.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{host}:{port}/{database}"


def server() -> psycopg.Connection:
    return psycopg.connect(url("postgres"), autocommit=True)


def run(*command: str, database_url: str, check: bool = True):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "welzijn.settings.test",
    }
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=check
    )


def row_counts(database: str) -> dict[str, int]:
    with psycopg.connect(url(database)) as connection:
        tables = connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
        ).fetchall()
        return {
            name: connection.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(name))
            ).fetchone()[0]
            for (name,) in tables
        }


@pytest.fixture
def scratch_databases():
    """Two fresh database names; both are dropped afterwards, whatever happened."""
    token = secrets.token_hex(4)
    names = [f"test_welzijn_backup_{token}_a", f"test_welzijn_backup_{token}_b"]
    try:
        yield names
    finally:
        with server() as connection:
            for name in names:
                connection.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                        sql.Identifier(name)
                    )
                )


def test_a_backup_restores_every_row_into_a_fresh_database(scratch_databases, tmp_path):
    source, copy = scratch_databases
    with server() as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(source)))
    python = sys.executable
    run(python, "manage.py", "migrate", "--no-input", database_url=url(source))
    run(python, "manage.py", "shell", "-c", FILL, database_url=url(source))

    backup = run(
        "scripts/backup-database.sh", str(tmp_path), database_url=url(source)
    ).stdout.strip()
    dump = Path(backup)
    assert dump.parent == tmp_path
    assert dump.name.startswith(f"welzijn-{source}-") and dump.suffix == ".dump"
    assert dump.stat().st_size > 0

    run(
        "scripts/restore-database.sh",
        backup,
        url(copy),
        database_url="postgres://nobody@127.0.0.1:1/nothing",
    )

    original = row_counts(source)
    assert original["policy_policyframework"] >= 2
    assert original["advisories_advice"] == 2
    assert original["django_migrations"] > 0
    assert row_counts(copy) == original


def test_restore_refuses_a_database_with_tables_unless_named_or_forced(
    scratch_databases, tmp_path
):
    source, target = scratch_databases
    with server() as connection:
        for name in scratch_databases:
            connection.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
            )
    with psycopg.connect(url(source), autocommit=True) as connection:
        connection.execute("CREATE TABLE kept (id int)")
        connection.execute("INSERT INTO kept VALUES (1), (2)")
    with psycopg.connect(url(target), autocommit=True) as connection:
        connection.execute("CREATE TABLE precious (id int)")
    backup = run(
        "scripts/backup-database.sh", str(tmp_path), database_url=url(source)
    ).stdout.strip()

    refused = run(
        "scripts/restore-database.sh", backup, database_url=url(target), check=False
    )
    assert refused.returncode == 1
    assert "--force" in refused.stderr
    assert row_counts(target) == {"precious": 0}

    run("scripts/restore-database.sh", "--force", backup, database_url=url(target))
    assert row_counts(target) == {"kept": 2, "precious": 0}
