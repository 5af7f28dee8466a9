"""Benchmark URLs; welzijn/urls.py mounts them only when BENCH=1."""

from django.urls import path

from . import views

app_name = "bench"

urlpatterns = [
    path("floor/", views.floor, name="floor"),
]
