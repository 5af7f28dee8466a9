"""Forms of the member portal: the advice form with its numbered parts, comments, the
password reset."""

import uuid

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sites.shortcuts import get_current_site
from django.forms.utils import flatatt
from django.template import loader
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.concurrency import CONFLICT
from core.logins import MemberLoginForm
from core.uploads import validate_upload
from neighbourhoods.filters import options_html

from .models import Addressee, Advice, AdviceAttachment
from .services import AdviceContent

PASSWORD_RESET_THROTTLED = _(
    "Er is het afgelopen uur te vaak om een nieuwe link gevraagd. Probeer het over "
    "een uur opnieuw."
)
ATTACHMENT_TITLE_REQUIRED = _("Geef de bijlage een titel.")
FILE_REQUIRED = _("Kies het pdf-bestand bij deze titel.")


class AdviceForm(forms.Form):
    """The advice's own fields, and optionally one new PDF attachment."""

    creation_key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    # The draft's version when the page was opened: a save from an older copy is
    # refused (core.concurrency).
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Titel"), max_length=250)
    addressee = forms.ChoiceField(
        label=_("Gericht aan"),
        choices=Addressee.choices,
        widget=forms.RadioSelect,
        initial=Addressee.COLLEGE,
    )
    dated = forms.DateField(
        label=_("Datum van het advies"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leeg laten: de datum van verzending."),
    )
    summary = forms.CharField(
        label=_("Samenvatting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    attachment_title = forms.CharField(
        label=_("Titel van de nieuwe bijlage"), max_length=250, required=False
    )
    attachment_file = forms.FileField(
        label=_("Pdf-bestand"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        help_text=_("Alleen pdf, hoogstens 20 MB."),
    )
    remove_attachments = forms.ModelMultipleChoiceField(
        label=_("Bijlagen verwijderen"),
        queryset=AdviceAttachment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, advice: Advice | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if advice is not None:
            self.fields["remove_attachments"].queryset = advice.attachments.all()
        else:
            del self.fields["remove_attachments"]

    def clean_attachment_file(self):
        upload = self.cleaned_data.get("attachment_file")
        if upload:
            # Size and type from the content, as for every upload of the portal.
            validate_upload(upload, "attachment")
        return upload

    def clean(self):
        cleaned_data = super().clean()
        title = (cleaned_data.get("attachment_title") or "").strip()
        upload = cleaned_data.get("attachment_file")
        if upload and not title:
            self.add_error("attachment_title", ATTACHMENT_TITLE_REQUIRED)
        if title and not upload and "attachment_file" not in self.errors:
            self.add_error("attachment_file", FILE_REQUIRED)
        return cleaned_data


class SectionForm(forms.Form):
    heading = forms.CharField(label=_("Kop"), max_length=250, required=False)
    body = forms.CharField(
        label=_("Tekst"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )


class NumberedTextForm(forms.Form):
    text = forms.CharField(
        label=_("Tekst"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class OrderedFormSet(forms.BaseFormSet):
    """A formset whose forms can be removed and put in order without JavaScript."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["ORDER"].label = _("Volgorde")
        form.fields["ORDER"].widget.attrs["min"] = 1
        form.fields["DELETE"].label = _("Verwijderen")

    def kept_forms(self) -> list[forms.Form]:
        """Forms in the order given, without removed or empty ones."""
        kept = []
        for position, form in enumerate(self.forms):
            if self._should_delete_form(form):
                continue
            # An empty part (the blank one offered for adding) is no part.
            texts = [form.cleaned_data.get(name) or "" for name in form.base_fields]
            if not any(text.strip() for text in texts):
                continue
            order = form.cleaned_data.get("ORDER")
            kept.append(((order if order is not None else 10_000), position, form))
        return [form for _order, _position, form in sorted(kept, key=lambda k: k[:2])]


def _formset(form):
    return forms.formset_factory(
        form, formset=OrderedFormSet, extra=1, can_delete=True, can_order=True
    )


SectionFormSet = _formset(SectionForm)
RecommendationFormSet = _formset(NumberedTextForm)
QuestionFormSet = _formset(NumberedTextForm)


class AdviceEditor:
    """The advice form and its three formsets, validated and read as one."""

    def __init__(self, data=None, files=None, *, advice: Advice | None = None):
        self.advice = advice
        initial, sections, recommendations, questions = {}, [], [], []
        if advice is not None:
            initial = {
                "lock_version": advice.lock_version,
                "title": advice.title,
                "addressee": advice.addressee,
                "dated": advice.dated,
                "summary": advice.summary,
            }
            sections = [
                {"heading": s.heading, "body": s.body, "ORDER": s.position}
                for s in advice.sections.all()
            ]
            recommendations = [
                {"text": r.text, "ORDER": r.number}
                for r in advice.recommendations.all()
            ]
            questions = [
                {"text": q.text, "ORDER": q.number} for q in advice.questions.all()
            ]
        else:
            initial = {"creation_key": uuid.uuid4()}
        self.form = AdviceForm(data, files, initial=initial, advice=advice)
        self.sections = SectionFormSet(data, initial=sections, prefix="onderdeel")
        self.recommendations = RecommendationFormSet(
            data, initial=recommendations, prefix="aanbeveling"
        )
        self.questions = QuestionFormSet(data, initial=questions, prefix="vraag")

    @property
    def formsets(self):
        return [self.sections, self.recommendations, self.questions]

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        for formset in self.formsets:
            valid = formset.is_valid() and valid
        return valid

    def errors(self) -> list[tuple[str, str, str]]:
        """(field id, field name, message) triples for the summary at the top of the
        form; a part's field is named with its part ("Aanbeveling 2, Tekst")."""
        found = []
        for name, messages in self.form.errors.items():
            if name in self.form.fields:
                field_id, label = self.form[name].id_for_label, self.form[name].label
            else:
                field_id, label = "", ""
            found.extend((field_id, label, message) for message in messages)
        item_labels = (_("Onderdeel"), _("Aanbeveling"), _("Vraag"))
        for formset, item_label in zip(self.formsets, item_labels, strict=True):
            found.extend(("", item_label, m) for m in formset.non_form_errors())
            for number, form in enumerate(formset.forms, start=1):
                for name, messages in form.errors.items():
                    label = _("%(item)s %(number)d, %(field)s") % {
                        "item": item_label,
                        "number": number,
                        "field": form[name].label,
                    }
                    found.extend((form[name].id_for_label, label, m) for m in messages)
        return found

    def refuse_stale(self, notes: list) -> None:
        """Someone saved the draft since this page was opened: say who and when,
        keep everything typed on the page."""
        self.form.add_error(None, [forms.ValidationError(CONFLICT), *notes])

    def content(self) -> AdviceContent:
        data = self.form.cleaned_data
        return AdviceContent(
            title=data["title"].strip(),
            addressee=data["addressee"],
            dated=data.get("dated"),
            summary=data.get("summary", "").strip(),
            sections=[
                (f.cleaned_data["heading"].strip(), f.cleaned_data["body"].strip())
                for f in self.sections.kept_forms()
            ],
            recommendations=[
                f.cleaned_data["text"].strip()
                for f in self.recommendations.kept_forms()
            ],
            questions=[
                f.cleaned_data["text"].strip() for f in self.questions.kept_forms()
            ],
        )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Uw opmerking"), widget=forms.Textarea(attrs={"rows": 4})
    )


class CorrectionForm(forms.Form):
    body = forms.CharField(
        label=_("Correctie"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Een verzonden advies blijft zoals het is verzonden; de correctie staat "
            "er zichtbaar bij."
        ),
    )


class PlainSelect(forms.Select):
    """A <select> built in Python rather than one template include per option.

    The archive's framework filter has hundreds of options at country scale; the
    same markup as `forms.Select` for flat choices, at a fraction of the cost.
    """

    def render(self, name, value, attrs=None, renderer=None):
        chosen = next(iter(self.format_value(value)), "")
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            options_html(self.choices, str(chosen)),
        )


class ArchiveFilterForm(forms.Form):
    """The filters of the public archive, read from the query string."""

    q = forms.CharField(label=_("Zoeken in adviezen"), required=False, max_length=200)
    jaar = forms.TypedChoiceField(
        label=_("Jaar"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=PlainSelect,
    )
    gericht_aan = forms.ChoiceField(
        label=_("Gericht aan"),
        required=False,
        choices=[("", _("Allemaal"))] + list(Addressee.choices),
        widget=PlainSelect,
    )
    soort = forms.ChoiceField(
        label=_("Soort advies"),
        required=False,
        choices=[("", _("Allemaal"))],
        widget=PlainSelect,
    )
    kader = forms.ChoiceField(
        label=_("Beleidskader"), required=False, choices=[], widget=PlainSelect
    )
    reactie = forms.ChoiceField(
        label=_("Reactie van de gemeente"),
        required=False,
        choices=[
            ("", _("Allemaal")),
            ("beantwoord", _("Beantwoord")),
            ("open", _("Wacht op reactie")),
            ("te-laat", _("Reactie te laat")),
        ],
        widget=PlainSelect,
    )

    def __init__(self, *args, years=(), frameworks=(), kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jaar"].choices = [("", _("Alle jaren"))] + [
            (year, str(year)) for year in years
        ]
        # Hundreds of frameworks: set as the (value, label) pairs they already are;
        # the `choices` setter would normalise each one (a quarter of the page's
        # Python time at country scale).
        framework_choices = [("", _("Alle kaders")), *frameworks]
        kader = self.fields["kader"]
        kader._choices = kader.widget._choices = framework_choices
        self.fields["soort"].choices += list(kinds)


class MemberPasswordResetForm(PasswordResetForm):
    """Asks for a reset link by e-mail; an unknown address costs the same work.

    The page after it is the same for every address. So that the time it takes does
    not tell either, an address without an account still gets its token made and its
    mail rendered, only not sent.
    """

    def save(self, *, token_generator=default_token_generator, **kwargs) -> None:
        self.mails_sent = 0
        super().save(token_generator=token_generator, **kwargs)
        if not self.mails_sent:
            self.render_mail_for_nobody(token_generator=token_generator, **kwargs)

    def send_mail(self, *args, **kwargs) -> None:
        self.mails_sent += 1
        super().send_mail(*args, **kwargs)

    def render_mail_for_nobody(
        self,
        *,
        token_generator,
        subject_template_name: str,
        email_template_name: str,
        request=None,
        domain_override: str | None = None,
        use_https: bool = False,
        extra_email_context: dict | None = None,
        **kwargs,
    ) -> None:
        email = self.cleaned_data["email"]
        stand_in = get_user_model()(email=email, password=make_password(None))
        domain = domain_override or get_current_site(request).domain
        context = {
            "email": email,
            "domain": domain,
            "site_name": domain,
            "uid": "MA",
            "user": stand_in,
            "token": token_generator.make_token(stand_in),
            "protocol": "https" if use_https else "http",
            **(extra_email_context or {}),
        }
        loader.render_to_string(subject_template_name, context)
        loader.render_to_string(email_template_name, context)


class PortalLoginForm(MemberLoginForm):
    """The members' login, with a message that names both fields."""

    error_messages = {
        **MemberLoginForm.error_messages,
        "invalid_login": _(
            "De gebruikersnaam of het wachtwoord klopt niet. Let op hoofdletters."
        ),
    }
