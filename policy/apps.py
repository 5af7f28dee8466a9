from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    name = "policy"
    verbose_name = _("Beleid en subsidies")

    def ready(self) -> None:
        # Saves and deletes bump the version of the cached public pages.
        from core import public_pages

        public_pages.register(self)
