"""What the staff login and the member portal's login share: a user name of bounded
length, and a lockout per address across user names besides the one per user name and
address (django-axes)."""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

USERNAME_TOO_LONG = _("Een gebruikersnaam heeft hoogstens %(limit_value)d tekens.")


class BoundedUsernameMixin:
    """Refuses a user name longer than an account can have before authenticate() runs.

    ``AuthenticationForm`` sets the field's ``max_length`` after the field was built, so
    no length validator exists and any length reaches authenticate(), where the lockout
    stores it in a 255-character column.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(
            MaxLengthValidator(field.max_length, message=USERNAME_TOO_LONG)
        )


class RefusedLoginMixin:
    """A refused login marks its fields invalid and drops the autofocus, so the focus
    goes to the error summary (static/js/page-focus.js) instead of past it.

    A wrong password is an error of the whole form, which Django does not mark on any
    field; a screen reader then reads every field of the login as invalid.
    """

    def add_error(self, field, error) -> None:
        # Cleaning adds its errors here, and so does a view that refuses a valid form.
        super().add_error(field, error)
        refused = bool(self.non_field_errors())
        for form_field in self.fields.values():
            form_field.widget.attrs.pop("autofocus", None)
            if refused:
                form_field.widget.attrs["aria-invalid"] = "true"


class MemberLoginForm(BoundedUsernameMixin, RefusedLoginMixin, AuthenticationForm):
    """The member portal's login form."""


class StaffLoginForm(BoundedUsernameMixin, RefusedLoginMixin, AdminAuthenticationForm):
    """The admin's login form (staff only; the second factor follows)."""


class AddressLockoutHandler(AxesDatabaseHandler):
    """django-axes' database handler with a second, higher limit per address.

    Axes compares all its lockout parameters with one limit, so trying one password on
    many user names (password spraying) from one address is never locked by the limit
    per user name and address alone. Here the failures from the address, whatever the
    user names, lock the address too once they reach ``AXES_ADDRESS_FAILURE_LIMIT``
    within the cool-off time.
    """

    def get_failures(self, request, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        if self.address_failures(request) >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            # Axes locks when this number reaches AXES_FAILURE_LIMIT.
            return max(failures, settings.AXES_FAILURE_LIMIT)
        return failures

    @staticmethod
    def address_failures(request) -> int:
        address = getattr(request, "axes_ip_address", None)
        if not address:
            return 0
        return (
            AccessAttempt.objects.filter(
                ip_address=address,
                attempt_time__gte=get_cool_off_threshold(request),
            ).aggregate(total=Sum("failures_since_start"))["total"]
            or 0
        )
