"""Public pages of policy: the subsidy register and the budget overview."""

from django.urls import path

from core.public_pages import public_page

from .subsidies import views as subsidy_views
from .subsidies.forms import RegisterFilterForm

# The query parameters each page reads (core.public_pages.public_page).
REGISTER = tuple(RegisterFilterForm.base_fields)

app_name = "policy"

urlpatterns = [
    path(
        "subsidies/",
        public_page(
            subsidy_views.GrantRegisterView.as_view(), query=(*REGISTER, "page")
        ),
        name="subsidy-register",
    ),
    path(
        "subsidies/register.csv",
        subsidy_views.register_csv,
        name="subsidy-register-csv",
    ),
    path(
        "subsidies/register.json",
        public_page(subsidy_views.register_json, query=REGISTER),
        name="subsidy-register-json",
    ),
    path(
        "subsidies/begroting/",
        public_page(
            subsidy_views.BudgetDashboardView.as_view(),
            query=("gemeente", "beleidskader", "jaar"),
        ),
        name="budget-dashboard",
    ),
]
