"""The WSGI entry point that gunicorn serves.

Waiting phones' "has anything changed?" questions are answered before Django's request
handling (`kuzbas.meetings.live.shortcut`), and so are ballots sent with a bearer token
(`kuzbas.web.ballot_path`); other API requests with a bearer token go through a
shorter middleware stack (`kuzbas.web.bearer`); everything else through the whole of it.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuzbas.web.settings")
application = get_wsgi_application()

from kuzbas.meetings import live  # noqa: E402 - needs the apps loaded
from kuzbas.web import ballot_path, bearer  # noqa: E402

application = live.shortcut(ballot_path.shortcut(bearer.shortcut(application)))
