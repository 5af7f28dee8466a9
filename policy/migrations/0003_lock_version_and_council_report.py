"""Optimistic locking on policy rows, a consultation's report to the council, PDF only."""

from django.db import migrations, models

import policy.validators


class Migration(migrations.Migration):
    dependencies = [
        ("policy", "0002_subsidy_ceiling_and_status_triggers"),
    ]

    operations = [
        migrations.AddField(
            model_name="agendaitem",
            name="lock_version",
            field=models.PositiveIntegerField(
                default=0,
                help_text="Gaat bij elke wijziging één omhoog; bewaakt gelijktijdig werk.",
                verbose_name="bewerkingsversie",
            ),
        ),
        migrations.AddField(
            model_name="condition",
            name="lock_version",
            field=models.PositiveIntegerField(
                default=0,
                help_text="Gaat bij elke wijziging één omhoog; bewaakt gelijktijdig werk.",
                verbose_name="bewerkingsversie",
            ),
        ),
        migrations.AddField(
            model_name="consultation",
            name="lock_version",
            field=models.PositiveIntegerField(
                default=0,
                help_text="Gaat bij elke wijziging één omhoog; bewaakt gelijktijdig werk.",
                verbose_name="bewerkingsversie",
            ),
        ),
        migrations.AddField(
            model_name="frameworktargetgroup",
            name="lock_version",
            field=models.PositiveIntegerField(
                default=0,
                help_text="Gaat bij elke wijziging één omhoog; bewaakt gelijktijdig werk.",
                verbose_name="bewerkingsversie",
            ),
        ),
        migrations.AddField(
            model_name="frameworkversion",
            name="lock_version",
            field=models.PositiveIntegerField(
                default=0,
                help_text="Gaat bij elke wijziging één omhoog; bewaakt gelijktijdig werk.",
                verbose_name="bewerkingsversie",
            ),
        ),
        migrations.AddField(
            model_name="goal",
            name="lock_version",
            field=models.PositiveIntegerField(
                default=0,
                help_text="Gaat bij elke wijziging één omhoog; bewaakt gelijktijdig werk.",
                verbose_name="bewerkingsversie",
            ),
        ),
        migrations.AddField(
            model_name="goalrollout",
            name="lock_version",
            field=models.PositiveIntegerField(
                default=0,
                help_text="Gaat bij elke wijziging één omhoog; bewaakt gelijktijdig werk.",
                verbose_name="bewerkingsversie",
            ),
        ),
        migrations.AddField(
            model_name="indicator",
            name="lock_version",
            field=models.PositiveIntegerField(
                default=0,
                help_text="Gaat bij elke wijziging één omhoog; bewaakt gelijktijdig werk.",
                verbose_name="bewerkingsversie",
            ),
        ),
        migrations.AddField(
            model_name="measurement",
            name="lock_version",
            field=models.PositiveIntegerField(
                default=0,
                help_text="Gaat bij elke wijziging één omhoog; bewaakt gelijktijdig werk.",
                verbose_name="bewerkingsversie",
            ),
        ),
        migrations.AddField(
            model_name="milestone",
            name="lock_version",
            field=models.PositiveIntegerField(
                default=0,
                help_text="Gaat bij elke wijziging één omhoog; bewaakt gelijktijdig werk.",
                verbose_name="bewerkingsversie",
            ),
        ),
        migrations.AddField(
            model_name="policyframework",
            name="lock_version",
            field=models.PositiveIntegerField(
                default=0,
                help_text="Gaat bij elke wijziging één omhoog; bewaakt gelijktijdig werk.",
                verbose_name="bewerkingsversie",
            ),
        ),
        migrations.AddField(
            model_name="principle",
            name="lock_version",
            field=models.PositiveIntegerField(
                default=0,
                help_text="Gaat bij elke wijziging één omhoog; bewaakt gelijktijdig werk.",
                verbose_name="bewerkingsversie",
            ),
        ),
        migrations.AddField(
            model_name="taskgroup",
            name="lock_version",
            field=models.PositiveIntegerField(
                default=0,
                help_text="Gaat bij elke wijziging één omhoog; bewaakt gelijktijdig werk.",
                verbose_name="bewerkingsversie",
            ),
        ),
        migrations.AddField(
            model_name="track",
            name="lock_version",
            field=models.PositiveIntegerField(
                default=0,
                help_text="Gaat bij elke wijziging één omhoog; bewaakt gelijktijdig werk.",
                verbose_name="bewerkingsversie",
            ),
        ),
        migrations.AddField(
            model_name="consultation",
            name="council_report",
            field=models.TextField(
                blank=True,
                help_text="Wat de raad over deze activiteit en haar opbrengst te horen kreeg.",
                verbose_name="terugkoppeling aan de raad",
            ),
        ),
        migrations.AlterField(
            model_name="frameworkversion",
            name="document",
            field=models.FileField(
                blank=True,
                upload_to="frameworks/%Y/",
                validators=[policy.validators.validate_pdf],
                verbose_name="document (pdf)",
            ),
        ),
    ]
