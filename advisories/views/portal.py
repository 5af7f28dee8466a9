"""The member portal: login, dashboard, requests, the advice form and its workflow.

Every view that names an object checks the person against that object; a refusal
is logged and answered with 404, so nobody learns what another member drafts.
"""

import logging
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from audit.context import client_ip
from core.concurrency import ConcurrentEditError, last_change_note
from core.links import url_for
from core.throttle import over_limit, throttle_key
from core.uploads import serve_private_file

from .. import permissions, selectors, services
from ..forms import (
    PASSWORD_RESET_THROTTLED,
    AdviceEditor,
    CommentForm,
    CorrectionForm,
    MemberPasswordResetForm,
    PortalLoginForm,
)
from ..models import (
    Advice,
    AdviceRequest,
    AdviceRequestDocument,
    AdvisoryCouncil,
)

logger = logging.getLogger("advisories.portal")
LOGIN_URL = reverse_lazy("advisories:portal-login")


def refuse(request, what: str, pk: Any) -> Http404:
    """Log an attempt to reach something that is not the person's, and hide it."""
    logger.warning(
        "Geweigerd: gebruiker %s vroeg %s %s op (%s)",
        request.user.pk,
        what,
        pk,
        request.path,
    )
    return Http404(_("Niet gevonden."))


class MemberRequiredMixin(LoginRequiredMixin):
    """Logged in through the portal's own login, and a current council member."""

    login_url = LOGIN_URL

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.memberships = list(
            permissions.current_memberships(request.user).select_related("council")
        )
        if not self.memberships:
            raise PermissionDenied(_("Dit portaal is voor leden van de adviesraad."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("memberships", self.memberships)
        return super().get_context_data(**kwargs)


class AdviceObjectMixin(MemberRequiredMixin):
    """Finds the advice of the URL and checks the person may see it."""

    def get_advice(self) -> Advice:
        advice = get_object_or_404(
            Advice.objects.select_related("council", "author", "request"),
            pk=self.kwargs["pk"],
        )
        if not permissions.can_view_advice(self.request.user, advice):
            raise refuse(self.request, "advies", advice.pk)
        return advice


# LOGIN
# ------------------------------------------------------------------------------


class PortalLoginView(auth_views.LoginView):
    """The members' own login page (not the admin's)."""

    template_name = "advisories/portal/login.html"
    authentication_form = PortalLoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse("advisories:portal-dashboard")


class PortalLogoutView(auth_views.LogoutView):
    """Log out (POST only) and come back to the login page."""

    next_page = LOGIN_URL


def too_many_reset_requests(*, email: str, address: str | None) -> bool:
    """Count a reset request for the e-mail address and the client's address; True
    when either asked more often in the past hour than settings allow."""
    hour = 60 * 60
    for_email = over_limit(
        throttle_key("password-reset-email", email),
        limit=settings.PASSWORD_RESET_HOURLY_PER_EMAIL,
        window=hour,
    )
    for_address = address is not None and over_limit(
        throttle_key("password-reset-ip", address),
        limit=settings.PASSWORD_RESET_HOURLY_PER_IP,
        window=hour,
    )
    return for_email or for_address


class PortalPasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link by e-mail; a few an hour per e-mail and per client address."""

    form_class = MemberPasswordResetForm
    template_name = "advisories/portal/password_reset_form.html"
    email_template_name = "advisories/email/password_reset.txt"
    subject_template_name = "advisories/email/password_reset_subject.txt"
    success_url = reverse_lazy("advisories:portal-password-reset-done")

    def form_valid(self, form):
        if too_many_reset_requests(
            email=form.cleaned_data["email"], address=client_ip(self.request)
        ):
            form.add_error("email", PASSWORD_RESET_THROTTLED)
            return self.render_to_response(
                self.get_context_data(form=form), status=HTTPStatus.TOO_MANY_REQUESTS
            )
        return super().form_valid(form)


class PortalPasswordResetDoneView(auth_views.PasswordResetDoneView):
    """Tell the member to look in their mailbox."""

    template_name = "advisories/portal/password_reset_done.html"


class PortalPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choose a new password from the link in the e-mail."""

    template_name = "advisories/portal/password_reset_confirm.html"
    success_url = reverse_lazy("advisories:portal-password-reset-complete")


class PortalPasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    """The new password is set."""

    template_name = "advisories/portal/password_reset_complete.html"


# DASHBOARD AND REQUESTS
# ------------------------------------------------------------------------------


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


# THE ADVICE FORM
# ------------------------------------------------------------------------------


def _wants_json(request) -> bool:
    return request.headers.get("X-Autosave") == "1"


class AdviceFormMixin:
    template_name = "advisories/portal/advice_form.html"

    def render_editor(self, editor: AdviceEditor, **context):
        context.setdefault("advice", None)
        context.setdefault("advice_request", None)
        context.update(
            editor=editor,
            form=editor.form,
            error_list=editor.errors() if editor.form.is_bound else [],
            memberships=self.memberships,
        )
        status = 400 if context["error_list"] else 200
        return render(self.request, self.template_name, context, status=status)

    def invalid(self, editor: AdviceEditor, **context):
        if _wants_json(self.request):
            return JsonResponse(
                {
                    "saved": False,
                    "errors": [
                        f"{label}: {message}" if label else message
                        for _id, label, message in editor.errors()
                    ],
                },
                status=400,
            )
        return self.render_editor(editor, **context)

    def saved(self, advice: Advice, message: str):
        if _wants_json(self.request):
            now = formats.time_format(timezone.localtime(), "H:i")
            return JsonResponse(
                {
                    "saved": True,
                    "edit_url": reverse(
                        "advisories:portal-advice-edit", args=[advice.pk]
                    ),
                    "message": _("Concept opgeslagen om %(time)s.") % {"time": now},
                    "lock_version": advice.lock_version,
                }
            )
        messages.success(self.request, message)
        return redirect("advisories:portal-advice-edit", pk=advice.pk)


class AdviceCreateView(MemberRequiredMixin, AdviceFormMixin, View):
    """Start an advice, from a request (?aanvraag=) or unsolicited."""

    def get_request_and_council(self) -> tuple[AdviceRequest | None, AdvisoryCouncil]:
        request_pk = self.request.GET.get("aanvraag") or self.request.POST.get(
            "aanvraag"
        )
        if request_pk:
            if not str(request_pk).isdigit():
                raise Http404(_("Niet gevonden."))
            advice_request = get_object_or_404(
                AdviceRequest.objects.select_related("council"), pk=request_pk
            )
            if not permissions.can_view_request(self.request.user, advice_request):
                raise refuse(self.request, "aanvraag", advice_request.pk)
            return advice_request, advice_request.council
        return None, self.memberships[0].council

    def get(self, request):
        advice_request, council = self.get_request_and_council()
        return self.render_editor(
            AdviceEditor(), advice_request=advice_request, council=council
        )

    def post(self, request):
        advice_request, council = self.get_request_and_council()
        editor = AdviceEditor(request.POST, request.FILES)
        if not editor.is_valid():
            return self.invalid(editor, advice_request=advice_request, council=council)
        key = editor.form.cleaned_data.get("creation_key")
        if key is None:
            raise Http404(_("Niet gevonden."))
        advice, _created = services.advice_create(
            council=council,
            author=request.user,
            content=editor.content(),
            creation_key=key,
            request=advice_request,
        )
        _save_attachment(editor, advice, request.user)
        return self.saved(advice, _("Het concept is opgeslagen."))


def _save_attachment(editor: AdviceEditor, advice: Advice, user) -> None:
    data = editor.form.cleaned_data
    for attachment in data.get("remove_attachments") or []:
        services.advice_detach(attachment=attachment, by=user)
    if data.get("attachment_file"):
        services.advice_attach(
            advice=advice,
            by=user,
            title=data["attachment_title"].strip(),
            file=data["attachment_file"],
        )


class AdviceUpdateView(AdviceObjectMixin, AdviceFormMixin, View):
    """The author edits a draft; saving again and again is safe."""

    def get_advice(self) -> Advice:
        advice = super().get_advice()
        if not permissions.can_edit_advice(self.request.user, advice):
            raise refuse(self.request, "concept", advice.pk)
        return advice

    def get(self, request, pk):
        advice = self.get_advice()
        return self.render_editor(AdviceEditor(advice=advice), advice=advice)

    def post(self, request, pk):
        advice = self.get_advice()
        editor = AdviceEditor(request.POST, request.FILES, advice=advice)
        if not editor.is_valid():
            return self.invalid(editor, advice=advice)
        try:
            advice = services.advice_save_draft(
                advice=advice,
                by=request.user,
                content=editor.content(),
                read_version=editor.form.cleaned_data.get("lock_version"),
            )
        except ConcurrentEditError:
            editor.refuse_stale(last_change_note(advice))
            return self.invalid(editor, advice=advice)
        _save_attachment(editor, advice, request.user)
        if request.POST.get("action") == "submit" and not _wants_json(request):
            try:
                services.advice_submit(advice=advice, by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("advisories:portal-advice-edit", pk=advice.pk)
            messages.success(request, _("Het advies is ingediend bij de voorzitter."))
            return redirect("advisories:portal-advice-detail", pk=advice.pk)
        return self.saved(advice, _("Het concept is opgeslagen."))


class AdviceDetailView(AdviceObjectMixin, DetailView):
    """An advice as the council sees it, with comments and the next step."""

    template_name = "advisories/portal/advice_detail.html"
    context_object_name = "advice"

    def get_object(self, queryset=None):
        return self.get_advice()

    def get_context_data(self, **kwargs):
        user, advice = self.request.user, self.object
        kwargs.update(
            sections=advice.sections.all(),
            recommendations=advice.recommendations.select_related("response"),
            questions=advice.questions.all(),
            attachments=advice.attachments.all(),
            comments=advice.comments.select_related("author"),
            corrections=advice.corrections.all(),
            can_edit=permissions.can_edit_advice(user, advice),
            can_comment=permissions.can_comment(user, advice),
            is_chair=permissions.is_chair(user, advice.council),
            comment_form=CommentForm(),
            correction_form=CorrectionForm(),
        )
        return super().get_context_data(**kwargs)


class AttachmentDownloadView(AdviceObjectMixin, View):
    """An attachment, for those who may see its advice."""

    def get(self, request, pk, attachment_pk):
        advice = self.get_advice()
        attachment = advice.attachments.filter(pk=attachment_pk).first()
        if attachment is None:
            raise refuse(request, "bijlage", attachment_pk)
        return serve_private_file(
            request, attachment.file, allowed=True, download_name=attachment.title
        )


class AdviceTransitionView(AdviceObjectMixin, View):
    """One workflow step on POST; a replayed POST finds the step already made."""

    def post(self, request, pk, step):
        advice = self.get_advice()
        try:
            message = self.make(step, advice)
        except PermissionDenied as error:
            logger.warning(
                "Geweigerd: gebruiker %s, stap %s op advies %s",
                request.user.pk,
                step,
                advice.pk,
            )
            messages.error(request, str(error))
            return redirect("advisories:portal-advice-detail", pk=advice.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("advisories:portal-advice-detail", pk=advice.pk)
        if message:
            messages.success(request, message)
        if step == "verzenden" and not advice.council.municipality_contact_email:
            messages.warning(request, services.NO_MUNICIPALITY_ADDRESS)
        return HttpResponseRedirect(
            reverse("advisories:portal-advice-detail", args=[advice.pk])
        )

    def make(self, step: str, advice: Advice) -> str:
        user = self.request.user
        if step == "indienen":
            services.advice_submit(advice=advice, by=user)
            return _("Het advies is ingediend bij de voorzitter.")
        if step == "terug":
            services.advice_return_to_author(advice=advice, by=user)
            return _("Het advies is teruggegeven aan de auteur.")
        if step == "vaststellen":
            services.advice_adopt(advice=advice, by=user)
            return _("Het advies is vastgesteld.")
        if step == "verzenden":
            services.advice_send(advice=advice, by=user)
            return _("Het advies is ondertekend en verzonden naar de gemeente.")
        if step == "opmerking":
            form = CommentForm(self.request.POST)
            if not form.is_valid():
                raise ValidationError(_("Schrijf eerst uw opmerking."))
            services.advice_comment(
                advice=advice, by=user, body=form.cleaned_data["body"]
            )
            return _("Uw opmerking is geplaatst.")
        if step == "correctie":
            form = CorrectionForm(self.request.POST)
            if not form.is_valid():
                raise ValidationError(_("Schrijf eerst de correctie."))
            services.advice_correct(
                advice=advice, by=user, body=form.cleaned_data["body"]
            )
            return _("De correctie staat nu bij het advies.")
        raise Http404(_("Niet gevonden."))
