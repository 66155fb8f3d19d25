"""The project's URLs: one include per area, the API, auth and language switching."""

from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from kuzbas.web import demo_date, views
from kuzbas.web.api import api

urlpatterns = [
    path("", views.home, name="home"),
    path("coming/<slug:area>/", views.coming, name="coming"),
    path("account/", views.account, name="account"),
    path("account/tokens/<str:prefix>/revoke/", views.revoke_token, name="revoke_token"),
    path("me/", views.my_page, name="me"),
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("demo-date/", demo_date.demo_date, name="demo_date"),
    path("members/", include("kuzbas.members.urls")),
    path("record/", include("kuzbas.record.urls")),
    path("governance/", include("kuzbas.governance.urls")),
    path("meetings/", include("kuzbas.meetings.urls")),
    path("elections/", include("kuzbas.elections.urls")),
    path("audit/", include("kuzbas.audit.urls")),
    path("production/", include("kuzbas.production.urls")),
    path("recruitment/", include("kuzbas.recruitment.urls")),
    path("contracts/", include("kuzbas.contracts.urls")),
    path("jobs/", include("kuzbas.background.urls")),
    path("money/", include("kuzbas.money.urls")),
    path("api/", api.urls),
]

handler400 = "kuzbas.web.views.bad_request"
handler403 = "kuzbas.web.views.permission_denied"
handler404 = "kuzbas.web.views.page_not_found"
handler500 = "kuzbas.web.views.server_error"
