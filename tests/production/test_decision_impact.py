"""A decision of the register linked to a KPI: the unit page shows it before and after."""

import pytest

from kuzbas.audit.models import AuditEntry
from kuzbas.core.errors import Invalid, NotPermitted
from kuzbas.production import impact, services
from kuzbas.production.models.catalogue import Unit
from kuzbas.production.models.decisions import DecisionLink

pytestmark = pytest.mark.django_db


def test_a_unit_page_shows_the_kpi_before_and_after_a_linked_decision(
    production_demo, decision, operator, colonist
):
    unit = Unit.objects.get(key="kemerovo-mine-1")
    services.link_decision(
        actor=operator, decision_sequence=decision.sequence, unit=unit, kpi="output_per_worker"
    )
    html = colonist.client.get("/production/units/kemerovo-mine-1/").content.decode()
    assert "Decision No. 1 of 2 May 1923" in html
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


# --- the decision-link form ---------------------------------------------------------------

UNIT_PAGE = "/production/units/kemerovo-mine-1/"


def link_form(decision=1, units=("kemerovo-mine-1",), kpis=("output_per_worker",), note=""):
    return {"decision": decision, "units": list(units), "kpis": list(kpis), "note": note}


def test_a_statistician_links_a_decision_to_a_unit_s_figures_with_the_form(
    production_demo, decision, clerk
):
    response = clerk.client.post(
        "/production/decision-links/",
        link_form(kpis=("output_per_worker", "plan_fulfilment"), note="pumps"),
    )
    links = Unit.objects.get(key="kemerovo-mine-1").decision_links.order_by("kpi")
    assert response.status_code == 302
    assert response["Location"] == UNIT_PAGE + "#decisions"
    assert [(link.kpi, link.note) for link in links] == [
        ("output_per_worker", "pumps"),
        ("plan_fulfilment", "pumps"),
    ]
    assert AuditEntry.objects.filter(action="production.decision.link").count() == 2


def test_the_form_links_a_decision_to_the_colony_and_units_at_once(
    production_demo, decision, clerk
):
    clerk.client.post("/production/decision-links/", link_form(units=("colony", "kemerovo-mine-2")))
    assert sorted(
        (link.unit.key if link.unit else "colony") for link in DecisionLink.objects.all()
    ) == ["colony", "kemerovo-mine-2"]
    html = clerk.client.get("/production/").content.decode()
    assert "Decision No. 1 of 2 May 1923" in html


def test_the_unit_page_offers_the_form_to_a_statistician(production_demo, decision, clerk):
    html = clerk.client.get(UNIT_PAGE).content.decode()
    assert 'data-testid="link-form"' in html
    assert '<input type="hidden" name="units" value="kemerovo-mine-1">' in html


def test_the_unit_page_offers_no_form_to_a_colonist(production_demo, decision, colonist):
    html = colonist.client.get(UNIT_PAGE).content.decode()
    assert 'data-testid="link-form"' not in html
    assert "decision-links" not in html


def test_a_colonist_who_posts_the_form_anyway_is_refused_and_nothing_is_linked(
    production_demo, decision, colonist
):
    response = colonist.client.post("/production/decision-links/", link_form())
    assert response.status_code == 403
    assert not DecisionLink.objects.exists()


def test_the_service_refuses_a_colonist_whatever_the_page_shows(
    production_demo, decision, operator, colonist
):
    link = services.link_decision(
        actor=operator, decision_sequence=decision.sequence, kpi="output_per_worker"
    )
    with pytest.raises(NotPermitted):
        impact.link_decision_to(
            actor=colonist.user, decision_sequence=1, units=[None], kpis=["plan_fulfilment"]
        )
    with pytest.raises(NotPermitted):
        impact.unlink_decision(actor=colonist.user, link=link)
    assert DecisionLink.objects.count() == 1


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        (link_form(decision=99), "decision", "no such entry in the register"),
        (link_form(decision="first"), "decision", "Enter a whole number."),
        (link_form(kpis=()), "kpis", "This field is required."),
        (
            link_form(kpis=("happiness",)),
            "kpis",
            "Select a valid choice. happiness is not one of the available choices.",
        ),
        (
            link_form(units=("nowhere",)),
            "units",
            "Select a valid choice. nowhere is not one of the available choices.",
        ),
    ],
)
def test_bad_input_in_the_form_is_named_by_its_field_and_links_nothing(
    production_demo, decision, clerk, form, field, message
):
    response = clerk.client.post("/production/decision-links/", form)
    assert response.status_code == 422
    assert response.context["form"].errors[field] == [message]
    assert not DecisionLink.objects.exists()


def test_linking_several_figures_is_all_or_nothing(production_demo, decision, clerk):
    with pytest.raises(Invalid):
        impact.link_decision_to(
            actor=clerk.user,
            decision_sequence=decision.sequence,
            units=[None],
            kpis=["output_per_worker", "happiness"],
        )
    assert not DecisionLink.objects.exists()


def test_a_statistician_unlinks_a_decision_from_the_unit_page(
    production_demo, decision, operator, clerk
):
    link = services.link_decision(
        actor=operator,
        decision_sequence=decision.sequence,
        unit=Unit.objects.get(key="kemerovo-mine-1"),
        kpi="output_per_worker",
    )
    page = clerk.client.get(UNIT_PAGE).content.decode()
    response = clerk.client.post(
        f"/production/decision-links/{link.pk}/unlink/", {"next": UNIT_PAGE}
    )
    assert f'action="/production/decision-links/{link.pk}/unlink/"' in page
    assert (response.status_code, response["Location"]) == (302, UNIT_PAGE)
    assert not DecisionLink.objects.exists()
    assert AuditEntry.objects.filter(action="production.decision.unlink").count() == 1


def test_unlinking_never_sends_the_user_to_another_site(production_demo, decision, operator, clerk):
    link = services.link_decision(
        actor=operator, decision_sequence=decision.sequence, kpi="output_per_worker"
    )
    response = clerk.client.post(
        f"/production/decision-links/{link.pk}/unlink/", {"next": "https://evil.example/"}
    )
    assert response["Location"] == "/production/decision-links/"


def test_the_links_page_lists_each_link_with_its_decision(
    production_demo, decision, operator, clerk
):
    services.link_decision(
        actor=operator, decision_sequence=decision.sequence, kpi="plan_fulfilment"
    )
    html = clerk.client.get("/production/decision-links/").content.decode()
    assert "Choice of mine pumps" in html
    assert "Plan fulfilment" in html
    assert "the whole colony" in html
