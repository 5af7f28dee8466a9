"""Planning an import: every row read against what the database holds, writing nothing."""

import hashlib
import re
from collections import Counter

from django.utils.translation import gettext as _

from neighbourhoods.models import (
    Municipality,
    Neighbourhood,
    Organisation,
    Theme,
)

from ...amounts import AmountError, parse_amount
from ...models import (
    BudgetCategory,
    Grant,
    GrantStatus,
    PolicyFramework,
    SchemeKind,
    SubsidyScheme,
)
from ...models.subsidies import (
    GRANT_TRANSITIONS,
)
from .ceilings import check_ceilings
from .columns import (
    COLUMNS,
    COLUMNS_BY_KEY,
    map_columns,
    normalise_header,
)
from .plan import (
    Action,
    ImportPlan,
    PlannedOrganisation,
    PlannedScheme,
    PlannedTheme,
    RowError,
    RowPlan,
)
from .reading import (
    RegisterTable,
    SourceRow,
    _category,
    _date,
    _organisation_kind,
    _periodicity,
    _text,
    _unique_slug,
    _year,
    normalise_name,
)


class _Planner:
    """Reads every row against what the database holds, in a fixed number of queries."""

    def __init__(self, table, municipality, framework):
        self.table = table
        self.municipality = municipality
        self.framework = framework
        mapping, unused = map_columns(table.headers)
        self.mapping = mapping
        self.plan = ImportPlan(municipality, framework, mapping, unused)

    def cell(self, row: SourceRow, key: str) -> object:
        header = self.mapping.get(key)
        return row.values.get(header) if header else None

    def run(self) -> ImportPlan:
        missing = [c for c in COLUMNS if c.required and c.key not in self.mapping]
        if missing:
            for column in missing:
                self.plan.errors.append(
                    RowError(
                        _("het bestand"),
                        _(
                            "de kolom %(label)s ontbreekt; het portaal herkent haar als "
                            "%(aliases)s."
                        )
                        % {
                            "label": column.label,
                            "aliases": ", ".join(
                                a.capitalize() for a in column.aliases
                            ),
                        },
                    )
                )
            return self.plan
        if not self.table.rows:
            self.plan.errors.append(
                RowError(_("het bestand"), _("er staan geen rijen in."))
            )
            return self.plan
        self._load()
        parsed = [self._parse(row) for row in self.table.rows]
        self._match_existing_grants([p for p in parsed if p is not None])
        check_ceilings(self.plan)
        return self.plan

    # What the database already holds: one query per kind of thing.
    def _load(self) -> None:
        self.organisations_by_name: dict[str, Organisation] = {}
        self.organisations_by_kvk: dict[str, Organisation] = {}
        self.organisation_slugs: set[str] = set()
        for organisation in Organisation.objects.only(
            "id", "name", "slug", "kvk_number", "municipality_id"
        ).order_by("id"):
            key = normalise_name(organisation.name)
            current = self.organisations_by_name.get(key)
            # Two with the same name: prefer the one in this municipality.
            if current is None or (
                current.municipality_id != self.municipality.pk
                and organisation.municipality_id == self.municipality.pk
            ):
                self.organisations_by_name[key] = organisation
            if organisation.kvk_number:
                self.organisations_by_kvk[organisation.kvk_number] = organisation
            self.organisation_slugs.add(organisation.slug)
        self.schemes_by_name: dict[str, SubsidyScheme] = {}
        self.scheme_slugs: set[str] = set()
        for scheme in SubsidyScheme.objects.only(
            "id", "name", "slug", "municipality_id", "ceiling"
        ):
            if scheme.municipality_id == self.municipality.pk:
                self.schemes_by_name[normalise_name(scheme.name)] = scheme
            self.scheme_slugs.add(scheme.slug)
        self.themes_by_name: dict[str, Theme] = {}
        self.theme_slugs: set[str] = set()
        for theme in Theme.objects.only("id", "name", "slug"):
            self.themes_by_name[normalise_header(theme.name)] = theme
            self.theme_slugs.add(theme.slug)
        self.neighbourhoods: dict[str, Neighbourhood] = {}
        if "neighbourhood" in self.mapping:
            for neighbourhood in Neighbourhood.objects.filter(
                municipality=self.municipality
            ):
                self.neighbourhoods[neighbourhood.cbs_code.lower()] = neighbourhood
                self.neighbourhoods[normalise_header(neighbourhood.name)] = (
                    neighbourhood
                )
        self.planned_organisations: dict[str, PlannedOrganisation] = {}
        self.planned_schemes: dict[str, PlannedScheme] = {}
        self.planned_themes: dict[str, PlannedTheme] = {}
        self.reference_counts: Counter = Counter()

    def _error(self, row: SourceRow, message: str) -> None:
        self.plan.errors.append(RowError(row.location, message))

    def _parse(self, row: SourceRow) -> RowPlan | None:
        errors_before = len(self.plan.errors)
        recipient_name = _text(self.cell(row, "recipient"))
        scheme_name = _text(self.cell(row, "scheme"))
        if not recipient_name:
            self._error(row, _("de ontvanger ontbreekt."))
        elif len(recipient_name) > 200:
            self._error(row, _("de naam van de ontvanger is langer dan 200 tekens."))
        if not scheme_name:
            self._error(row, _("de regeling ontbreekt."))
        elif len(scheme_name) > 250:
            self._error(row, _("de naam van de regeling is langer dan 250 tekens."))
        year = last_year = None
        try:
            year, last_year = _year(self.cell(row, "year"))
        except ValueError as error:
            self._error(row, str(error))
        amounts = {}
        for key in ("requested", "granted", "settled"):
            try:
                amounts[key] = parse_amount(self.cell(row, key))
            except AmountError as error:
                label = COLUMNS_BY_KEY[key].label
                self._error(row, f"{label}: {error}")
                amounts[key] = None
        if (
            "granted" in amounts
            and amounts["granted"] is None
            and not (len(self.plan.errors) > errors_before)
        ):
            # An empty granted amount: still under consideration.
            pass
        try:
            periodicity = _periodicity(self.cell(row, "periodicity"))
        except ValueError as error:
            self._error(row, str(error))
            periodicity = ""
        if last_year is not None and not periodicity:
            periodicity = SchemeKind.MULTI_YEAR
        try:
            decided_on = _date(self.cell(row, "decided_on"))
        except ValueError as error:
            self._error(row, str(error))
            decided_on = None
        category = BudgetCategory.OTHER
        try:
            category = _category(self.cell(row, "category"), scheme_name)
        except ValueError as error:
            self._error(row, str(error))
        kvk = re.sub(r"\D", "", _text(self.cell(row, "kvk"))) or None
        if kvk is not None and len(kvk) != 8:
            self._error(
                row,
                _("“%(value)s” is geen KvK-nummer (acht cijfers).")
                % {"value": _text(self.cell(row, "kvk"))},
            )
        neighbourhood = None
        neighbourhood_text = _text(self.cell(row, "neighbourhood"))
        if neighbourhood_text:
            neighbourhood = self.neighbourhoods.get(
                neighbourhood_text.lower()
            ) or self.neighbourhoods.get(normalise_header(neighbourhood_text))
            if neighbourhood is None:
                self._error(
                    row,
                    _("de wijk “%(value)s” ligt niet in %(municipality)s.")
                    % {"value": neighbourhood_text, "municipality": self.municipality},
                )
        purpose = _text(self.cell(row, "purpose")) or scheme_name
        if len(purpose) > 500:
            self._error(row, _("het doel is langer dan 500 tekens."))
        department = _text(self.cell(row, "department"))[:200]
        if len(self.plan.errors) > errors_before:
            return None

        granted, settled = amounts["granted"], amounts["settled"]
        if settled is not None and settled > 0 and granted:
            status = GrantStatus.SETTLED
        elif granted is None:
            status = GrantStatus.REQUESTED
        elif granted == 0:
            status = GrantStatus.REFUSED
        else:
            status = GrantStatus.GRANTED
        if settled is not None and status != GrantStatus.SETTLED and settled > 0:
            self._error(
                row, _("er is een vastgesteld bedrag maar geen verleend bedrag.")
            )
            return None

        recipient = self._organisation(recipient_name, kvk)
        scheme = self._scheme(scheme_name, category)
        scheme.kinds[periodicity or SchemeKind.YEARLY] += 1
        theme_text = _text(self.cell(row, "theme"))[:100]
        theme = self._theme(theme_text) if theme_text else None
        reference = _text(self.cell(row, "reference"))[:50]
        if not reference:
            reference = self._derived_reference(
                year, scheme_name, recipient_name, purpose
            )
        self.reference_counts[reference] += 1
        if self.reference_counts[reference] > 1:
            self._error(
                row,
                _("het kenmerk %(reference)s staat al op een eerdere rij.")
                % {"reference": reference},
            )
            return None
        planned = RowPlan(
            location=row.location,
            action=Action.CREATE,
            recipient_name=recipient_name,
            recipient=recipient,
            scheme=scheme,
            theme=theme,
            reference=reference,
            year=year,
            last_year=last_year,
            purpose=purpose,
            status=status,
            amount_requested=amounts["requested"],
            amount_granted=granted,
            amount_settled=settled,
            periodicity=periodicity,
            funding_department=department,
            neighbourhood=neighbourhood,
            decided_on=decided_on,
        )
        self.plan.rows.append(planned)
        return planned

    def _derived_reference(self, year, scheme_name, recipient_name, purpose) -> str:
        """A kenmerk for a row without one; the n-th identical row gets -n."""
        key = "|".join(
            [
                self.municipality.cbs_code,
                str(year),
                normalise_name(scheme_name),
                normalise_name(recipient_name),
                normalise_name(purpose),
            ]
        )
        digest = hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:12]
        base = f"{self.municipality.cbs_code}-{year}-{digest}"
        occurrence = self._occurrences = getattr(self, "_occurrences", Counter())
        occurrence[base] += 1
        return base if occurrence[base] == 1 else f"{base}-{occurrence[base]}"

    def _organisation(self, name: str, kvk: str | None) -> PlannedOrganisation:
        key = f"kvk:{kvk}" if kvk else f"naam:{normalise_name(name)}"
        if key in self.planned_organisations:
            return self.planned_organisations[key]
        existing = (self.organisations_by_kvk.get(kvk) if kvk else None) or (
            self.organisations_by_name.get(normalise_name(name))
        )
        planned = PlannedOrganisation(name=name, existing=existing, kvk_number=kvk)
        if existing is None:
            planned.slug = _unique_slug(
                name, self.organisation_slugs, max_length=220, fallback="organisatie"
            )
            planned.kind = _organisation_kind(name)
            name_key = f"naam:{normalise_name(name)}"
            # A later row naming it without KvK number finds the same one.
            self.planned_organisations.setdefault(name_key, planned)
        self.planned_organisations[key] = planned
        return planned

    def _scheme(self, name: str, category: str) -> PlannedScheme:
        key = normalise_name(name)
        if key not in self.planned_schemes:
            existing = self.schemes_by_name.get(key)
            planned = PlannedScheme(name=name, existing=existing, category=category)
            if existing is None:
                planned.slug = _unique_slug(
                    f"{self.municipality.slug} {name}",
                    self.scheme_slugs,
                    max_length=250,
                    fallback="regeling",
                )
            self.planned_schemes[key] = planned
        return self.planned_schemes[key]

    def _theme(self, name: str) -> PlannedTheme:
        key = normalise_header(name)
        if key not in self.planned_themes:
            existing = self.themes_by_name.get(key)
            planned = PlannedTheme(name=name, existing=existing)
            if existing is None:
                planned.slug = _unique_slug(
                    name, self.theme_slugs, max_length=100, fallback="thema"
                )
            self.planned_themes[key] = planned
        return self.planned_themes[key]

    def _match_existing_grants(self, rows: list[RowPlan]) -> None:
        by_reference = {row.reference: row for row in rows}
        existing = Grant.objects.filter(reference__in=list(by_reference))
        for grant in existing:
            row = by_reference[grant.reference]
            row.existing = grant
            changes = self._changes(grant, row)
            if not changes:
                row.action = Action.UNCHANGED
                continue
            row.action = Action.UPDATE
            row.changed_fields = changes
            if "status" in changes and row.status not in GRANT_TRANSITIONS.get(
                grant.status, ()
            ):
                self.plan.errors.append(
                    RowError(
                        row.location,
                        _(
                            "deze subsidie (%(reference)s) is %(current)s; naar "
                            "%(new)s kan niet. Trek haar zo nodig in via de subsidie "
                            "in de beheeromgeving."
                        )
                        % {
                            "reference": grant.reference,
                            "current": grant.get_status_display().lower(),
                            "new": GrantStatus(row.status).label.lower(),
                        },
                    )
                )

    def _changes(self, grant: Grant, row: RowPlan) -> list[str]:
        wanted = {
            "year": row.year,
            "last_year": row.last_year,
            "purpose": row.purpose,
            "status": row.status,
            "amount_requested": row.amount_requested,
            "amount_granted": row.amount_granted,
            "periodicity": row.periodicity,
            "funding_department": row.funding_department,
        }
        if "settled" in self.mapping:
            wanted["amount_settled"] = row.amount_settled
        if "neighbourhood" in self.mapping:
            wanted["neighbourhood_id"] = getattr(row.neighbourhood, "pk", None)
        if "decided_on" in self.mapping:
            wanted["decided_on"] = row.decided_on
        changes = [
            name for name, value in wanted.items() if getattr(grant, name) != value
        ]
        if row.recipient.is_new or grant.organisation_id != row.recipient.existing.pk:
            changes.append("organisation")
        if row.scheme.is_new or grant.scheme_id != row.scheme.existing.pk:
            changes.append("scheme")
        theme_id = row.theme.existing.pk if row.theme and row.theme.existing else None
        if (row.theme is not None and row.theme.existing is None) or (
            grant.theme_id != theme_id
        ):
            changes.append("theme")
        return changes


def plan_import(
    table: RegisterTable,
    *,
    municipality: Municipality,
    framework: PolicyFramework | None = None,
) -> ImportPlan:
    """What importing `table` would do; writes nothing."""
    return _Planner(table, municipality, framework).run()
