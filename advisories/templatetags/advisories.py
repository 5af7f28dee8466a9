"""`{% latest_advice %}` for the home page, `|redacted` for published text, and the
rows of the archive's results and of the member dashboard's four lists."""

from collections.abc import Callable
from datetime import date, datetime
from html import escape

from django import template
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from .. import selectors
from ..models import Addressee, Advice, AdviceKind, AdviceRequest

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


def long_dates() -> Callable[[date | None], str]:
    """`long_date()` for the many rows of one list: each month's name is translated
    once, not once per date (the dashboard shows up to three dates a row)."""
    names: dict[int, str] = {}

    def long_date(day: date | None) -> str:
        if day is None:
            return ""
        name = names.get(day.month)
        if name is None:
            name = names[day.month] = str(MONTHS[day.month])
        return f"{day.day} {name} {day.year:04d}"

    return long_date


# The dashboard's rows are built in Python: per row each date, badge and sentence was
# several template steps (the {% blocktranslate %}s alone a fifth of the page). The
# values are escaped with html.escape, as Django's escape() does, without its lazy
# wrapper per value. Each row carries the `portal_url` that DashboardView gives it.


def _card(url: str, heading: str, meta: str) -> str:
    """One <li> of a dashboard list; `meta` is HTML, already escaped."""
    return (
        '<li class="advisories-card">'
        f'<h3 class="utrecht-heading-3"><a class="utrecht-link" href="{escape(url)}">'
        f"{escape(heading)}</a></h3>"
        f'<p class="utrecht-paragraph portal-meta">{meta}</p></li>'
    )


@register.simple_tag
def open_request_items(requests: list[AdviceRequest], today: date) -> SafeString:
    """The <li>s of the dashboard's open requests: received, deadline, and a badge
    when the deadline has passed."""
    long_date = long_dates()
    received = gettext("Ontvangen %(received)s")
    by = gettext("uiterlijk %(deadline)s")
    late = ' <span class="advisories-badge advisories-badge--late">{}</span>'.format(
        escape(gettext("termijn verstreken"))
    )
    items = []
    for advice_request in requests:
        meta = received % {"received": escape(long_date(advice_request.received_on))}
        deadline = advice_request.deadline
        if deadline:
            meta += " · <strong>{}</strong>{}".format(
                by % {"deadline": escape(long_date(deadline))},
                late if deadline < today else "",
            )
        items.append(_card(advice_request.portal_url, advice_request.subject, meta))
    return mark_safe("\n".join(items))


def _date_and_time(moment: datetime) -> str:
    """`moment|date:"j F Y H:i"` in the current time zone, as a template shows it."""
    local = timezone.localtime(moment)
    return f"{local.day} {MONTHS[local.month]} {local.year:04d} {local:%H:%M}"


@register.simple_tag
def draft_items(advices: list[Advice]) -> SafeString:
    """The <li>s of the member's own drafts: last saved, and the request or
    "unsolicited"."""
    changed = gettext("Laatst opgeslagen %(changed)s")
    unsolicited = escape(gettext("ongevraagd"))
    items = []
    for advice in advices:
        meta = changed % {"changed": escape(_date_and_time(advice.updated_at))}
        about = escape(advice.request.subject) if advice.request else unsolicited
        items.append(_card(advice.portal_url, advice.title, f"{meta} · {about}"))
    return mark_safe("\n".join(items))


@register.simple_tag
def in_review_items(advices: list[Advice]) -> SafeString:
    """The <li>s of the advice in review: status, author and number of comments.

    Each advice carries the `comment_count` of `selectors.dashboard_advice()`."""
    items = []
    for advice in advices:
        author = advice.author
        name = (author.get_full_name() if author is not None else "") or str(author)
        count = advice.comment_count
        by = ngettext(
            "door %(author)s, %(comments)s opmerking",
            "door %(author)s, %(comments)s opmerkingen",
            count,
        ) % {"author": escape(name), "comments": count}
        meta = f"{escape(str(advice.get_status_display()))} · {by}"
        items.append(_card(advice.portal_url, advice.title, meta))
    return mark_safe("\n".join(items))


@register.simple_tag
def sent_advice_rows(advices: list[Advice]) -> SafeString:
    """The <tr>s of the dashboard's sent advice: sent, response due (with a badge
    when overdue) and how many recommendations were answered.

    Each advice carries the counts of `selectors.dashboard_advice()`."""
    long_date = long_dates()
    today = timezone.localdate()
    late = ' <span class="advisories-badge advisories-badge--late">{}</span>'.format(
        escape(gettext("te laat"))
    )
    answered = gettext("%(answered)s van %(total)s beantwoord")
    rows = []
    for advice in advices:
        counts = {
            "answered": advice.response_count,
            "total": advice.recommendation_count,
        }
        rows.append(
            '<tr class="utrecht-table__row">'
            '<td class="utrecht-table__cell"><a class="utrecht-link" '
            f'href="{escape(advice.portal_url)}">{escape(advice.title)}</a></td>'
            f'<td class="utrecht-table__cell">{escape(long_date(advice.sent_on))}</td>'
            '<td class="utrecht-table__cell">'
            f"{escape(long_date(advice.response_due_on) or '–')}"
            f"{late if advice.is_overdue(today) else ''}</td>"
            f'<td class="utrecht-table__cell">{escape(answered % counts)}</td></tr>'
        )
    return mark_safe("\n".join(rows))


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
