# Why: the admin lists 20,000 advices by (-dated, -created_at, -id); this index serves
# that order (read backwards) and the date hierarchy's first and last date.
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("advisories", "0003_private_uploads"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="advice",
            index=models.Index(
                fields=["dated", "created_at", "id"], name="advice_dated_created_id"
            ),
        ),
    ]
