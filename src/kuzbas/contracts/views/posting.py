"""What the contracts' forms share: the page's status, the citations, and (from `core`)
`written`, which runs a service for a valid form and shows a refusal on it."""

from __future__ import annotations

from kuzbas.core.validation import written

__all__ = ["citations", "status_of", "written"]


def status_of(*forms) -> int:
    """422 where a bound form holds errors, else 200."""
    return 422 if any(f is not None and f.is_bound and f.errors for f in forms) else 200


def citations(form) -> list[dict]:
    return form.citations() if hasattr(form, "citations") else []
