"""Importing subsidy registers: formats, column names, recipients, all or nothing."""

import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from neighbourhoods.models import Municipality, Organisation, Theme
from policy.models import BudgetCategory, Grant, GrantStatus, SchemeKind, SubsidyScheme
from policy.subsidies.registers import (
    RegisterImportError,
    import_register,
    normalise_name,
    plan_import,
    read_register,
)
from testdata.neighbourhoods import MunicipalityFactory, OrganisationFactory
from testdata.policy import GrantFactory, SubsidySchemeFactory

pytestmark = pytest.mark.django_db

AMSTERDAM_REGISTER = (
    Path(settings.BASE_DIR).parent
    / "shared"
    / "data"
    / "subsidieregister-amsterdam-2016.json"
)


@pytest.fixture
def almere():
    return Municipality.objects.create(cbs_code="GM0034", name="Almere", slug="almere")


def csv_bytes(rows: list[list[object]], delimiter=";") -> bytes:
    return "\n".join(delimiter.join(str(c) for c in row) for row in rows).encode()


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Subsidieregister Almere 2024"])  # a title row above the header
    sheet.append([])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


REGISTER = [
    [
        "Ontvanger",
        "Doel",
        "Regeling",
        "Thema",
        "Jaar",
        "Periodiciteit",
        "Aangevraagd",
        "Verleend",
    ],
    [
        "Stichting De Schoor",
        "Buurtcentrum De Vlinder",
        "Exploitatie wijkcentra",
        "Buurtontmoeting",
        "2024",
        "Periodiek",
        "€ 15.000",
        "15.000,00",
    ],
    [
        "Buurtkamer Vathorst",
        "Koffieochtenden",
        "Bewonersinitiatieven",
        "Buurtontmoeting",
        "2024",
        "Eenmalig",
        "€ 2.500",
        "0",
    ],
    [
        "Humanitas Almere",
        "Maatjesproject",
        "Subsidie welzijn en mantelzorg",
        "Mantelzorg",
        "2024-2026",
        "Meerjarig",
        "1.234.567",
        "1.200.000,50",
    ],
]


def test_reads_csv_with_register_column_names(almere):
    table = read_register(csv_bytes(REGISTER), "register.csv")
    plan = import_register(table, municipality=almere)

    assert (plan.created, plan.updated, plan.unchanged) == (3, 0, 0)
    assert plan.total_granted == Decimal("1215000.50")
    schoor = Grant.objects.get(organisation__name="Stichting De Schoor")
    assert schoor.amount_requested == Decimal("15000.00")
    assert schoor.amount_granted == Decimal("15000.00")
    assert schoor.status == GrantStatus.GRANTED
    assert schoor.purpose == "Buurtcentrum De Vlinder"
    assert schoor.periodicity == SchemeKind.YEARLY
    assert schoor.theme.name == "Buurtontmoeting"
    assert schoor.scheme.category == BudgetCategory.BUILDINGS
    assert schoor.scheme.municipality == almere
    refused = Grant.objects.get(organisation__name="Buurtkamer Vathorst")
    assert refused.status == GrantStatus.REFUSED  # a granted amount of 0
    assert refused.scheme.category == BudgetCategory.INITIATIVES
    multi_year = Grant.objects.get(organisation__name="Humanitas Almere")
    assert (multi_year.year, multi_year.last_year) == (2024, 2026)
    assert multi_year.scheme.kind == SchemeKind.MULTI_YEAR
    assert multi_year.scheme.category == BudgetCategory.FUNCTIONS


def test_reads_xlsx_with_other_column_names_and_numbers(almere):
    rows = [
        [
            "Naam aanvrager",
            "Project",
            "Subsidieregeling",
            "Subsidiejaar",
            "Bedrag aangevraagd",
            "Toegekend bedrag",
            "KvK-nummer",
        ],
        [
            "Sportclub Almere",
            "Zomerkamp",
            "Sportstimulering",
            2023,
            5000,
            4500.5,
            "12345678",
        ],
    ]
    table = read_register(xlsx_bytes(rows), "register.xlsx")
    plan = import_register(table, municipality=almere)

    assert plan.created == 1
    grant = Grant.objects.get()
    assert grant.year == 2023
    assert grant.amount_requested == Decimal("5000.00")
    assert grant.amount_granted == Decimal("4500.50")
    assert grant.organisation.kvk_number == "12345678"
    assert grant.organisation.kind == "sportclub"
    assert grant.organisation.municipality == almere
    assert grant.organisation.is_subsidised


def test_reads_a_json_array_and_organisatie_beside_naam_is_the_department(almere):
    rows = [
        {
            "Naam": "Stichting Buurtkrant IJopener",
            "Project": "",
            "Regeling": "Activiteiten buurtgerichte organisaties",
            "Organisatie": "stadsdeel Oost",
            "Thema": "Welzijn en Zorg",
            "Jaar": 2016,
            "Periodiciteit": "Periodiek",
            "Aangevraagd": "€ 15.000",
            "Verleend": 10358.0,
        }
    ]
    table = read_register(json.dumps(rows).encode(), "register.json")
    plan = import_register(table, municipality=almere)

    assert ("Naam", "Ontvanger") in plan.mapped_columns
    assert ("Organisatie", "Verstrekt door") in plan.mapped_columns
    grant = Grant.objects.get()
    assert grant.organisation.name == "Stichting Buurtkrant IJopener"
    assert grant.funding_department == "stadsdeel Oost"
    # Without a project the purpose is the scheme.
    assert grant.purpose == "Activiteiten buurtgerichte organisaties"
    assert grant.amount_granted == Decimal("10358.00")


def test_organisatie_alone_is_the_recipient(almere):
    rows = [
        ["Organisatie", "Regeling", "Jaar", "Verleend"],
        ["De Schoor", "Welzijn", "2024", "100"],
    ]
    import_register(read_register(csv_bytes(rows, ","), "r.csv"), municipality=almere)
    assert Grant.objects.get().organisation.name == "De Schoor"


def test_recipients_match_existing_organisations_by_normalised_name(almere):
    existing = OrganisationFactory(name="De Schoor", municipality=almere)
    other_kvk = OrganisationFactory(name="Iets heel anders", kvk_number="87654321")
    rows = [
        ["Naam", "Regeling", "Jaar", "Verleend", "KvK"],
        ["STICHTING  DE SCHOOR", "Welzijn", "2024", "100", ""],
        ["Stg. De Schoor.", "Welzijn", "2024", "200", ""],
        ["Nieuwe Buurtgroep", "Welzijn", "2024", "300", ""],
        ["Hernoemd op KvK", "Welzijn", "2024", "400", "87654321"],
    ]
    table = read_register(csv_bytes(rows), "r.csv")
    plan = plan_import(table, municipality=almere)

    recipients = {row.recipient_name: row.recipient for row in plan.rows}
    assert recipients["STICHTING DE SCHOOR"].existing == existing
    assert recipients["Stg. De Schoor."].existing == existing
    assert recipients["Nieuwe Buurtgroep"].is_new
    assert recipients["Hernoemd op KvK"].existing == other_kvk
    assert [o.name for o in plan.new_organisations] == ["Nieuwe Buurtgroep"]
    assert Organisation.objects.count() == 2  # planning writes nothing

    import_register(table, municipality=almere)
    assert Organisation.objects.count() == 3
    assert existing.grants.count() == 2


def test_normalised_names():
    assert normalise_name("Stichting Café 't Hoekje") == normalise_name("cafe t hoekje")
    assert normalise_name("Vereniging Life & Style") == "life en style"
    assert normalise_name("Stichting") == "stichting"


def test_a_bad_row_refuses_the_whole_file_naming_the_row(almere):
    rows = [
        ["Naam", "Regeling", "Jaar", "Aangevraagd", "Verleend"],
        ["De Schoor", "Welzijn", "2024", "€ 1.000", "1.000"],
        ["Humanitas", "Welzijn", "2024", "€ 1.000", "duizend euro"],
        ["Buurtkamer", "Welzijn", "twintig", "€ 1.000", "500"],
    ]
    table = read_register(csv_bytes(rows), "r.csv")
    with pytest.raises(RegisterImportError) as error:
        import_register(table, municipality=almere)

    messages = [str(e) for e in error.value.plan.errors]
    assert messages == [
        "Regel 3: Verleend: “duizend euro” is geen bedrag in euro. Schrijf "
        "bijvoorbeeld € 15.000, 15.000,00 of 1234567,50.",
        "Regel 4: “twintig” is geen jaar; schrijf bijvoorbeeld 2016 of 2016-2018.",
    ]
    assert Grant.objects.count() == 0
    assert Organisation.objects.count() == 0
    assert SubsidyScheme.objects.count() == 0


def test_a_missing_column_is_named_with_the_names_it_may_have(almere):
    table = read_register(
        csv_bytes([["Naam", "Jaar", "Verleend"], ["X", "2024", "1"]]), "r.csv"
    )
    plan = plan_import(table, municipality=almere)
    assert len(plan.errors) == 1
    assert "de kolom Regeling ontbreekt" in str(plan.errors[0])
    assert "Subsidieregeling" in str(plan.errors[0])


def test_reimport_is_unchanged_and_a_changed_amount_is_an_update(almere):
    table = read_register(csv_bytes(REGISTER), "r.csv")
    import_register(table, municipality=almere)
    again = import_register(table, municipality=almere)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)

    changed = [list(row) for row in REGISTER]
    changed[1][7] = "16.000"
    plan = import_register(
        read_register(csv_bytes(changed), "r.csv"), municipality=almere
    )
    assert (plan.created, plan.updated, plan.unchanged) == (0, 1, 2)
    assert plan.rows[0].changed_fields == ["amount_granted"]
    assert (
        Grant.objects.get(organisation__name="Stichting De Schoor").amount_granted
        == 16000
    )


def test_reimport_that_reverses_a_decision_is_refused(almere):
    table = read_register(csv_bytes(REGISTER), "r.csv")
    import_register(table, municipality=almere)
    changed = [list(row) for row in REGISTER]
    changed[1][7] = "0"  # granted before, now refused
    with pytest.raises(RegisterImportError) as error:
        import_register(read_register(csv_bytes(changed), "r.csv"), municipality=almere)
    assert "is verleend; naar afgewezen kan niet" in str(error.value)
    assert (
        Grant.objects.get(organisation__name="Stichting De Schoor").amount_granted
        == 15000
    )


def test_import_respects_the_ceiling_of_an_existing_scheme(almere):
    scheme = SubsidySchemeFactory(
        municipality=almere, name="Welzijn", ceiling=Decimal("1000.00")
    )
    GrantFactory(scheme=scheme, year=2024, granted=True, amount_granted=Decimal("600"))
    rows = [
        ["Naam", "Regeling", "Jaar", "Verleend"],
        ["A", "Welzijn", "2024", "300"],
        ["B", "Welzijn", "2024", "200"],
    ]
    with pytest.raises(RegisterImportError) as error:
        import_register(read_register(csv_bytes(rows), "r.csv"), municipality=almere)
    assert str(error.value) == (
        "Regel 3: Het subsidieplafond van Welzijn voor 2024 is € 1.000; met deze "
        "subsidie zou € 1.100 verleend zijn, € 100 te veel."
    )
    assert scheme.grants.count() == 1


def test_dry_run_command_saves_nothing(almere, tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_bytes(csv_bytes(REGISTER))
    call_command("import_grants", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "Proefimport, niets opgeslagen: 3 rijen: 3 nieuw" in out
    assert "Totaal verleend: € 1.215.000,50" in out
    assert Grant.objects.count() == 0


def test_command_names_the_bad_rows(almere, tmp_path):
    path = tmp_path / "register.csv"
    path.write_bytes(
        csv_bytes([["Naam", "Regeling", "Jaar", "Verleend"], ["A", "", "2024", "1"]])
    )
    with pytest.raises(CommandError, match="Regel 2: de regeling ontbreekt."):
        call_command("import_grants", str(path), "--gemeente", "GM0034")


def test_command_needs_the_municipality_when_there_are_several(almere, tmp_path):
    MunicipalityFactory()
    path = tmp_path / "register.csv"
    path.write_bytes(csv_bytes(REGISTER))
    with pytest.raises(CommandError, match="--gemeente"):
        call_command("import_grants", str(path))


def test_amsterdam_register(tmp_path, capsys, django_assert_max_num_queries):
    """A real register: 2,691 rows, € 427,419,075 granted; twice is unchanged."""
    Municipality.objects.create(cbs_code="GM0363", name="Amsterdam", slug="amsterdam")
    with django_assert_max_num_queries(40):
        call_command("import_grants", str(AMSTERDAM_REGISTER), "--gemeente", "GM0363")
    out = capsys.readouterr().out
    assert "2691 rijen: 2691 nieuw, 0 bijgewerkt, 0 ongewijzigd." in out
    assert "Totaal verleend: € 427.419.075" in out
    assert Grant.objects.count() == 2691
    assert Grant.objects.filter(status=GrantStatus.REFUSED).count() == 454
    assert sum(g.amount_granted for g in Grant.objects.all()) == Decimal("427419075")
    assert Theme.objects.filter(name="Welzijn en Zorg").exists()

    call_command("import_grants", str(AMSTERDAM_REGISTER), "--gemeente", "GM0363")
    assert (
        "2691 rijen: 0 nieuw, 0 bijgewerkt, 2691 ongewijzigd."
        in capsys.readouterr().out
    )
    assert Grant.objects.count() == 2691


def test_3000_rows_import_in_bulk(almere, django_assert_max_num_queries):
    """The number of queries does not grow with the rows (3,000 here)."""
    OrganisationFactory(name="Organisatie 7", municipality=almere)
    header = [
        "Ontvanger",
        "Doel",
        "Regeling",
        "Thema",
        "Jaar",
        "Aangevraagd",
        "Verleend",
    ]
    rows = [header] + [
        [
            f"Organisatie {n % 700}",
            f"Activiteit {n}",
            f"Regeling {n % 40}",
            f"Thema {n % 12}",
            "2025",
            f"€ {1000 + n}",
            f"{1000 + n}" if n % 10 else "0",
        ]
        for n in range(3000)
    ]
    table = read_register(csv_bytes(rows), "r.csv")
    with django_assert_max_num_queries(30):
        plan = import_register(table, municipality=almere)
    assert plan.created == 3000
    assert Grant.objects.count() == 3000
    assert Organisation.objects.count() == 700
    assert len(plan.matched_organisations) == 1
    # Updating all of them is bulk as well.
    for row in rows[1:]:
        row[6] = str(int(row[6]) + 1) if row[6] != "0" else "0"
    table = read_register(csv_bytes(rows), "r.csv")
    with django_assert_max_num_queries(30):
        plan = import_register(table, municipality=almere)
    assert (plan.updated, plan.unchanged) == (2700, 300)


def test_the_grant_spreadsheet_reads_dutch_amounts_and_refuses_going_back(almere):
    """The admin's own grant import (django-import-export) on the same rules."""
    import tablib

    from policy.subsidies.resources import GrantResource

    grant = GrantFactory(reference="SUB-1", granted=True)
    headers = ["reference", "scheme", "organisation", "year", "purpose", "status"]
    headers += ["amount_requested", "amount_granted"]
    row = [
        "SUB-1",
        grant.scheme.slug,
        grant.organisation.slug,
        "2024",
        "Buurtkamer",
        "verleend",
        "€ 25.000",
        "20.500,50",
    ]
    result = GrantResource().import_data(tablib.Dataset(row, headers=headers))
    assert not result.has_validation_errors() and not result.has_errors()
    grant.refresh_from_db()
    assert grant.amount_granted == Decimal("20500.50")
    assert grant.amount_requested == Decimal("25000.00")

    row[5] = "aangevraagd"
    result = GrantResource().import_data(tablib.Dataset(row, headers=headers))
    assert result.has_validation_errors()
    (invalid,) = result.invalid_rows
    assert "Een subsidie kan niet van verleend naar aangevraagd" in str(
        invalid.error_dict
    )
    grant.refresh_from_db()
    assert grant.status == GrantStatus.GRANTED
