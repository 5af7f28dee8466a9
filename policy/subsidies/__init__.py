"""Subsidies and budgets: register import, grant status changes, dashboards, the public
register and its 360Giving export."""
