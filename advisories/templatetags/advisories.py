"""`{% latest_advice %}` for the home page, `|redacted` for published text, and the
rows of the archive's results and of the member dashboard's sent advice."""

from datetime import date

from django import template
from django.utils.dates import MONTHS
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from .. import selectors
from ..models import Addressee, Advice, AdviceKind

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


def long_date(day: date | None) -> str:
    """`day|date:"j F Y"` ("3 november 2023"), without a DateFormat per call."""
    if day is None:
        return ""
    return f"{day.day} {MONTHS[day.month]} {day.year:04d}"


@register.simple_tag
def sent_advice_rows(advices: list[Advice]) -> SafeString:
    """The <tr>s of the dashboard's sent advice, built in Python: per row two dates,
    a badge and a count, each several template steps (a third of the page).

    Each advice carries the counts of `selectors.dashboard_advice()` and the
    `portal_url` that DashboardView gives it."""
    late = format_html(
        ' <span class="advisories-badge advisories-badge--late">{}</span>',
        gettext("te laat"),
    )
    answered = gettext("%(answered)s van %(total)s beantwoord")
    return format_html_join(
        "\n",
        '<tr class="utrecht-table__row">'
        '<td class="utrecht-table__cell"><a class="utrecht-link" href="{}">{}</a></td>'
        '<td class="utrecht-table__cell">{}</td>'
        '<td class="utrecht-table__cell">{}{}</td>'
        '<td class="utrecht-table__cell">{}</td>'
        "</tr>",
        (
            (
                advice.portal_url,
                advice.title,
                long_date(advice.sent_on),
                long_date(advice.response_due_on) or "–",
                late if advice.is_overdue() else "",
                answered
                % {
                    "answered": advice.response_count,
                    "total": advice.recommendation_count,
                },
            )
            for advice in advices
        ),
    )


@register.simple_tag
def archive_result_items(advices: list[Advice]) -> SafeString:
    """The <li>s of the archive's results, built in Python: per advice two labels,
    a date, two sentences, a badge and a snippet, each several template steps.

    Each advice carries the counts of `selectors.archive_page()` and the
    `archive_url` that AdviceArchiveView gives it."""
    kinds = {kind.value: str(kind.label) for kind in AdviceKind}
    addressees = {addressee.value: str(addressee.label) for addressee in Addressee}
    sent_on = gettext("verzonden %(sent)s")
    answered = gettext("%(answered)s van %(total)s aanbevelingen beantwoord")
    late = format_html(
        ' <span class="advisories-badge advisories-badge--late">{}</span>',
        gettext("reactie te laat"),
    )
    return format_html_join(
        "\n",
        '<li class="advisories-card"><h3 class="utrecht-heading-3">'
        '<a class="utrecht-link" href="{}">{}</a></h3>'
        '<p class="utrecht-paragraph portal-meta">{} · {} · {} · {}{}</p>{}</li>',
        (
            (
                advice.archive_url,
                advice.title,
                kinds.get(advice.kind, advice.kind),
                addressees.get(advice.addressee, advice.addressee),
                sent_on % {"sent": long_date(advice.sent_on)},
                answered
                % {
                    "answered": advice.response_count,
                    "total": advice.recommendation_count,
                },
                late if advice.is_overdue() else "",
                format_html(
                    '<p class="utrecht-paragraph advisories-snippet">{}</p>',
                    selectors.highlight(advice.snippet),
                )
                if getattr(advice, "snippet", "")
                else "",
            )
            for advice in advices
        ),
    )
