"""The implementation agenda (uitwerkingsagenda): task groups, items, milestones."""

from django.contrib.postgres.fields import DateRangeField
from django.db import models
from django.utils.translation import gettext_lazy as _

from .concurrency import Versioned


class TaskGroup(Versioned):
    framework = models.ForeignKey(
        "policy.PolicyFramework",
        verbose_name=_("beleidskader"),
        on_delete=models.CASCADE,
        related_name="task_groups",
    )
    name = models.CharField(_("naam"), max_length=200)
    lead = models.CharField(
        _("trekker"), max_length=200, blank=True, help_text=_("Functie of afdeling.")
    )
    lead_organisation = models.ForeignKey(
        "neighbourhoods.Organisation",
        verbose_name=_("trekkende organisatie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="task_groups",
    )

    class Meta:
        verbose_name = _("taakgroep")
        verbose_name_plural = _("taakgroepen")
        ordering = ["framework", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "name"], name="task_group_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AgendaItemStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "bezig", _("Bezig")
    DONE = "afgerond", _("Afgerond")


class AgendaItem(Versioned):
    """A question to work out (uitwerkingsvraagstuk)."""

    framework = models.ForeignKey(
        "policy.PolicyFramework",
        verbose_name=_("beleidskader"),
        on_delete=models.CASCADE,
        related_name="agenda_items",
    )
    task_group = models.ForeignKey(
        TaskGroup,
        verbose_name=_("taakgroep"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    topic = models.CharField(_("onderwerp"), max_length=200)
    question = models.TextField(_("vraagstuk"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AgendaItemStatus.choices,
        default=AgendaItemStatus.OPEN,
    )
    due_on = models.DateField(_("gereed op"), null=True, blank=True)

    class Meta:
        verbose_name = _("punt van de uitwerkingsagenda")
        verbose_name_plural = _("uitwerkingsagenda")
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "number"], name="agenda_item_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.topic}"


class Milestone(Versioned):
    """A step with a date range, e.g. 'stap 1: maart–april 2010'."""

    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agendapunt"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    title = models.CharField(_("titel"), max_length=200)
    period = DateRangeField(_("periode"))
    is_done = models.BooleanField(_("gereed"), default=False)

    class Meta:
        verbose_name = _("mijlpaal")
        verbose_name_plural = _("mijlpalen")
        ordering = ["agenda_item", "period"]

    def __str__(self) -> str:
        return self.title
