"""Proposing an amendment to the statute on a page: upload or paste the new version, see what
it changes clause by clause against the version in force, and file it as a motion."""

from __future__ import annotations

import difflib

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from kuzbas.core.clock import colony_today
from kuzbas.core.errors import Invalid
from kuzbas.core.rights import Right, require
from kuzbas.governance.services import amendments

MAX_BYTES = 512 * 1024


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    reason = forms.CharField(
        label=_("Why (shown with the motion)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    file = forms.FileField(label=_("The new version (TOML file)"), required=False)
    text = forms.CharField(
        label=_("…or its text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false", "class": "code"}),
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is not None:
            if upload.size > MAX_BYTES:
                raise forms.ValidationError(
                    _("The file is larger than %(n)d KB.") % {"n": MAX_BYTES // 1024}
                )
            try:
                data["text"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                self.add_error("file", _("The file is not UTF-8 text."))
                return data
            data["name"] = upload.name
        elif not data.get("text", "").strip():
            raise forms.ValidationError(_("Choose a file, or paste the text of the new version."))
        else:
            data["name"] = "proposal.toml"
        return data


@require_http_methods(["GET", "POST"])
def statute_propose(request: HttpRequest) -> HttpResponse:
    """Check a proposed version (nothing stored), or file it as a motion."""
    require(request.user, Right.GOVERNANCE_FILE_MOTION)
    form = ProposalForm(request.POST or None, request.FILES or None)
    proposal, problems = None, []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        today = colony_today()
        try:
            if "file_it" in request.POST:
                amendment = amendments.propose(
                    actor=request.user,
                    text=data["text"],
                    file=data["name"],
                    as_of=today,
                    title=data["title"],
                    reason=data["reason"],
                )
                return redirect("governance:motion", amendment.motion.number)
            proposal = amendments.examine(data["text"], file=data["name"], as_of=today)
        except Invalid as error:
            problems = error.problems
        # Keep the text on the page, whether it came as a file or pasted.
        form = ProposalForm(initial={**data, "file": None})
    return render(
        request,
        "governance/statute_propose.html",
        {
            "form": form,
            "proposal": proposal,
            "rows": clause_rows(proposal.changes) if proposal else [],
            "problems": problems,
        },
    )


def clause_rows(changes) -> list[dict]:
    """Each changed clause with its lines marked as removed, added or the same."""
    rows = []
    for change in changes:
        lines = [
            ({"-": "removed", "+": "added"}.get(line[:1], "same"), line[2:])
            for line in difflib.ndiff(list(change.before), list(change.after))
            if not line.startswith("?")
        ]
        rows.append({"change": change, "lines": lines})
    return rows


def shown_amendment(motion) -> dict | None:
    """What the motion page shows of a proposed amendment: its clauses and its fate."""
    amendment = getattr(motion, "statute_amendment", None)
    if amendment is None:
        return None
    changes = amendments.changes_of(amendment)
    return {
        "amendment": amendment,
        "rows": clause_rows(changes),
        "entrenched": [c.entrenched for c in changes if c.entrenched is not None],
    }
