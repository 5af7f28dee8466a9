# Why: the home page's latest advice sorted every public advice (17,000 at country
# scale) for its first three; this index holds them newest first.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("advisories", "0005_advice_public_framework"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="advice",
            index=models.Index(
                models.OrderBy(models.F("sent_on"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(
                    ("status__in", ["verzonden", "beantwoord", "gepubliceerd"])
                ),
                name="advice_public_newest",
            ),
        ),
    ]
