from django.urls import path

from kuzbas.elections import views

app_name = "elections"
urlpatterns = [
    path("", views.election_list, name="list"),
    path("new/", views.election_create, name="create"),
    path("<int:pk>/", views.election_detail, name="election"),
    path("<int:pk>/candidates/", views.candidate_add, name="candidate_add"),
    path("<int:pk>/candidates/withdraw/", views.candidate_withdraw, name="candidate_withdraw"),
    path("<int:pk>/open/", views.election_open, name="open"),
    path("<int:pk>/close/", views.election_close, name="close"),
    path("<int:pk>/ballot/", views.ballot, name="ballot"),
    path("<int:pk>/ballot/cast/", views.cast, name="cast"),
    path("<int:pk>/receipts/", views.receipts, name="receipts"),
]
