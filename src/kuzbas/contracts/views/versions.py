"""A version's page (its clauses by section, and for a draft the forms that write them), the
clause-by-clause diff against the version it replaces, and the signed original."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kuzbas.contracts import access, diff, originals, transitions
from kuzbas.contracts.forms import ClauseForm, ObligationForm, OriginalForm, SectionForm
from kuzbas.contracts.models.versions import Version, VersionStatus
from kuzbas.contracts.services import clauses, versions
from kuzbas.contracts.services.obligations import OPEN_FOR_OBLIGATIONS
from kuzbas.contracts.views.posting import status_of, written
from kuzbas.core.acting import act
from kuzbas.core.errors import NotFound
from kuzbas.core.rights import Right, has_right, require
from kuzbas.production.models.catalogue import Product


def version_url(version: Version) -> str:
    return reverse("contracts:version", args=[version.contract.key, version.number])


def version_page(
    request: HttpRequest,
    version: Version,
    *,
    section_form: SectionForm | None = None,
    clause_form: ClauseForm | None = None,
    original_form: OriginalForm | None = None,
    obligation_form: ObligationForm | None = None,
) -> HttpResponse:
    can_edit = has_right(request.user, Right.CONTRACTS_EDIT)
    editable, why_not = transitions.can_edit(version)
    sections = list(version.sections.order_by("order"))
    forms = {}
    if can_edit:
        forms["original_form"] = original_form or OriginalForm()
        if editable:
            forms["section_form"] = section_form or SectionForm()
            forms["clause_form"] = clause_form or ClauseForm(sections=sections)
        if version.status in OPEN_FOR_OBLIGATIONS:
            forms["obligation_form"] = obligation_form or ObligationForm()
    return render(
        request,
        "contracts/version.html",
        {
            "contract": version.contract,
            "version": version,
            "sections": sections,
            "clauses": version.clauses.select_related("section").prefetch_related("obligations"),
            "obligations": version.obligations.select_related("clause", "product"),
            "can_edit": can_edit,
            "editable": editable,
            "why_not": why_not,
            "can_submit": can_edit and version.status == VersionStatus.DRAFT,
            "motion": version.motion,
            "product_keys": Product.objects.order_by("key").values_list("key", "name")
            if can_edit
            else [],
            **forms,
        },
        status=status_of(section_form, clause_form, original_form, obligation_form),
    )


def version_detail(request: HttpRequest, key: str, number: int) -> HttpResponse:
    return version_page(request, access.version_for_user(request.user, key, number))


def version_diff(request: HttpRequest, key: str, number: int) -> HttpResponse:
    """The clause-by-clause comparison with the version this one replaces."""
    version = access.version_for_user(request.user, key, number)
    return render(
        request,
        "contracts/diff.html",
        {"contract": version.contract, "version": version, "diff": diff.compare(version)},
    )


@require_POST
def add_section(request: HttpRequest, key: str, number: int) -> HttpResponse:
    require(request.user, Right.CONTRACTS_EDIT)
    version = access.version_for_user(request.user, key, number)
    form = SectionForm(request.POST)

    def add(data):
        clauses.add_section(actor=request.user, version=version, **data)

    if written(request, form, add, _("The section was added.")):
        return redirect(version_url(version))
    return version_page(request, version, section_form=form)


@require_POST
def add_clause(request: HttpRequest, key: str, number: int) -> HttpResponse:
    require(request.user, Right.CONTRACTS_EDIT)
    version = access.version_for_user(request.user, key, number)
    form = ClauseForm(request.POST, sections=version.sections.order_by("order"))

    def add(data):
        data["section"] = access.section_named(version, data["section"])
        clauses.add_clause(actor=request.user, version=version, **data)

    if written(request, form, add, _("The clause was added.")):
        return redirect(version_url(version) + "#clauses")
    return version_page(request, version, clause_form=form)


@require_http_methods(["GET", "POST"])
def clause_edit(request: HttpRequest, key: str, number: int, pk: int) -> HttpResponse:
    """Change a draft's clause."""
    require(request.user, Right.CONTRACTS_EDIT)
    version = access.version_for_user(request.user, key, number)
    clause = access.clause_for_user(request.user, version, pk)
    sections = version.sections.order_by("order")
    initial = {
        "number": clause.number,
        "section": clause.section_id,
        "text": clause.text,
        "translation": clause.translation,
        "illustrative": clause.illustrative,
    }
    form = ClauseForm(request.POST or None, initial=initial, sections=sections)
    if request.method == "POST":

        def change(data):
            if "section" in form.changed_data:
                data["section"] = access.section_named(version, data["section"])
            clauses.change_clause(
                actor=request.user,
                clause=clause,
                **{name: data[name] for name in form.changed_data},
            )

        if written(request, form, change, _("The clause was saved.")):
            return redirect(version_url(version) + "#clauses")
    return render(
        request,
        "contracts/clause_form.html",
        {"contract": version.contract, "version": version, "clause": clause, "form": form},
        status=status_of(form),
    )


@require_POST
def remove_clause(request: HttpRequest, key: str, number: int, pk: int) -> HttpResponse:
    require(request.user, Right.CONTRACTS_EDIT)
    version = access.version_for_user(request.user, key, number)
    clause = access.clause_for_user(request.user, version, pk)
    return act(
        request,
        lambda: clauses.remove_clause(actor=request.user, clause=clause),
        back=version_url(version) + "#clauses",
        success=_("The clause was removed."),
    )


@require_POST
def submit_version(request: HttpRequest, key: str, number: int) -> HttpResponse:
    """Submit a draft to the competent body, or bring it into force where none decides."""
    require(request.user, Right.CONTRACTS_EDIT)
    version = access.version_for_user(request.user, key, number)
    done = {}

    def submit():
        done["version"] = versions.submit(actor=request.user, version=version)

    response = act(request, submit, back=version_url(version))
    submitted = done.get("version")
    if submitted is not None:
        if submitted.status == VersionStatus.IN_FORCE:
            message = _("No body decides contracts under the statute: the version is in force.")
        else:
            message = _(
                "Motion No. %(n)s is filed with the %(body)s; the version comes into force "
                "when it carries."
            ) % {"n": submitted.motion.number, "body": submitted.motion.body}
        messages.success(request, message)
    return response


@require_POST
def reopen_version(request: HttpRequest, key: str, number: int) -> HttpResponse:
    require(request.user, Right.CONTRACTS_EDIT)
    version = access.version_for_user(request.user, key, number)
    return act(
        request,
        lambda: versions.reopen(actor=request.user, version=version),
        back=version_url(version),
        success=_("The version is a draft again."),
    )


@require_POST
def upload_original(request: HttpRequest, key: str, number: int) -> HttpResponse:
    require(request.user, Right.CONTRACTS_EDIT)
    version = access.version_for_user(request.user, key, number)
    form = OriginalForm(request.POST, request.FILES)

    def attach(data):
        upload = data["file"]
        originals.attach_original(
            actor=request.user, version=version, data=upload.read(), file_name=upload.name
        )

    if written(request, form, attach, _("The signed original was kept.")):
        return redirect(version_url(version))
    return version_page(request, version, original_form=form)


def original_file(request: HttpRequest, key: str, number: int) -> HttpResponse:
    """Answer the signed original: a PDF or an image shown, anything else only saved."""
    version = access.version_for_user(request.user, key, number)
    path = originals.stored_path(version) if version.original_file else None
    if path is None or not path.is_file():
        raise NotFound(_("Version %(n)s has no signed original here.") % {"n": version.number})
    response = FileResponse(
        path.open("rb"),
        as_attachment=not originals.inline(version),
        filename=version.original_name or path.name,
        content_type=version.original_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
