"""Create the database named in DATABASE_URL when it does not exist yet.

Run before `migrate`; it connects to the server's `postgres` database to do so and
checks that the contrib extensions the schema needs are available.
"""

import os
import sys

import environ
import psycopg
from psycopg import sql

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/welzijn"
REQUIRED_EXTENSIONS = ("btree_gist", "pg_trgm")


def main() -> int:
    environ.Env.read_env(".env", overwrite=False)
    config = environ.Env.db_url_config(os.environ.get("DATABASE_URL", DEFAULT_URL))
    name = config["NAME"]
    params = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Database {name} created.")
        available = {
            row[0]
            for row in conn.execute(
                "SELECT name FROM pg_available_extensions WHERE name = ANY(%s)",
                [list(REQUIRED_EXTENSIONS)],
            )
        }
    missing = sorted(set(REQUIRED_EXTENSIONS) - available)
    if missing:
        print(
            "PostgreSQL lacks the extensions "
            + ", ".join(missing)
            + ": install postgresql-contrib for this server version.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
