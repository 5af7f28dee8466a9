"""What the accessibility tests check, kept in one place: the browser tests read these
values and /toegankelijkheid/ lists them, so the statement says what is tested."""

from django.utils.translation import gettext_lazy as _

# The axe-core rule tags run on every page a browser test opens (WCAG 2.0, 2.1 and
# 2.2, levels A and AA), with what they stand for.
AXE_TAGS = {
    "wcag2a": "WCAG 2.0 A",
    "wcag2aa": "WCAG 2.0 AA",
    "wcag21a": "WCAG 2.1 A",
    "wcag21aa": "WCAG 2.1 AA",
    "wcag22aa": "WCAG 2.2 AA",
}

# Window widths, in CSS pixels, at which the browser tests and manual checks look.
CHECKED_WIDTHS = (1280, 390)

# Each browser test module in tests/e2e/ and what it checks, keyboard only where it
# can; tests/test_accessibility_statement.py fails when a module is missing here.
BROWSER_CHECKS = {
    "test_every_public_page": _(
        "Elke openbare pagina: geen fouten volgens axe-core en niets dat het "
        "beveiligingsbeleid (CSP) tegenhoudt."
    ),
    "test_citizen_journey": _(
        "Een inwoner zoekt met het toetsenbord een wijk, filtert plekken, bekijkt ze op "
        "de kaart en downloadt de gegevens; ook zonder JavaScript."
    ),
    "test_neighbourhood_journey": _(
        "De pagina van een wijk: sociale kaart, agenda, team en kaart."
    ),
    "test_advice_journey": _(
        "Een lid van de adviesraad schrijft, bewaart en dient een advies in; de "
        "voorzitter stelt het vast en het verschijnt in het archief."
    ),
    "test_official_journey": _(
        "Een medewerker van de gemeente werkt in de beheeromgeving en importeert een "
        "bestand."
    ),
    "test_rooms_journey": _("Ruimtes en reserveringen in de beheeromgeving."),
    "test_subsidy_journey": _("Het subsidieregister en de begroting."),
    "test_keyboard_map": _(
        "De kaart met alleen het toetsenbord: de link naar de lijst, markeringen die "
        "een venster openen en met Escape weer sluiten, de focusring op de knoppen, "
        "Nederlandse en Engelse knopnamen, minder beweging op verzoek, en een regel "
        "tekst als er geen achtergrondkaart is."
    ),
    "test_keyboard_feedback": _(
        "Foutmeldingen krijgen de focus en zetten 'Fout:' in de paginatitel; na "
        "filteren staat het aantal resultaten in de titel en krijgt de kop van de "
        "resultaten de focus; meldingen zoals 'Concept opgeslagen' worden "
        "voorgelezen; elk onderdeel dat Tab bereikt, ook de kalenderknop van een "
        "datumveld, toont dezelfde focusring."
    ),
    "test_form_layout": _(
        "Op elke pagina met een formulier, op 1280 en 390 pixels breed: elk label is "
        "zichtbaar en niet bedekt door zijn invoerveld, en geen pagina is breder dan "
        "het venster."
    ),
    "test_charts_and_tables_on_phones": _(
        "Grafieken blijven leesbaar op een telefoon (tekst van ten minste 12 pixels) "
        "en brede tabellen schuiven in hun eigen kader met hun bijschrift heel."
    ),
}
