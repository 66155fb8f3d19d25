"""Every role × every page and API operation: who is let in, who is turned away.

A new URL or API operation fails `test_the_matrix_covers_every_*` until it gets its row here.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kuzbas.web.api import api
from tests.conftest import PERSONAS
from tests.factories import SiteFactory, SourceFactory

ALL = set(PERSONAS)
LOGGED_IN = ALL - {"anonymous"}
READERS = LOGGED_IN - {"outsider"}  # a role, or a membership in good standing
EDITORS = {"clerk", "director", "admin"}
IMPORTERS = {"clerk", "admin"}
AUDIT_READERS = {"board_member", "director", "authority_rep", "auditor", "admin"}

# url name: (kwargs, method, data, who is allowed)
PAGES = {
    "home": ({}, "get", None, ALL),
    "coming": ({"area": "meetings"}, "get", None, ALL),
    "login": ({}, "get", None, {"anonymous"}),  # a logged-in user is sent on
    "logout": ({}, "post", {}, ALL),
    "set_language": ({}, "post", {"language": "ru", "next": "/"}, ALL),
    "account": ({}, "get", None, LOGGED_IN),
    "members:list": ({}, "get", None, READERS),
    "members:person": ({"key": "persona-colonist"}, "get", None, READERS),
    "members:headcount": ({}, "get", None, READERS),
    "members:create": ({}, "get", None, EDITORS),
    "members:import": ({}, "get", None, IMPORTERS),
    "record:sources": ({}, "get", None, READERS),
    "record:source": ({"key": "matrix-source"}, "get", None, READERS),
    "governance:bodies": ({}, "get", None, READERS),
    "audit:trail": ({}, "get", None, AUDIT_READERS),
}

CSV = b"name_latin,trade\nMatrix Import,hewer\n"

# (method, path as in the OpenAPI schema): (concrete path, body kind, who is allowed)
API = {
    ("get", "/api/me"): ("/api/me", None, LOGGED_IN),
    ("get", "/api/members/people"): ("/api/members/people", None, READERS),
    ("post", "/api/members/people"): ("/api/members/people", "json", EDITORS),
    ("get", "/api/members/people/{key}"): ("/api/members/people/persona-colonist", None, READERS),
    ("get", "/api/members/headcount"): ("/api/members/headcount", None, READERS),
    ("post", "/api/members/people/import"): ("/api/members/people/import", "file", IMPORTERS),
    ("get", "/api/record/sources"): ("/api/record/sources", None, READERS),
    ("get", "/api/record/sources/{key}"): ("/api/record/sources/matrix-source", None, READERS),
    ("get", "/api/governance/bodies"): ("/api/governance/bodies", None, READERS),
}


def _url_names(patterns, prefix="") -> set[str]:
    names = set()
    for p in patterns:
        if isinstance(p, URLResolver):
            if str(p.pattern).startswith("api/"):
                continue
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            names |= _url_names(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            names.add(prefix + p.name)
    return names


def test_the_matrix_covers_every_page():
    assert _url_names(get_resolver().url_patterns) == set(PAGES)


def test_the_matrix_covers_every_api_operation():
    schema = api.get_openapi_schema()
    operations = {
        (method, path)
        for path, ops in schema["paths"].items()
        for method in ops
        if method in {"get", "post", "put", "patch", "delete"}
    }
    assert operations == set(API)


@pytest.fixture
def world(db):
    SourceFactory(key="matrix-source")
    SiteFactory(key="kemerovo")


@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_page_lets_in_exactly_the_roles_it_should(name, personas, world):
    kwargs, method, data, allowed = PAGES[name]
    url = reverse(name, kwargs=kwargs)
    outcome = {}
    for persona in personas.values():
        response = (
            getattr(persona.client, method)(url, data)
            if data is not None
            else getattr(persona.client, method)(url)
        )
        if name == "login" and persona.user is not None:
            outcome[persona.name] = response.status_code == 200
            continue
        denied = response.status_code == 403 or (
            response.status_code == 302 and "/login/" in response["Location"]
        )
        assert response.status_code < 500, (persona.name, response.status_code)
        outcome[persona.name] = not denied
    assert {who for who, ok in outcome.items() if ok} == allowed


@pytest.mark.parametrize("operation", sorted(API))
def test_each_api_operation_lets_in_exactly_the_roles_it_should(operation, personas, world):
    method, _schema_path = operation
    path, body, allowed = API[operation]
    let_in = set()
    for n, persona in enumerate(personas.values()):
        client = persona.client
        if body == "json":
            response = client.post(
                path, {"name_latin": f"Api Person {n}"}, content_type="application/json"
            )
        elif body == "file":
            from django.core.files.uploadedfile import SimpleUploadedFile

            csv = CSV.replace(b"Matrix Import", f"Matrix Import {n}".encode())
            response = client.post(path, {"file": SimpleUploadedFile("p.csv", csv)})
        else:
            response = getattr(client, method)(path)
        expected_denial = 401 if persona.user is None else 403
        assert response.status_code in {200, 201, expected_denial}, (
            persona.name,
            response.status_code,
            response.content[:300],
        )
        if response.status_code in {200, 201}:
            let_in.add(persona.name)
    assert let_in == allowed
