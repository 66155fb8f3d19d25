"""The bureau writes a call (texts in each language, trades, terms, the contribution asked, its
own questions), opens and closes it; a wrong field is named and nothing is stored."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from kuzbas.audit.models import AuditEntry
from kuzbas.core.errors import NotNow
from kuzbas.recruitment.models import Call
from kuzbas.recruitment.services import calls

pytestmark = pytest.mark.django_db


def call_form(bureau, **overrides) -> dict:
    data = {
        "bureau": bureau.key,
        "key": "engineers-1922",
        "title": "Kuzbas. An opportunity for engineers and workers",
        "title_ru": "Кузбасс. Возможность для инженеров и рабочих",
        "text": "The colony wants engineers.",
        "trades": "mining engineer | горный инженер | 12\nminer | шахтёр | 100",
        "contribution_amount": "100",
        "contribution_currency": "USD",
        "contribution_note": "and tools and food for two years",
        "opens": "1922-01-01",
        "questions": json.dumps(
            [{"key": "tools", "label": "Do you bring tools?", "kind": "yes_no", "required": True}]
        ),
        "policy_version": "1",
    }
    data.update(overrides)
    return data


def test_the_bureau_writes_a_call_as_a_draft_and_opens_it(bureau, bureau_clerk):
    response = bureau_clerk.client.post(reverse("recruitment:call_new"), call_form(bureau))

    assert response.status_code == 302
    call = Call.objects.get(key="engineers-1922")
    assert (call.status, str(call.contribution.currency), call.contribution.amount) == (
        "draft",
        "USD",
        100,
    )
    assert [(t.trade, t.wanted) for t in call.trades.all()] == [
        ("mining engineer", 12),
        ("miner", 100),
    ]
    assert Client().get(reverse("recruitment:call", args=[call.key])).status_code == 404

    bureau_clerk.client.post(reverse("recruitment:call_open", args=[call.key]))

    page = Client().get(reverse("recruitment:call", args=[call.key]))
    assert page.status_code == 200
    assert 'data-testid="apply-form"' in page.content.decode()
    assert "Do you bring tools?" in page.content.decode()
    assert AuditEntry.objects.filter(action="recruitment.call.open").exists()


def test_the_russian_page_shows_the_russian_title(bureau, bureau_clerk):
    bureau_clerk.client.post(reverse("recruitment:call_new"), call_form(bureau))
    calls.open_call(actor=bureau_clerk.user, call=Call.objects.get())

    page = Client(headers={"accept-language": "ru"}).get(
        reverse("recruitment:call", args=["engineers-1922"])
    )

    assert "Кузбасс. Возможность для инженеров и рабочих" in page.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("questions", "[{]", "questions"),
        ("questions", json.dumps([{"key": "Bad Key", "label": "x", "kind": "text"}]), "questions"),
        ("questions", json.dumps([{"key": "k", "label": "x", "kind": "essay"}]), "questions"),
        ("trades", "miner | шахтёр | many", "trades"),
        ("contribution_amount", "ten", "contribution_amount"),
        ("contribution_amount", "10.005", "contribution_amount"),
    ],
)
def test_a_wrong_field_is_named_and_nothing_is_stored(bureau, bureau_clerk, field, value, named):
    response = bureau_clerk.client.post(
        reverse("recruitment:call_new"), call_form(bureau, **{field: value})
    )

    assert response.status_code == 422
    assert f'data-field="{named}"' in response.content.decode()
    assert not Call.objects.exists()


def test_a_call_that_asks_affiliation_lists_the_groups(bureau, bureau_clerk):
    response = bureau_clerk.client.post(
        reverse("recruitment:call_new"),
        call_form(bureau, asks_affiliation="on", affiliation_choices=""),
    )

    assert response.status_code == 422
    assert 'data-field="affiliation_choices"' in response.content.decode()


def test_a_call_closes_and_a_closed_call_cannot_close_again(call, bureau_clerk):
    calls.close_call(actor=bureau_clerk.user, call=call)

    with pytest.raises(NotNow):
        calls.close_call(actor=bureau_clerk.user, call=call)
    assert Call.objects.get().status == "closed"


def test_a_colonist_reads_calls_but_may_not_write_one(bureau, colonist):
    assert colonist.client.get(reverse("recruitment:call_new")).status_code == 403
    response = colonist.client.post(reverse("recruitment:call_new"), call_form(bureau))
    assert response.status_code == 403
    assert not Call.objects.exists()
