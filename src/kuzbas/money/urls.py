from django.urls import path

from kuzbas.money import views

app_name = "money"
urlpatterns = [
    path("rates/", views.rates, name="rates"),
]
