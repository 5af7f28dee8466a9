# Why: /zoeken/ ranked every row that matched a common word: "mantelzorgers" matches
# 166,929 of the country's million activities, and ts_rank over all of them took
# 300-450 ms per request. The keys of neighbourhoods/search_keys.py let a search of
# one word rank only the rows that can be among the best (see that module).

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
from django.db import migrations, models

# One key per word of the vector: '+' and the word when it occurs more than once (or
# without a position), else the weight of its one occurrence and the word. IMMUTABLE,
# as an index expression must be.
#
# COST: it takes about 1 µs (some 40 operators), but a high cost is what makes the
# planner read a group of rows in id order only when the group is common. A key the
# statistics have not seen is estimated at 0.25 % of the rows: at the real cost,
# PostgreSQL would walk the primary key expecting the first 20 within 8,000 rows, and
# read all million for a word that is not there. At 1000 it walks the primary key
# only for keys of more than about 0.4 % of the rows (the first 20 within 5,000),
# and reads rarer ones from the index.
CREATE_FUNCTION = """
CREATE FUNCTION welzijn_search_keys(tsvector) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 1000 AS $$
    SELECT coalesce(
        array_agg(
            CASE WHEN cardinality(positions) = 1 THEN weights[1] ELSE '+' END
            || lexeme
        ),
        '{}'
    )
      FROM unnest($1)
$$;
"""

DROP_FUNCTION = "DROP FUNCTION welzijn_search_keys(tsvector);"


class Migration(migrations.Migration):
    dependencies = [
        ("neighbourhoods", "0006_opening_exception_date_index"),
    ]

    operations = [
        migrations.RunSQL(CREATE_FUNCTION, reverse_sql=DROP_FUNCTION),
        migrations.AddIndex(
            model_name="activity",
            index=django.contrib.postgres.indexes.GinIndex(
                models.Func(
                    models.F("search_vector"),
                    function="welzijn_search_keys",
                    output_field=django.contrib.postgres.fields.ArrayField(
                        base_field=models.TextField(), size=None
                    ),
                ),
                name="activity_search_keys",
            ),
        ),
        migrations.AddIndex(
            model_name="facility",
            index=django.contrib.postgres.indexes.GinIndex(
                models.Func(
                    models.F("search_vector"),
                    function="welzijn_search_keys",
                    output_field=django.contrib.postgres.fields.ArrayField(
                        base_field=models.TextField(), size=None
                    ),
                ),
                name="facility_search_keys",
            ),
        ),
        migrations.AddIndex(
            model_name="organisation",
            index=django.contrib.postgres.indexes.GinIndex(
                models.Func(
                    models.F("search_vector"),
                    function="welzijn_search_keys",
                    output_field=django.contrib.postgres.fields.ArrayField(
                        base_field=models.TextField(), size=None
                    ),
                ),
                name="organisation_search_keys",
            ),
        ),
    ]
