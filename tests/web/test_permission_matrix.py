"""Every role × every page and API operation: who is let in, who is turned away.

A new URL or API operation fails `test_the_matrix_covers_every_*` until it gets its row here.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kuzbas.web.api import api
from tests.conftest import PERSONAS
from tests.factories import PersonFactory, SiteFactory, SourceFactory

ALL = set(PERSONAS)
LOGGED_IN = ALL - {"anonymous"}
READERS = LOGGED_IN - {"outsider"}  # a role, or a membership in good standing
EDITORS = {"clerk", "director", "admin"}
IMPORTERS = {"clerk", "admin"}
RECORD_EDITORS = {"clerk", "admin"}
AUDIT_READERS = {"board_member", "director", "authority_rep", "auditor", "admin"}
PARTICIPANTS = {"colonist", "board_member", "director", "authority_rep", "admin"}
CHAIRS = {"board_member", "director", "admin"}
STATISTICIANS = {"clerk", "director", "admin"}
MEETING_CHAIRS = {"board_member", "director", "admin"}
MEETING_CLERKS = MEETING_CHAIRS | {"clerk"}
MONEY_KEEPERS = {"clerk", "director", "bureau_clerk", "admin"}
RECRUITERS = {"bureau_clerk", "admin"}
NEW_CALL = {
    "bureau": "no-bureau",
    "key": "k",
    "title": "T",
    "opens": "1922-01-01",
}  # recruitment.manage: the bureau's acts
SCREENERS = {"bureau_clerk", "director", "admin"}  # recruitment.applications: personal data
CONTRACT_KEEPERS = {"clerk", "director", "admin"}

# url name: (kwargs, method, data, who is allowed)
PAGES = {
    "home": ({}, "get", None, ALL),
    # Every area has landed: an open area has no coming page, whoever asks (404).
    "coming": ({"area": "contracts"}, "get", None, ALL),
    "login": ({}, "get", None, {"anonymous"}),  # a logged-in user is sent on
    "logout": ({}, "post", {}, ALL),
    "set_language": ({}, "post", {"language": "ru", "next": "/"}, ALL),
    # The demo's date control; outside the demo (as here) it answers 404 to everyone.
    "demo_date": ({}, "post", {"on": "1923-05-01", "next": "/"}, ALL),
    "account": ({}, "get", None, LOGGED_IN),
    # No persona holds a token starting so: the owner is told so on the account page.
    "revoke_token": ({"prefix": "kz_none"}, "post", {}, LOGGED_IN),
    "me": ({}, "get", None, LOGGED_IN),
    # A job is read by its starter or a holder of its kind's right; no one started this one,
    # so whoever is logged in is told it does not exist (404), a visitor is sent to log in.
    "background:job": (
        {"job_id": "00000000-0000-0000-0000-000000000000"},
        "get",
        None,
        LOGGED_IN,
    ),
    "members:list": ({}, "get", None, READERS),
    "members:person": ({"key": "persona-colonist"}, "get", None, READERS),
    "members:headcount": ({}, "get", None, READERS),
    # The suggestions a person box asks for while a name is typed (members/choosing.py).
    "members:choices": ({}, "get", None, READERS),
    "members:create": ({}, "get", None, EDITORS),
    "members:import": ({}, "get", None, IMPORTERS),
    # The matrix world's membership and employment 1 are not the colonist's: an editor gets 404.
    "members:person_edit": ({"key": "persona-colonist"}, "get", None, EDITORS),
    "members:membership_add": ({"key": "persona-colonist"}, "get", None, EDITORS),
    "members:membership_end": ({"key": "persona-colonist", "pk": 1}, "get", None, EDITORS),
    "members:employment_add": ({"key": "persona-colonist"}, "get", None, EDITORS),
    "members:employment_end": ({"key": "persona-colonist", "pk": 1}, "get", None, EDITORS),
    # The colonist has no address: an editor is told so on the person page.
    "members:invite": ({"key": "persona-colonist"}, "post", {}, EDITORS),
    "members:invitations": ({}, "get", None, EDITORS),
    # The invitation's link: anyone holding it may open it; a bad one says it no longer works.
    "members:welcome": ({"uidb64": "MQ", "token": "x-y"}, "get", None, ALL),
    "record:sources": ({}, "get", None, READERS),
    "record:source": ({"key": "matrix-source"}, "get", None, READERS),
    # The empty form names no record: refused (422) once the right is checked, nothing stored.
    "record:cite": ({}, "post", {}, RECORD_EDITORS),
    # The matrix world holds no citation, so an allowed role gets 404, not 403.
    "record:withdraw": ({"pk": 1}, "post", {}, RECORD_EDITORS),
    "record:timeline": ({}, "get", None, READERS),
    "record:timeline_image": ({"fmt": "svg"}, "get", None, READERS),
    # The matrix world holds no event, so an allowed role gets 404, not 403.
    "record:event": ({"key": "no-such-event"}, "get", None, READERS),
    "record:event_new": ({}, "get", None, RECORD_EDITORS),
    # The empty form is refused (422) once the right is checked; the world holds no document,
    # so a reader gets 404.
    "record:add_document": ({"key": "matrix-source"}, "post", {}, RECORD_EDITORS),
    "record:document": ({"pk": 1}, "get", None, READERS),
    "record:document_file": ({"pk": 1}, "get", None, READERS),
    "governance:bodies": ({}, "get", None, READERS),
    # Proposing a new statute version is filing a motion: the empty form is answered (200)
    # with its message once the right is checked.
    "governance:statute_propose": ({}, "post", {"check": "1"}, PARTICIPANTS),
    "governance:body": ({"key": "managing-board"}, "get", None, READERS),
    # Recorded by a clerk or a chair (meetings.clerk); the empty form is refused (422) once
    # the right is checked, nothing stored.
    "governance:seat_appoint": (
        {"key": "managing-board", "seat": "sto_representative"},
        "post",
        {},
        MEETING_CLERKS,
    ),
    "governance:holding_end": ({"key": "managing-board", "pk": 1}, "post", {}, MEETING_CLERKS),
    "governance:statute": ({}, "get", None, READERS),
    "governance:statute_version": ({"version": "1922-10"}, "get", None, READERS),
    "governance:statute_diff": ({}, "get", None, READERS),
    "governance:explorer": ({}, "get", None, READERS),
    # Each participant files the motion with the STO, the body the condition names.
    "governance:condition_motion": (
        {"condition": "management_organisation_formed"},
        "post",
        {},
        PARTICIPANTS,
    ),
    "governance:motions": ({}, "get", None, READERS),
    "governance:motion": ({"number": 1}, "get", None, READERS),
    "governance:motion_create": ({}, "get", None, PARTICIPANTS),
    # Whether a vote may open or a ballot counts is the statute's question, answered on the
    # motion page; the matrix asks only who may knock.
    "governance:motion_open": ({"number": 1}, "post", {}, CHAIRS),
    "governance:motion_close": ({"number": 1}, "post", {}, CHAIRS),
    "governance:motion_vote": ({"number": 1}, "post", {"choice": "yes"}, PARTICIPANTS),
    "governance:motion_count": (
        {"number": 1},
        "post",
        {"yes": 2, "no": 1, "abstain": 0, "present": 3},
        CHAIRS,
    ),
    "governance:decision_appeal": ({"sequence": 1}, "post", {"to_body": "sto"}, PARTICIPANTS),
    "governance:register": ({}, "get", None, READERS),
    "governance:decision": ({"sequence": 1}, "get", None, READERS),
    "audit:trail": ({}, "get", None, AUDIT_READERS),
    # Meetings: the matrix world holds no meeting, so an allowed role gets 404, not 403.
    "meetings:list": ({}, "get", None, READERS),
    "meetings:convene": ({}, "post", {"title": "T", "body": "general-meeting"}, MEETING_CHAIRS),
    "meetings:meeting": ({"pk": 1}, "get", None, READERS),
    "meetings:open": ({"pk": 1}, "post", {}, MEETING_CHAIRS),
    "meetings:close": ({"pk": 1}, "post", {}, MEETING_CHAIRS),
    "meetings:check_in": ({"pk": 1}, "post", {"code": "X"}, PARTICIPANTS),
    "meetings:attendance_add": ({"pk": 1}, "post", {"person": "board-0"}, MEETING_CLERKS),
    "meetings:item_add": ({"pk": 1}, "post", {"kind": "report", "title": "T"}, MEETING_CHAIRS),
    "meetings:vote_open": ({"pk": 1, "position": 1}, "post", {}, MEETING_CHAIRS),
    "meetings:vote_close": ({"pk": 1, "position": 1}, "post", {}, MEETING_CHAIRS),
    "meetings:vote_count": ({"pk": 1, "position": 1}, "post", {}, MEETING_CHAIRS),
    "meetings:speak": ({"pk": 1, "position": 1}, "post", {}, PARTICIPANTS),
    "meetings:speaker_next": ({"pk": 1, "position": 1}, "post", {}, MEETING_CHAIRS),
    "meetings:amend": ({"pk": 1, "position": 1}, "post", {"title": "T"}, PARTICIPANTS),
    "meetings:vote": ({"pk": 1}, "get", None, READERS),
    "meetings:cast": ({"pk": 1}, "post", {"choice": "yes"}, PARTICIPANTS),
    "meetings:take_chair": ({"pk": 1}, "post", {}, MEETING_CHAIRS),
    "meetings:propose_chair": ({"pk": 1}, "post", {}, MEETING_CHAIRS),
    "meetings:projector": ({"pk": 1}, "get", None, READERS),
    "meetings:notice_give": ({"pk": 1}, "post", {}, MEETING_CLERKS),
    # A member gives their own proxy; a clerk records one given in writing.
    "meetings:proxy_give": (
        {"pk": 1},
        "post",
        {"holder": "persona-colonist"},
        PARTICIPANTS | MEETING_CLERKS,
    ),
    "meetings:proxy_end": ({"pk": 1, "proxy": 1}, "post", {}, PARTICIPANTS | MEETING_CLERKS),
    # Open to whoever holds the meeting's signed token (handed out by the voting page); it
    # answers only "changed or not" (tests/meetings/test_live.py).
    "meetings:live": ({"pk": 1, "token": "x", "revision": 0}, "get", None, ALL),
    "meetings:minutes": ({"pk": 1}, "get", None, READERS),
    "meetings:minutes_pdf": ({"pk": 1}, "get", None, READERS),
    # Elections: the matrix world holds none, so an allowed role gets 404 (or the form's
    # message), not 403.
    "elections:list": ({}, "get", None, READERS),
    "elections:create": ({}, "post", {"title": "T", "seat": "x.y", "seats": "1"}, CHAIRS),
    "elections:election": ({"pk": 1}, "get", None, READERS),
    "elections:candidate_add": ({"pk": 1}, "post", {"person": "board-0"}, CHAIRS),
    "elections:candidate_withdraw": ({"pk": 1}, "post", {"person": "board-0"}, CHAIRS),
    "elections:open": ({"pk": 1}, "post", {}, CHAIRS),
    "elections:close": ({"pk": 1}, "post", {}, CHAIRS),
    "elections:ballot": ({"pk": 1}, "get", None, READERS),
    "elections:cast": ({"pk": 1}, "post", {"rank": "board-0"}, PARTICIPANTS),
    "elections:receipts": ({"pk": 1}, "get", None, READERS),
    # Dispatch, contributions, arrival: no group, application or instalment 1 exists in the
    # matrix world, so an allowed role gets 404 and the rest are turned away first.
    "recruitment:groups": ({}, "get", None, READERS),
    "recruitment:group": ({"pk": 1}, "get", None, READERS),
    "recruitment:group_join": ({"pk": 1}, "post", {}, RECRUITERS),
    "recruitment:group_depart": ({"pk": 1}, "post", {}, RECRUITERS),
    "recruitment:group_arrive": ({"pk": 1}, "post", {}, RECRUITERS),
    "recruitment:admitted": ({"pk": 1}, "get", None, SCREENERS),
    "recruitment:add_cash": ({"pk": 1}, "post", {}, RECRUITERS),
    "recruitment:add_in_kind": ({"pk": 1}, "post", {}, RECRUITERS),
    "recruitment:receipt": ({"pk": 1}, "get", None, SCREENERS),
    "recruitment:arrive": ({"pk": 1}, "post", {}, RECRUITERS),
    "recruitment:step_done": ({"pk": 1, "key": "medical"}, "post", {}, RECRUITERS),
    "recruitment:pay": ({"pk": 1}, "post", {}, RECRUITERS),
    "recruitment:onboarding": ({}, "get", None, READERS),
    "recruitment:figures": ({}, "get", None, READERS),
    "recruitment:export": ({"table": "groups", "fmt": "csv"}, "get", None, READERS),
    "production:dashboard": ({}, "get", None, READERS),
    "money:rates": ({}, "get", None, READERS),
    # The winding-up (contracts/winding_up_views.py): readers see what it would do; the
    # contracts' keepers file its motion (the empty form: 422) and run it (none decided: back).
    "contracts:winding_up": ({}, "get", None, READERS),
    "contracts:winding_up_decide": ({}, "post", {}, EDITORS),
    "contracts:winding_up_run": ({}, "post", {}, EDITORS),
    "contracts:winding_up_report": ({}, "get", None, READERS),
    "contracts:winding_up_pdf": ({}, "get", None, READERS),
    # The matrix world holds no contract: an allowed role gets 404, not 403.
    "contracts:money": ({"key": "none"}, "get", None, READERS),
    "contracts:report": ({"key": "none"}, "get", None, READERS),
    "contracts:report_pdf": ({"key": "none"}, "get", None, READERS),
    "production:unit": ({"key": "matrix-unit"}, "get", None, READERS),
    "production:compare": ({}, "get", None, READERS),
    "production:export": ({"table": "output", "fmt": "csv"}, "get", None, READERS),
    "production:import": ({}, "get", None, STATISTICIANS),
    "production:import_progress": ({"token": "0" * 32}, "get", None, STATISTICIANS),
    "production:chart": ({"key": "output", "fmt": "svg"}, "get", None, READERS),
    "production:report": ({}, "get", None, READERS),
    "production:decision_links": ({}, "get", None, STATISTICIANS),
    # The matrix world holds no link, so an allowed role gets 404, not 403.
    "production:decision_unlink": ({"pk": 1}, "post", {}, STATISTICIANS),
    "production:units": ({}, "get", None, READERS),
    "production:unit_edit": ({"key": "matrix-unit"}, "get", None, STATISTICIANS),
    # An empty form: an allowed role is sent back to the unit's page with a message.
    "production:unit_close": ({"key": "matrix-unit"}, "post", {}, STATISTICIANS),
    "production:products": ({}, "get", None, READERS),
    "production:product_edit": ({"key": "matrix-product"}, "get", None, STATISTICIANS),
    "production:plans": ({}, "get", None, READERS),
    # The matrix world holds no plan: an allowed role gets 404, not 403.
    "production:plan_edit": ({"pk": 1}, "get", None, STATISTICIANS),
    "production:transfers": ({}, "get", None, READERS),
    # Recruitment: the landing page, calls, their form and the bureaus are public. The matrix
    # world holds no call, bureau or application, so an allowed role gets 404, not 403.
    "recruitment:home": ({}, "get", None, ALL),
    "recruitment:call": ({"key": "no-call"}, "get", None, ALL),
    "recruitment:apply": ({"key": "no-call"}, "post", {}, ALL),
    "recruitment:call_new": ({}, "get", None, RECRUITERS),
    "recruitment:call_edit": ({"key": "no-call"}, "get", None, RECRUITERS),
    "recruitment:call_open": ({"key": "no-call"}, "post", {}, RECRUITERS),
    "recruitment:call_close": ({"key": "no-call"}, "post", {}, RECRUITERS),
    "recruitment:bureaus": ({}, "get", None, ALL),
    # The empty form is answered (422) with its problems once the right is checked.
    "recruitment:bureau_new": ({}, "post", {}, RECRUITERS),
    "recruitment:bureau": ({"key": "no-bureau"}, "get", None, ALL),
    "recruitment:stage_add": ({"key": "no-bureau"}, "post", {}, RECRUITERS),
    "recruitment:reason_add": ({"key": "no-bureau"}, "post", {}, RECRUITERS),
    "recruitment:applications": ({}, "get", None, SCREENERS),
    "recruitment:application": ({"pk": 1}, "get", None, SCREENERS),
    "recruitment:move": ({"pk": 1}, "post", {"stage": "x"}, RECRUITERS),
    "recruitment:refuse": ({"pk": 1}, "post", {"reason": "x"}, RECRUITERS),
    "recruitment:recommend": ({"pk": 1}, "post", {}, RECRUITERS),
    "recruitment:duplicate": ({"pk": 1, "flag": 1}, "post", {"same": "yes"}, RECRUITERS),
    "recruitment:attachment": ({"pk": 1}, "get", None, SCREENERS),
    # Contracts: the matrix world holds none, so a reader gets 404 where one is named, and a
    # keeper's empty form is refused once the right is checked.
    "contracts:list": ({}, "get", None, READERS),
    "contracts:parties": ({}, "get", None, READERS),
    "contracts:due": ({}, "get", None, READERS),
    "contracts:remind": ({}, "post", {}, CONTRACT_KEEPERS),
    "contracts:obligation": ({"pk": 1}, "get", None, READERS),
    "contracts:obligation_status": ({"pk": 1}, "post", {}, CONTRACT_KEEPERS),
    "contracts:contract": ({"key": "no-contract"}, "get", None, READERS),
    "contracts:record_act": ({"key": "no-contract"}, "post", {}, CONTRACT_KEEPERS),
    "contracts:add_role": ({"key": "no-contract"}, "post", {}, CONTRACT_KEEPERS),
    "contracts:new_version": ({"key": "no-contract"}, "post", {}, CONTRACT_KEEPERS),
    "contracts:version": ({"key": "no-contract", "number": 1}, "get", None, READERS),
    "contracts:diff": ({"key": "no-contract", "number": 1}, "get", None, READERS),
    "contracts:original": ({"key": "no-contract", "number": 1}, "get", None, READERS),
    "contracts:add_section": ({"key": "no-contract", "number": 1}, "post", {}, CONTRACT_KEEPERS),
    "contracts:add_clause": ({"key": "no-contract", "number": 1}, "post", {}, CONTRACT_KEEPERS),
    "contracts:clause": (
        {"key": "no-contract", "number": 1, "pk": 1},
        "get",
        None,
        CONTRACT_KEEPERS,
    ),
    "contracts:remove_clause": (
        {"key": "no-contract", "number": 1, "pk": 1},
        "post",
        {},
        CONTRACT_KEEPERS,
    ),
    "contracts:submit": ({"key": "no-contract", "number": 1}, "post", {}, CONTRACT_KEEPERS),
    "contracts:reopen": ({"key": "no-contract", "number": 1}, "post", {}, CONTRACT_KEEPERS),
    "contracts:upload_original": (
        {"key": "no-contract", "number": 1},
        "post",
        {},
        CONTRACT_KEEPERS,
    ),
    "contracts:add_obligation": ({"key": "no-contract", "number": 1}, "post", {}, CONTRACT_KEEPERS),
}

CSV = b"name_latin,trade\nMatrix Import,hewer\n"

# (method, path as in the OpenAPI schema): (concrete path, body kind, who is allowed)
API = {
    ("get", "/api/me"): ("/api/me", None, LOGGED_IN),
    # Open to all, as a login page is: without a password it is a 422 for everyone.
    ("post", "/api/token"): ("/api/token", {"username": "x"}, ALL),
    ("get", "/api/tokens"): ("/api/tokens", None, LOGGED_IN),
    ("delete", "/api/tokens/{prefix}"): ("/api/tokens/kz_none", None, LOGGED_IN),
    ("get", "/api/me/receipt"): ("/api/me/receipt?receipt=abc", None, LOGGED_IN),
    # No one started this job: 404 for whoever is logged in (see the page's row).
    ("get", "/api/tasks/{job_id}"): (
        "/api/tasks/00000000-0000-0000-0000-000000000000",
        None,
        LOGGED_IN,
    ),
    ("get", "/api/members/people"): ("/api/members/people", None, READERS),
    ("post", "/api/members/people"): ("/api/members/people", "json", EDITORS),
    ("get", "/api/members/people/{key}"): ("/api/members/people/persona-colonist", None, READERS),
    ("get", "/api/members/headcount"): ("/api/members/headcount", None, READERS),
    ("post", "/api/members/people/import"): ("/api/members/people/import", "file", IMPORTERS),
    # Overlaps the colonist's open membership: refused (409) once the right is checked.
    ("post", "/api/members/people/{key}/memberships"): (
        "/api/members/people/persona-colonist/memberships",
        {"status": "member", "category": "colonist", "valid_from": "1922-01-01"},
        EDITORS,
    ),
    ("post", "/api/members/people/{key}/memberships/{membership_id}/end"): (
        "/api/members/people/persona-colonist/memberships/1/end",
        {"valid_to": "1923-05-01"},
        EDITORS,
    ),
    # Ends before it starts: refused (422) once the right is checked.
    ("post", "/api/members/people/{key}/employments"): (
        "/api/members/people/persona-colonist/employments",
        {"category": "production", "valid_from": "1923-05-01", "valid_to": "1923-04-01"},
        EDITORS,
    ),
    ("post", "/api/members/people/{key}/employments/{employment_id}/end"): (
        "/api/members/people/persona-colonist/employments/1/end",
        {"valid_to": "1923-05-01"},
        EDITORS,
    ),
    # The colonist has no address: not now (409), nothing sent.
    ("post", "/api/members/people/{key}/invitation"): (
        "/api/members/people/persona-colonist/invitation",
        "empty",
        EDITORS,
    ),
    ("post", "/api/members/invitations"): (
        "/api/members/invitations",
        {"people": ["persona-colonist"]},
        EDITORS,
    ),
    ("get", "/api/record/sources"): ("/api/record/sources", None, READERS),
    # Recruitment: the matrix world holds no bureau, call or application, so an allowed role
    # gets 404 (or 422 for a body the service refuses), not 403.
    ("get", "/api/recruitment/bureaus"): ("/api/recruitment/bureaus", None, READERS),
    ("post", "/api/recruitment/bureaus"): (
        "/api/recruitment/bureaus",
        {"key": "not a slug", "name": "B"},
        RECRUITERS,
    ),
    ("get", "/api/recruitment/bureaus/{key}"): (
        "/api/recruitment/bureaus/no-bureau",
        None,
        READERS,
    ),
    ("post", "/api/recruitment/bureaus/{key}/stages"): (
        "/api/recruitment/bureaus/no-bureau/stages",
        {"key": "k", "name": "N"},
        RECRUITERS,
    ),
    ("post", "/api/recruitment/bureaus/{key}/reasons"): (
        "/api/recruitment/bureaus/no-bureau/reasons",
        {"key": "k", "name": "N"},
        RECRUITERS,
    ),
    ("get", "/api/recruitment/calls"): ("/api/recruitment/calls", None, READERS),
    ("post", "/api/recruitment/calls"): ("/api/recruitment/calls", NEW_CALL, RECRUITERS),
    ("get", "/api/recruitment/calls/{key}"): ("/api/recruitment/calls/no-call", None, READERS),
    ("put", "/api/recruitment/calls/{key}"): (
        "/api/recruitment/calls/no-call",
        NEW_CALL,
        RECRUITERS,
    ),
    ("post", "/api/recruitment/calls/{key}/open"): (
        "/api/recruitment/calls/no-call/open",
        None,
        RECRUITERS,
    ),
    ("post", "/api/recruitment/calls/{key}/close"): (
        "/api/recruitment/calls/no-call/close",
        None,
        RECRUITERS,
    ),
    ("get", "/api/recruitment/calls/{key}/balance"): (
        "/api/recruitment/calls/no-call/balance",
        None,
        READERS,
    ),
    ("post", "/api/recruitment/calls/{key}/applications"): (
        "/api/recruitment/calls/no-call/applications",
        {"name": "A", "trade": "miner", "consent": True},
        RECRUITERS,
    ),
    ("get", "/api/recruitment/applications"): ("/api/recruitment/applications", None, SCREENERS),
    ("get", "/api/recruitment/applications/{pk}"): (
        "/api/recruitment/applications/1",
        None,
        SCREENERS,
    ),
    ("post", "/api/recruitment/applications/{pk}/move"): (
        "/api/recruitment/applications/1/move",
        {"stage": "x"},
        RECRUITERS,
    ),
    ("post", "/api/recruitment/applications/{pk}/refuse"): (
        "/api/recruitment/applications/1/refuse",
        {"reason": "x"},
        RECRUITERS,
    ),
    ("post", "/api/recruitment/applications/{pk}/recommend"): (
        "/api/recruitment/applications/1/recommend",
        {},
        RECRUITERS,
    ),
    ("post", "/api/recruitment/applications/{pk}/duplicates/{flag}"): (
        "/api/recruitment/applications/1/duplicates/1",
        {"same": True},
        RECRUITERS,
    ),
    ("get", "/api/money/rates"): ("/api/money/rates", None, READERS),
    # An unknown currency is refused (422) once the right is checked: nothing recorded.
    ("post", "/api/money/rates"): (
        "/api/money/rates",
        {"base": "ZZZ", "quote": "USD", "rate": "2", "on": "1922-01-01"},
        MONEY_KEEPERS,
    ),
    # The matrix world holds no contract: an allowed role gets 404, not 403.
    ("get", "/api/contracts/{key}/money"): ("/api/contracts/none/money", None, READERS),
    ("post", "/api/contracts/{key}/money"): (
        "/api/contracts/none/money",
        {
            "kind": "loan",
            "amount": "1.00",
            "currency": "QRG",
            "on": "1923-01-01",
            "debtor": "enterprise",
        },
        MONEY_KEEPERS,
    ),
    ("get", "/api/contracts/{key}/balances"): (
        "/api/contracts/none/balances?on=1923-01-01",
        None,
        READERS,
    ),
    ("get", "/api/contracts/{key}/report"): (
        "/api/contracts/none/report?start=1923-01-01&end=1923-12-31",
        None,
        READERS,
    ),
    ("get", "/api/record/sources/{key}"): ("/api/record/sources/matrix-source", None, READERS),
    ("get", "/api/record/sources/{key}/documents"): (
        "/api/record/sources/matrix-source/documents",
        None,
        READERS,
    ),
    ("get", "/api/record/documents/{document_id}"): ("/api/record/documents/1", None, READERS),
    ("get", "/api/record/citations"): (
        "/api/record/citations?type=members.person&id=persona-colonist",
        None,
        READERS,
    ),
    # A documented citation with no source: refused (422) once the right is checked.
    ("post", "/api/record/citations"): (
        "/api/record/citations",
        {"object": {"type": "members.person", "id": "persona-colonist"}},
        RECORD_EDITORS,
    ),
    # The matrix world holds no citation, so an allowed role gets 404, not 403.
    ("delete", "/api/record/citations/{citation_id}"): (
        "/api/record/citations/1",
        None,
        RECORD_EDITORS,
    ),
    ("get", "/api/record/events"): ("/api/record/events", None, READERS),
    # An event of no known kind: refused (422) once the right is checked, nothing stored.
    ("post", "/api/record/events"): (
        "/api/record/events",
        {"key": "matrix-event", "title": "Matrix", "kind": "party", "date": "1923"},
        RECORD_EDITORS,
    ),
    ("get", "/api/record/periodizations"): ("/api/record/periodizations", None, READERS),
    ("get", "/api/governance/bodies"): ("/api/governance/bodies", None, READERS),
    ("get", "/api/governance/bodies/{key}/seats"): (
        "/api/governance/bodies/managing-board/seats?on=1923-05-01",
        None,
        READERS,
    ),
    # The STO's one place is taken: refused as over the count (409) once the right is checked.
    ("post", "/api/governance/bodies/{key}/seats/{seat}/holdings"): (
        "/api/governance/bodies/managing-board/seats/sto_representative/holdings",
        {"person": "board-1", "valid_from": "1923-06-01"},
        MEETING_CLERKS,
    ),
    # A last day before the first: refused by field (422) once the right is checked.
    ("post", "/api/governance/bodies/{key}/seats/{seat}/holdings/{holding_id}/end"): (
        "/api/governance/bodies/managing-board/seats/sto_representative/holdings/1/end",
        {"on": "1922-10-01"},
        MEETING_CLERKS,
    ),
    ("get", "/api/governance/statute"): ("/api/governance/statute", None, READERS),
    # A proposal that is not a statute: refused by line (422) once the right is checked.
    ("post", "/api/governance/amendments/check"): (
        "/api/governance/amendments/check",
        {"text": "not toml"},
        PARTICIPANTS,
    ),
    ("post", "/api/governance/amendments"): (
        "/api/governance/amendments",
        {"text": "not toml"},
        PARTICIPANTS,
    ),
    # The matrix world has no such motion: an allowed reader gets 404, not 403.
    ("get", "/api/governance/amendments/{number}"): (
        "/api/governance/amendments/999",
        None,
        READERS,
    ),
    ("get", "/api/governance/statute/{version}"): (
        "/api/governance/statute/1922-10",
        None,
        READERS,
    ),
    ("get", "/api/governance/competence"): (
        "/api/governance/competence?matter=technical&on=1923-05-01",
        None,
        READERS,
    ),
    ("get", "/api/governance/motions"): ("/api/governance/motions", None, READERS),
    ("get", "/api/governance/motions/{number}"): ("/api/governance/motions/1", None, READERS),
    ("get", "/api/governance/register"): ("/api/governance/register", None, READERS),
    ("get", "/api/governance/register/verify"): ("/api/governance/register/verify", None, READERS),
    ("get", "/api/governance/register/{sequence}"): ("/api/governance/register/1", None, READERS),
    ("get", "/api/governance/conditions"): ("/api/governance/conditions", None, READERS),
    # Each participant files the motion with the STO, the body the condition names.
    ("post", "/api/governance/conditions/{condition}/motions"): (
        "/api/governance/conditions/management_organisation_formed/motions",
        {"text": ""},
        PARTICIPANTS,
    ),
    ("post", "/api/governance/motions"): ("/api/governance/motions", "motion", PARTICIPANTS),
    ("post", "/api/governance/motions/{number}/open"): (
        "/api/governance/motions/1/open",
        "empty",
        CHAIRS,
    ),
    ("post", "/api/governance/motions/{number}/close"): (
        "/api/governance/motions/1/close",
        "empty",
        CHAIRS,
    ),
    ("post", "/api/governance/motions/{number}/count"): (
        "/api/governance/motions/1/count",
        "count",
        CHAIRS,
    ),
    ("post", "/api/governance/register/{sequence}/appeal"): (
        "/api/governance/register/1/appeal",
        "appeal",
        PARTICIPANTS,
    ),
    ("post", "/api/governance/motions/{number}/ballot"): (
        "/api/governance/motions/1/ballot",
        "ballot",
        PARTICIPANTS,
    ),
    ("get", "/api/meetings/"): ("/api/meetings/", None, READERS),
    ("post", "/api/meetings/"): (
        "/api/meetings/",
        {"body": "general-meeting", "title": "T", "convened_for": "1923-05-09T18:00:00Z"},
        MEETING_CHAIRS,
    ),
    ("get", "/api/meetings/{pk}"): ("/api/meetings/1", None, READERS),
    ("post", "/api/meetings/{pk}/open"): ("/api/meetings/1/open", "empty", MEETING_CHAIRS),
    ("post", "/api/meetings/{pk}/close"): ("/api/meetings/1/close", "empty", MEETING_CHAIRS),
    ("post", "/api/meetings/{pk}/items"): (
        "/api/meetings/1/items",
        {"kind": "report", "title": "T"},
        MEETING_CHAIRS,
    ),
    ("post", "/api/meetings/{pk}/check-in"): (
        "/api/meetings/1/check-in",
        {"code": "X"},
        PARTICIPANTS,
    ),
    ("post", "/api/meetings/{pk}/attendance"): (
        "/api/meetings/1/attendance",
        {"person": "board-0"},
        MEETING_CLERKS,
    ),
    ("get", "/api/meetings/{pk}/vote"): ("/api/meetings/1/vote", None, READERS),
    ("get", "/api/meetings/notices"): ("/api/meetings/notices", None, READERS),
    ("post", "/api/meetings/{pk}/notice"): ("/api/meetings/1/notice", "empty", MEETING_CLERKS),
    ("get", "/api/governance/proxies"): (
        "/api/governance/proxies?body=general-meeting",
        None,
        READERS,
    ),
    # A proxy ending before it starts: refused by field (422) once the right is checked.
    ("post", "/api/governance/proxies"): (
        "/api/governance/proxies",
        {
            "holder": "persona-colonist",
            "body": "general-meeting",
            "valid_from": "1923-05-09",
            "valid_to": "1923-05-01",
        },
        PARTICIPANTS,
    ),
    ("post", "/api/governance/proxies/{proxy_id}/end"): (
        "/api/governance/proxies/1/end",
        {"on": "1923-05-09"},
        READERS,
    ),
    ("post", "/api/meetings/{pk}/ballot"): ("/api/meetings/1/ballot", "ballot", PARTICIPANTS),
    ("post", "/api/meetings/{pk}/items/{position}/open-vote"): (
        "/api/meetings/1/items/1/open-vote",
        "empty",
        MEETING_CHAIRS,
    ),
    ("post", "/api/meetings/{pk}/items/{position}/close-vote"): (
        "/api/meetings/1/items/1/close-vote",
        "empty",
        MEETING_CHAIRS,
    ),
    ("post", "/api/meetings/{pk}/items/{position}/count"): (
        "/api/meetings/1/items/1/count",
        {"yes": 1, "no": 0, "present": 1},
        MEETING_CHAIRS,
    ),
    ("get", "/api/meetings/{pk}/items/{position}/speakers"): (
        "/api/meetings/1/items/1/speakers",
        None,
        READERS,
    ),
    ("post", "/api/meetings/{pk}/items/{position}/speakers"): (
        "/api/meetings/1/items/1/speakers",
        "empty",
        PARTICIPANTS,
    ),
    ("post", "/api/meetings/{pk}/items/{position}/speakers/next"): (
        "/api/meetings/1/items/1/speakers/next",
        "empty",
        MEETING_CHAIRS,
    ),
    ("post", "/api/meetings/{pk}/items/{position}/amendments"): (
        "/api/meetings/1/items/1/amendments",
        {"title": "T"},
        PARTICIPANTS,
    ),
    ("get", "/api/meetings/{pk}/minutes"): ("/api/meetings/1/minutes", None, READERS),
    ("get", "/api/elections/"): ("/api/elections/", None, READERS),
    ("post", "/api/elections/"): (
        "/api/elections/",
        {"title": "T", "seat": "x.y", "places": 1, "method": "stv"},
        CHAIRS,
    ),
    ("get", "/api/elections/{pk}"): ("/api/elections/1", None, READERS),
    ("post", "/api/elections/{pk}/candidates"): (
        "/api/elections/1/candidates",
        {"person": "board-0"},
        CHAIRS,
    ),
    ("post", "/api/elections/{pk}/candidates/withdraw"): (
        "/api/elections/1/candidates/withdraw",
        {"person": "board-0"},
        CHAIRS,
    ),
    ("post", "/api/elections/{pk}/open"): ("/api/elections/1/open", "empty", CHAIRS),
    ("post", "/api/elections/{pk}/ballot"): (
        "/api/elections/1/ballot",
        {"marks": ["board-0"]},
        PARTICIPANTS,
    ),
    ("post", "/api/elections/{pk}/close"): ("/api/elections/1/close", "empty", CHAIRS),
    ("get", "/api/elections/{pk}/result"): ("/api/elections/1/result", None, READERS),
    ("get", "/api/elections/{pk}/receipts"): ("/api/elections/1/receipts", None, READERS),
    ("get", "/api/production/units"): ("/api/production/units", None, READERS),
    ("post", "/api/production/units"): (
        "/api/production/units",
        {"key": "api-unit", "name": "Api mine", "kind": "mine"},
        STATISTICIANS,
    ),
    ("patch", "/api/production/units/{key}"): (
        "/api/production/units/matrix-unit",
        {"name": "Matrix mine"},
        STATISTICIANS,
    ),
    ("get", "/api/production/products"): ("/api/production/products", None, READERS),
    ("post", "/api/production/products"): (
        "/api/production/products",
        {"key": "api-product", "name": "Api ore", "unit_of_measure": "tonne"},
        STATISTICIANS,
    ),
    ("patch", "/api/production/products/{key}"): (
        "/api/production/products/matrix-product",
        {"name": "Matrix coal"},
        STATISTICIANS,
    ),
    ("get", "/api/production/plans"): ("/api/production/plans", None, READERS),
    ("post", "/api/production/plans"): (
        "/api/production/plans",
        {
            "unit": "matrix-unit",
            "product": "matrix-product",
            "period_start": "1923-01-01",
            "target": "5",
        },
        STATISTICIANS,
    ),
    # The matrix world holds no plan: an allowed role gets 404.
    ("patch", "/api/production/plans/{pk}"): (
        "/api/production/plans/1",
        {"target": "5"},
        STATISTICIANS,
    ),
    ("get", "/api/production/transfer-acts"): ("/api/production/transfer-acts", None, READERS),
    ("post", "/api/production/transfer-acts"): (
        "/api/production/transfer-acts",
        {
            "key": "api-act",
            "title": "Api act",
            "from_enterprise": "Trust",
            "date": "1923-01-01",
            "debt_share": "0.5",
        },
        STATISTICIANS,
    ),
    # No act has this key: an allowed role gets 404.
    ("post", "/api/production/transfer-acts/{key}/units"): (
        "/api/production/transfer-acts/no-act/units",
        {"units": ["matrix-unit"]},
        STATISTICIANS,
    ),
    ("get", "/api/recruitment/groups"): ("/api/recruitment/groups", None, READERS),
    ("post", "/api/recruitment/groups"): (
        "/api/recruitment/groups",
        {"bureau": "no-bureau"},
        RECRUITERS,
    ),
    ("get", "/api/recruitment/groups/{pk}"): ("/api/recruitment/groups/1", None, READERS),
    ("post", "/api/recruitment/groups/{pk}/manifest"): (
        "/api/recruitment/groups/1/manifest",
        {"application": 1},
        RECRUITERS,
    ),
    ("post", "/api/recruitment/groups/{pk}/depart"): (
        "/api/recruitment/groups/1/depart",
        {},
        RECRUITERS,
    ),
    ("post", "/api/recruitment/groups/{pk}/arrive"): (
        "/api/recruitment/groups/1/arrive",
        {},
        RECRUITERS,
    ),
    ("get", "/api/recruitment/admitted/{pk}/contributions"): (
        "/api/recruitment/admitted/1/contributions",
        None,
        SCREENERS,
    ),
    ("post", "/api/recruitment/admitted/{pk}/contributions/cash"): (
        "/api/recruitment/admitted/1/contributions/cash",
        {"amount": "1.00", "currency": "USD", "instalments": []},
        RECRUITERS,
    ),
    ("post", "/api/recruitment/admitted/{pk}/contributions/in-kind"): (
        "/api/recruitment/admitted/1/contributions/in-kind",
        {
            "description": "tools",
            "value": "1.00",
            "currency": "USD",
            "appraised_on": "1922-05-01",
            "appraised_by_name": "a clerk",
        },
        RECRUITERS,
    ),
    ("post", "/api/recruitment/instalments/{pk}/pay"): (
        "/api/recruitment/instalments/1/pay",
        {},
        RECRUITERS,
    ),
    ("post", "/api/recruitment/admitted/{pk}/arrive"): (
        "/api/recruitment/admitted/1/arrive",
        {},
        RECRUITERS,
    ),
    ("get", "/api/recruitment/figures/funnel"): (
        "/api/recruitment/figures/funnel",
        None,
        READERS,
    ),
    ("get", "/api/production/units/{key}"): ("/api/production/units/matrix-unit", None, READERS),
    ("get", "/api/production/records"): ("/api/production/records", None, READERS),
    ("get", "/api/production/monthly"): ("/api/production/monthly", None, READERS),
    ("get", "/api/production/kpis"): (
        "/api/production/kpis?start=1922-10-01&end=1922-10-01",
        None,
        READERS,
    ),
    ("post", "/api/production/imports"): ("/api/production/imports", "headcount", STATISTICIANS),
    ("get", "/api/contracts/parties"): ("/api/contracts/parties", None, READERS),
    ("post", "/api/contracts/parties"): (
        "/api/contracts/parties",
        {"key": "", "name": "", "kind": "buyer"},
        CONTRACT_KEEPERS,
    ),
    ("get", "/api/contracts/due"): ("/api/contracts/due", None, READERS),
    ("post", "/api/contracts/reminders"): ("/api/contracts/reminders", "empty", CONTRACT_KEEPERS),
    ("get", "/api/contracts/obligations/{pk}"): ("/api/contracts/obligations/1", None, READERS),
    ("post", "/api/contracts/obligations/{pk}/status"): (
        "/api/contracts/obligations/1/status",
        {"status": "met"},
        CONTRACT_KEEPERS,
    ),
    ("get", "/api/contracts/"): ("/api/contracts/", None, READERS),
    ("post", "/api/contracts/"): (
        "/api/contracts/",
        {"key": "", "title": ""},
        CONTRACT_KEEPERS,
    ),
    ("get", "/api/contracts/{key}"): ("/api/contracts/no-contract", None, READERS),
    ("post", "/api/contracts/{key}/parties"): (
        "/api/contracts/no-contract/parties",
        {"party": "x", "role": "guarantor"},
        CONTRACT_KEEPERS,
    ),
    ("post", "/api/contracts/{key}/acts"): (
        "/api/contracts/no-contract/acts",
        {"kind": "signed", "date": "1921-10-21"},
        CONTRACT_KEEPERS,
    ),
    ("post", "/api/contracts/{key}/versions"): (
        "/api/contracts/no-contract/versions",
        "empty",
        CONTRACT_KEEPERS,
    ),
    ("get", "/api/contracts/{key}/versions/{number}"): (
        "/api/contracts/no-contract/versions/1",
        None,
        READERS,
    ),
    ("get", "/api/contracts/{key}/versions/{number}/diff"): (
        "/api/contracts/no-contract/versions/1/diff",
        None,
        READERS,
    ),
    ("post", "/api/contracts/{key}/versions/{number}/sections"): (
        "/api/contracts/no-contract/versions/1/sections",
        {"heading": "General"},
        CONTRACT_KEEPERS,
    ),
    ("post", "/api/contracts/{key}/versions/{number}/clauses"): (
        "/api/contracts/no-contract/versions/1/clauses",
        {"number": "1", "text": "x"},
        CONTRACT_KEEPERS,
    ),
    ("patch", "/api/contracts/{key}/versions/{number}/clauses/{clause}"): (
        "/api/contracts/no-contract/versions/1/clauses/1",
        {"text": "y"},
        CONTRACT_KEEPERS,
    ),
    ("delete", "/api/contracts/{key}/versions/{number}/clauses/{clause}"): (
        "/api/contracts/no-contract/versions/1/clauses/1",
        None,
        CONTRACT_KEEPERS,
    ),
    ("post", "/api/contracts/{key}/versions/{number}/submit"): (
        "/api/contracts/no-contract/versions/1/submit",
        "empty",
        CONTRACT_KEEPERS,
    ),
    ("post", "/api/contracts/{key}/versions/{number}/obligations"): (
        "/api/contracts/no-contract/versions/1/obligations",
        {"title": "x", "debtor": "enterprise", "kind": "report"},
        CONTRACT_KEEPERS,
    ),
    ("post", "/api/production/decision-links"): (
        "/api/production/decision-links",
        {"decision": 1, "kpi": "output_per_worker", "unit": "matrix-unit"},
        STATISTICIANS,
    ),
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
def world(db, settings):
    import datetime as dt
    from pathlib import Path

    import kuzbas
    from kuzbas.core.actor import Operator
    from kuzbas.governance.services import decisions, motions, seat_holdings, statute_book

    SourceFactory(key="matrix-source")
    SiteFactory(key="kemerovo")
    # A week after the decision below, so that it may still be appealed.
    settings.KUZBAS_TODAY = dt.date(1923, 5, 9)
    operator = Operator("matrix")
    from kuzbas.production.catalogue import create_product, create_unit

    create_unit(actor=operator, key="matrix-unit", name="Matrix mine", kind="mine")
    create_product(actor=operator, key="matrix-product", name="Coal", unit_of_measure="tonne")
    statutes = Path(kuzbas.__file__).parent / "demo" / "statutes"
    for name in ("aick-1921.toml", "aick-1922-10.toml"):
        statute_book.load_statute_version(actor=operator, path_or_text=statutes / name)
    from kuzbas.governance.models import Seat

    seats = {seat.key: seat for seat in Seat.objects.filter(body__key="managing-board")}
    for n, seat_key in enumerate(("sto_representative", "colony", "colony")):
        seat_holdings.add_seat_holding(
            actor=operator,
            seat=seats[seat_key],
            person=PersonFactory(key=f"board-{n}"),
            valid_from=dt.date(1922, 11, 1),
        )
    motion = motions.file_motion(
        actor=operator,
        title="Choice of mine pumps",
        text="Buy two pumps for the flooded shaft.",
        matter="technical",
        body="managing-board",
        as_of=dt.date(1923, 5, 1),
    )
    decisions.record_counted_vote(
        actor=operator,
        motion=motion,
        yes=2,
        no=1,
        abstain=0,
        present=3,
        decided_on=dt.date(1923, 5, 2),
    )


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
        elif body == "headcount":
            from django.core.files.uploadedfile import SimpleUploadedFile

            csv = f"on,category,count\n1922-10-01,all,{n}\n".encode()
            response = client.post(
                path, {"kind": "headcount", "file": SimpleUploadedFile("h.csv", csv)}
            )
        elif isinstance(body, dict):
            response = getattr(client, method)(path, body, content_type="application/json")
        elif body in {"motion", "ballot", "empty", "count", "appeal"}:
            payload = {
                "motion": {
                    "title": f"T{n}",
                    "text": "x",
                    "matter": "technical",
                    "body": "managing-board",
                },
                "ballot": {"choice": "yes"},
                "count": {"yes": 2, "no": 1, "abstain": 0, "present": 3},
                "appeal": {"to_body": "sto"},
                "empty": {},
            }[body]
            response = client.post(path, payload, content_type="application/json")
        else:
            response = getattr(client, method)(path)
        denial = 401 if persona.user is None else 403
        assert response.status_code < 500, (persona.name, response.content[:300])
        assert response.status_code != (403 if denial == 401 else 401), persona.name
        if response.status_code == 403:
            # A 403 means a missing right, never a refusal by the statute (that is a 409).
            assert response.json()["code"] == "not_permitted", response.json()
        if response.status_code != denial:
            let_in.add(persona.name)
    assert let_in == allowed
