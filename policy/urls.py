"""Public pages of policy: the subsidy register and the budget overview."""

from django.urls import path

from .subsidies import views as subsidy_views

app_name = "policy"

urlpatterns = [
    path(
        "subsidies/", subsidy_views.GrantRegisterView.as_view(), name="subsidy-register"
    ),
    path(
        "subsidies/register.csv",
        subsidy_views.register_csv,
        name="subsidy-register-csv",
    ),
    path(
        "subsidies/register.json",
        subsidy_views.register_json,
        name="subsidy-register-json",
    ),
    path(
        "subsidies/begroting/",
        subsidy_views.BudgetDashboardView.as_view(),
        name="budget-dashboard",
    ),
]
