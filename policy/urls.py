"""Public pages of policy: the subsidy register and the budget overview."""

from django.urls import path

from neighbourhoods.cache import public_page

from .subsidies import views as subsidy_views

app_name = "policy"

urlpatterns = [
    path(
        "subsidies/",
        public_page(subsidy_views.GrantRegisterView.as_view()),
        name="subsidy-register",
    ),
    path(
        "subsidies/register.csv",
        subsidy_views.register_csv,
        name="subsidy-register-csv",
    ),
    path(
        "subsidies/register.json",
        public_page(subsidy_views.register_json),
        name="subsidy-register-json",
    ),
    path(
        "subsidies/begroting/",
        public_page(subsidy_views.BudgetDashboardView.as_view()),
        name="budget-dashboard",
    ),
]
