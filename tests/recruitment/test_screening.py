"""Screening through the bureau's stages, refusal with a reason and a letter, and admission as
the statute says: by a motion where a body decides it, by the bureau where none does."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from kuzbas.audit.models import AuditEntry
from kuzbas.core.errors import Invalid, NotNow, NotPermitted
from kuzbas.governance.models import Motion
from kuzbas.governance.services import decisions
from kuzbas.recruitment.models import StageMove
from kuzbas.recruitment.services import admission, screening
from tests.conftest import make_persona
from tests.governance.conftest import COOP_TODAY
from tests.recruitment.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(call):
    return ApplicationFactory(call=call, name="John Smith", email="john@example.org")


def test_each_move_between_stages_records_who_when_and_a_note(application, bureau_clerk):
    response = bureau_clerk.client.post(
        reverse("recruitment:move", args=[application.pk]),
        {"stage": "interviewed", "note": "Speaks good Russian."},
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage.key == "interviewed"
    move = StageMove.objects.get(application=application)
    assert (move.from_stage.key, move.to_stage.key, move.by, move.note) == (
        "received",
        "interviewed",
        bureau_clerk.user,
        "Speaks good Russian.",
    )
    assert move.at is not None
    page = bureau_clerk.client.get(reverse("recruitment:application", args=[application.pk]))
    assert "Speaks good Russian." in page.content.decode()


def test_a_stage_not_the_bureaus_is_refused_naming_the_field(application, bureau_clerk):
    with pytest.raises(Invalid) as refused:
        screening.move_to_stage(actor=bureau_clerk.user, application=application, stage="nowhere")

    assert refused.value.problems[0].field == "stage"


def test_a_colonist_may_not_screen(application, colonist):
    with pytest.raises(NotPermitted):
        screening.move_to_stage(actor=colonist.user, application=application, stage="medical")


def test_a_refusal_names_its_reason_and_sends_the_letter(
    application, reason, bureau_clerk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        screening.refuse(actor=bureau_clerk.user, application=application, reason=reason.key)

    application.refresh_from_db()
    assert (application.state, application.refusal_reason) == ("refused", reason)
    [letter] = mail.outbox
    assert letter.to == ["john@example.org"]
    assert letter.body == reason.letter
    entry = AuditEntry.objects.get(action="recruitment.application.refuse")
    assert entry.changes["reason"] == reason.key
    assert "john@example.org" not in str(entry.changes)


def test_a_refusal_without_a_reason_from_the_list_is_refused(application, bureau_clerk):
    with pytest.raises(Invalid) as refused:
        screening.refuse(actor=bureau_clerk.user, application=application, reason="made-up")

    assert refused.value.problems[0].field == "reason"
    application.refresh_from_db()
    assert application.state == "screening"


def test_where_no_statute_gives_admission_to_a_body_the_bureau_admits(application, bureau_clerk):
    admission.recommend(actor=bureau_clerk.user, application=application, note="A good hewer.")

    application.refresh_from_db()
    assert (application.state, application.motion) == ("admitted", None)
    assert application.admitted_on is not None
    entry = AuditEntry.objects.get(action="recruitment.application.recommend")
    assert entry.changes["by"] == "bureau"


@pytest.fixture
def coop(cooperative, settings):
    """The cooperative statute: admission is the general meeting's matter."""
    settings.KUZBAS_TODAY = COOP_TODAY
    return cooperative


def test_where_the_statute_gives_admission_to_a_body_a_motion_is_filed(
    coop, application, bureau_clerk
):
    admission.recommend(actor=bureau_clerk.user, application=application)

    application.refresh_from_db()
    assert application.state == "recommended"
    motion = application.motion
    assert (motion.matter, motion.body.key) == ("admission", "general-meeting")
    assert motion.proposal == {"kind": "recruitment_admission", "application": application.pk}


def test_the_carried_motion_admits_the_applicant(coop, application, bureau_clerk):
    admission.recommend(actor=bureau_clerk.user, application=application)
    motion = Motion.objects.get(proposal__kind="recruitment_admission")

    decision = decisions.record_counted_vote(
        actor=coop, motion=motion, yes=3, no=0, abstain=0, present=3, decided_on=COOP_TODAY
    )

    application.refresh_from_db()
    assert (application.state, application.admitted_on) == ("admitted", COOP_TODAY)
    entry = AuditEntry.objects.get(action="recruitment.application.admit")
    assert entry.changes["decision"] == decision.sequence


def test_a_failed_motion_admits_nobody_and_the_bureau_may_then_refuse(
    coop, application, reason, bureau_clerk
):
    admission.recommend(actor=bureau_clerk.user, application=application)
    motion = Motion.objects.get(proposal__kind="recruitment_admission")
    with pytest.raises(NotNow):
        screening.refuse(actor=bureau_clerk.user, application=application, reason=reason.key)

    decisions.record_counted_vote(
        actor=coop, motion=motion, yes=1, no=2, abstain=0, present=3, decided_on=COOP_TODAY
    )

    application.refresh_from_db()
    assert application.state == "recommended"
    screening.refuse(actor=bureau_clerk.user, application=application, reason=reason.key)
    application.refresh_from_db()
    assert application.state == "refused"


def test_the_recommend_button_tells_the_clerk_of_the_motion(coop, application, bureau_clerk):
    response = bureau_clerk.client.post(
        reverse("recruitment:recommend", args=[application.pk]), {"note": ""}, follow=True
    )

    motion = Motion.objects.get(proposal__kind="recruitment_admission")
    assert f"motion No. {motion.number}" in response.content.decode()


def test_a_refused_application_cannot_be_recommended(application, reason, bureau_clerk):
    screening.refuse(
        actor=bureau_clerk.user, application=application, reason=reason.key, send=False
    )

    with pytest.raises(NotNow):
        admission.recommend(actor=make_persona("admin").user, application=application)
