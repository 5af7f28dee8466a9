from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeighbourhoodsConfig(AppConfig):
    name = "neighbourhoods"
    verbose_name = _("Wijken en sociale kaart")

    def ready(self) -> None:
        # Saves and deletes bump the version of the cached public pages; the pages
        # of one municipality show this app's rows.
        from core import public_pages

        from . import search

        public_pages.register(self, municipality_pages=True)
        # Places, activities and organisations join the site-wide search (core).
        search.register_sources()
