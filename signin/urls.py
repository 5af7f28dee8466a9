from django.urls import path

from . import views

app_name = "two_factor"

urlpatterns = [
    path("", views.verify, name="verify"),
    path("instellen/", views.setup, name="setup"),
    path("noodcodes/", views.backup_codes, name="backup_codes"),
]
