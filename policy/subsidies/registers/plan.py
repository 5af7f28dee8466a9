"""What importing a register would do, row by row: the plan ``plan_import`` returns."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from neighbourhoods.models import (
    Municipality,
    Neighbourhood,
    Organisation,
    OrganisationKind,
    Theme,
)

from ...models import (
    BudgetCategory,
    Grant,
    GrantStatus,
    PolicyFramework,
    SubsidyScheme,
)
from ...models.subsidies import (
    euro,
)
from .columns import (
    COLUMNS,
)


class Action:
    CREATE = "nieuw"
    UPDATE = "bijgewerkt"
    UNCHANGED = "ongewijzigd"


ACTION_LABELS = {
    Action.CREATE: gettext_lazy("nieuw"),
    Action.UPDATE: gettext_lazy("bijgewerkt"),
    Action.UNCHANGED: gettext_lazy("ongewijzigd"),
}


@dataclass
class PlannedOrganisation:
    name: str
    existing: Organisation | None = None
    kvk_number: str | None = None
    slug: str = ""
    kind: str = OrganisationKind.OTHER
    instance: Organisation | None = None

    @property
    def is_new(self) -> bool:
        return self.existing is None


@dataclass
class PlannedScheme:
    name: str
    existing: SubsidyScheme | None = None
    slug: str = ""
    category: str = BudgetCategory.OTHER
    kinds: Counter = field(default_factory=Counter)
    instance: SubsidyScheme | None = None

    @property
    def is_new(self) -> bool:
        return self.existing is None


@dataclass
class PlannedTheme:
    name: str
    existing: Theme | None = None
    slug: str = ""
    instance: Theme | None = None


@dataclass
class RowPlan:
    location: str
    action: str
    recipient_name: str  # as the row writes it
    recipient: PlannedOrganisation
    scheme: PlannedScheme
    theme: PlannedTheme | None
    reference: str
    year: int
    last_year: int | None
    purpose: str
    status: str
    amount_requested: Decimal | None
    amount_granted: Decimal | None
    amount_settled: Decimal | None
    periodicity: str
    funding_department: str
    neighbourhood: Neighbourhood | None
    decided_on: date | None
    existing: Grant | None = None
    changed_fields: list[str] = field(default_factory=list)

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS[self.action])

    @property
    def status_label(self) -> str:
        return str(GrantStatus(self.status).label)


@dataclass
class RowError:
    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location[:1].upper()}{self.location[1:]}: {self.message}"


@dataclass
class ImportPlan:
    municipality: Municipality
    framework: PolicyFramework | None
    mapping: dict[str, str]
    unused_headers: list[str]
    rows: list[RowPlan] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def created(self) -> int:
        return self.count(Action.CREATE)

    @property
    def updated(self) -> int:
        return self.count(Action.UPDATE)

    @property
    def unchanged(self) -> int:
        return self.count(Action.UNCHANGED)

    @property
    def total_granted(self) -> Decimal:
        return sum((row.amount_granted or Decimal(0) for row in self.rows), Decimal(0))

    @property
    def total_requested(self) -> Decimal:
        return sum(
            (row.amount_requested or Decimal(0) for row in self.rows), Decimal(0)
        )

    def _distinct(self, attribute: str) -> list:
        seen: dict[int, object] = {}
        for row in self.rows:
            item = getattr(row, attribute)
            if item is not None:
                seen.setdefault(id(item), item)
        return list(seen.values())

    @property
    def new_organisations(self) -> list[PlannedOrganisation]:
        return [o for o in self._distinct("recipient") if o.is_new]

    @property
    def matched_organisations(self) -> list[PlannedOrganisation]:
        return [o for o in self._distinct("recipient") if not o.is_new]

    @property
    def new_schemes(self) -> list[PlannedScheme]:
        return [s for s in self._distinct("scheme") if s.is_new]

    @property
    def new_themes(self) -> list[PlannedTheme]:
        return [t for t in self._distinct("theme") if t.existing is None]

    @property
    def mapped_columns(self) -> list[tuple[str, str]]:
        """(header in the file, what the portal reads it as), in the portal's order."""
        return [
            (self.mapping[column.key], str(column.label))
            for column in COLUMNS
            if column.key in self.mapping
        ]

    def summary(self) -> str:
        return _(
            "%(created)s nieuw, %(updated)s bijgewerkt, %(unchanged)s ongewijzigd; "
            "totaal verleend %(total)s."
        ) % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "total": euro(self.total_granted),
        }
