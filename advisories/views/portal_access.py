"""Who may see what in the member portal: membership of a council, checked per object;
a refusal is logged and answered with 404, so nobody learns what another member drafts.
"""

import logging
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from .. import permissions
from ..models import (
    Advice,
)

logger = logging.getLogger("advisories.portal")
LOGIN_URL = reverse_lazy("advisories:portal-login")


def refuse(request, what: str, pk: Any) -> Http404:
    """Log an attempt to reach something that is not the person's, and hide it."""
    logger.warning(
        "Geweigerd: gebruiker %s vroeg %s %s op (%s)",
        request.user.pk,
        what,
        pk,
        request.path,
    )
    return Http404(_("Niet gevonden."))


class MemberRequiredMixin(LoginRequiredMixin):
    """Logged in through the portal's own login, and a current council member."""

    login_url = LOGIN_URL

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.memberships = list(
            permissions.current_memberships(request.user).select_related("council")
        )
        if not self.memberships:
            raise PermissionDenied(_("Dit portaal is voor leden van de adviesraad."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("memberships", self.memberships)
        return super().get_context_data(**kwargs)


class AdviceObjectMixin(MemberRequiredMixin):
    """Finds the advice of the URL and checks the person may see it."""

    def get_advice(self) -> Advice:
        advice = get_object_or_404(
            Advice.objects.select_related("council", "author", "request"),
            pk=self.kwargs["pk"],
        )
        if not permissions.can_view_advice(self.request.user, advice):
            raise refuse(self.request, "advies", advice.pk)
        return advice
