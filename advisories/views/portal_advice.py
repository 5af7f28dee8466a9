"""The advice form, its attachments and its way through the workflow."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView

from core.concurrency import ConcurrentEditError, last_change_note
from core.uploads import serve_private_file

from .. import permissions, services
from ..forms import (
    AdviceEditor,
    CommentForm,
    CorrectionForm,
)
from ..models import (
    Advice,
    AdviceRequest,
    AdvisoryCouncil,
)
from .portal_access import AdviceObjectMixin, MemberRequiredMixin, logger, refuse


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
