from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kuzbas.governance.selectors import bodies
from kuzbas.members.permissions import Right, require


def body_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Right.RECORD_VIEW)
    return render(request, "governance/bodies.html", {"bodies": bodies()})
