from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kuzbas.audit.models import AuditEntry
from kuzbas.core.rights import Right, require


def trail(request: HttpRequest) -> HttpResponse:
    require(request.user, Right.AUDIT_VIEW)
    entries = AuditEntry.objects.all()
    action = request.GET.get("action", "").strip()
    if action:
        entries = entries.filter(action__startswith=action)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "audit/trail.html", {"page": page, "action": action})
