"""A decision of the register linked to a KPI: the unit page shows it before and after."""

import pytest

from kuzbas.errors import Invalid
from kuzbas.production import services
from kuzbas.production.models import Unit

pytestmark = pytest.mark.django_db


def test_a_unit_page_shows_the_kpi_before_and_after_a_linked_decision(
    production_demo, decision, operator, colonist
):
    unit = Unit.objects.get(key="kemerovo-mine-1")
    services.link_decision(
        actor=operator, decision_sequence=decision.sequence, unit=unit, kpi="output_per_worker"
    )
    html = colonist.client.get("/production/units/kemerovo-mine-1/").content.decode()
    assert "Decision No. 1 of 1923-05-02" in html
    assert "Choice of mine pumps" in html
    assert 'id="chart-impact-' in html
    assert '"type": "rule"' in html or '"type":"rule"' in html


def test_it_refuses_to_link_a_decision_the_register_does_not_hold(production_demo, operator):
    with pytest.raises(Invalid) as caught:
        services.link_decision(actor=operator, decision_sequence=99, kpi="output_per_worker")
    assert [p.field for p in caught.value.problems] == ["decision_sequence"]


def test_a_statistician_links_a_decision_through_the_api_and_twice_is_once(
    production_demo, decision, clerk
):
    payload = {"decision": decision.sequence, "kpi": "plan_fulfilment", "unit": "kemerovo-mine-2"}
    first = clerk.client.post(
        "/api/production/decision-links", payload, content_type="application/json"
    )
    again = clerk.client.post(
        "/api/production/decision-links", payload, content_type="application/json"
    )
    assert (first.status_code, again.status_code) == (201, 201)
    assert Unit.objects.get(key="kemerovo-mine-2").decision_links.count() == 1
