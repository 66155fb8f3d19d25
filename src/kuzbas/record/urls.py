from django.urls import path

from kuzbas.record import event_views, views

app_name = "record"
urlpatterns = [
    path("sources/", views.source_list_view, name="sources"),
    path("sources/<slug:key>/", views.source_detail, name="source"),
    path("citations/", views.cite, name="cite"),
    path("citations/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("timeline/", event_views.timeline_page, name="timeline"),
    path("timeline.<slug:fmt>", event_views.timeline_image, name="timeline_image"),
    path("events/new/", event_views.event_new, name="event_new"),
    path("events/<slug:key>/", event_views.event_detail, name="event"),
]
