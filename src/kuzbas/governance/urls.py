from django.urls import path

from kuzbas.governance import views

app_name = "governance"
urlpatterns = [
    path("bodies/", views.body_list, name="bodies"),
]
