from django.views.generic import TemplateView


class HomeView(TemplateView):
    """The home page: municipalities and their neighbourhoods."""

    template_name = "neighbourhoods/home.html"
