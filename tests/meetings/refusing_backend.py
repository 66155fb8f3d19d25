"""A mail backend that refuses one address the way an SMTP server does, and keeps the rest."""

from __future__ import annotations

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class RefusingBackend(EmailBackend):
    REFUSED = "vera@x.org"

    def send_messages(self, messages):
        for message in messages:
            if self.REFUSED in message.to:
                raise smtplib.SMTPRecipientsRefused(
                    {self.REFUSED: (550, b"5.1.1 recipient refused")}
                )
        return super().send_messages(messages)
