from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvisoriesConfig(AppConfig):
    name = "advisories"
    verbose_name = _("Adviesraad")

    def ready(self) -> None:
        # Sent advice joins the site-wide search; the search lives a floor below.
        from . import search

        search.register()
        # Saves and deletes bump the version of the cached public pages.
        from core import public_pages

        public_pages.register(self)
