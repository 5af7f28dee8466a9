"""The member's dashboard and the advice requests of the member's councils."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from core.links import url_for
from core.uploads import serve_private_file

from .. import permissions, selectors
from ..models import (
    AdviceRequest,
    AdviceRequestDocument,
)
from .portal_access import MemberRequiredMixin, refuse


class DashboardView(MemberRequiredMixin, TemplateView):
    """Open requests with deadlines, own drafts, advice in review, sent advice."""

    template_name = "advisories/portal/dashboard.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        councils = [membership.council_id for membership in self.memberships]
        advices = selectors.dashboard_advice(user, councils)
        open_requests = list(selectors.open_requests_for(user, councils))
        request_url = url_for("advisories:portal-request-detail", "pk")
        for advice_request in open_requests:
            advice_request.portal_url = request_url(advice_request.pk)
        edit_url = url_for("advisories:portal-advice-edit", "pk")
        for advice in advices.drafts:
            advice.portal_url = edit_url(advice.pk)
        detail_url = url_for("advisories:portal-advice-detail", "pk")
        for advice in advices.in_review + advices.sent:
            advice.portal_url = detail_url(advice.pk)
        kwargs.update(
            open_requests=open_requests,
            drafts=advices.drafts,
            in_review=advices.in_review,
            sent=advices.sent,
            today=timezone.localdate(),
        )
        return super().get_context_data(**kwargs)


class RequestListView(MemberRequiredMixin, ListView):
    """Every request to the member's councils."""

    template_name = "advisories/portal/request_list.html"
    context_object_name = "requests"
    paginate_by = 25

    def get_queryset(self):
        councils = [membership.council_id for membership in self.memberships]
        return selectors.requests_for(self.request.user, councils)


class RequestDetailView(MemberRequiredMixin, DetailView):
    """One request: subject, dates, documents, and the advice started from it."""

    template_name = "advisories/portal/request_detail.html"
    context_object_name = "advice_request"

    def get_object(self, queryset=None):
        advice_request = get_object_or_404(
            AdviceRequest.objects.select_related(
                "council", "framework_version__framework"
            ),
            pk=self.kwargs["pk"],
        )
        if not permissions.can_view_request(self.request.user, advice_request):
            raise refuse(self.request, "aanvraag", advice_request.pk)
        return advice_request

    def get_context_data(self, **kwargs):
        user = self.request.user
        kwargs["documents"] = self.object.documents.all()
        kwargs["advices"] = [
            advice
            for advice in self.object.advices.select_related("author")
            if permissions.can_view_advice(user, advice)
        ]
        return super().get_context_data(**kwargs)


class RequestDocumentDownloadView(MemberRequiredMixin, View):
    """A document of a request, for members of its council only."""

    def get(self, request, pk, document_pk):
        document = get_object_or_404(
            AdviceRequestDocument.objects.select_related("request__council"),
            pk=document_pk,
            request_id=pk,
        )
        if not permissions.can_view_request(request.user, document.request):
            raise refuse(request, "document", document.pk)
        return serve_private_file(
            request, document.file, allowed=True, download_name=document.title
        )
