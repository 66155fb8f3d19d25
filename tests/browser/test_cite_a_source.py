import pytest
from playwright.sync_api import expect

from kuzbas.core.rights import Role
from tests.factories import PersonFactory, RoleGrantFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def registry(transactional_db):
    PersonFactory(key="rutgers", name_latin="S.J. Rutgers")
    SourceFactory(key="rgaspi-626-1-6", title="Minutes of the Managing Board")
    clerk = UserFactory(username="clerk", person=PersonFactory(key="clerk"))
    RoleGrantFactory(user=clerk, role=Role.CLERK)


def test_a_clerk_adds_a_new_source_and_cites_it_from_a_persons_page(page, live_server, registry):
    page.goto(live_server.url + "/login/")
    page.get_by_label("User name").fill("clerk")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_test_id("account-link")).to_have_text("clerk")

    page.goto(live_server.url + "/members/rutgers/")
    panel = page.get_by_test_id("sources")
    expect(panel).to_contain_text("No source recorded.")
    panel.get_by_test_id("cite-open").click()
    panel.get_by_label("New source: title").fill("Letter of S.J. Rutgers to the STO")
    panel.get_by_label("New source: kind").select_option("letter")
    panel.get_by_label("Page, sheet or other place in the source").fill("l. 3")
    panel.get_by_test_id("cite").click()

    # htmx swaps the panel in place: the new source is cited, labelled documented.
    expect(panel).to_contain_text("The citation was added.")
    citation = panel.get_by_test_id("citation")
    expect(citation).to_have_count(1)
    expect(citation.get_by_test_id("evidence")).to_have_text("documented")
    expect(citation).to_contain_text("l. 3")
    citation.get_by_role("link", name="“Letter of S.J. Rutgers to the STO”").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Letter of S.J. Rutgers to the STO")
    expect(page.get_by_test_id("cited")).to_contain_text("S.J. Rutgers")
    assert page.console_errors == []
