"""The public money pages are valid HTML, by the Nu HTML Checker (vnu.jar): the budget
page draws each chart twice (wide and stacked), so ids and SVG markup are checked.

Skipped where Java or npm's vnu-jar is missing, as in tests/neighbourhoods/.
"""

import json
import shutil
import subprocess
from decimal import Decimal
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings

from policy.models import BudgetCategory
from testdata.neighbourhoods import (
    MunicipalityFactory,
    NeighbourhoodFactory,
    PopulationFactory,
)
from testdata.policy import (
    BudgetLineFactory,
    CutFactory,
    GrantFactory,
    PolicyFrameworkFactory,
    SubsidySchemeFactory,
)

pytestmark = pytest.mark.django_db

VNU = (
    Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)
JAVA = shutil.which("java")


@pytest.mark.skipif(not (JAVA and VNU.exists()), reason="needs Java and npm's vnu-jar")
def test_budget_page_and_register_are_valid_html(client, tmp_path):
    almere = MunicipalityFactory(name="Almere", slug="almere")
    wijk = NeighbourhoodFactory(municipality=almere, name="Haven")
    PopulationFactory(municipality=almere, neighbourhood=wijk, year=2024)
    framework = PolicyFrameworkFactory(municipality=almere, adopted=True)
    scheme = SubsidySchemeFactory(
        municipality=almere,
        framework=framework,
        category=BudgetCategory.BUILDINGS,
        ceiling=None,
    )
    BudgetLineFactory(framework=framework, year=2024, amount=Decimal("800000"))
    CutFactory(framework=framework, year=2023, amount=Decimal("100000"))
    GrantFactory(
        scheme=scheme,
        year=2024,
        granted=True,
        amount_granted=Decimal("50000"),
        neighbourhood=wijk,
    )
    pages = ["/subsidies/begroting/", "/subsidies/"]
    files = []
    for number, url in enumerate(pages):
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, url
        path = tmp_path / f"page-{number}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    budget_page = Path(files[0]).read_text(encoding="utf-8")
    assert budget_page.count("portal-chart__image--stacked") == 5

    result = subprocess.run(
        [JAVA, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{pages[files.index(m['url'].removeprefix('file:'))]}: line "
        f"{m.get('lastLine')}: {m['message']}"
        for m in messages
    ]
    assert not errors, "\n".join(errors)
