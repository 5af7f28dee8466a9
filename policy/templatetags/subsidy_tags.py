"""Template filters of the subsidy pages: amounts in euro the Dutch way."""

from decimal import Decimal

from django import template

from ..models.subsidies import euro as euro_text
from ..subsidies.charts import percent as percent_text

register = template.Library()


@register.filter
def euro(value) -> str:
    """€ 1.234.567 or € 1.234,50, kept on one line; a dash for nothing."""
    if value is None or value == "":
        return "–"
    return euro_text(Decimal(value)).replace("€ ", "€\u00a0")


@register.filter
def percentage(value) -> str:
    if value is None:
        return "–"
    return percent_text(Decimal(value))


@register.filter
def thousands(value) -> str:
    """A whole number with Dutch thousands separators: 12.345."""
    if value is None:
        return "–"
    return f"{int(value):,}".replace(",", ".")
