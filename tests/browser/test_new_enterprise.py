"""A new enterprise from an empty database to its first amended statute (issue 9, "Make it
yours"): `kuzbas init` with the cooperative template, then everything else through the pages, as
the administrator and the members would do it, and `kuzbas verify` at the end.

Each step's duration is printed (run with -s to see them): the issue's closing note quotes
how long `kuzbas init` takes.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from contextlib import contextmanager

import pytest
from playwright.sync_api import expect
from typer.testing import CliRunner

from kuzbas.cli import app
from kuzbas.governance.statute_templates import TEMPLATES, with_effective
from kuzbas.members.models import Person
from tests.conftest import empty_the_register
from tests.members.smtp_server import smtp_server  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
FOUNDED = dt.date(2026, 3, 2)
IN_FORCE = dt.date(2026, 4, 1)
IN_FORCE_SHOWN = "1 April 2026"  # as the pages write a day in English
ADMIN_PASSWORD = "the first winter at the pithead"
MEMBER_PASSWORD = "a long shift underground"
MEMBERS = [
    ("ana-petrova", "Ana Petrova"),
    ("ben-okafor", "Ben Okafor"),
    ("carla-mendes", "Carla Mendes"),
    ("dmitri-volkov", "Dmitri Volkov"),
    ("eva-lindqvist", "Eva Lindqvist"),
    ("farid-haddad", "Farid Haddad"),
    ("grace-otieno", "Grace Otieno"),
    ("hana-sato", "Hana Sato"),
    ("ivan-horak", "Ivan Horák"),
    ("julia-romero", "Julia Romero"),
    ("kofi-mensah", "Kofi Mensah"),
    ("lena-braun", "Lena Braun"),
]
CANDIDATES = ["ana-petrova", "ben-okafor", "carla-mendes", "dmitri-volkov", "eva-lindqvist"]
LATE_CANDIDATE = "farid-haddad"  # added on the election's page
AGAINST = {"kofi-mensah", "lena-braun"}  # 10 of 12 for the amendment: more than two thirds


class Stopwatch:
    """Time each step of the journey and the whole of it."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.steps: list[tuple[str, float]] = []

    @contextmanager
    def step(self, name: str):
        start = time.perf_counter()
        yield
        self.steps.append((name, time.perf_counter() - start))

    def report(self) -> str:
        lines = [f"  {seconds:7.2f} s  {name}" for name, seconds in self.steps]
        lines.append(f"  {time.perf_counter() - self.started:7.2f} s  the whole journey")
        return "\n".join(lines)


@pytest.fixture
def empty_database(transactional_db, settings):
    """An empty database on the founding day; the register is emptied behind the application's
    back afterwards, for the live server's teardown."""
    settings.KUZBAS_TODAY = FOUNDED
    yield
    empty_the_register()


def kuzbas(*args: str, stdin: str | None = None) -> str:
    """Run the `kuzbas` command in this process; return its output, failing on a non-zero exit."""
    result = CliRunner().invoke(app, list(args), input=stdin)
    assert result.exit_code == 0, result.output
    return result.output


def phone(browser):
    context = browser.new_context(locale="en-US", viewport=PHONE)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    return context, page


def log_in(page, url: str, username: str, password: str) -> None:
    page.goto(url + "/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    page.locator("main").get_by_role("button", name="Log in").click()
    expect(page.get_by_test_id("account-link")).to_have_text(username)


def wait_for_mail(mailbox, count: int, timeout: float = 10.0) -> None:
    """Wait until the mail server holds `count` messages (mail goes out after the commit)."""
    deadline = time.monotonic() + timeout
    while len(mailbox.messages) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(mailbox.messages) == count, [m["Subject"] for m in mailbox.messages]


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def calendar_of(message) -> str:
    """Return the text of the message's one iCalendar attachment."""
    calendars = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert len(calendars) == 1, message["To"]
    return calendars[0].get_content()


def members_csv(status: str = "member") -> bytes:
    """The twelve founding members; `status` is the fourth one's membership status."""
    rows = ["key,name_latin,email,membership_status,member_from"]
    rows += [
        f"{key},{name},{key}@coop.example,{status if n == 3 else 'member'},{FOUNDED}"
        for n, (key, name) in enumerate(MEMBERS)
    ]
    return ("\n".join(rows) + "\n").encode()


def upload(page, data: bytes) -> None:
    page.locator("input[name=file]").set_input_files(
        {"name": "members.csv", "mimeType": "text/csv", "buffer": data}
    )
    page.get_by_role("button", name="Check and import").click()


def amended_statute() -> str:
    """The cooperative template as founded, made version 2 with a board of seven."""
    text = with_effective(TEMPLATES["cooperative"].text(), FOUNDED)
    text = text.replace('version = "1"', 'version = "2"\namends = "1"', 1)
    text = text.replace(f"effective = {FOUNDED}", f"effective = {IN_FORCE}", 1)
    board = text.index('id = "board"')
    seats = text.index("count = 5", board)
    return text[:seats] + "count = 7" + text[seats + len("count = 5") :]


def test_a_new_cooperative_founds_itself_and_amends_its_statute(
    browser,
    page,
    live_server,
    empty_database,
    smtp_server,  # noqa: F811 (the fixture)
    settings,
):
    url = live_server.url
    clock = Stopwatch()
    mailbox = smtp_server

    with clock.step("kuzbas init --template cooperative"):
        out = kuzbas(
            "init",
            "--template",
            "cooperative",
            "--admin",
            "admin",
            "--password-stdin",
            stdin=ADMIN_PASSWORD + "\n",
        )
    assert "Founded, with administrator admin." in out
    assert f"version 1, in force from {FOUNDED}" in out

    with clock.step("the administrator logs in and imports 12 members from CSV"):
        log_in(page, url, "admin", ADMIN_PASSWORD)
        page.goto(url + "/members/import/")
        # A wrong row (line 5: the fourth member) stops the whole file, and says where.
        upload(page, members_csv(status="boss"))
        problems = page.get_by_role("alert")
        expect(problems).to_contain_text("1 problem — nothing was imported")
        expect(problems.locator("tbody tr")).to_have_text(re.compile(r"^5\s*membership_status"))
        upload(page, members_csv())
        expect(page.get_by_role("status")).to_contain_text("Imported 12 people (12 memberships).")
        page.goto(url + "/members/invitations/?status=member")
        expect(page.get_by_test_id("invite-all")).to_have_text("Invite 12 people")

    with clock.step("invite them; each follows the e-mailed link and sets a password"):
        page.get_by_test_id("invite-all").click()
        expect(page.get_by_test_id("invitation-report")).to_contain_text("12 invitations sent.")
        wait_for_mail(mailbox, 12)
        links = {}
        for message in mailbox.messages:
            key = message["To"].split("@")[0]
            links[key] = re.search(r"http://\S+/members/welcome/\S+/", text_of(message)).group(0)
        assert sorted(links) == sorted(key for key, _name in MEMBERS)
        phones = {}
        for key, _name in MEMBERS:
            context, member = phone(browser)
            member.goto(links[key])
            expect(member.get_by_test_id("username")).to_have_text(key)
            member.get_by_test_id("password1").fill(MEMBER_PASSWORD)
            member.get_by_test_id("password2").fill(MEMBER_PASSWORD)
            member.get_by_role("button", name="Set the password and log in").click()
            expect(member.get_by_test_id("account-link")).to_have_text(key)
            phones[key] = (context, member)

    with clock.step("convene the general meeting and give notice by e-mail"):
        page.goto(url + "/meetings/")
        page.get_by_text("Convene a meeting").click()
        page.get_by_label("Title").fill("First general meeting")
        page.get_by_label("Body").select_option("general-meeting")
        page.get_by_label("Convened for").fill(f"{FOUNDED}T18:00")
        page.get_by_label("Place").fill("The canteen")
        page.get_by_role("button", name="Convene").click()
        expect(page.get_by_role("heading", name="First general meeting")).to_be_visible()
        meeting = re.search(r"/meetings/(\d+)/", page.url).group(1)
        page.get_by_role("button", name="Give notice to the members entitled to attend").click()
        expect(page.get_by_test_id("notice")).to_contain_text("to 12 members entitled to attend")
        wait_for_mail(mailbox, 24)
        notices = mailbox.messages[12:]
        assert sorted(m["To"] for m in notices) == sorted(f"{k}@coop.example" for k, _ in MEMBERS)
        for message in notices:
            assert "First general meeting" in text_of(message)
            assert "BEGIN:VEVENT" in calendar_of(message), message["To"]

    with clock.step("call the election of the board on the meeting's agenda"):
        page.goto(url + "/elections/")
        page.get_by_text("Call an election").click()
        page.get_by_label("Title").fill("Election of the first board")
        page.get_by_label("Seat (the statute fills it by election)").select_option("board.member")
        page.get_by_label("Places to fill").fill("5")
        page.get_by_label("Method").select_option("stv")
        # The form has four person boxes; the fifth and a late one are added on the election's
        # page. A box takes the key typed by hand as well as a name chosen from its list.
        for n, key in enumerate(CANDIDATES[:4], start=1):
            page.get_by_label(f"Candidate {n}", exact=True).fill(key)
        page.get_by_label("On the agenda of").select_option(meeting)
        page.get_by_role("button", name="Call the election").click()
        election = re.search(r"/elections/(\d+)/", page.url).group(1)
        for key in (CANDIDATES[4], LATE_CANDIDATE):
            page.get_by_label("Add a candidate").fill(key)
            page.get_by_role("button", name="Add", exact=True).click()
            page.wait_for_load_state()
        expect(page.get_by_test_id("candidates").locator("li")).to_have_count(6)

    with clock.step("open the meeting; the members check in with the code"):
        page.goto(f"{url}/meetings/{meeting}/")
        page.get_by_role("button", name="Open the meeting").click()
        code = page.get_by_test_id("checkin-code").inner_text()
        # A wrong code checks nobody in.
        first = phones[MEMBERS[0][0]][1]
        first.goto(f"{url}/meetings/{meeting}/")
        first.get_by_label("Check-in code").fill("WRONG2" if code != "WRONG2" else "WRONG3")
        first.get_by_role("button", name="Check in").click()
        expect(first.get_by_role("status")).to_contain_text(
            "That is not this meeting's check-in code."
        )
        expect(first.get_by_label("Check-in code")).to_be_visible()
        for _context, member in phones.values():
            member.goto(f"{url}/meetings/{meeting}/")
            member.get_by_label("Check-in code").fill(code)
            member.get_by_role("button", name="Check in").click()
            expect(member.get_by_test_id("no-vote")).to_be_visible()
        page.goto(f"{url}/meetings/{meeting}/")
        expect(page.get_by_test_id("quorum")).to_contain_text("12 checked in")
        expect(page.get_by_test_id("quorum")).to_contain_text("quorum met")

    with clock.step("elect the board: 12 members rank the candidates on their phones"):
        page.get_by_role("button", name="Open the election").click()
        names = {p.key: str(p) for p in Person.objects.filter(key__in=CANDIDATES)}
        for n, (_context, member) in enumerate(phones.values()):
            member.goto(f"{url}/elections/{election}/ballot/")
            ranking = CANDIDATES[n % 5 :] + CANDIDATES[: n % 5]  # everyone's first choice varies
            for key in ranking[:3]:  # ranked by tapping the candidates in order
                member.get_by_role("button", name=names[key], exact=True).click()
            member.get_by_role("button", name="Cast my secret ballot").click()
            expect(member.get_by_test_id("receipt")).to_have_text(re.compile(r"^[0-9a-f]{16}$"))
        page.goto(f"{url}/meetings/{meeting}/")
        page.get_by_role("button", name="Close the election and count").click()
        page.get_by_test_id("confirm-yes").click()
        page.goto(f"{url}/elections/{election}/")
        expect(page.get_by_test_id("elected")).to_have_count(5)
        elected = page.get_by_test_id("elected").all_inner_texts()
        page.goto(url + "/governance/bodies/board/")
        seats = page.get_by_test_id("seat-member")
        for name in elected:
            expect(seats).to_contain_text(name)

    proposer = phones["grace-otieno"][1]
    with clock.step("a member proposes an amendment to the statute"):
        proposer.goto(url + "/governance/statute/propose/")
        proposer.get_by_label("Title").fill("A board of seven")
        proposer.get_by_label("Why (shown with the motion)").fill("Five are few for two shifts.")
        proposer.get_by_label("…or its text").fill(amended_statute())
        proposer.get_by_role("button", name="File the amendment").click()
        motion = re.search(r"/governance/motions/(\d+)/", proposer.url).group(1)
        expect(proposer.locator('[data-rule="seat.board.member"]')).to_be_visible()

    with clock.step("the chair puts it on the agenda; the meeting votes on phones"):
        page.goto(f"{url}/meetings/{meeting}/")
        page.get_by_text("Add an item").click()
        add_item = page.locator(f'form[action="/meetings/{meeting}/items/"]')
        add_item.get_by_label("Kind").select_option("motion")
        add_item.get_by_label("…or a motion already filed (its number)").fill(motion)
        add_item.get_by_role("button", name="Add", exact=True).click()
        item = page.get_by_test_id("item-2")
        expect(item).to_contain_text("A board of seven")
        item.get_by_role("button", name="Open the vote").click()
        for key, (_context, member) in phones.items():
            member.goto(f"{url}/meetings/{meeting}/vote/")
            expect(member.get_by_test_id("vote-open")).to_be_visible()
            choice = "No" if key in AGAINST else "Yes"
            member.get_by_role("button", name=choice, exact=True).click()
            expect(member.get_by_test_id("voted")).to_contain_text(f"You voted: {choice}")
        page.goto(f"{url}/meetings/{meeting}/")
        page.get_by_test_id("item-2").get_by_role("button", name="Close the vote").click()
        page.get_by_test_id("confirm-yes").click()
        for _context, member in phones.values():
            expect(member.get_by_test_id("result")).to_contain_text("Carried", timeout=10_000)

    with clock.step("the motion page and the statute show version 2 from its date"):
        page.goto(f"{url}/governance/motions/{motion}/")
        expect(page.locator("article.decision header strong")).to_have_text("carried")
        expect(page.locator("main")).to_contain_text(
            f"Adopted: version 2 is in force from {IN_FORCE_SHOWN}."
        )
        change = page.locator('[data-rule="seat.board.member"]')
        expect(change.locator("header")).to_contain_text("changed")
        expect(change.locator(".removed")).to_have_text("- count = 5")
        expect(change.locator(".added")).to_have_text("+ count = 7")
        page.goto(url + "/governance/statute/")
        expect(page.locator("main")).to_contain_text("Version 1, in force from 2 March 2026")
        settings.KUZBAS_TODAY = IN_FORCE
        page.goto(url + "/governance/statute/")
        expect(page.locator("main")).to_contain_text(f"Version 2, in force from {IN_FORCE_SHOWN}")
        expect(page.locator("main")).to_contain_text("in force on the colony's date")

    with clock.step("kuzbas verify"):
        out = kuzbas("verify")
    # The founding, the board's election and the amendment.
    assert out.startswith("Register OK: 3 entries"), out

    print("\nA new enterprise, step by step:\n" + clock.report())
    for context, member in phones.values():
        assert member.console_errors == []
        context.close()
    assert page.console_errors == []
