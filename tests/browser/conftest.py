"""Playwright driving Debian's Chromium against the live test server.

Playwright cannot download its own browsers here, so it is pointed at /usr/bin/chromium.
"""

from __future__ import annotations

import os
import shutil

import pytest

from tests.conftest import empty_the_register

CHROMIUM = os.environ.get("KUZBAS_CHROMIUM", "/usr/bin/chromium")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # themselves (fixtures) are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-US", viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()


@pytest.fixture
def demo_colony(transactional_db, settings):
    """The historical demo, living on 1 October 1922, for a browser test against a live server.

    A live-server test empties the database by deleting rows afterwards, which the decision
    register's triggers refuse; the register is emptied behind the application's back first.
    """
    import datetime as dt

    from kuzbas.core.actor import Operator
    from kuzbas.demo.loader import load_demo

    settings.KUZBAS_TODAY = dt.date(1922, 10, 1)
    load_demo(actor=Operator("browser-test"))
    yield
    empty_the_register()
