"""The floor: the cheapest Django view on the same server, to compare pages with."""

from django.http import HttpRequest, HttpResponse


def floor(request: HttpRequest) -> HttpResponse:
    """A short plain-text response: no database, no template, no session."""
    return HttpResponse(b"ok\n", content_type="text/plain; charset=utf-8")
