from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchConfig(AppConfig):
    """Benchmark tools: data generator, load runner, query audit. No models."""

    name = "bench"
    verbose_name = _("Benchmark")
