"""The messages a write of the advisory council refuses with (the tests import them)."""

from django.utils.translation import gettext_lazy as _

NO_COUNCIL = _("De gemeente van dit beleidskader heeft geen adviesraad.")
NOT_AUTHOR = _("Alleen de auteur van een concept mag het wijzigen of indienen.")
NOT_CHAIR = _("Alleen de voorzitter mag een advies vaststellen en verzenden.")
NOT_MEMBER = _("U bent geen lid van deze adviesraad.")
NOT_DRAFT = _("Dit advies is geen concept meer en kan niet meer worden gewijzigd.")
NOT_SUBMITTED = _("Alleen een ingediend advies kan worden vastgesteld.")
NOT_ADOPTED = _("Alleen een vastgesteld advies kan worden verzonden.")
NOT_SENT = _("Dit advies is nog niet verzonden.")
NOT_ANSWERED = _("Dit advies is nog niet op elke aanbeveling beantwoord.")
NO_TITLE = _("Geef het advies een titel voordat u het indient.")
NO_RECOMMENDATIONS = _("Een advies heeft minstens één aanbeveling.")
NO_COMMENTS_NOW = _("Opmerkingen kunnen alleen bij een ingediend advies.")
REQUEST_OF_OTHER_COUNCIL = _("Deze aanvraag is aan een andere adviesraad gericht.")
NO_MUNICIPALITY_ADDRESS = _(
    "De adviesraad heeft geen e-mailadres van de gemeente, dus de gemeente kreeg geen "
    "e-mail over dit advies. Een beheerder vult het adres in bij de adviesraad; "
    "stuur het advies tot dan zelf door."
)
