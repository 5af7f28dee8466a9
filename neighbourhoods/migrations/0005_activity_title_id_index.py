# Why: the admin's list of a million activities is ordered by title; without an index
# every row is sorted before the first page can be shown.
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("neighbourhoods", "0004_facility_name_id_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="activity",
            index=models.Index(fields=["title", "id"], name="activity_title_id"),
        ),
    ]
