from django.urls import path

from kuzbas.production.views import imports, links, setup, statistics

app_name = "production"
urlpatterns = [
    path("", statistics.dashboard, name="dashboard"),
    path("compare/", statistics.compare, name="compare"),
    path("import/", imports.import_view, name="import"),
    path("import/progress/<slug:token>/", imports.import_progress_view, name="import_progress"),
    path("export/<slug:table>.<slug:fmt>", statistics.export, name="export"),
    path("units/", setup.units, name="units"),
    path("units/<slug:key>/", statistics.unit_detail, name="unit"),
    path("units/<slug:key>/edit/", setup.unit_edit, name="unit_edit"),
    path("units/<slug:key>/close/", setup.unit_close, name="unit_close"),
    path("products/", setup.products, name="products"),
    path("products/<slug:key>/edit/", setup.product_edit, name="product_edit"),
    path("plans/", setup.plans, name="plans"),
    path("plans/<int:pk>/edit/", setup.plan_edit, name="plan_edit"),
    path("transfers/", setup.transfers, name="transfers"),
    path("charts/<slug:key>.<slug:fmt>", statistics.chart_image, name="chart"),
    path("report/", statistics.report, name="report"),
    path("decision-links/", links.decision_links, name="decision_links"),
    path("decision-links/<int:pk>/unlink/", links.decision_unlink, name="decision_unlink"),
]
