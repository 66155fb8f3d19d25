"""One table answers every kind of domain error, on the pages and in the API alike."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

import kuzbas.core.errors as errors
from kuzbas.core.errors import DomainError, Problem
from kuzbas.core.http import TABLE, answer_for
from kuzbas.web.api import api
from kuzbas.web.middleware import DomainErrorMiddleware

EXAMPLES = {
    errors.NotPermitted: errors.NotPermitted("You may not.", rule="right.members.edit"),
    errors.RefusedByStatute: errors.RefusedByStatute("The board decides this.", rule="matter"),
    errors.NotNow: errors.NotNow("The vote is not open.", rule="motion.filed"),
    errors.NotFound: errors.NotFound("No such motion."),
    errors.Conflict: errors.Conflict("Already a member then.", field="valid_from"),
    errors.Invalid: errors.Invalid([Problem("not a date", field="valid_from", line=3)]),
}
EXPECTED = {
    errors.NotPermitted: (403, "not_permitted"),
    errors.RefusedByStatute: (409, "refused_by_statute"),
    errors.NotNow: (409, "not_now"),
    errors.NotFound: (404, "not_found"),
    errors.Conflict: (409, "conflict"),
    errors.Invalid: (422, "invalid"),
}


def all_subclasses(kind: type) -> set[type]:
    found = set()
    for sub in kind.__subclasses__():
        found |= {sub} | all_subclasses(sub)
    return found


def test_the_table_has_a_row_for_each_kind_and_nothing_else():
    assert set(TABLE) == set(errors.KINDS) == set(EXAMPLES)


def test_every_error_kuzbas_raises_is_one_of_the_kinds():
    # Import every app so that their error classes exist.
    import kuzbas.elections.services
    import kuzbas.governance.transitions
    import kuzbas.production.api
    import kuzbas.statute  # noqa: F401

    stray = {
        cls.__qualname__ for cls in all_subclasses(DomainError) if not issubclass(cls, errors.KINDS)
    }
    assert stray == set()


@pytest.mark.parametrize("kind", list(EXAMPLES), ids=lambda k: k.__name__)
def test_the_api_answers_each_kind_from_the_table(kind, rf: RequestFactory):
    error = EXAMPLES[kind]

    response = api.on_exception(rf.get("/api/anything"), error)

    body = json.loads(response.content)
    assert (response.status_code, body["code"]) == EXPECTED[kind]
    assert body["message"] == error.message


@pytest.mark.parametrize("kind", list(EXAMPLES), ids=lambda k: k.__name__)
def test_a_page_answers_each_kind_from_the_table(kind, rf: RequestFactory, admin_user):
    error = EXAMPLES[kind]
    request = rf.get("/members/")
    request.user = admin_user
    middleware = DomainErrorMiddleware(lambda request: None)

    response = middleware.process_exception(request, error)

    assert response.status_code == EXPECTED[kind][0] == answer_for(error).status
    assert error.message.encode() in response.content.replace(b"&#x27;", b"'")


def test_the_statute_page_names_the_rule(rf: RequestFactory, admin_user):
    request = rf.get("/governance/")
    request.user = admin_user

    response = DomainErrorMiddleware(lambda r: None).process_exception(
        request, EXAMPLES[errors.RefusedByStatute]
    )

    assert b"The statute does not allow this" in response.content
    assert b'<code class="rule-key">matter</code>' in response.content


def test_a_missing_right_sends_a_visitor_to_the_login_page(rf: RequestFactory):
    request = rf.get("/members/")
    request.user = AnonymousUser()

    response = DomainErrorMiddleware(lambda r: None).process_exception(
        request, EXAMPLES[errors.NotPermitted]
    )

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_statute_errors_answer_as_their_kinds():
    from kuzbas.statute.errors import NotInForce, Refusal, TallyError

    assert answer_for(Refusal(rule="matter", reason="no").as_error()).code == "refused_by_statute"
    assert answer_for(NotInForce("no statute in force")).code == "not_now"
    assert answer_for(TallyError("more votes than voters", rule="tally")).code == "invalid"
