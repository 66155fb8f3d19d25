import datetime as dt

import pytest

from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_every_page_carries_a_content_security_policy_without_inline_scripts(client):
    response = client.get("/")

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert b"<script>" not in response.content


def test_an_unknown_address_gets_a_page_that_helps(client):
    response = client.get("/no/such/page/")

    assert response.status_code == 404
    assert b"There is nothing at this address" in response.content
    assert b'href="/"' in response.content


def test_a_person_who_does_not_exist_is_named_in_the_404(personas):
    response = personas["colonist"].client.get("/members/nobody-here/")

    assert response.status_code == 404
    assert "There is no person “nobody-here” in the registry.".encode() in response.content


def test_a_page_refused_to_a_logged_in_user_says_so_in_a_plain_sentence(personas):
    response = personas["colonist"].client.get("/audit/")

    assert response.status_code == 403
    assert b"The roles you hold today (colonist) do not allow this." in response.content
    assert b"audit.view" not in response.content


def test_the_api_still_names_the_missing_right_for_programs(personas):
    response = personas["outsider"].client.get("/api/members/people")

    assert response.status_code == 403
    assert response.json()["rule"] == "right.members.view"


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "This address is a button, not a page"), ("ru", "Этот адрес — кнопка, а не страница")],
)
def test_opening_a_form_address_in_the_browser_gets_a_page_that_helps(personas, language, heading):
    client = personas["board_member"].client

    response = client.get("/meetings/new/", headers={"accept-language": language})

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert heading.encode() in response.content
    assert b'href="/"' in response.content


def test_the_api_answers_a_wrong_method_in_json_not_with_a_page(personas):
    response = personas["colonist"].client.put("/api/me")

    assert response.status_code == 405
    assert b"<html" not in response.content


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/", "<title>Home · Kuzbas</title>"),
        ("/no/such/page/", "<title>Not found · Kuzbas</title>"),
    ],
)
def test_the_browser_tab_title_separates_the_page_from_the_site(client, path, title):
    assert title.encode() in client.get(path).content


def test_the_menu_is_one_button_on_a_phone_and_every_link_without_javascript(client):
    response = client.get("/")

    assert b'class="menu-toggle' in response.content
    assert b'aria-controls="site-menu"' in response.content
    # Without JavaScript the button stays hidden and the menu stays open.
    assert b" hidden>" in response.content
    assert b'id="site-menu" class="site-menu"' in response.content


def test_a_coming_area_says_so_instead_of_a_dead_link(client, monkeypatch):
    # Every area of today has landed; an area added before its pages points here.
    from kuzbas.web import areas, views

    finance = areas.Area("finance", "Finance", "home", "Budgets.", ready=False)
    monkeypatch.setitem(views.AREAS_BY_KEY, "finance", finance)

    response = client.get("/coming/finance/")

    assert response.status_code == 200
    assert b"not open yet" in response.content


def test_an_area_that_is_open_has_no_coming_page(client):
    assert client.get("/coming/members/").status_code == 404
    assert client.get("/coming/contracts/").status_code == 404


def test_the_member_search_answers_htmx_with_only_the_results(personas):
    PersonFactory(name_latin="Sebald Rutgers", name_original="Себальд Рутгерс")
    PersonFactory(name_latin="Bill Haywood")

    response = personas["colonist"].client.get(
        "/members/?q=Рутгерс", headers={"HX-Request": "true", "HX-Target": "results"}
    )

    assert response.status_code == 200
    assert b"Sebald Rutgers" in response.content
    assert b"Bill Haywood" not in response.content
    assert b"<html" not in response.content


@pytest.mark.parametrize(
    "query",
    [
        "?on=not-a-date",
        "?page=abc",
        "?page=99999",
        "?status=emperor",
        "?q=" + "x" * 500,
    ],
)
def test_careless_member_list_queries_never_raise_a_server_error(personas, query):
    response = personas["colonist"].client.get("/members/" + query)

    assert response.status_code == 200


def test_a_nul_in_a_member_list_filter_is_refused_naming_the_filter(personas):
    response = personas["colonist"].client.get("/members/?site=%00")

    assert response.status_code == 422
    assert "site: must not contain the control character U+0000" in response.content.decode()


def test_a_bad_headcount_date_is_named(personas):
    response = personas["colonist"].client.get("/members/headcount/?on=1922-02-30")

    assert response.status_code == 200
    assert b"Enter a valid date" in response.content


def test_login_is_throttled_after_five_failures(db, client):
    from tests.factories import UserFactory

    UserFactory(username="reese")
    for _ in range(5):
        client.post("/login/", {"username": "reese", "password": "wrong"})

    response = client.post("/login/", {"username": "reese", "password": "correct horse battery"})

    assert response.status_code == 429
    assert b"Too many attempts" in response.content


def test_a_user_logs_in_with_the_right_password(db, client):
    from tests.factories import UserFactory

    UserFactory(username="reese")

    response = client.post("/login/", {"username": "reese", "password": "correct horse battery"})

    assert response.status_code == 302
    assert client.get("/account/").status_code == 200


def test_a_clerk_adds_a_person_through_the_form_and_is_taken_to_their_page(clerk):
    response = clerk.client.post("/members/new/", {"name_latin": "Thomas Barker", "trade": "IWW"})

    assert response.status_code == 302
    assert response["Location"] == "/members/thomas-barker/"


def test_the_add_form_names_the_missing_field(clerk):
    response = clerk.client.post("/members/new/", {"name_latin": ""})

    assert response.status_code == 200
    assert b"This field is required" in response.content


def test_the_member_list_costs_a_fixed_number_of_queries(personas, django_assert_max_num_queries):
    from tests.factories import MembershipFactory

    for _ in range(40):
        MembershipFactory()
    client = personas["colonist"].client

    with django_assert_max_num_queries(12):
        response = client.get("/members/")

    assert response.status_code == 200
    assert response.content.count(b'href="/members/person-') >= 40


def test_the_person_page_costs_a_fixed_number_of_queries(personas, django_assert_max_num_queries):
    from kuzbas.core.actor import Operator
    from kuzbas.record.services import cite
    from tests.factories import EmploymentFactory, MembershipFactory, SourceFactory

    person = PersonFactory(key="busy")
    for year in range(1921, 1927):
        m = MembershipFactory(
            person=person, valid_from=dt.date(year, 1, 1), valid_to=dt.date(year, 12, 31)
        )
        e = EmploymentFactory(person=person, valid_from=dt.date(year, 1, 1))
        for obj in (m, e, person):
            cite(actor=Operator(), obj=obj, source=SourceFactory())

    with django_assert_max_num_queries(14):
        response = personas["colonist"].client.get("/members/busy/")

    assert response.status_code == 200
    assert response.content.count(b'class="citation documented"') == 18
