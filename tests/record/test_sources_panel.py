"""The "Sources" panel on every page that shows one citable record: it lists the record's
citations as documented or illustrative, and a clerk cites a source from it."""

import pytest

from kuzbas.core.actor import Operator
from kuzbas.record.models import Citation, Source
from kuzbas.record.services import cite

pytestmark = pytest.mark.django_db

PAGES = ["person", "motion", "decision", "meeting", "unit"]


@pytest.mark.parametrize("page", PAGES)
def test_the_page_shows_its_citations_labelled_documented_or_illustrative(records, colonist, page):
    obj, _kind, _ident, url = records.pages()[page]
    cite(actor=Operator(), obj=obj, source=Source.objects.get(), locator="l. 61")
    cite(actor=Operator(), obj=obj, source=None, status="illustrative", note="generated")

    response = colonist.client.get(url)

    text = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="sources"' in text
    assert '<mark class="documented"' in text and "l. 61" in text
    assert '<mark class="illustrative"' in text and "generated" in text
    # A member without the right sees the sources, not the form.
    assert 'data-testid="cite-form"' not in text


@pytest.mark.parametrize("page", PAGES)
def test_a_clerk_cites_a_source_from_the_page_and_sees_it_there(records, clerk, page):
    obj, kind, ident, url = records.pages()[page]
    assert 'data-testid="cite-form"' in clerk.client.get(url).content.decode()

    response = clerk.client.post(
        "/record/citations/",
        {
            "object_type": kind,
            "object_id": ident,
            "source": "rgaspi-626-1-6",
            "locator": "l. 62",
            "status": "documented",
            "new_kind": "other",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == url + "#sources"
    assert [(c.source.key, c.locator) for c in obj.citations.all()] == [("rgaspi-626-1-6", "l. 62")]
    assert "l. 62" in clerk.client.get(url).content.decode()


def test_with_htmx_the_panel_comes_back_with_the_new_source_cited(records, clerk):
    response = clerk.client.post(
        "/record/citations/",
        {
            "object_type": "members.person",
            "object_id": "rutgers",
            "status": "documented",
            "new_title": "Letter to Lenin",
            "new_kind": "letter",
            "new_author": "S.J. Rutgers",
            "locator": "l. 3",
        },
        headers={"HX-Request": "true"},
    )

    text = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in text and 'id="sources"' in text
    assert "The citation was added." in text
    assert text.count('data-testid="citation"') == 1
    assert '<mark class="documented"' in text
    assert "Letter to Lenin" in text
    assert records.person.citations.get().source.author == "S.J. Rutgers"


def test_a_refusal_is_shown_on_the_form_and_stores_nothing(records, clerk):
    data = {
        "object_type": "members.person",
        "object_id": "rutgers",
        "status": "documented",
        "new_kind": "other",
    }

    plain = clerk.client.post("/record/citations/", data)
    htmx = clerk.client.post("/record/citations/", data, headers={"HX-Request": "true"})

    assert plain.status_code == 422
    assert htmx.status_code == 200
    for response in (plain, htmx):
        assert 'data-testid="error-source"' in response.content.decode()
        assert "needs a source" in response.content.decode()
    assert not Citation.objects.exists()


def test_an_unknown_source_key_is_named_on_the_form(records, clerk):
    response = clerk.client.post(
        "/record/citations/",
        {
            "object_type": "production.unit",
            "object_id": "mine-1",
            "status": "documented",
            "source": "no-such-file",
            "new_kind": "other",
        },
    )

    assert response.status_code == 404
    assert "no-such-file" in response.content.decode()
    assert not Citation.objects.exists()


def test_a_member_without_the_right_is_refused_and_nothing_is_stored(records, colonist):
    response = colonist.client.post(
        "/record/citations/",
        {
            "object_type": "members.person",
            "object_id": "rutgers",
            "status": "documented",
            "new_title": "Forged",
            "new_kind": "other",
        },
    )

    assert response.status_code == 403
    assert not Citation.objects.exists()
    assert not Source.objects.filter(title="Forged").exists()


def test_a_kind_that_is_not_citable_is_refused(records, clerk):
    response = clerk.client.post(
        "/record/citations/",
        {
            "object_type": "audit.auditentry",
            "object_id": "1",
            "status": "illustrative",
            "new_kind": "other",
        },
    )

    assert response.status_code == 422
    assert not Citation.objects.exists()


def test_a_clerk_withdraws_a_citation_from_the_page(records, clerk, colonist):
    citation = cite(actor=Operator(), obj=records.unit, source=Source.objects.get())

    refused = colonist.client.post(f"/record/citations/{citation.pk}/withdraw/")
    response = clerk.client.post(f"/record/citations/{citation.pk}/withdraw/")

    assert refused.status_code == 403
    assert response.status_code == 302
    assert response["Location"] == "/production/units/mine-1/#sources"
    assert not Citation.objects.exists()


def test_the_source_page_lists_what_cites_it_with_links_and_labels(records, colonist):
    source = Source.objects.get()
    cite(actor=Operator(), obj=records.person, source=source, locator="l. 61")
    cite(actor=Operator(), obj=records.motion, source=source, status="illustrative")

    text = colonist.client.get(f"/record/sources/{source.key}/").content.decode()

    assert 'href="/members/rutgers/"' in text
    assert f'href="/governance/motions/{records.motion.number}/"' in text
    assert text.count('<mark class="documented"') == 1
    assert text.count('<mark class="illustrative"') == 1


def test_with_htmx_a_withdrawn_citation_leaves_the_panel(records, clerk):
    citation = cite(actor=Operator(), obj=records.person, source=Source.objects.get())

    response = clerk.client.post(
        f"/record/citations/{citation.pk}/withdraw/", headers={"HX-Request": "true"}
    )

    text = response.content.decode()
    assert response.status_code == 200
    assert "The citation was withdrawn." in text
    assert 'data-testid="citation"' not in text
    assert "No source recorded." in text


def test_the_panel_speaks_russian_to_a_russian_reader(records, clerk, settings):
    cite(actor=Operator(), obj=records.person, source=None, status="illustrative")
    clerk.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"

    text = clerk.client.get("/members/rutgers/").content.decode()

    assert "Указать источник" in text
    assert "Новый источник: название" in text
    assert "иллюстративные" in text
