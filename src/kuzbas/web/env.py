"""Typed readers for the environment; a bad value stops start-up with a message naming it."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping, Sequence
from email.utils import parseaddr


class SettingError(Exception):
    """An environment variable holds a value the application cannot use."""


TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool, environ: Mapping[str, str] = os.environ) -> bool:
    """Read a yes/no variable; refuse anything that is neither."""
    raw = environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise SettingError(f"{name}={raw!r} is not a yes/no value; use one of 1/0, true/false, yes/no.")


def env_choice(
    name: str, choices: Sequence[str], default: str, environ: Mapping[str, str] = os.environ
) -> str:
    """Read a variable that must be one of a few words."""
    raw = environ.get(name, default).strip().lower()
    if raw not in choices:
        allowed = ", ".join(choices)
        raise SettingError(f"{name}={raw!r} is not one of: {allowed}.")
    return raw


def env_int(
    name: str,
    default: int,
    *,
    minimum: int = 0,
    maximum: int | None = None,
    environ: Mapping[str, str] = os.environ,
) -> int:
    """Read a whole number no smaller than `minimum` (and no larger than `maximum`, if given)."""
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingError(f"{name}={raw!r} is not a whole number.") from None
    if value < minimum:
        raise SettingError(f"{name}={value} is below the minimum of {minimum}.")
    if maximum is not None and value > maximum:
        raise SettingError(f"{name}={value} is above the maximum of {maximum}.")
    return value


def env_list(
    name: str, default: Sequence[str], environ: Mapping[str, str] = os.environ
) -> list[str]:
    """Read a comma-separated list, dropping blanks."""
    raw = environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_date(name: str, environ: Mapping[str, str] = os.environ) -> dt.date | None:
    """Read an ISO date (YYYY-MM-DD), or None when unset."""
    raw = environ.get(name, "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise SettingError(f"{name}={raw!r} is not a date; write YYYY-MM-DD.") from None


def env_database_url(name: str, default: str, environ: Mapping[str, str] = os.environ) -> str:
    """Read a database URL; only SQLite and PostgreSQL are supported."""
    raw = environ.get(name, "").strip() or default
    scheme = raw.split(":", 1)[0].lower()
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise SettingError(
            f"{name}={raw!r}: unsupported database; use sqlite:///path or postgres://user:pass@host:port/db."
        )
    return raw


# A mailbox, bare or with a display name: "kuzbas@coop.example" or "Coop <kuzbas@coop.example>".
_ADDRESS = re.compile(r"^[^@\s<>]+@[^@\s<>]+$")


def env_email(name: str, default: str, environ: Mapping[str, str] = os.environ) -> str:
    """Read an e-mail address, optionally with a display name; refuse anything else."""
    raw = environ.get(name, "").strip() or default
    display, address = parseaddr(raw)
    if not _ADDRESS.match(address) or (not display and address != raw):
        raise SettingError(
            f"{name}={raw!r} is not an e-mail address; write name@host or Name <name@host>."
        )
    return raw


def env_text(name: str, default: str, environ: Mapping[str, str] = os.environ) -> str:
    """Read one line of text; refuse a line break, which would end a mail header early."""
    raw = environ.get(name)
    if raw is None:
        return default
    if "\n" in raw or "\r" in raw:
        raise SettingError(f"{name} holds a line break; give it on one line.")
    return raw.strip()


_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$")


def env_live_stream(name: str, environ: Mapping[str, str] = os.environ) -> str:
    """Where the voting pages' live streams are served: "" (nowhere: the pages poll), "self"
    (this origin, a load balancer routing them), or another origin (scheme, host and port)."""
    raw = env_text(name, "", environ).removesuffix("/")
    if raw in ("", "self") or _ORIGIN.match(raw):
        return raw
    raise SettingError(
        f"{name}={raw!r} is neither empty, self, nor an origin such as https://live.example.org."
    )
