"""The WSGI entry point that gunicorn serves.

Waiting phones' "has anything changed?" questions are answered before Django's request
handling (`kuzbas.meetings.live.shortcut`); everything else is Django's.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuzbas.web.settings")
application = get_wsgi_application()

from kuzbas.meetings.live import shortcut  # noqa: E402 - needs the apps loaded

application = shortcut(application)
