"""The floor of the vote benchmark: a bare Django endpoint that inserts one row and returns.

Served by gunicorn with the arguments `kuzbas serve` uses, on the same database with the same
connection settings (the DATABASES of kuzbas.web.settings, read from the same environment), so
that the ballot path can be measured as a ratio of it. No middleware, no authentication, no
checks: one INSERT in autocommit, one JSON reply.

    gunicorn floor_app:application --chdir bench ...   # POST /floor/<member>
"""

from __future__ import annotations

import django
from django.conf import settings

from kuzbas.web import settings as kuzbas_settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="floor-" + "x" * 50,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[],
    MIDDLEWARE=[],
    DATABASES=kuzbas_settings.DATABASES,
    USE_TZ=True,
)
django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpRequest, JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402


@csrf_exempt
def insert(request: HttpRequest, member: str) -> JsonResponse:
    """Insert one row and return."""
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_floor (member, choice) VALUES (%s, %s)", [member, "yes"])
    return JsonResponse({"member": member, "choice": "yes", "receipt": None}, status=201)


urlpatterns = [path("floor/<str:member>", insert)]
application = get_wsgi_application()
