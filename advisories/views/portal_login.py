"""Signing in to the member portal and resetting a forgotten password."""

from http import HTTPStatus

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import reverse, reverse_lazy

from audit.context import client_ip
from core.throttle import over_limit, throttle_key

from ..forms import (
    PASSWORD_RESET_THROTTLED,
    MemberPasswordResetForm,
    PortalLoginForm,
)
from .portal_access import LOGIN_URL


class PortalLoginView(auth_views.LoginView):
    """The members' own login page (not the admin's)."""

    template_name = "advisories/portal/login.html"
    authentication_form = PortalLoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse("advisories:portal-dashboard")


class PortalLogoutView(auth_views.LogoutView):
    """Log out (POST only) and come back to the login page."""

    next_page = LOGIN_URL


def too_many_reset_requests(*, email: str, address: str | None) -> bool:
    """Count a reset request for the e-mail address and the client's address; True
    when either asked more often in the past hour than settings allow."""
    hour = 60 * 60
    for_email = over_limit(
        throttle_key("password-reset-email", email),
        limit=settings.PASSWORD_RESET_HOURLY_PER_EMAIL,
        window=hour,
    )
    for_address = address is not None and over_limit(
        throttle_key("password-reset-ip", address),
        limit=settings.PASSWORD_RESET_HOURLY_PER_IP,
        window=hour,
    )
    return for_email or for_address


class PortalPasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link by e-mail; a few an hour per e-mail and per client address."""

    form_class = MemberPasswordResetForm
    template_name = "advisories/portal/password_reset_form.html"
    email_template_name = "advisories/email/password_reset.txt"
    subject_template_name = "advisories/email/password_reset_subject.txt"
    success_url = reverse_lazy("advisories:portal-password-reset-done")

    def form_valid(self, form):
        if too_many_reset_requests(
            email=form.cleaned_data["email"], address=client_ip(self.request)
        ):
            form.add_error("email", PASSWORD_RESET_THROTTLED)
            return self.render_to_response(
                self.get_context_data(form=form), status=HTTPStatus.TOO_MANY_REQUESTS
            )
        return super().form_valid(form)


class PortalPasswordResetDoneView(auth_views.PasswordResetDoneView):
    """Tell the member to look in their mailbox."""

    template_name = "advisories/portal/password_reset_done.html"


class PortalPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choose a new password from the link in the e-mail."""

    template_name = "advisories/portal/password_reset_confirm.html"
    success_url = reverse_lazy("advisories:portal-password-reset-complete")


class PortalPasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    """The new password is set."""

    template_name = "advisories/portal/password_reset_complete.html"
