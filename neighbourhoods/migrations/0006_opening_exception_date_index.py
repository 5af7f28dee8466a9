# Why: the places list's "nu open" filter looked up today's (and yesterday's)
# opening exceptions with a scan of the whole table, four times per request.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("neighbourhoods", "0005_activity_title_id_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="openingexception",
            index=models.Index(fields=["date"], name="opening_exception_date"),
        ),
    ]
