"""Files an applicant sends: checked by their content against the record's allow-list, limited
in size and number, and kept by their SHA-256 checksum under the media folder."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kuzbas.core.errors import Problem
from kuzbas.record.documents import ALLOWED, kind_of
from kuzbas.recruitment.models import Application, Attachment

FIELD = "attachments"


def max_bytes() -> int:
    return int(getattr(settings, "KUZBAS_APPLY_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024))


def max_files() -> int:
    return int(getattr(settings, "KUZBAS_APPLY_ATTACHMENTS", 3))


@dataclass(frozen=True)
class Upload:
    """A file as it arrived: its name as the sender gave it, and its bytes."""

    name: str
    data: bytes
    size: int | None = None  # as sent, where only the start of a file too large was read

    @property
    def length(self) -> int:
        return self.size if self.size is not None else len(self.data)


def from_files(files) -> list[Upload]:
    """Return uploaded files as uploads, reading no more of each than the limit allows."""
    limit = max_bytes()
    return [Upload(name=f.name or "", data=f.read(limit + 1), size=f.size) for f in files]


@dataclass(frozen=True)
class Checked:
    name: str
    data: bytes
    sha256: str
    content_type: str
    extension: str


def check(uploads: list[Upload]) -> tuple[list[Checked], list[Problem]]:
    """Return the files that pass, and a problem naming each that does not."""
    problems: list[Problem] = []
    uploads = [u for u in uploads if u.name or u.data]
    if len(uploads) > max_files():
        problems.append(
            Problem(
                ngettext(
                    "At most %(n)s file may be attached.",
                    "At most %(n)s files may be attached.",
                    max_files(),
                )
                % {"n": max_files()},
                field=FIELD,
            )
        )
        return [], problems
    checked = []
    limit = max_bytes()
    for upload in uploads:
        name = Path(upload.name).name[:200] or "file"
        if not upload.length:
            problems.append(Problem(_("“%(name)s” is empty.") % {"name": name}, field=FIELD))
            continue
        if upload.length > limit:
            problems.append(
                Problem(
                    _("“%(name)s” is %(size)s MB; a file may be at most %(limit)s MB.")
                    % {
                        "name": name,
                        "size": f"{upload.length / 2**20:.1f}",
                        "limit": f"{limit / 2**20:g}",
                    },
                    field=FIELD,
                )
            )
            continue
        kind = kind_of(upload.data)
        if kind is None:
            problems.append(
                Problem(
                    _("“%(name)s” is not a kind of file kept here; send %(allowed)s.")
                    % {"name": name, "allowed": ALLOWED},
                    field=FIELD,
                )
            )
            continue
        checked.append(
            Checked(
                name=name,
                data=upload.data,
                sha256=hashlib.sha256(upload.data).hexdigest(),
                content_type=kind.media_type,
                extension=kind.extension,
            )
        )
    return checked, problems


def stored_path(attachment: Attachment) -> Path:
    return Path(settings.MEDIA_ROOT) / attachment.file


def keep(application: Application, files: list[Checked]) -> list[Attachment]:
    """Save the attachments' rows and write their files (the same content is kept once)."""
    rows = []
    for f in files:
        attachment = Attachment.objects.create(
            application=application,
            file=f"recruitment/{f.sha256[:2]}/{f.sha256}.{f.extension}",
            file_name=f.name,
            content_type=f.content_type,
            size=len(f.data),
            sha256=f.sha256,
            added_at=timezone.now(),
        )
        rows.append(attachment)
    # Written last, once every row is in: a refusal before this point leaves no file behind.
    for attachment, f in zip(rows, files, strict=True):
        path = stored_path(attachment)
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(path.suffix + ".part")
            partial.write_bytes(f.data)
            partial.replace(path)
    return rows
