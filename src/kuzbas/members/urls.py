from django.urls import path

from kuzbas.members import choosing, invitation_views, views

app_name = "members"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.person_create, name="create"),
    path("import/", views.people_import, name="import"),
    path("headcount/", views.headcount, name="headcount"),
    path("choices/", choosing.choices, name="choices"),
    path("invitations/", invitation_views.invite_people, name="invitations"),
    path("welcome/<uidb64>/<token>/", invitation_views.welcome, name="welcome"),
    path("<slug:key>/", views.person_detail, name="person"),
    path("<slug:key>/edit/", views.person_edit, name="person_edit"),
    path("<slug:key>/memberships/", views.membership_add, name="membership_add"),
    path("<slug:key>/memberships/<int:pk>/end/", views.membership_end, name="membership_end"),
    path("<slug:key>/employments/", views.employment_add, name="employment_add"),
    path("<slug:key>/employments/<int:pk>/end/", views.employment_end, name="employment_end"),
    path("<slug:key>/invitation/", invitation_views.invite, name="invite"),
]
