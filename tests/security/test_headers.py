"""Security headers on every response, the admin included: a strict Content-Security-Policy
(django-csp), X-Frame-Options, Referrer-Policy, Permissions-Policy,
Cross-Origin-Resource-Policy; and pages that keep to
the CSP (no inline scripts, styles or event handlers)."""

import json
import os
import re
import subprocess
import sys
from http import HTTPStatus

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import Client
from django.urls import NoReverseMatch, reverse

from tests.security.test_fuzz import PUBLIC
from tests.security.test_fuzz import content as content  # noqa: F401, PLC0414

pytestmark = pytest.mark.django_db

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def parse_csp(header: str) -> dict[str, str]:
    directives = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        if name:
            directives[name] = value.strip()
    return directives


def assert_security_headers(response, path):
    csp = parse_csp(response["Content-Security-Policy"])
    for name, value in EXPECTED_CSP.items():
        if name == "script-src":
            assert re.fullmatch(r"'self'( 'nonce-[\w+/=-]+')?", csp[name]), (path, csp)
        else:
            assert csp[name] == value, (path, name, csp[name])
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header, path
    assert response["X-Frame-Options"] == "DENY", path
    assert response["Referrer-Policy"] == "same-origin", path
    assert response["X-Content-Type-Options"] == "nosniff", path
    assert "camera=()" in response["Permissions-Policy"], path
    assert "geolocation=()" in response["Permissions-Policy"], path
    assert response["Cross-Origin-Resource-Policy"] == "same-origin", path


INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*\bnonce=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>",
    re.I,
)
INLINE_STYLE = re.compile(r"<style(?![^>]*\bnonce=)[^>]*>|\sstyle=\"", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+=\"", re.I)


def assert_keeps_to_the_csp(html: str, path: str):
    for pattern in (INLINE_SCRIPT, INLINE_STYLE, EVENT_HANDLER):
        match = pattern.search(html)
        assert match is None, (
            f"{path}: {html[max(0, match.start() - 80) : match.end() + 80]}"
        )
    for nonce in re.findall(r'nonce="([^"]*)"', html):
        assert nonce, path


def public_paths(real: dict) -> list[str]:
    paths = []
    for _route, name, pattern in PUBLIC:
        kwargs = {}
        for key, converter in pattern.pattern.converters.items():
            kind = type(converter).__name__
            kwargs[key] = (
                (real["int"] or [1])[0]
                if kind == "IntConverter"
                else (real["slug"] or ["x"])[0]
            )
        try:
            paths.append(reverse(name, kwargs=kwargs))
        except NoReverseMatch:
            continue
    return paths


def test_every_public_page_has_the_headers_and_no_inline_code(content):  # noqa: F811
    client = Client()
    checked = 0
    for path in public_paths(content) + ["/bestaat-niet/"]:
        response = client.get(path)
        assert response.status_code < 500, path
        assert_security_headers(response, path)
        if not response.streaming and "html" in response.get("Content-Type", ""):
            assert_keeps_to_the_csp(response.content.decode(), path)
            checked += 1
    assert checked >= 5


def test_the_admin_has_the_headers_and_no_inline_code(admin_client):
    pages = [
        reverse("admin:index"),
        reverse("admin:login"),
        reverse("two_factor:verify"),
    ]
    for model in admin.site._registry:
        info = model._meta.app_label, model._meta.model_name
        pages.append(reverse("admin:{}_{}_changelist".format(*info)))
        pages.append(reverse("admin:{}_{}_add".format(*info)))
    for path in pages:
        response = admin_client.get(path)
        assert response.status_code < 500, path
        assert_security_headers(response, path)
        if response.status_code == HTTPStatus.OK:
            assert_keeps_to_the_csp(response.content.decode(), path)


def test_static_files_may_not_be_embedded_by_other_sites(client):
    # Answered by WhiteNoise, before most middleware runs.
    response = client.get(settings.STATIC_URL + "css/portal.css")

    assert response.status_code == HTTPStatus.OK
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_the_login_and_second_factor_pages_have_the_headers(official):
    client = Client()
    assert_security_headers(client.get(reverse("admin:login")), "login")
    client.force_login(official)
    response = client.get(reverse("two_factor:verify"))
    assert response.status_code == HTTPStatus.OK
    assert_security_headers(response, "verify")
    assert_keeps_to_the_csp(response.content.decode(), "verify")


def test_a_nonce_is_offered_to_templates_and_sent_when_used(rf):
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse
    from django.template import engines

    template = engines["django"].from_string(
        '<script nonce="{{ request.csp_nonce }}" src="/static/x.js"></script>'
    )

    def view(request):
        return HttpResponse(template.render({}, request))

    request = rf.get("/")
    response = CSPMiddleware(view)(request)
    nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def settings_in_a_fresh_process(extra_env: dict) -> dict:
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps({k: [str(s) for s in v] for k, v in "
        "settings.CONTENT_SECURITY_POLICY['DIRECTIVES'].items()}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "welzijn.settings.test",
            **extra_env,
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_map_tiles_may_load_from_the_configured_tile_server_only():
    with_tiles = settings_in_a_fresh_process(
        {"MAP_TILE_URL": "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"}
    )
    plain = settings_in_a_fresh_process(
        {
            "MAP_TILE_URL": "https://service.pdok.nl/brt/achtergrondkaart/wmts/{z}/{x}/{y}.png"
        }
    )
    without = settings_in_a_fresh_process({"MAP_TILE_URL": ""})

    assert with_tiles["img-src"] == [
        "'self'",
        "data:",
        "https://*.tile.openstreetmap.org",
    ]
    assert plain["img-src"] == ["'self'", "data:", "https://service.pdok.nl"]
    assert without["img-src"] == ["'self'", "data:"]
    assert with_tiles["default-src"] == ["'self'"]
