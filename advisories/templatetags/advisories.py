"""`{% latest_advice %}` for the home page, and `|redacted` for published text."""

from django import template

from .. import selectors
from ..models import Advice

register = template.Library()


@register.inclusion_tag("advisories/includes/latest_advice.html")
def latest_advice(limit: int = 3) -> dict:
    """The most recently sent advice, with how many recommendations were answered."""
    return {"advices": selectors.latest_advice(limit)}


@register.filter
def redacted(text: str, advice: Advice) -> str:
    """`text` with the names listed on a sent advice left out (Woo/AVG)."""
    if not text or not advice.is_sent or not advice.redacted_terms:
        return text
    return selectors.redact(text, advice.redacted_terms)


@register.filter
def highlighted(snippet: str) -> str:
    """A search snippet, escaped, with the matched words in <mark>."""
    return selectors.highlight(snippet or "")
