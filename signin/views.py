"""Pages where staff set up and give their second factor before the admin opens."""

import django_otp
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from . import services
from .admin_site import is_verified, safe_next, second_factor_redirect
from .forms import SetupTokenForm, TokenForm
from .signals import second_factor_failed, second_factor_verified


def _staff_only(request: HttpRequest):
    """A redirect to the admin login for visitors who are not logged-in staff."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if not (user.is_active and user.is_staff):
        raise PermissionDenied
    return None


def _context(request: HttpRequest, **extra):
    return {**admin.site.each_context(request), **extra}


def _signed_in_with(request: HttpRequest, device, view) -> None:
    """Record the device in the session, give the now stronger session a new id and say
    so to whoever listens (the audit log keeps track of sessions by their key)."""
    django_otp.login(request, device)
    previous_key = request.session.session_key
    request.session.cycle_key()
    second_factor_verified.send(
        sender=view,
        request=request,
        user=request.user,
        device=device,
        previous_session_key=previous_key,
    )


@never_cache
@sensitive_post_parameters("token")
def verify(request: HttpRequest):
    if (response := _staff_only(request)) is not None:
        return response
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if is_verified(request.user):
        return HttpResponseRedirect(next_url)
    if not services.has_second_factor(request.user):
        return HttpResponseRedirect(
            f"{reverse('two_factor:setup')}?{request.GET.urlencode()}"
        )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.verify_second_factor(
                request.user, form.cleaned_data["token"]
            )
        except services.Throttled:
            device = None
            form.add_error(
                "token",
                _(
                    "Te veel onjuiste codes achter elkaar. Wacht even en probeer het opnieuw."
                ),
            )
        else:
            if device is None:
                form.add_error("token", _("Deze code klopt niet of is al gebruikt."))
        if device is not None:
            _signed_in_with(request, device, verify)
            return HttpResponseRedirect(next_url)
        second_factor_failed.send(sender=verify, request=request, user=request.user)
    return render(
        request,
        "two_factor/verify.html",
        _context(request, form=form, next=next_url, title=_("Tweestapsverificatie")),
    )


@never_cache
@sensitive_post_parameters("token")
def setup(request: HttpRequest):
    if (response := _staff_only(request)) is not None:
        return response
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if services.has_second_factor(request.user):
        # A second device is only set up after giving the first one.
        return second_factor_redirect(request, next_url)
    device = services.pending_totp_device(request.user)
    form = SetupTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.confirm_totp_device(request.user, form.cleaned_data["token"])
        if codes is not None:
            device.refresh_from_db()
            _signed_in_with(request, device, setup)
            return render(
                request,
                "two_factor/backup_codes.html",
                _context(
                    request,
                    codes=codes,
                    next=next_url,
                    fresh=True,
                    title=_("Uw noodcodes"),
                ),
            )
        form.add_error(
            "token",
            _(
                "Deze code klopt niet. Controleer de tijd op uw telefoon en probeer de nieuwe code."
            ),
        )
    return render(
        request,
        "two_factor/setup.html",
        _context(
            request,
            form=form,
            next=next_url,
            qr_code=services.qr_code_data_uri(device),
            secret=services.secret_for_typing(device),
            title=_("Tweestapsverificatie instellen"),
        ),
    )


@never_cache
def backup_codes(request: HttpRequest):
    if (response := _staff_only(request)) is not None:
        return response
    if not is_verified(request.user):
        return second_factor_redirect(request, request.get_full_path())
    fresh = False
    if request.method == "POST":
        codes = services.regenerate_backup_codes(request.user)
        fresh = True
    else:
        codes = services.remaining_backup_codes(request.user)
    return render(
        request,
        "two_factor/backup_codes.html",
        _context(
            request,
            codes=codes,
            fresh=fresh,
            next=reverse("admin:index"),
            title=_("Uw noodcodes"),
        ),
    )
