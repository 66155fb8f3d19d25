"""A source's documents: the stored file (checked by its content), its transcription and its
translation, and how a stored file is answered so that nothing in it ever runs."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.errors import Invalid, Problem
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.record.models import Document, Source


@dataclass(frozen=True)
class Kind:
    media_type: str
    extension: str
    inline: bool  # shown in the browser (an image, a PDF) rather than saved


# The allow-list, by the bytes a file starts with: its name and the browser's word are not asked.
KINDS: list[tuple[bytes, Kind]] = [
    (b"%PDF-", Kind("application/pdf", "pdf", True)),
    (b"\x89PNG\r\n\x1a\n", Kind("image/png", "png", True)),
    (b"\xff\xd8\xff", Kind("image/jpeg", "jpg", True)),
    (b"II*\x00", Kind("image/tiff", "tif", False)),
    (b"MM\x00*", Kind("image/tiff", "tif", False)),
]
WEBP = Kind("image/webp", "webp", True)
INLINE = {k.media_type for _m, k in KINDS if k.inline} | {WEBP.media_type}
TEXT = Kind("text/plain; charset=utf-8", "txt", False)
ALLOWED = "PDF, PNG, JPEG, TIFF, WebP, UTF-8 text"


def kind_of(data: bytes) -> Kind | None:
    """Return the kind of file `data` is, by its first bytes; None for one not on the list."""
    for magic, kind in KINDS:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    # Text that a browser could take for markup is not plain text to us.
    if "\x00" in text or text.lstrip().startswith("<"):
        return None
    return TEXT


def inline(document: Document) -> bool:
    """Whether the stored file may be shown in the browser (an image, a PDF), not only saved."""
    return document.media_type in INLINE


def stored_path(document: Document) -> Path:
    return Path(settings.MEDIA_ROOT) / document.file


@transaction.atomic
def add_document(
    *,
    actor,
    source: Source,
    title: str,
    data: bytes | None = None,
    file_name: str = "",
    locator: str = "",
    transcription: str = "",
    transcription_language: str = "",
    translation: str = "",
    translation_language: str = "",
    public: bool = False,
    note: str = "",
) -> Document:
    """Attach a document to a source: a file checked by its content and kept by its checksum,
    and its transcription and translation; Invalid naming the field, nothing stored."""
    require(actor, Right.RECORD_EDIT)
    document = Document(
        source=source,
        title=title.strip(),
        locator=locator.strip(),
        file_name=Path(file_name).name[:200],
        transcription=transcription,
        transcription_language=transcription_language.strip(),
        translation=translation,
        translation_language=translation_language.strip(),
        public=public,
        note=note.strip(),
        added_at=timezone.now(),
    )
    kind = _checked(data) if data else None
    if kind is not None and data is not None:
        document.sha256 = hashlib.sha256(data).hexdigest()
        document.size = len(data)
        document.media_type = kind.media_type
        document.file = f"documents/{document.sha256[:2]}/{document.sha256}.{kind.extension}"
    full_clean_or_invalid(document)
    if kind is not None and data is not None:
        _store(stored_path(document), data)
    document.save()
    audit(
        actor=actor,
        action="record.document.add",
        obj=source,
        changes={
            "document": document.pk,
            "title": document.title,
            "sha256": document.sha256,
            "size": document.size,
            "type": document.media_type,
            "public": public,
        },
    )
    return document


def _checked(data: bytes) -> Kind:
    limit = settings.KUZBAS_DOCUMENT_MAX_BYTES
    if len(data) > limit:
        raise Invalid(
            problems=[
                Problem(
                    _("The file is %(size)s MB; a document may be at most %(limit)s MB.")
                    % {"size": f"{len(data) / 2**20:.1f}", "limit": f"{limit / 2**20:g}"},
                    field="file",
                )
            ]
        )
    kind = kind_of(data)
    if kind is None:
        raise Invalid(
            problems=[
                Problem(
                    _("This kind of file is not kept; a document may be %(allowed)s.")
                    % {"allowed": ALLOWED},
                    field="file",
                )
            ]
        )
    return kind


def _store(path: Path, data: bytes) -> None:
    """Write the file under its checksum; the same content is kept once."""
    if path.is_file():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(path.suffix + ".part")
    partial.write_bytes(data)
    partial.replace(path)
