# Why: at country scale the archive's search ranked every match of a common word
# (15,743 of 20,000 advices) on each request, and its framework filter read a row per
# framework. AdviceTerm holds each public advice's words with their ranks, kept exact
# by a trigger; the partial index answers the framework filter from the index alone.
import django.db.models.deletion
from django.db import migrations, models

# SENT_STATUSES as this migration was written: changing them needs a new trigger.
PUBLIC = "('verzonden', 'beantwoord', 'gepubliceerd')"

# A tsquery of exactly one lexeme: quoted, with quotes and backslashes escaped.
LEXEME_QUERY = (
    "format('''%s''', replace(replace(term.lexeme, E'\\\\', E'\\\\\\\\'), "
    "'''', ''''''))::tsquery"
)

# The terms of the advice rows named `advice` in `rows`.
TERMS_OF = f"""
    SELECT advice.id, term.lexeme,
           ts_rank(advice.search_vector, {LEXEME_QUERY}), advice.sent_on
      FROM {{rows}}, unnest(advice.search_vector) AS term
"""

CREATE_TRIGGER = f"""
CREATE FUNCTION advisories_advice_terms() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.search_vector IS NOT DISTINCT FROM OLD.search_vector
       AND NEW.status = OLD.status
       AND NEW.sent_on IS NOT DISTINCT FROM OLD.sent_on THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM advisories_adviceterm WHERE advice_id = OLD.id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE')
       AND NEW.status IN {PUBLIC}
       AND NEW.search_vector IS NOT NULL
       AND NEW.sent_on IS NOT NULL THEN
        INSERT INTO advisories_adviceterm (advice_id, lexeme, rank, sent_on)
        {TERMS_OF.format(rows="(SELECT NEW.*) AS advice")};
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER advisories_advice_terms
AFTER INSERT OR UPDATE OF search_vector, status, sent_on OR DELETE
ON advisories_advice
FOR EACH ROW EXECUTE FUNCTION advisories_advice_terms();
-- Also when a superuser loads with session_replication_role = replica (the
-- benchmark's generator does), which skips ordinary triggers.
ALTER TABLE advisories_advice ENABLE ALWAYS TRIGGER advisories_advice_terms;

INSERT INTO advisories_adviceterm (advice_id, lexeme, rank, sent_on)
{TERMS_OF.format(rows="advisories_advice AS advice")}
 WHERE advice.status IN {PUBLIC} AND advice.sent_on IS NOT NULL;
"""

DROP_TRIGGER = """
DROP TRIGGER advisories_advice_terms ON advisories_advice;
DROP FUNCTION advisories_advice_terms();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("advisories", "0004_advice_dated_created_id_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="advice",
            index=models.Index(
                condition=models.Q(
                    ("status__in", ["verzonden", "beantwoord", "gepubliceerd"])
                ),
                fields=["framework"],
                name="advice_public_framework",
            ),
        ),
        migrations.CreateModel(
            name="AdviceTerm",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("lexeme", models.TextField(verbose_name="woordstam")),
                ("rank", models.FloatField(verbose_name="rang")),
                ("sent_on", models.DateField(verbose_name="verzonden op")),
                (
                    "advice",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="advisories.advice",
                        verbose_name="advies",
                    ),
                ),
            ],
            options={
                "verbose_name": "zoekterm van een advies",
                "verbose_name_plural": "zoektermen van adviezen",
                "default_permissions": (),
                "indexes": [
                    models.Index(
                        fields=["lexeme", "-rank", "-sent_on", "-advice"],
                        name="advice_term_ranked",
                    )
                ],
            },
        ),
        migrations.RunSQL(CREATE_TRIGGER, reverse_sql=DROP_TRIGGER),
    ]
