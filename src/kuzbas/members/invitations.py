"""Invitations by e-mail: an account without a usable password, and a one-time link to set one.

The link is Django's password-reset link (the account's id in base 64 and a token from
`default_token_generator`). The token is made from the account's password hash and last login,
so it stops working once a password is set, and after `PASSWORD_RESET_TIMEOUT` in any case.
Nothing stores it: the audit trail says who invited whom, never the link.

The e-mail is queued once the transaction commits (`transaction.on_commit`), so a rolled-back
invitation sends nothing, and sent by the background worker (`send_invitations`), so a slow
mail server never holds the clerk's request: the clerk is told it will go out shortly. A
failure to send is audited and never raised; where the queue has already run the task (the
tests' backend), the invitation says whether it left.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from kuzbas.audit.services import audit
from kuzbas.background.actors import actor_from, actor_ref
from kuzbas.background.running import enqueue_after_commit
from kuzbas.core.errors import Conflict, Invalid, NotNow, Problem
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.members.models import Person, User

logger = logging.getLogger(__name__)

# Why a person was left out of a bulk invitation, in the order the report lists them.
NO_ADDRESS = "no_address"
HAS_ACCOUNT = "has_account"
INVITED = "invited"
ACCOUNT_CLOSED = "account_closed"
SKIP_REASONS = {
    NO_ADDRESS: gettext_lazy("no e-mail address"),
    HAS_ACCOUNT: gettext_lazy("already has an account"),
    INVITED: gettext_lazy("already invited, the link not used yet"),
    ACCOUNT_CLOSED: gettext_lazy("the account is closed"),
}


@dataclass
class Invitation:
    """One invitation: to whom, with which account, and whether the e-mail left."""

    person: Person
    user: User
    new_account: bool
    # None until the transaction commits and the message is handed to the mail server.
    sent: bool | None = None
    error: str = ""


@dataclass
class InvitationReport:
    """What a bulk invitation did: the invitations made, and who was skipped and why."""

    invitations: list[Invitation] = field(default_factory=list)
    skipped: list[tuple[Person, str]] = field(default_factory=list)

    @property
    def sent(self) -> list[Invitation]:
        return [i for i in self.invitations if i.sent]

    @property
    def failed(self) -> list[Invitation]:
        return [i for i in self.invitations if i.sent is False]

    def skipped_by_reason(self) -> list[tuple[str, list[Person]]]:
        """Return the skipped people grouped by reason, each reason in words."""
        return [
            (str(label), [p for p, why in self.skipped if why == reason])
            for reason, label in SKIP_REASONS.items()
            if any(why == reason for _p, why in self.skipped)
        ]


def skip_reason(person: Person) -> str | None:
    """Return why a bulk invitation leaves the person out, or None to invite them."""
    if not person.email:
        return NO_ADDRESS
    user = _account_of(person)
    if user is None:
        return None
    if not user.is_active:
        return ACCOUNT_CLOSED
    return HAS_ACCOUNT if user.has_usable_password() else INVITED


def invite(*, actor, person: Person, site_url: str, language: str | None = None) -> Invitation:
    """Invite one person by e-mail, opening their account or sending the link again.

    `site_url` is where the link points (the scheme and host the clerk reached Kuzbas on);
    the e-mail is written in `language`, the clerk's by default.
    """
    return _invite_all(
        actor=actor, people=[person], site_url=site_url, language=language, skip=False
    ).invitations[0]


def invite_people(
    *, actor, people: Iterable[Person], site_url: str, language: str | None = None
) -> InvitationReport:
    """Invite everyone given who has an address and no account yet; report who was skipped."""
    return _invite_all(actor=actor, people=people, site_url=site_url, language=language, skip=True)


@transaction.atomic
def _invite_all(
    *, actor, people: Iterable[Person], site_url: str, language: str | None, skip: bool
) -> InvitationReport:
    require(actor, Right.MEMBERS_EDIT)
    report = InvitationReport()
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    for person in people:
        reason = skip_reason(person)
        if skip and reason is not None:
            report.skipped.append((person, reason))
            continue
        _refuse_unless_invitable(person, reason)
        user, new_account = _account_for(actor, person)
        invitation = Invitation(person=person, user=user, new_account=new_account)
        report.invitations.append(invitation)
        audit(
            actor=actor,
            action="members.invitation.send",
            obj=person,
            changes={"person": person.key, "username": user.username, "new_account": new_account},
        )
    if report.invitations:
        enqueue_after_commit(
            send_invitations,
            then=lambda result: _note_outcomes(report.invitations, result),
            actor=actor_ref(actor),
            invited=[[i.person.pk, i.user.pk, i.new_account] for i in report.invitations],
            site_url=site_url,
            language=language,
        )
    return report


@task()
def send_invitations(*, actor: dict, invited: list[list], site_url: str, language: str) -> dict:
    """Write and send committed invitations; return each person's error ("" once sent)."""
    actor = actor_from(actor)
    people = Person.objects.in_bulk([person for person, _user, _new in invited])
    users = User.objects.in_bulk([user for _person, user, _new in invited])
    invitations = [
        Invitation(person=people[person], user=users[user], new_account=new)
        for person, user, new in invited
    ]
    messages = [_message(actor, i, site_url, language) for i in invitations]
    _send(actor, invitations, messages)
    return {str(i.person.pk): "" if i.sent else i.error for i in invitations}


def _note_outcomes(invitations: list[Invitation], result) -> None:
    """Say on each invitation whether it left, if the queue has already run its task."""
    if result.status != "SUCCESSFUL":
        return
    for invitation in invitations:
        error = result.return_value.get(str(invitation.person.pk))
        if error is not None:
            invitation.sent, invitation.error = not error, error


def _refuse_unless_invitable(person: Person, reason: str | None) -> None:
    if reason == NO_ADDRESS:
        raise NotNow(
            _("%(person)s has no e-mail address; add one to their details first.")
            % {"person": person},
            field="email",
        )
    if reason == ACCOUNT_CLOSED:
        raise Conflict(
            _("%(person)s's account is closed; an invitation would not open it.")
            % {"person": person}
        )
    if reason == HAS_ACCOUNT:
        raise Conflict(
            _("%(person)s already has an account (user name “%(username)s”) with a password.")
            % {"person": person, "username": _account_of(person).username}
        )


def _account_of(person: Person) -> User | None:
    try:
        return person.user
    except User.DoesNotExist:
        return None


def _account_for(actor, person: Person) -> tuple[User, bool]:
    """Return the person's account, opening one without a usable password if there is none."""
    user = _account_of(person)
    if user is not None:
        return user, False
    user = User(username=_free_username(person.key), person=person, email=person.email)
    user.set_unusable_password()
    full_clean_or_invalid(user, exclude=["password"])
    user.save()
    audit(
        actor=actor,
        action="members.user.create",
        obj=user,
        changes={"person": person.key, "roles": [], "by": "invitation"},
    )
    return user, True


def _free_username(wanted: str) -> str:
    name, n = wanted[:140], 2
    while User.objects.filter(username__iexact=name).exists():
        name, n = f"{wanted[:140]}-{n}", n + 1
    return name


def invitation_link(user: User, site_url: str) -> str:
    """Return the one-time link that lets the account's owner set a password."""
    path = reverse(
        "members:welcome",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return site_url.rstrip("/") + path


def _inviter(actor) -> str:
    person = getattr(actor, "person", None)
    if person is not None:
        return str(person)
    full_name = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
    return full_name or actor.get_username()


def _message(actor, invitation: Invitation, site_url: str, language: str) -> EmailMessage:
    context = {
        "person": invitation.person,
        "username": invitation.user.get_username(),
        "inviter": _inviter(actor),
        "enterprise": settings.KUZBAS_ENTERPRISE_NAME,
        "link": invitation_link(invitation.user, site_url),
        "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86_400),
    }
    with translation.override(language):
        subject = render_to_string("members/email/invitation_subject.txt", context)
        body = render_to_string("members/email/invitation.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invitation.person.email],
    )


def _send(actor, invitations: list[Invitation], messages: list[EmailMessage]) -> None:
    """Hand the messages to the mail server; note each failure on its invitation and audit it.

    Runs in the worker after the commit: any error is caught here, audited and logged.
    """
    try:
        with get_connection() as connection:
            for invitation, message in zip(invitations, messages, strict=True):
                message.connection = connection
                try:
                    message.send()
                except Exception as error:  # a bad address, a refusal: one message fails
                    _failed(actor, invitation, error)
                else:
                    invitation.sent = True
    except Exception as error:  # no connection at all: every message not sent fails
        for invitation in invitations:
            if invitation.sent is None:
                _failed(actor, invitation, error)


def _failed(actor, invitation: Invitation, error: Exception) -> None:
    invitation.sent = False
    invitation.error = str(error) or type(error).__name__
    logger.warning("invitation to %s not sent: %s", invitation.person.key, invitation.error)
    audit(
        actor=actor,
        action="members.invitation.failed",
        obj=invitation.person,
        changes={"person": invitation.person.key, "error": invitation.error[:200]},
    )


@transaction.atomic
def accept_invitation(*, user: User, token: str, password: str) -> User:
    """Set the invited account's first password; the token is the right to do it."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not default_token_generator.check_token(user, token):
        raise NotNow(_("This invitation link has been used or has expired; ask for a new one."))
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise Invalid(
            problems=[Problem(message, field="new_password1") for message in error.messages]
        ) from None
    user.set_password(password)
    user.save(update_fields=["password"])
    audit(
        actor=user,
        action="members.invitation.accept",
        obj=user,
        changes={"person": user.person.key if user.person_id else None},
    )
    return user
