from django.urls import path

from kuzbas.production import views

app_name = "production"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("compare/", views.compare, name="compare"),
    path("import/", views.import_view, name="import"),
    path("import/progress/<slug:token>/", views.import_progress_view, name="import_progress"),
    path("export/<slug:table>.<slug:fmt>", views.export, name="export"),
    path("units/<slug:key>/", views.unit_detail, name="unit"),
    path("charts/<slug:key>.<slug:fmt>", views.chart_image, name="chart"),
    path("report/", views.report, name="report"),
    path("decision-links/", views.decision_links, name="decision_links"),
    path("decision-links/<int:pk>/unlink/", views.decision_unlink, name="decision_unlink"),
]
