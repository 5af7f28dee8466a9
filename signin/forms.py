from django import forms
from django.utils.translation import gettext_lazy as _

from core.logins import RefusedLoginMixin


class TokenForm(RefusedLoginMixin, forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=32,
        strip=True,
        help_text=_(
            "De zescijferige code uit uw authenticator-app, of een van uw noodcodes."
        ),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autofocus": True,
                "spellcheck": "false",
                "autocapitalize": "off",
            }
        ),
    )


class SetupTokenForm(TokenForm):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        strip=True,
        help_text=_("De zescijferige code die de app nu toont."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
            }
        ),
    )
