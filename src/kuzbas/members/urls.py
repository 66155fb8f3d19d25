from django.urls import path

from kuzbas.members import views

app_name = "members"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.person_create, name="create"),
    path("import/", views.people_import, name="import"),
    path("headcount/", views.headcount, name="headcount"),
    path("<slug:key>/", views.person_detail, name="person"),
]
