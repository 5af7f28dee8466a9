"""The ranks of each word of each public advice, kept by PostgreSQL."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.choices import ChoiceLabelsMixin


class AdviceTerm(ChoiceLabelsMixin, models.Model):
    """One word (lexeme) of a public advice's search index with its rank.

    `rank` is `ts_rank(search_vector, that word)`: exactly what the archive's
    ranking computes for a search of one word. A search for a common word would
    otherwise compute it for every matching advice (thousands) before taking the
    first 20; here an index holds them in order. Written only by the trigger of
    migration 0005, on every change of an advice's index, status or send date.
    """

    advice = models.ForeignKey(
        "advisories.Advice",
        verbose_name=_("advies"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    lexeme = models.TextField(_("woordstam"))
    rank = models.FloatField(_("rang"))
    sent_on = models.DateField(_("verzonden op"))

    class Meta:
        verbose_name = _("zoekterm van een advies")
        verbose_name_plural = _("zoektermen van adviezen")
        # Nobody adds, changes or views these rows: the database writes them.
        default_permissions = ()
        indexes = [
            # The archive's order for a search: best rank, then newest, then id.
            models.Index(
                fields=["lexeme", "-rank", "-sent_on", "-advice"],
                name="advice_term_ranked",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lexeme} ({self.advice_id})"
