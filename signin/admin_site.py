"""The admin site of the portal: staff need a second factor before any admin page.

`SecondFactorAdminConfig` replaces ``django.contrib.admin`` in INSTALLED_APPS, so
``admin.site`` (where every app registers its models) is a `SecondFactorAdminSite`.
"""

from urllib.parse import urlencode

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def is_verified(user) -> bool:
    """True once the user proved a second factor in this session (django-otp)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def needs_second_factor(request: HttpRequest) -> bool:
    """A logged-in active staff member who has not yet given a second factor."""
    user = request.user
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and not is_verified(user)
    )


def safe_next(request: HttpRequest, candidate: str | None) -> str:
    """``candidate`` if it points into this site, else the admin index."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    ):
        return candidate
    return reverse("admin:index")


def second_factor_redirect(request: HttpRequest, next_url: str | None):
    """Send the user to verify (or first set up) the second factor, then on to next."""
    query = urlencode({"next": safe_next(request, next_url)})
    return HttpResponseRedirect(f"{reverse('two_factor:verify')}?{query}")


class SecondFactorAdminSite(AdminSite):
    @property
    def login_form(self):
        # Imported here: this module loads while the app registry is still filling.
        from core.logins import StaffLoginForm

        return StaffLoginForm

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and is_verified(request.user)

    def login(self, request, extra_context=None):
        if needs_second_factor(request):
            return second_factor_redirect(request, request.GET.get("next"))
        return super().login(request, extra_context)


class SecondFactorAdminConfig(AdminConfig):
    default_site = "signin.admin_site.SecondFactorAdminSite"
