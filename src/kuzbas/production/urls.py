from django.urls import path

from kuzbas.production import views

app_name = "production"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("compare/", views.compare, name="compare"),
    path("import/", views.import_view, name="import"),
    path("export/<slug:table>.<slug:fmt>", views.export, name="export"),
    path("units/<slug:key>/", views.unit_detail, name="unit"),
]
