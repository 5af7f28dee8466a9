# Why: the public register summed all 200,000 grants on every request (70-130 ms, a
# parallel scan) for totals that change only when a grant does. policy_granttotal
# keeps the count and sums per year, status and theme, for the country (320 rows)
# and per municipality (~220 rows each), exact through statement triggers on
# policy_grant and a row trigger on a scheme changing municipality; the register
# (policy.subsidies.selectors) sums those rows.
#
# A table without a Django model: only these triggers write it and one selector
# reads it, so it has no admin, form or factory (which every model here must have).

from django.db import migrations

TABLE_SQL = """
CREATE TABLE policy_granttotal (
    -- NULL: the whole country's row. No foreign keys: the triggers copy the ids
    -- from the grants and their schemes, and move the totals when those change.
    municipality_id bigint NULL,
    year smallint NOT NULL,
    status varchar(12) NOT NULL,
    -- NULL: the grants without a theme.
    theme_id bigint NULL,
    grants integer NOT NULL,
    -- How many have an amount requested: with none, the sum is unknown (NULL), as
    -- SUM over the grants says, not zero.
    requested_grants integer NOT NULL,
    requested numeric(16, 2) NOT NULL,
    granted numeric(16, 2) NOT NULL,
    settled numeric(16, 2) NOT NULL,
    CONSTRAINT grant_total_unique_key
        UNIQUE NULLS NOT DISTINCT (municipality_id, year, status, theme_id)
);
-- The triggers remove the rows whose last grant left: nearly always none.
CREATE INDEX grant_total_emptied ON policy_granttotal (grants) WHERE grants = 0;
"""

# One statement per write, whatever its number of rows: the changed grants' old rows
# count negatively, the new ones positively, netted per key. A write that changes no
# key or amount (a new purpose) nets to nothing and touches no total, so it takes no
# lock on these shared rows.
APPLY = """
    INSERT INTO policy_granttotal AS t
        (municipality_id, year, status, theme_id,
         grants, requested_grants, requested, granted, settled)
    SELECT municipality_id, year, status, theme_id,
           sum(sign),
           sum(sign * (amount_requested IS NOT NULL)::integer),
           coalesce(sum(sign * amount_requested), 0),
           coalesce(sum(sign * amount_granted), 0),
           coalesce(sum(sign * amount_settled), 0)
      FROM ({changes}) AS changes
     GROUP BY municipality_id, year, status, theme_id
    HAVING sum(sign) <> 0
        OR sum(sign * (amount_requested IS NOT NULL)::integer) <> 0
        OR coalesce(sum(sign * amount_requested), 0) <> 0
        OR coalesce(sum(sign * amount_granted), 0) <> 0
        OR coalesce(sum(sign * amount_settled), 0) <> 0
     -- One order for every statement: two that touch the same totals wait for
     -- each other instead of deadlocking (transactions of several can, rarely).
     ORDER BY municipality_id, year, status, theme_id
    ON CONFLICT (municipality_id, year, status, theme_id) DO UPDATE SET
        grants = t.grants + EXCLUDED.grants,
        requested_grants = t.requested_grants + EXCLUDED.requested_grants,
        requested = t.requested + EXCLUDED.requested,
        granted = t.granted + EXCLUDED.granted,
        settled = t.settled + EXCLUDED.settled;
    DELETE FROM policy_granttotal WHERE grants = 0;
"""

COLUMNS = "year, status, theme_id, amount_requested, amount_granted, amount_settled"


def _both_levels(sign: int, rows: str) -> str:
    """Each grant counts for its scheme's municipality and for the country (NULL)."""
    columns = ", ".join(f"g.{column}" for column in COLUMNS.split(", "))
    return f"""
        SELECT {sign} AS sign, level.municipality_id, {columns}
          FROM {rows} AS g
          JOIN policy_subsidyscheme s ON s.id = g.scheme_id
         CROSS JOIN LATERAL (VALUES (s.municipality_id), (NULL)) AS level(municipality_id)
    """


OLD_ROWS = _both_levels(-1, "old_rows")
NEW_ROWS = _both_levels(1, "new_rows")
# A scheme moved to another municipality takes its grants' totals along; the
# country's stay as they are.
SCHEME_MOVED = f"""
        SELECT -1 AS sign, OLD.municipality_id, {COLUMNS}
          FROM policy_grant WHERE scheme_id = NEW.id
        UNION ALL
        SELECT 1 AS sign, NEW.municipality_id, {COLUMNS}
          FROM policy_grant WHERE scheme_id = NEW.id
"""


def _function(name: str, body: str) -> str:
    return f"""
CREATE FUNCTION {name}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
{body}
    RETURN NULL;
END
$$;
"""


# ENABLE ALWAYS: the totals stay exact also when a superuser loads with
# session_replication_role = replica (the benchmark's generator does), which skips
# ordinary triggers.
TRIGGERS_SQL = (
    _function("policy_grant_totals_insert", APPLY.format(changes=NEW_ROWS))
    + _function(
        "policy_grant_totals_update",
        APPLY.format(changes=f"{OLD_ROWS} UNION ALL {NEW_ROWS}"),
    )
    + _function("policy_grant_totals_delete", APPLY.format(changes=OLD_ROWS))
    + _function("policy_grant_totals_truncate", "    DELETE FROM policy_granttotal;")
    + _function("policy_scheme_totals_move", APPLY.format(changes=SCHEME_MOVED))
    + """
CREATE TRIGGER grant_totals_on_insert
    AFTER INSERT ON policy_grant
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION policy_grant_totals_insert();
CREATE TRIGGER grant_totals_on_update
    AFTER UPDATE ON policy_grant
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION policy_grant_totals_update();
CREATE TRIGGER grant_totals_on_delete
    AFTER DELETE ON policy_grant
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION policy_grant_totals_delete();
CREATE TRIGGER grant_totals_on_truncate
    AFTER TRUNCATE ON policy_grant
    FOR EACH STATEMENT EXECUTE FUNCTION policy_grant_totals_truncate();
ALTER TABLE policy_grant ENABLE ALWAYS TRIGGER grant_totals_on_insert;
ALTER TABLE policy_grant ENABLE ALWAYS TRIGGER grant_totals_on_update;
ALTER TABLE policy_grant ENABLE ALWAYS TRIGGER grant_totals_on_delete;
ALTER TABLE policy_grant ENABLE ALWAYS TRIGGER grant_totals_on_truncate;
CREATE TRIGGER scheme_totals_on_move
    AFTER UPDATE OF municipality_id ON policy_subsidyscheme
    FOR EACH ROW
    WHEN (OLD.municipality_id IS DISTINCT FROM NEW.municipality_id)
    EXECUTE FUNCTION policy_scheme_totals_move();
ALTER TABLE policy_subsidyscheme ENABLE ALWAYS TRIGGER scheme_totals_on_move;

-- The triggers hold a lock that keeps writers out until this migration commits, so
-- no grant is written between this count and the first trigger.
INSERT INTO policy_granttotal
    (municipality_id, year, status, theme_id,
     grants, requested_grants, requested, granted, settled)
SELECT level.municipality_id, g.year, g.status, g.theme_id,
       count(*), count(g.amount_requested), coalesce(sum(g.amount_requested), 0),
       coalesce(sum(g.amount_granted), 0), coalesce(sum(g.amount_settled), 0)
  FROM policy_grant g
  JOIN policy_subsidyscheme s ON s.id = g.scheme_id
 CROSS JOIN LATERAL (VALUES (s.municipality_id), (NULL)) AS level(municipality_id)
 GROUP BY level.municipality_id, g.year, g.status, g.theme_id;
"""
)

TRIGGERS_REVERSE_SQL = """
DROP TRIGGER IF EXISTS scheme_totals_on_move ON policy_subsidyscheme;
DROP FUNCTION IF EXISTS policy_scheme_totals_move();
DROP TRIGGER IF EXISTS grant_totals_on_truncate ON policy_grant;
DROP TRIGGER IF EXISTS grant_totals_on_delete ON policy_grant;
DROP TRIGGER IF EXISTS grant_totals_on_update ON policy_grant;
DROP TRIGGER IF EXISTS grant_totals_on_insert ON policy_grant;
DROP FUNCTION IF EXISTS policy_grant_totals_truncate();
DROP FUNCTION IF EXISTS policy_grant_totals_delete();
DROP FUNCTION IF EXISTS policy_grant_totals_update();
DROP FUNCTION IF EXISTS policy_grant_totals_insert();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("policy", "0006_grant_register_order"),
    ]

    operations = [
        migrations.RunSQL(TABLE_SQL, "DROP TABLE policy_granttotal;"),
        migrations.RunSQL(TRIGGERS_SQL, TRIGGERS_REVERSE_SQL),
    ]
