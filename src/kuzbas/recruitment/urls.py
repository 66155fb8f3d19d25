from django.urls import path

from kuzbas.recruitment.views import applications, calls, public

app_name = "recruitment"
urlpatterns = [
    path("", public.home, name="home"),
    path("calls/<slug:key>/", public.call_page, name="call"),
    path("calls/<slug:key>/apply/", public.apply, name="apply"),
    path("manage/calls/new/", calls.call_new, name="call_new"),
    path("calls/<slug:key>/edit/", calls.call_edit, name="call_edit"),
    path("calls/<slug:key>/open/", calls.call_open, name="call_open"),
    path("calls/<slug:key>/close/", calls.call_close, name="call_close"),
    path("bureaus/", calls.bureaus, name="bureaus"),
    path("bureaus/new/", calls.bureau_new, name="bureau_new"),
    path("bureaus/<slug:key>/", calls.bureau_page, name="bureau"),
    path("bureaus/<slug:key>/stages/", calls.stage_add, name="stage_add"),
    path("bureaus/<slug:key>/reasons/", calls.reason_add, name="reason_add"),
    path("applications/", applications.application_list, name="applications"),
    path("applications/<int:pk>/", applications.application_page, name="application"),
    path("applications/<int:pk>/move/", applications.move, name="move"),
    path("applications/<int:pk>/refuse/", applications.refuse, name="refuse"),
    path("applications/<int:pk>/recommend/", applications.recommend, name="recommend"),
    path(
        "applications/<int:pk>/duplicates/<int:flag>/",
        applications.rule_on_duplicate,
        name="duplicate",
    ),
    path("attachments/<int:pk>/", applications.attachment_file, name="attachment"),
]
