"""Invitations from the registry: one person from their page, a selection in bulk, and the
link's own page where the invited choose a password."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN, PasswordResetConfirmView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from kuzbas.core.errors import Conflict, Invalid, NotNow
from kuzbas.core.links import site_url
from kuzbas.core.rights import Right, require
from kuzbas.members import access, invitations, selectors
from kuzbas.members.forms import PeopleFilterForm
from kuzbas.members.views import person_context, show_on_form


def _invitation_outcome(invitation: invitations.Invitation) -> tuple[int, str]:
    """Return a message level and what to tell the clerk about one invitation."""
    names = {"person": invitation.person, "email": invitation.person.email}
    if invitation.sent:
        return messages.SUCCESS, _("An invitation went to %(person)s at %(email)s.") % names
    if invitation.sent is None:
        return messages.INFO, _("The invitation to %(person)s will go out shortly.") % names
    return messages.ERROR, _(
        "The invitation to %(person)s could not be sent: %(error)s. The account is ready; "
        "send the invitation again once the mail server answers."
    ) % {**names, "error": invitation.error}


@require_POST
def invite(request: HttpRequest, key: str) -> HttpResponse:
    """Invite one person by e-mail, from their page."""
    require(request.user, Right.MEMBERS_EDIT)
    person = access.person_for_user(request.user, key)
    try:
        invitation = invitations.invite(
            actor=request.user, person=person, site_url=site_url(request)
        )
    except (Conflict, NotNow) as error:
        level, text = messages.ERROR, error.message
    else:
        level, text = _invitation_outcome(invitation)
    if request.headers.get("HX-Request"):
        context = person_context(request, selectors.person_detail(person.pk))
        context["notice"] = (level, text)
        return render(request, "members/person.html#account", context)
    messages.add_message(request, level, text)
    return redirect(reverse("members:person", args=[person.key]) + "#account")


@require_http_methods(["GET", "POST"])
def invite_people(request: HttpRequest) -> HttpResponse:
    """Invite everyone in a selection of the registry who has an address and no account."""
    require(request.user, Right.MEMBERS_EDIT)
    data = request.POST if request.method == "POST" else request.GET
    form = PeopleFilterForm(data or None)
    filters = form.cleaned_data if form.is_valid() else {}
    people = selectors.people(
        search=filters.get("q", ""),
        status=filters.get("status", ""),
        category=filters.get("category", ""),
        site=filters.get("site", ""),
        on=filters.get("on"),
    ).select_related("user")
    report = None
    if request.method == "POST":
        report = invitations.invite_people(
            actor=request.user, people=people, site_url=site_url(request)
        )
    context = {
        "form": form,
        "report": report,
        "to_invite": [p for p in people if invitations.skip_reason(p) is None],
    }
    return render(request, "members/invitations.html", context)


class Welcome(PasswordResetConfirmView):
    """The invitation's link: choose a password, and arrive logged in.

    Django's view checks the link, keeps the token in the session and moves to a URL without
    it, so that it leaks nowhere; the password is set by the invitation service.
    """

    template_name = "members/welcome.html"
    title = gettext_lazy("Choose your password")
    success_url = reverse_lazy("account")
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"

    def form_valid(self, form):
        token = self.request.session.get(INTERNAL_RESET_SESSION_TOKEN, "")
        try:
            user = invitations.accept_invitation(
                user=form.user, token=token, password=form.cleaned_data["new_password1"]
            )
        except (Invalid, NotNow) as error:
            show_on_form(form, error)
            return self.form_invalid(form)
        del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
        login(self.request, user, self.post_reset_login_backend)
        messages.success(
            self.request,
            _("Welcome, %(name)s: your password is set and you are logged in.")
            % {"name": user.person or user.get_username()},
        )
        return redirect(self.success_url)


welcome = Welcome.as_view()
