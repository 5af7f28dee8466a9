"""'Verstuur naar de adviesraad': an action on the policy admin's framework versions.

Policy may not import advisories, so this app adds the action to the ModelAdmins
policy registered (its admin module is imported first: INSTALLED_APPS order).
"""

from django.contrib import admin, messages
from django.contrib.admin.exceptions import NotRegistered
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from policy.models import FrameworkVersion, PolicyFramework

from ..services import advice_request_send_version


def _send_versions(modeladmin, request, versions) -> None:
    created = existing = 0
    for version in versions:
        try:
            results = advice_request_send_version(version=version)
        except ValidationError as error:
            modeladmin.message_user(
                request, f"{version}: {' '.join(error.messages)}", messages.ERROR
            )
            continue
        for _request, is_new in results:
            created += is_new
            existing += not is_new
    if created:
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d adviesaanvraag verstuurd naar de adviesraad.",
                "%(count)d adviesaanvragen verstuurd naar de adviesraad.",
                created,
            )
            % {"count": created},
            messages.SUCCESS,
        )
    if existing:
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d versie lag al bij de adviesraad; er is geen tweede "
                "aanvraag gemaakt.",
                "%(count)d versies lagen al bij de adviesraad; er zijn geen tweede "
                "aanvragen gemaakt.",
                existing,
            )
            % {"count": existing},
            messages.WARNING,
        )


@admin.action(
    description=_("Verstuur naar de adviesraad"),
    permissions=["send_to_council"],
)
def send_version_to_council(modeladmin, request, queryset) -> None:
    _send_versions(modeladmin, request, queryset.select_related("framework"))


@admin.action(
    description=_("Verstuur naar de adviesraad"),
    permissions=["send_to_council"],
)
def send_latest_version_to_council(modeladmin, request, queryset) -> None:
    """The framework's newest version goes to the council."""
    versions = []
    for framework in queryset:
        version = framework.versions.select_related("framework").order_by("-number")
        if version.first() is None:
            modeladmin.message_user(
                request,
                _("%(framework)s heeft nog geen versie om voor te leggen.")
                % {"framework": framework},
                messages.ERROR,
            )
            continue
        versions.append(version.first())
    _send_versions(modeladmin, request, versions)


def has_send_to_council_permission(request) -> bool:
    return request.user.has_perm("advisories.add_advicerequest")


def _add_action(model, action) -> None:
    model_admin = admin.site.get_model_admin(model)
    model_admin.actions = [*(model_admin.actions or []), action]
    # Django looks up `has_<name>_permission` on the ModelAdmin.
    model_admin.has_send_to_council_permission = has_send_to_council_permission


try:
    _add_action(FrameworkVersion, send_version_to_council)
    _add_action(PolicyFramework, send_latest_version_to_council)
except NotRegistered:  # pragma: no cover - policy admin is absent
    pass
