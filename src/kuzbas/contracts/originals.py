"""The signed original of a contract version: a stored file checked by its content (the
record's allow-list of kinds) and kept by its SHA-256 checksum, within the documents' size
limit (`KUZBAS_DOCUMENT_MAX_BYTES`)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.contracts.models.versions import Version
from kuzbas.core.errors import Invalid, Problem
from kuzbas.core.rights import Right, require
from kuzbas.record.documents import ALLOWED, INLINE, kind_of


def stored_path(version: Version) -> Path:
    return Path(settings.MEDIA_ROOT) / version.original_file


def inline(version: Version) -> bool:
    """Whether the original may be shown in the browser (a PDF, an image), not only saved."""
    return version.original_type in INLINE


def _refuse(message: str) -> Invalid:
    return Invalid(problems=[Problem(message, field="file")])


@transaction.atomic
def attach_original(*, actor, version: Version, data: bytes, file_name: str = "") -> Version:
    """Keep the signed original of a version: checked by its content, stored by its checksum.

    A version may have its original attached (or replaced by a better scan) in any status:
    the file is evidence of what was signed, not part of the text the body votes on.
    """
    require(actor, Right.CONTRACTS_EDIT)
    limit = settings.KUZBAS_DOCUMENT_MAX_BYTES
    if not data:
        raise _refuse(_("Choose the file of the signed original."))
    if len(data) > limit:
        raise _refuse(
            _("The file is %(size)s MB; a signed original may be at most %(limit)s MB.")
            % {"size": f"{len(data) / 2**20:.1f}", "limit": f"{limit / 2**20:g}"}
        )
    kind = kind_of(data)
    if kind is None:
        raise _refuse(
            _("This kind of file is not kept; a signed original may be %(allowed)s.")
            % {"allowed": ALLOWED}
        )
    digest = hashlib.sha256(data).hexdigest()
    before = version.original_sha256
    version.original_sha256 = digest
    version.original_size = len(data)
    version.original_type = kind.media_type
    version.original_name = Path(file_name).name[:200]
    version.original_file = f"contracts/{digest[:2]}/{digest}.{kind.extension}"
    _store(stored_path(version), data)
    version.save(
        update_fields=[
            "original_sha256",
            "original_size",
            "original_type",
            "original_name",
            "original_file",
        ]
    )
    audit(
        actor=actor,
        action="contracts.version.original",
        obj=version,
        changes={"sha256": digest, "size": len(data), "type": kind.media_type, "before": before},
    )
    return version


def _store(path: Path, data: bytes) -> None:
    """Write the file under its checksum; the same content is kept once."""
    if path.is_file():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(path.suffix + ".part")
    partial.write_bytes(data)
    partial.replace(path)
