"""Demo budget (`manage.py seed --demo`): fictional budget lines and cuts so that
/subsidies/begroting/ has something to show. None of it comes from the sources.

Only adopted frameworks get lines (a budget belongs to adopted policy, and concept
frameworks are not public); every description starts with DEMO_LABEL.
"""

from collections import Counter
from decimal import Decimal

from .models import BudgetCategory, BudgetLine, Cut, PolicyFramework
from .seed import ALMERE_SOCIAL_DOMAIN, AMERSFOORT_VISION

DEMO_LABEL = "Voorbeeldgegevens"

# (framework, years, {category: (description, amount in the first year)}); each
# later year grows 2 %, as a budget indexed for wages and prices would.
DEMO_BUDGETS = [
    (
        AMERSFOORT_VISION,
        range(2011, 2016),
        {
            BudgetCategory.BUILDINGS: ("exploitatie wijkcentra", Decimal(1_850_000)),
            BudgetCategory.FUNCTIONS: ("welzijnsfuncties", Decimal(3_200_000)),
            BudgetCategory.INITIATIVES: ("bewonersinitiatieven", Decimal(240_000)),
        },
    ),
    (
        ALMERE_SOCIAL_DOMAIN,
        range(2019, 2023),
        {
            BudgetCategory.BUILDINGS: ("exploitatie buurtcentra", Decimal(2_600_000)),
            BudgetCategory.FUNCTIONS: ("welzijnswerk", Decimal(6_900_000)),
            BudgetCategory.INITIATIVES: ("buurtinitiatieven", Decimal(450_000)),
            BudgetCategory.OTHER: ("mantelzorgondersteuning", Decimal(780_000)),
        },
    ),
]
# (framework, year, category, amount, realised): the taakstelling on buildings.
DEMO_CUTS = [
    (AMERSFOORT_VISION, 2013, BudgetCategory.BUILDINGS, Decimal(150_000), True),
    (AMERSFOORT_VISION, 2015, BudgetCategory.BUILDINGS, Decimal(300_000), False),
    (ALMERE_SOCIAL_DOMAIN, 2021, BudgetCategory.FUNCTIONS, Decimal(250_000), False),
]


def _demo(text: str) -> str:
    return f"{DEMO_LABEL}: {text}"


def load_demo() -> dict[str, int]:
    """Add the demo budget lines and cuts; run after `load()`. Idempotent."""
    seeded: Counter[str] = Counter()
    frameworks = {
        framework.slug: framework
        for framework in PolicyFramework.objects.filter(
            slug__in=[slug for slug, _years, _lines in DEMO_BUDGETS]
        )
    }
    for slug, years, lines in DEMO_BUDGETS:
        framework = frameworks.get(slug)
        if framework is None:
            continue
        for index, year in enumerate(years):
            for category, (description, amount) in lines.items():
                grown = (amount * Decimal("1.02") ** index).quantize(Decimal(1000))
                BudgetLine.objects.update_or_create(
                    framework=framework,
                    year=year,
                    category=category,
                    description=_demo(description),
                    defaults={"amount": grown},
                )
                seeded[BudgetLine._meta.label] += 1
    for slug, year, category, amount, realised in DEMO_CUTS:
        framework = frameworks.get(slug)
        if framework is None:
            continue
        Cut.objects.update_or_create(
            framework=framework,
            year=year,
            category=category,
            description=_demo("minder vierkante meters per wijkcentrum"),
            defaults={"amount": amount, "is_realised": realised},
        )
        seeded[Cut._meta.label] += 1
    return dict(seeded)
