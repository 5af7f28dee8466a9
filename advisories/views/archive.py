"""The public archive of sent advice, with the municipality's responses."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, TemplateView

from core.links import url_for
from core.uploads import serve_private_file

from .. import selectors
from ..forms import ArchiveFilterForm
from ..models import Advice, AdviceKind


def archive_breadcrumbs(*extra):
    from neighbourhoods.views import HOME

    return [
        (HOME, reverse("neighbourhoods:home")),
        (gettext_lazy("Adviezen"), reverse("advisories:advice-list")),
        *extra,
    ]


class AdviceArchiveView(TemplateView):
    """Every sent advice: filters, Dutch full-text search, the verdicts in sum."""

    template_name = "advisories/archive/advice_list.html"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        form = ArchiveFilterForm(
            self.request.GET or None,
            years=selectors.archive_years(),
            frameworks=selectors.archive_frameworks(),
            kinds=AdviceKind.choices,
        )
        data = form.cleaned_data if form.is_valid() else {}
        filters = selectors.ArchiveFilters(
            q=(data.get("q") or "").strip(),
            year=data.get("jaar"),
            addressee=data.get("gericht_aan") or "",
            kind=data.get("soort") or "",
            framework=data.get("kader") or "",
            response=data.get("reactie") or "",
        )
        archive = selectors.archive_page(
            filters, self.request.GET.get("pagina"), per_page=self.paginate_by
        )
        advice_url = url_for("advisories:advice-detail", "slug")
        for advice in archive.advices:
            advice.archive_url = advice_url(advice.slug)
        query = self.request.GET.copy()
        query.pop("pagina", None)
        kwargs.update(
            form=form,
            filters=filters,
            page_obj=archive.page,
            advices=archive.advices,
            summary=archive.summary,
            query_string=query.urlencode(),
            today=timezone.localdate(),
            breadcrumbs=archive_breadcrumbs()[:-1]
            + [(gettext_lazy("Adviezen"), self.request.path)],
        )
        return super().get_context_data(**kwargs)


class AdviceArchiveDetailView(DetailView):
    """One sent advice: its text, recommendations and the responses side by side."""

    template_name = "advisories/archive/advice_detail.html"
    context_object_name = "advice"
    printable = False

    def get_object(self, queryset=None):
        try:
            return selectors.public_advice_detail(self.kwargs["slug"])
        except Advice.DoesNotExist as error:
            raise Http404(_("Dit advies bestaat niet of is niet openbaar.")) from error

    def get_template_names(self):
        if self.printable:
            return ["advisories/archive/advice_print.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        advice = self.object
        kwargs.update(
            today=timezone.localdate(),
            is_overdue=advice.is_overdue(),
            breadcrumbs=archive_breadcrumbs((advice.title, self.request.path)),
        )
        return super().get_context_data(**kwargs)


class PublicAttachmentDownloadView(View):
    """An attachment of a sent advice, for anyone."""

    def get(self, request, slug, attachment_pk):
        advice = get_object_or_404(Advice.objects.public(), slug=slug)
        attachment = get_object_or_404(advice.attachments, pk=attachment_pk)
        return serve_private_file(
            request, attachment.file, allowed=True, download_name=attachment.title
        )


class AdviceFeed(Feed):
    """Atom feed of newly sent advice and newly recorded responses."""

    feed_type = Atom1Feed
    title = gettext_lazy("Adviezen van de adviesraad")
    subtitle = gettext_lazy(
        "Nieuw verzonden adviezen en nieuwe reacties van de gemeente op aanbevelingen."
    )
    link = reverse_lazy("advisories:advice-list")

    def items(self):
        return selectors.feed_entries()

    def item_title(self, entry):
        if entry.kind == "reactie":
            return _("Reactie van de gemeente op: %(title)s") % {
                "title": entry.advice.title
            }
        return _("Advies verzonden: %(title)s") % {"title": entry.advice.title}

    def item_description(self, entry):
        return entry.advice.summary

    def item_link(self, entry):
        anchor = "#reacties" if entry.kind == "reactie" else ""
        return entry.advice.get_absolute_url() + anchor

    def item_guid(self, entry):
        return f"{entry.advice.get_absolute_url()}#{entry.kind}-{entry.on:%Y%m%d}"

    item_guid_is_permalink = False

    def item_updateddate(self, entry):
        from datetime import datetime, time

        return timezone.make_aware(datetime.combine(entry.on, time(12)))
