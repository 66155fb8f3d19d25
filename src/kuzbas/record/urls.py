from django.urls import path

from kuzbas.record import document_views, event_views, views

app_name = "record"
urlpatterns = [
    path("sources/", views.source_list_view, name="sources"),
    path("sources/<slug:key>/", views.source_detail, name="source"),
    path("sources/<slug:key>/documents/", document_views.add_document, name="add_document"),
    path("documents/<int:pk>/", document_views.document_detail, name="document"),
    path("documents/<int:pk>/file", document_views.document_file, name="document_file"),
    path("citations/", views.cite, name="cite"),
    path("citations/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("timeline/", event_views.timeline_page, name="timeline"),
    path("timeline.<slug:fmt>", event_views.timeline_image, name="timeline_image"),
    path("events/new/", event_views.event_new, name="event_new"),
    path("events/<slug:key>/", event_views.event_detail, name="event"),
]
