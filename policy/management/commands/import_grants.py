"""Import a subsidy register (CSV, XLSX or a JSON array of rows), all or nothing.

    manage.py import_grants register.xlsx --gemeente GM0034 [--beleidskader SLUG] [--dry-run]

Prints the rows created, updated and unchanged and the total granted. Any bad row
refuses the whole file, naming the row and the reason.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils.translation import gettext as _

from neighbourhoods.models import Municipality
from policy.models import PolicyFramework
from policy.models.subsidies import euro
from policy.subsidies.registers import (
    RegisterFileError,
    RegisterImportError,
    import_register,
    read_register,
)


class Command(BaseCommand):
    help = _(
        "Importeert een subsidieregister (CSV, XLSX of JSON) in één keer: alle rijen "
        "of geen."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--gemeente",
            dest="municipality",
            help=_(
                "CBS-code, slug of naam van de gemeente van het register; niet nodig "
                "als er maar één gemeente is."
            ),
        )
        parser.add_argument(
            "--beleidskader",
            dest="framework",
            help=_("Slug van het beleidskader waaronder nieuwe regelingen vallen."),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Laat zien wat er zou gebeuren, zonder iets op te slaan."),
        )

    def handle(self, *args, path: Path, municipality, framework, dry_run, **options):
        if not path.is_file():
            raise CommandError(_("Bestand niet gevonden: %(path)s") % {"path": path})
        municipality = self._municipality(municipality)
        framework = self._framework(framework, municipality)
        try:
            table = read_register(path.read_bytes(), path.name)
            plan = import_register(
                table, municipality=municipality, framework=framework, dry_run=dry_run
            )
        except RegisterFileError as error:
            raise CommandError(str(error)) from error
        except RegisterImportError as error:
            shown = error.plan.errors[:50]
            lines = [str(row_error) for row_error in shown]
            if len(error.plan.errors) > len(shown):
                lines.append(
                    _("… en nog %(n)s fouten.")
                    % {"n": len(error.plan.errors) - len(shown)}
                )
            raise CommandError(
                _("Niets geïmporteerd; los eerst deze fouten op:")
                + "\n"
                + "\n".join(lines)
            ) from error
        prefix = _("Proefimport, niets opgeslagen: ") if dry_run else ""
        self.stdout.write(
            prefix
            + _(
                "%(rows)s rijen: %(created)s nieuw, %(updated)s bijgewerkt, "
                "%(unchanged)s ongewijzigd."
            )
            % {
                "rows": len(plan.rows),
                "created": plan.created,
                "updated": plan.updated,
                "unchanged": plan.unchanged,
            }
        )
        self.stdout.write(
            _(
                "Ontvangers: %(matched)s gekoppeld aan bestaande organisaties, "
                "%(new)s nieuw. Regelingen: %(schemes)s nieuw."
            )
            % {
                "matched": len(plan.matched_organisations),
                "new": len(plan.new_organisations),
                "schemes": len(plan.new_schemes),
            }
        )
        self.stdout.write(
            _("Totaal verleend: %(total)s") % {"total": euro(plan.total_granted)}
        )

    def _municipality(self, value: str | None) -> Municipality:
        if value:
            found = Municipality.objects.filter(
                Q(cbs_code__iexact=value) | Q(slug=value) | Q(name__iexact=value)
            ).first()
            if found is None:
                raise CommandError(
                    _("Gemeente “%(value)s” bestaat niet; voeg haar eerst toe.")
                    % {"value": value}
                )
            return found
        municipalities = list(Municipality.objects.all()[:2])
        if len(municipalities) != 1:
            raise CommandError(
                _("Geef met --gemeente aan van welke gemeente dit register is.")
            )
        return municipalities[0]

    def _framework(self, slug: str | None, municipality) -> PolicyFramework | None:
        if not slug:
            return None
        try:
            return PolicyFramework.objects.get(slug=slug, municipality=municipality)
        except PolicyFramework.DoesNotExist as error:
            raise CommandError(
                _("Beleidskader “%(slug)s” van %(municipality)s bestaat niet.")
                % {"slug": slug, "municipality": municipality}
            ) from error
