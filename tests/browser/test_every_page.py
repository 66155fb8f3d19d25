"""Every page, on a phone, in English and in Russian, as each persona who can open it.

The pages come from the URL table (the permission matrix's rows, which cover every URL): each
address a browser opens with GET gets its arguments from the demo colony. A page fails when it
is wider than the phone (the page scrolls sideways), when axe-core finds a serious or critical
violation, or when the browser logs a console error. axe-core is vendored for the tests only
(tests/browser/vendor/) and injected into each page before the page's own scripts run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from django.urls import get_resolver, reverse

from kuzbas.core.actor import Operator
from kuzbas.demo.loader import load_demo
from tests.conftest import empty_the_register
from tests.web.test_permission_matrix import PAGES as MATRIX
from tests.web.test_permission_matrix import _url_names

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
LANGUAGES = {"en": "en-US", "ru": "ru-RU"}
# Anonymous, a member (a colonist by membership alone), and the chair, who is also director.
PERSONAS = (None, "pearson", "rutgers")
# The administrator opens only what none of them could (the registry's import, say).
LAST_RESORT = "admin"
PASSWORD = "kuzbas-demo"  # the demo's published password, demo mode only

# Addresses a browser opens with GET that are not pages: files, fragments, a poll.
NOT_PAGES = {
    "logout": "a form's action (POST)",
    "meetings:live": "a waiting phone's poll: answers only whether the meeting changed",
    "meetings:minutes_pdf": "a PDF",
    "contracts:report_pdf": "a PDF",
    "production:export": "a CSV or XLSX file",
    "production:chart": "an image or a chart's data",
    "recruitment:export": "a CSV or XLSX file",
    "recruitment:receipt": "a PDF",
    "production:import_progress": "a fragment polled by the import page",
    "members:welcome": "opened from an invitation e-mail with a one-time token",
    "members:choices": "the suggestions a person box fetches while a name is typed",
    "record:timeline_image": "an image of the timeline",
    "background:job": "a background job's progress; the demo holds no job",
    "record:document_file": "a stored document's file",
    "coming": "the page of an area still to come; every area has landed",
    "record:document": "a stored document's page; the demo holds no document yet",
    "recruitment:attachment": "an applicant's attached file, always saved, never shown",
    "contracts:original": "a contract version's signed original; the demo holds no file",
    "contracts:winding_up_pdf": "a PDF",
}


def _demo(model: str, **lookup):
    """Return the first demo row of a model matching the lookup (the model named app.Model)."""
    from django.apps import apps

    return apps.get_model(model).objects.filter(**lookup).order_by("pk").first()


def _meeting(status: str):
    return _demo("meetings.Meeting", status=status)


# Each page's arguments, read from the demo colony once it is loaded.
ARGUMENTS: dict[str, Callable[[], dict]] = {
    "members:person": lambda: {"key": "rutgers"},
    "members:person_edit": lambda: {"key": "rutgers"},
    "members:membership_add": lambda: {"key": "rutgers"},
    "members:membership_end": lambda: {
        "key": "rutgers",
        "pk": _demo("members.Membership", person__key="rutgers").pk,
    },
    "members:employment_add": lambda: {"key": "rutgers"},
    "members:employment_end": lambda: {
        "key": "rutgers",
        "pk": _demo("members.Employment", person__key="rutgers").pk,
    },
    "record:source": lambda: {"key": _demo("record.Source").key},
    "record:event": lambda: {"key": _demo("record.Event").key},
    "governance:body": lambda: {"key": _demo("governance.Body").key},
    "governance:statute_version": lambda: {"version": _demo("governance.StatuteVersion").version},
    "governance:motion": lambda: {"number": _demo("governance.Motion").number},
    "governance:decision": lambda: {"sequence": _demo("governance.Decision").sequence},
    "meetings:meeting": lambda: {"pk": _meeting("open").pk},
    "meetings:vote": lambda: {"pk": _meeting("open").pk},
    "meetings:projector": lambda: {"pk": _meeting("open").pk},
    "meetings:minutes": lambda: {"pk": _meeting("closed").pk},
    "elections:election": lambda: {"pk": _demo("elections.Election").pk},
    "elections:ballot": lambda: {"pk": _demo("elections.Election").pk},
    "elections:receipts": lambda: {"pk": _demo("elections.Election").pk},
    "production:unit": lambda: {"key": _demo("production.Unit").key},
    "production:unit_edit": lambda: {"key": _demo("production.Unit").key},
    "production:product_edit": lambda: {"key": _demo("production.Product").key},
    "production:plan_edit": lambda: {"pk": _demo("production.Plan").pk},
    "recruitment:call": lambda: {"key": _demo("recruitment.Call").key},
    "recruitment:call_edit": lambda: {"key": _demo("recruitment.Call").key},
    "recruitment:bureau": lambda: {"key": _demo("recruitment.Bureau").key},
    "recruitment:application": lambda: {"pk": _demo("recruitment.Application").pk},
    "contracts:contract": lambda: {"key": "contract-1921"},
    "contracts:version": lambda: {"key": "contract-1921", "number": 2},
    "contracts:diff": lambda: {"key": "contract-1921", "number": 2},
    "contracts:clause": lambda: {
        "key": "contract-1921",
        "number": 2,
        "pk": _demo("contracts.Clause", version__number=2).pk,
    },
    "contracts:obligation": lambda: {"pk": _demo("contracts.Obligation").pk},
    "recruitment:group": lambda: {"pk": _demo("recruitment.DispatchGroup", number=4).pk},
    # An illustrative applicant with contributions in cash and in kind.
    "recruitment:admitted": lambda: {"pk": _demo("recruitment.Application", name="Harry Olsen").pk},
    "contracts:money": lambda: {"key": "contract-1921"},
    "contracts:report": lambda: {"key": "contract-1921"},
}

# Pages worth a second look with a question asked (their widest state).
WITH_QUERY = {
    # A refusal: in 1923 the mass meeting no longer decides technical matters.
    "governance:explorer": "?matter=technical&on=1923-05-01&body=general-meeting",
    "governance:statute_diff": "?from=1921&to=1922-10",
    # Balances in one currency, with the rate used and its source.
    "contracts:money": "?on=1926-12-31&currency=QRG",
}


def _pages() -> list[str]:
    """Return the addresses of every page a browser opens with GET, with demo arguments."""
    urls = []
    for name, (_kwargs, method, _data, _who) in sorted(MATRIX.items()):
        if method != "get" or name in NOT_PAGES:
            continue
        url = reverse(name, kwargs=ARGUMENTS[name]() if name in ARGUMENTS else None)
        urls.append(url)
        if name in WITH_QUERY:
            urls.append(url + WITH_QUERY[name])
    # A form's address opened in the browser: the friendly 405 page.
    urls.append(reverse("meetings:convene"))
    return urls


# Violations found and not yet fixed, each with what is wrong; the list should only shrink.
KNOWN: set[tuple[str, str]] = set()

OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"
AXE_RUN = """async () => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    resultTypes: ["violations"],
  });
  return result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => v.id + " (" + v.impact + "): " + v.help + " — "
      + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join("; "));
}"""


def _log_in(page, url: str, username: str) -> None:
    page.goto(url + reverse("login"))
    page.locator("main input[name=username]").fill(username)
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda u: "/login/" not in u)


@pytest.fixture
def demo(transactional_db, settings):
    """The demo colony, loaded once for each language's walk.

    Each language is its own test so that `make test` (pytest -n 2) walks both at once; loading
    the demo (some twenty seconds) is cheaper than walking the pages twice in one worker.
    """
    settings.KUZBAS_TODAY = dt.date(1922, 10, 1)
    settings.KUZBAS_DATE_CONTROL = True  # every page with the demo's date control in its menu
    load_demo(actor=Operator("browser-test"))
    yield
    empty_the_register()


def test_the_table_names_every_page_the_matrix_lists():
    """A new GET page needs its demo arguments here, or a line saying why it is not a page."""
    names = _url_names(get_resolver().url_patterns)
    missing = {
        name
        for name in names
        if MATRIX[name][1] == "get"
        and name not in NOT_PAGES
        and name not in ARGUMENTS
        and MATRIX[name][0]
    }
    assert not missing, f"pages with arguments but none from the demo: {sorted(missing)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_fits_a_phone_passes_axe_and_logs_no_error(browser, live_server, demo, language):
    urls = _pages()
    failures: list[str] = []
    opened: dict[str, set[str]] = {url: set() for url in urls}
    locale = LANGUAGES[language]
    for persona in (*PERSONAS, LAST_RESORT):
        context = browser.new_context(locale=locale, viewport=PHONE)
        context.add_init_script(path=str(AXE))
        page = context.new_page()
        errors: list[tuple[str, str]] = []
        page.on(
            "console",
            lambda m, e=errors: (
                e.append((m.text, m.location.get("url", ""))) if m.type == "error" else None
            ),
        )
        page.on("pageerror", lambda x, e=errors: e.append((str(x), "")))
        if persona:
            _log_in(page, live_server.url, persona)
        who = f"{persona or 'anonymous'}/{language}"
        for url in urls:
            if persona == LAST_RESORT and opened[url]:
                continue
            errors.clear()
            response = page.goto(live_server.url + url)
            status = response.status if response else 0
            if "/login/" in page.url and "/login/" not in url:
                continue  # a visitor is sent to log in: not this persona's page
            if status == 403:
                continue  # not this persona's page
            if status == 404 or status >= 500:
                failures.append(f"{who} {url}: status {status}")
                continue
            opened[url].add(who)
            wider = page.evaluate(OVERFLOW)
            if wider > 0:
                failures.append(f"{who} {url}: {wider}px wider than the phone")
            for violation in page.evaluate(AXE_RUN):
                if (url, violation.split(" ", 1)[0]) not in KNOWN:
                    failures.append(f"{who} {url}: axe {violation}")
            for error, source in errors:
                # An error page's own status is reported by the browser; it is the answer.
                if source == page.url and f"status of {status} " in error:
                    continue
                failures.append(f"{who} {url}: console error {error}")
            if page.evaluate("document.documentElement.lang") != language:
                failures.append(f"{who} {url}: lang is not {language}")
        context.close()
    assert not failures, "\n".join(failures)
    unopened = sorted(url for url, whom in opened.items() if not whom)
    assert not unopened, f"pages nobody could open: {unopened}"
