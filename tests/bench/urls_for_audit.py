"""A URLconf with a view of known queries, for the query audit's own test."""

from django.http import HttpResponse
from django.urls import path

from neighbourhoods.models import Facility, Municipality


def three_queries(request):
    names = list(Municipality.objects.values_list("name", flat=True))
    count = Facility.objects.filter(name__icontains="buurt").count()
    exists = Facility.objects.filter(is_heart=True).exists()
    return HttpResponse(f"{len(names)} {count} {exists}", content_type="text/plain")


urlpatterns = [path("drie/", three_queries)]
