"""The shell's own pages: home, the coming areas, the error pages, the account."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from kuzbas.core.acting import act
from kuzbas.core.clock import colony_today
from kuzbas.core.errors import DomainError
from kuzbas.core.home import home_items
from kuzbas.governance.own_page import own_page, receipt_in_box
from kuzbas.members.models import ApiToken
from kuzbas.members.services import issue_api_token, revoke_api_token
from kuzbas.web.areas import AREAS_BY_KEY


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {"items": home_items(request.user, colony_today())})


def coming(request: HttpRequest, area: str) -> HttpResponse:
    found = AREAS_BY_KEY.get(area)
    if found is None or found.ready:
        raise Http404(_("There is no such area."))
    return render(request, "web/coming.html", {"area": found})


@login_required
@require_http_methods(["GET", "POST"])
@never_cache  # the page shows a new token once; no browser or proxy may keep a copy
def account(request: HttpRequest) -> HttpResponse:
    new_token = None
    if request.method == "POST":
        try:
            _token, new_token = issue_api_token(
                actor=request.user, name=request.POST.get("name", "")
            )
            messages.success(request, _("Token issued. Copy it now: it is shown only once."))
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("account")
    tokens = ApiToken.objects.filter(user=request.user)
    context = {
        "tokens": tokens,
        "new_token": new_token,
        "now": timezone.now(),
        "token_days": settings.KUZBAS_TOKEN_DAYS,
    }
    return render(request, "web/account.html", context)


@login_required
@require_POST
def revoke_token(request: HttpRequest, prefix: str) -> HttpResponse:
    return act(
        request,
        lambda: revoke_api_token(actor=request.user, prefix=prefix),
        back="account",
        success=_("Token revoked: it no longer opens the API."),
    )


@login_required
def my_page(request: HttpRequest) -> HttpResponse:
    """The member's own page: rights today and why, seats, proxies, votes, receipts, account."""
    page = own_page(request.user)
    receipt = request.GET.get("receipt", "").strip()
    checked = None
    if receipt and page.person is not None:
        checked = {"receipt": receipt, "motion": receipt_in_box(page.person, receipt)}
    return render(request, "web/me.html", {"page": page, "checked": checked})


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", {"message": str(exception or "")}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
