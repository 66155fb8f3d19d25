from django.urls import path

from kuzbas.governance import amendment_views, register_views, seat_views, views

app_name = "governance"
urlpatterns = [
    path("bodies/", views.body_list, name="bodies"),
    path("bodies/<slug:key>/", seat_views.body_detail, name="body"),
    path("bodies/<slug:key>/seats/<slug:seat>/", seat_views.seat_appoint, name="seat_appoint"),
    path("bodies/<slug:key>/holdings/<int:pk>/end/", seat_views.holding_end, name="holding_end"),
    path("statute/", views.statute, name="statute"),
    path("statute/diff/", views.statute_diff, name="statute_diff"),
    path("statute/propose/", amendment_views.statute_propose, name="statute_propose"),
    path("statute/<str:version>/", views.statute, name="statute_version"),
    path("who-decides/", views.explorer, name="explorer"),
    path(
        "statute/conditions/<slug:condition>/motion/",
        register_views.condition_motion,
        name="condition_motion",
    ),
    path("motions/", views.motion_list, name="motions"),
    path("motions/new/", views.motion_create, name="motion_create"),
    path("motions/<int:number>/", views.motion_detail, name="motion"),
    path("motions/<int:number>/open/", views.motion_open, name="motion_open"),
    path("motions/<int:number>/close/", views.motion_close, name="motion_close"),
    path("motions/<int:number>/vote/", views.motion_vote, name="motion_vote"),
    path("motions/<int:number>/count/", views.motion_count, name="motion_count"),
    path("register/", register_views.register, name="register"),
    path("register/<int:sequence>/appeal/", register_views.decision_appeal, name="decision_appeal"),
    path("register/<int:sequence>/", register_views.decision_detail, name="decision"),
]
