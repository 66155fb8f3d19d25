from django.urls import path

from kuzbas.record import views

app_name = "record"
urlpatterns = [
    path("sources/", views.source_list_view, name="sources"),
    path("sources/<slug:key>/", views.source_detail, name="source"),
    path("citations/", views.cite, name="cite"),
    path("citations/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]
