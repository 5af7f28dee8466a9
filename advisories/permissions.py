"""Who may see and do what with an advice in the member portal.

Each check answers for one person and one object; the views turn a refusal into a
404 so that nobody learns what exists in another member's drafts.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from .models import (
    Advice,
    AdviceRequest,
    AdviceStatus,
    AdvisoryCouncil,
    MemberRole,
    Membership,
)


def current_memberships(user: AbstractBaseUser | AnonymousUser):
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.current().filter(user=user)


def is_member(user: AbstractBaseUser | AnonymousUser, council: AdvisoryCouncil) -> bool:
    return current_memberships(user).filter(council=council).exists()


def is_chair(user: AbstractBaseUser | AnonymousUser, council: AdvisoryCouncil) -> bool:
    return (
        current_memberships(user)
        .filter(council=council, role=MemberRole.CHAIR)
        .exists()
    )


def can_view_request(user: AbstractBaseUser, request: AdviceRequest) -> bool:
    return is_member(user, request.council)


def can_view_advice(user: AbstractBaseUser, advice: Advice) -> bool:
    """A draft is its author's alone; from submission on the council reads it."""
    if advice.status == AdviceStatus.DRAFT:
        return advice.author_id == user.pk and is_member(user, advice.council)
    return is_member(user, advice.council)


def can_edit_advice(user: AbstractBaseUser, advice: Advice) -> bool:
    return advice.status == AdviceStatus.DRAFT and advice.author_id == user.pk


def can_comment(user: AbstractBaseUser, advice: Advice) -> bool:
    return advice.status == AdviceStatus.SUBMITTED and is_member(user, advice.council)
