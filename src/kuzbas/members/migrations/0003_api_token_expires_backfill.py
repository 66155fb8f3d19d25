"""Give every token issued before expiry existed the lifetime a new one gets, from its issue."""

import datetime as dt

from django.conf import settings
from django.db import migrations
from django.db.models import F


def backfill(apps, schema_editor):
    ApiToken = apps.get_model("members", "ApiToken")
    lifetime = dt.timedelta(days=settings.KUZBAS_TOKEN_DAYS)
    ApiToken.objects.filter(expires__isnull=True).update(expires=F("created") + lifetime)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_api_token_expires"),
    ]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
