"""A real SMTP server for the tests: aiosmtpd on 127.0.0.1, on a free port, keeping what it gets.

The `smtp_server` fixture starts it and points Django's SMTP backend at it, so a test sends
through the same code a cooperative's server would, not the in-memory backend. Import the
fixture into a test module or conftest to use it.
"""

from __future__ import annotations

import email
import email.policy
import socket
from dataclasses import dataclass, field
from email.message import EmailMessage

import pytest


@dataclass
class Mailbox:
    """What the server received, parsed with the standard library."""

    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)

    # aiosmtpd calls the handler's method by this name.
    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.messages.append(message)
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"

    def only(self) -> EmailMessage:
        """Return the one message received; fail if there is not exactly one."""
        assert len(self.messages) == 1, [m["Subject"] for m in self.messages]
        return self.messages[0]


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on just now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """Start an SMTP server for one test and send the project's e-mail to it."""
    from aiosmtpd.controller import Controller

    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield mailbox
    finally:
        controller.stop()
