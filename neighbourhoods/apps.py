from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeighbourhoodsConfig(AppConfig):
    name = "neighbourhoods"
    verbose_name = _("Wijken en sociale kaart")

    def ready(self) -> None:
        # Saves and deletes bump the version of the cached public pages.
        from . import cache, search

        cache.connect()
        # Places, activities and organisations join the site-wide search (core).
        search.register_sources()
