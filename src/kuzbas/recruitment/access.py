"""Calls, applications and bureaus named by user input, fetched only for those who may see them.

A call once opened is public: anyone may read it, and its page says when it is closed. A draft
is the bureau's alone. Applications hold personal data: only those with the right to read
applications fetch one.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from kuzbas.core.errors import NotFound
from kuzbas.core.rights import Right, has_right, require
from kuzbas.recruitment.models import Application, Attachment, Bureau, Call
from kuzbas.recruitment.models.calls import CallStatus


def calls_for_user(user):
    """Return the calls the user may read: published ones, and drafts for the bureau."""
    calls = Call.objects.select_related("bureau")
    if not has_right(user, Right.RECRUITMENT_MANAGE):
        calls = calls.exclude(status=CallStatus.DRAFT)
    return calls


def call_for_user(user, key: str) -> Call:
    """Return the call if the user may read it; NotFound otherwise."""
    call = calls_for_user(user).filter(key=key).first()
    if call is None:
        raise NotFound(_("There is no call “%(key)s”.") % {"key": key})
    return call


def bureau_for_user(user, key: str) -> Bureau:
    """Return the bureau (bureaus are public: they publish calls); NotFound if there is none."""
    bureau = Bureau.objects.filter(key=key).first()
    if bureau is None:
        raise NotFound(_("There is no bureau “%(key)s”.") % {"key": key})
    return bureau


def applications_for_user(user):
    """Return the applications the user may read: all of them, for those with the right."""
    require(user, Right.RECRUITMENT_APPLICATIONS)
    return Application.objects.select_related("call__bureau", "stage", "refusal_reason")


def application_for_user(user, pk: int) -> Application:
    """Return the application if the user may read applications; NotFound if there is none."""
    application = applications_for_user(user).filter(pk=pk).first()
    if application is None:
        raise NotFound(_("There is no application No. %(n)s.") % {"n": pk})
    return application


def attachment_for_user(user, pk: int) -> Attachment:
    """Return an attachment if the user may read applications; NotFound if there is none."""
    require(user, Right.RECRUITMENT_APPLICATIONS)
    attachment = Attachment.objects.select_related("application").filter(pk=pk).first()
    if attachment is None:
        raise NotFound(_("There is no attachment No. %(n)s.") % {"n": pk})
    return attachment
