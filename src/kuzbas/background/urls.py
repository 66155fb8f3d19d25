from django.urls import path

from kuzbas.background import views

app_name = "background"

urlpatterns = [
    path("<str:job_id>/", views.job, name="job"),
]
