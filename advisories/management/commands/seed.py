"""`manage.py seed`: load what the source documents say, on every floor, idempotently."""

from argparse import ArgumentParser
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

import advisories.seed
import neighbourhoods.seed
import neighbourhoods.seed_demo
import policy.seed
import policy.seed_demo


class Command(BaseCommand):
    help = (
        "Laadt de gemeenten, plekken, organisaties, beleidskaders en adviezen uit de "
        "brondocumenten. Opnieuw draaien verandert niets aan de aantallen."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--demo",
            action="store_true",
            help=(
                "Voeg ook fictieve voorbeeldgegevens toe (openingstijden, kaartpunten, "
                "ruimtes, activiteiten en enkele voorbeeldplekken), gemarkeerd als "
                "'Voorbeeldgegevens'."
            ),
        )
        parser.add_argument(
            "--demo-users",
            action="store_true",
            help=(
                "Maak ook fictieve demo-accounts (of geef ze een nieuw wachtwoord) en "
                "toon de wachtwoorden eenmalig."
            ),
        )

    def handle(
        self,
        *args: Any,
        demo: bool = False,
        demo_users: bool = False,
        **options: Any,
    ) -> None:
        seeded: dict[str, int] = {}
        demo_rows: dict[str, int] = {}
        credentials: list[tuple[str, str]] = []
        # One transaction: a failure halfway leaves the database as it was.
        with transaction.atomic():
            for load in (
                neighbourhoods.seed.load,
                policy.seed.load,
                advisories.seed.load,
            ):
                seeded.update(load())
            if demo:
                demo_rows = neighbourhoods.seed.load_demo()
                demo_rows.update(neighbourhoods.seed_demo.load_demo_teams_and_agenda())
                demo_rows.update(neighbourhoods.seed_demo.load_demo_bookings())
                demo_rows.update(policy.seed_demo.load_demo())
            if demo_users:
                credentials = advisories.seed.load_demo_users()

        self.stdout.write(
            "Geladen uit de brondocumenten (rijen; in totaal in de database):"
        )
        app_label = ""
        for label, rows in seeded.items():
            model = apps.get_model(label)
            if model._meta.app_label != app_label:
                app_label = model._meta.app_label
                self.stdout.write(f"{model._meta.app_config.verbose_name}")
            name = str(model._meta.verbose_name_plural)
            total = model._default_manager.count()
            self.stdout.write(f"  {name[:1].upper()}{name[1:]}: {rows} ({total})")

        if demo_rows:
            self.stdout.write("")
            self.stdout.write(
                self.style.WARNING("Voorbeeldgegevens (fictief; rijen in de demolaag):")
            )
            for label, rows in demo_rows.items():
                name = str(apps.get_model(label)._meta.verbose_name_plural)
                self.stdout.write(f"  {name[:1].upper()}{name[1:]}: {rows}")

        if credentials:
            self.stdout.write("")
            self.stdout.write(
                self.style.WARNING(
                    "Demo-accounts (fictief). Noteer de wachtwoorden nu; ze worden "
                    "niet opnieuw getoond:"
                )
            )
            for username, password in credentials:
                self.stdout.write(f"  {username}: {password}")
        self.stdout.write(self.style.SUCCESS("Klaar."))
