# Why: the admin lists 200,000 grants by (-year, -id) and its date hierarchy reads the
# first and last decision date; without these indexes both read every grant.
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("policy", "0004_private_uploads"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="grant",
            index=models.Index(fields=["year", "id"], name="grant_year_id"),
        ),
        migrations.AddIndex(
            model_name="grant",
            index=models.Index(fields=["decided_on"], name="grant_decided_on"),
        ),
    ]
