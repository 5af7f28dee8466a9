"""Writes on the ground floor that touch several rows or models at once."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.slugs import unique_slug

from .buurten import BuurtFeature
from .geojson import Problem, WijkFeature, WijkImportError
from .models import Buurt, Municipality, Neighbourhood

# What the import owns on a Neighbourhood; district and slug are left to the
# officials once the row exists (a slug is a public URL and stays put on a rename).
IMPORTED_FIELDS = ("name", "cbs_year", "municipality", "boundary")


@dataclass
class MunicipalityTally:
    """What an import did, or would do, to the wijken of one municipality."""

    cbs_code: str
    name: str
    is_new: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # Rows of this municipality the file does not mention; never deleted, since
    # places, teams and figures may point at them.
    not_in_file: int = 0


@dataclass(frozen=True)
class NeighbourhoodChange:
    """One wijk created or updated; `fields` names what changed on an update."""

    cbs_code: str
    name: str
    fields: tuple[str, ...] = ()


@dataclass
class ImportResult:
    """Counts per municipality (by CBS code) and the wijken that (would) change."""

    dry_run: bool
    municipalities: dict[str, MunicipalityTally] = field(default_factory=dict)
    created: list[NeighbourhoodChange] = field(default_factory=list)
    updated: list[NeighbourhoodChange] = field(default_factory=list)


@transaction.atomic
def neighbourhoods_import(
    *, features: Sequence[WijkFeature], dry_run: bool = False
) -> ImportResult:
    """Create or update the wijken of a parsed CBS file, keyed on the CBS code.

    Rows are matched on cbs_code, so a renamed wijk keeps its row, its slug and
    everything linked to it. Municipalities are created when missing, never renamed.
    A fixed handful of queries whatever the number of features. With `dry_run`
    nothing is written and the result says what would have changed.
    """
    result = ImportResult(dry_run=dry_run)
    municipalities = _municipalities_get_or_create(
        features=features, result=result, dry_run=dry_run
    )
    codes = [feature.cbs_code for feature in features]
    # order_by(): the default ordering joins the municipality for nothing here.
    existing_rows = Neighbourhood.objects.filter(
        Q(cbs_code__in=codes)
        | Q(municipality__cbs_code__in=list(result.municipalities))
    ).order_by()
    if not dry_run:
        # Two imports at once must not both decide a wijk is new.
        existing_rows = existing_rows.select_for_update(of=("self",))
    existing = {row.cbs_code: row for row in existing_rows}

    created: list[tuple[Neighbourhood, WijkFeature]] = []
    to_update: list[Neighbourhood] = []
    for feature in features:
        municipality = municipalities[feature.municipality_code]
        tally = result.municipalities[feature.municipality_code]
        values = {
            "name": feature.name,
            "cbs_year": feature.cbs_year,
            "municipality": municipality,
            "boundary": feature.boundary,
        }
        row = existing.get(feature.cbs_code)
        if row is None:
            created.append(
                (Neighbourhood(cbs_code=feature.cbs_code, **values), feature)
            )
            tally.created += 1
            result.created.append(NeighbourhoodChange(feature.cbs_code, feature.name))
            continue
        changed = tuple(
            name for name in IMPORTED_FIELDS if _differs(row, name, values[name])
        )
        if not changed:
            tally.unchanged += 1
            continue
        for name in changed:
            setattr(row, name, values[name])
        _full_clean(row, feature)
        to_update.append(row)
        tally.updated += 1
        result.updated.append(
            NeighbourhoodChange(feature.cbs_code, feature.name, changed)
        )

    code_by_pk = {m.pk: code for code, m in municipalities.items() if m.pk is not None}
    in_file = set(codes)
    for row in existing.values():
        if row.cbs_code not in in_file and row.municipality_id in code_by_pk:
            result.municipalities[code_by_pk[row.municipality_id]].not_in_file += 1

    to_create = [row for row, _feature in created]
    _assign_slugs(to_create, municipalities.values())
    for row, feature in created:
        _full_clean(row, feature)

    if not dry_run:
        Neighbourhood.objects.bulk_create(to_create)
        Neighbourhood.objects.bulk_update(to_update, IMPORTED_FIELDS)
    return result


def _municipalities_get_or_create(
    *, features: Sequence[WijkFeature], result: ImportResult, dry_run: bool
) -> dict[str, Municipality]:
    """The file's municipalities by CBS code, creating the missing ones in one go."""
    names: dict[str, str] = {}
    for feature in features:
        names.setdefault(feature.municipality_code, feature.municipality_name)
    found = {
        municipality.cbs_code: municipality
        for municipality in Municipality.objects.filter(cbs_code__in=list(names))
    }
    missing = [
        Municipality(cbs_code=code, name=name)
        for code, name in names.items()
        if code not in found
    ]
    if missing:
        # Two municipalities can share a name (Bergen NH and Bergen L).
        bases = [slugify(municipality.name) for municipality in missing]
        taken = set(
            Municipality.objects.filter(
                reduce(or_, (Q(slug__startswith=base) for base in bases))
            ).values_list("slug", flat=True)
        )
        for municipality, base in zip(missing, bases, strict=True):
            municipality.slug = unique_slug(base, taken, max_length=100)
            try:
                municipality.full_clean(
                    validate_unique=False, validate_constraints=False
                )
            except ValidationError as error:
                raise WijkImportError(
                    [
                        Problem(f"{municipality.cbs_code}: {message}")
                        for message in error.messages
                    ]
                ) from error
        if not dry_run:
            Municipality.objects.bulk_create(missing)
    new_codes = {municipality.cbs_code for municipality in missing}
    found.update((municipality.cbs_code, municipality) for municipality in missing)
    for code in names:
        result.municipalities[code] = MunicipalityTally(
            cbs_code=code, name=found[code].name, is_new=code in new_codes
        )
    return found


def _differs(row: Neighbourhood, name: str, value: object) -> bool:
    """Whether the import would change this field; foreign keys compare by id."""
    if isinstance(value, Municipality):
        return row.municipality_id != value.pk
    return getattr(row, name) != value


def _assign_slugs(
    rows: Sequence[Neighbourhood], municipalities: Iterable[Municipality]
) -> None:
    """Give new wijken "<municipality>-<name>" slugs, numbered when already taken.

    Every such slug starts with its municipality's slug, so one query for those
    prefixes finds all slugs a new one could collide with.
    """
    if not rows:
        return
    prefixes = [Q(slug__startswith=f"{m.slug}-") for m in municipalities]
    taken = set(
        Neighbourhood.objects.filter(reduce(or_, prefixes))
        .order_by()
        .values_list("slug", flat=True)
    )
    for row in rows:
        base = slugify(f"{row.municipality.slug}-{row.name}")
        row.slug = unique_slug(base, taken, max_length=120)


def _full_clean(row: Neighbourhood, feature: WijkFeature) -> None:
    """Model validation without its queries, as a problem of the feature.

    Uniqueness and the code format are settled by the parser and by this service;
    the foreign key exists because this service fetched or made it.
    """
    try:
        row.full_clean(
            exclude=["municipality", "district"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        raise WijkImportError(
            [
                Problem(message, feature.position, feature.cbs_code, name)
                for name, messages in error.message_dict.items()
                for message in messages
            ]
        ) from error


# CBS BUURTEN
# ------------------------------------------------------------------------------

WIJK_NOT_FOUND = _(
    "wijk %(wijkcode)s bestaat niet; importeer eerst de wijken (import_wijken)"
)


@dataclass
class BuurtImportResult:
    """What a buurten import did, or would do with `dry_run`."""

    dry_run: bool
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0


@transaction.atomic
def buurten_import(
    *, features: Sequence[BuurtFeature], dry_run: bool = False
) -> BuurtImportResult:
    """Create or update buurten by CBS code, each in the wijk its code names.

    All or nothing: a buurt whose wijk is not in the database stops the import
    (WijkImportError, every such buurt named). A fixed number of queries.
    """
    result = BuurtImportResult(dry_run=dry_run)
    wijk_codes = {feature.wijk_code for feature in features}
    wijken = {
        wijk.cbs_code: wijk
        for wijk in Neighbourhood.objects.filter(cbs_code__in=wijk_codes)
        .only("pk", "cbs_code")
        .order_by()
    }
    problems = [
        Problem(
            WIJK_NOT_FOUND % {"wijkcode": feature.wijk_code},
            feature.position,
            feature.cbs_code,
            "wijkcode",
        )
        for feature in features
        if feature.wijk_code not in wijken
    ]
    if problems:
        raise WijkImportError(problems)
    rows = Buurt.objects.filter(cbs_code__in=[f.cbs_code for f in features]).order_by()
    if not dry_run:
        rows = rows.select_for_update()
    existing = {row.cbs_code: row for row in rows}
    to_create: list[Buurt] = []
    to_update: list[Buurt] = []
    for feature in features:
        wijk = wijken[feature.wijk_code]
        row = existing.get(feature.cbs_code)
        if row is None:
            to_create.append(
                Buurt(
                    cbs_code=feature.cbs_code,
                    name=feature.name,
                    neighbourhood=wijk,
                    boundary=feature.boundary,
                )
            )
            result.created.append(feature.cbs_code)
            continue
        boundary = row.boundary if feature.boundary is None else feature.boundary
        if (row.name, row.neighbourhood_id, row.boundary) != (
            feature.name,
            wijk.pk,
            boundary,
        ):
            row.name, row.neighbourhood, row.boundary = feature.name, wijk, boundary
            to_update.append(row)
            result.updated.append(feature.cbs_code)
        else:
            result.unchanged += 1
    if not dry_run:
        Buurt.objects.bulk_create(to_create)
        Buurt.objects.bulk_update(to_update, ["name", "neighbourhood", "boundary"])
    return result
