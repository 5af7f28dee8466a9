"""Reads of the council members' portal: their councils, open requests and dashboard."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import (
    Count,
    F,
    Q,
    QuerySet,
)

from ..models import (
    SENT_STATUSES,
    Advice,
    AdviceRequest,
    AdviceStatus,
)


def council_ids_of(user: AbstractBaseUser) -> list[int]:
    from ..permissions import current_memberships

    return list(current_memberships(user).values_list("council_id", flat=True))


# The dashboard's views already hold the member's councils (MemberRequiredMixin):
# each selector takes them as `council_ids` instead of asking the database again.
CouncilIds = list[int] | None


def _councils(user: AbstractBaseUser, council_ids: CouncilIds) -> list[int]:
    return council_ids_of(user) if council_ids is None else council_ids


def open_requests_for(
    user: AbstractBaseUser, council_ids: CouncilIds = None
) -> QuerySet[AdviceRequest]:
    """Requests to the member's councils not yet answered with a sent advice, with
    what the dashboard shows of them (no joins it does not need)."""
    # exclude() across the reverse relation is a NOT EXISTS: no duplicate rows.
    return (
        AdviceRequest.objects.filter(council__in=_councils(user, council_ids))
        .exclude(advices__status__in=SENT_STATUSES)
        .only("subject", "received_on", "deadline")
        .order_by(F("deadline").asc(nulls_last=True), "-received_on")
    )


def requests_for(
    user: AbstractBaseUser, council_ids: CouncilIds = None
) -> QuerySet[AdviceRequest]:
    return (
        AdviceRequest.objects.filter(council__in=_councils(user, council_ids))
        .select_related("council", "framework_version__framework")
        .annotate(
            sent_count=Count(
                "advices", filter=Q(advices__status__in=SENT_STATUSES), distinct=True
            ),
            document_count=Count("documents", distinct=True),
        )
        .order_by("-received_on")
    )


@dataclass(frozen=True)
class DashboardAdvice:
    drafts: list[Advice]
    in_review: list[Advice]
    sent: list[Advice]


# What the dashboard shows of an advice, its request and its author (and sorts by):
# every further column is read, sorted and grouped by PostgreSQL and set on a model
# instance for each of the rows.
_DASHBOARD_FIELDS = (
    "title",
    "status",
    "updated_at",
    "sent_on",
    "response_due_on",
    "request__subject",
    "author__username",
    "author__first_name",
    "author__last_name",
)


def dashboard_advice(
    user: AbstractBaseUser, council_ids: CouncilIds = None, *, sent_limit: int = 20
) -> DashboardAdvice:
    """The member's own drafts, the submitted and adopted advice of the member's
    councils (both last changed first) and their newest `sent_limit` sent advice
    (last sent first), in one query.

    Three querysets cost three round trips and three compilations for a handful of
    rows each. The counts are one join and GROUP BY over the rows shown only (the
    drafts, the advice in review and at most `sent_limit` sent ones).
    """
    councils = _councils(user, council_ids)
    newest_sent = (
        Advice.objects.filter(council__in=councils, status__in=SENT_STATUSES)
        .order_by("-sent_on", "-pk")
        .values("pk")[:sent_limit]
    )
    rows = (
        Advice.objects.filter(council__in=councils)
        .filter(
            Q(status=AdviceStatus.DRAFT, author=user)
            | Q(status__in=[AdviceStatus.SUBMITTED, AdviceStatus.ADOPTED])
            | Q(pk__in=newest_sent)
        )
        .select_related("author", "request")
        .only(*_DASHBOARD_FIELDS)
        .annotate(
            recommendation_count=Count("recommendations", distinct=True),
            response_count=Count("recommendations__response", distinct=True),
            comment_count=Count("comments", distinct=True),
        )
        .order_by("-updated_at", "-pk")
    )
    drafts, in_review, sent = [], [], []
    for advice in rows:
        if advice.status == AdviceStatus.DRAFT:
            drafts.append(advice)
        elif advice.status in SENT_STATUSES:
            sent.append(advice)
        else:
            in_review.append(advice)
    sent.sort(key=lambda advice: (advice.sent_on, advice.pk), reverse=True)
    return DashboardAdvice(drafts=drafts, in_review=in_review, sent=sent)
