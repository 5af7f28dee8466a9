"""Writes on grants: status changes along aangevraagd → verleend → vastgesteld."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Grant, GrantStatus
from ..models.subsidies import GRANT_TRANSITIONS


def transition_error(current: str, to_status: str) -> ValidationError:
    allowed = GRANT_TRANSITIONS.get(current, ())
    if allowed:
        hint = _("Vanaf %(current)s kan het naar: %(allowed)s.") % {
            "current": GrantStatus(current).label.lower(),
            "allowed": ", ".join(GrantStatus(s).label.lower() for s in allowed),
        }
    else:
        hint = _("%(current)s is een eindstatus.") % {
            "current": GrantStatus(current).label
        }
    return ValidationError(
        _("Een subsidie kan niet van %(current)s naar %(new)s. %(hint)s")
        % {
            "current": GrantStatus(current).label.lower(),
            "new": GrantStatus(to_status).label.lower(),
            "hint": hint,
        },
        code="invalid_transition",
    )


def check_transition(current: str, to_status: str) -> None:
    """Raise a ValidationError unless a grant may go from `current` to `to_status`."""
    if current != to_status and to_status not in GRANT_TRANSITIONS.get(current, ()):
        raise transition_error(current, to_status)


@transaction.atomic
def grant_change_status(
    *,
    grant: Grant,
    to_status: str,
    on: date,
    amount: Decimal | None = None,
) -> Grant:
    """Move a grant on: grant it (with the amount granted), settle it (with the amount
    settled), refuse or withdraw it. Checks the transition and the scheme's ceiling."""
    grant = Grant.objects.select_for_update().select_related("scheme").get(pk=grant.pk)
    to_status = GrantStatus(to_status)
    if to_status == grant.status:
        raise ValidationError(
            _("De subsidie is al %(status)s.")
            % {"status": GrantStatus(to_status).label.lower()},
            code="same_status",
        )
    check_transition(grant.status, to_status)
    if to_status == GrantStatus.GRANTED:
        amount = amount if amount is not None else grant.amount_granted
        if amount is None or amount <= 0:
            raise ValidationError(
                _("Vul het verleende bedrag in om de subsidie te verlenen."),
                code="amount_required",
            )
        grant.amount_granted = amount
        grant.decided_on = on
    elif to_status == GrantStatus.SETTLED:
        amount = amount if amount is not None else grant.amount_settled
        if amount is None:
            raise ValidationError(
                _("Vul het vastgestelde bedrag in om de subsidie vast te stellen."),
                code="amount_required",
            )
        grant.amount_settled = amount
    elif to_status == GrantStatus.REFUSED:
        grant.amount_granted = Decimal(0)
        grant.decided_on = on
    grant.status = to_status
    grant.full_clean()
    grant.save(
        update_fields=["status", "amount_granted", "amount_settled", "decided_on"]
    )
    return grant
