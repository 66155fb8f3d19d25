"""What the data package holds: every model is either public (a table) or private, with why.

A model added later is neither until someone decides: `tests/datapackage/test_classification.py`
lists every concrete model and fails on one that is not classified here, so nothing new is
exported, or left out, by accident.
"""

from __future__ import annotations

# Public tables, by model label. Every concrete field is a column, except the private fields
# below and links to private models (who recorded a row as an account: the `*_label` column
# beside it says who, as the pages do).
PUBLIC: frozenset[str] = frozenset(
    {
        "record.source",
        "record.citation",  # the evidence of every row: documented with its source, or illustrative
        "record.document",  # metadata of the documents marked public, not the files
        "record.event",  # entered by hand; those derived from the record are not stored
        "record.eventlink",  # its people, bodies and records; a link to a private row stays out
        "record.periodization",
        "record.period",
        "money.exchangerate",  # dated rates with their source
        "members.site",
        "members.person",
        "members.membership",
        "members.employment",
        "governance.body",
        "governance.seat",
        "governance.seatholding",
        "governance.proxy",
        "governance.statuteversion",  # texts and their hashes
        "governance.statuteamendment",
        "governance.motion",
        "governance.counter",  # the motions' numbering, so an imported copy goes on counting
        "governance.ballot",  # named votes
        "governance.rollentry",  # the electorate of a vote, as the minutes give it
        "governance.secretballot",  # the published box: receipts and choices, never voters
        "governance.countedvote",
        "governance.decision",  # the register, with its hashes and signed head
        "governance.registerhead",
        "governance.appeal",
        "meetings.meeting",
        "meetings.agendaitem",
        "meetings.attendance",  # the minutes name who was present
        "meetings.speaker",
        "meetings.amendment",
        "meetings.notice",
        "elections.election",
        "elections.candidate",
        "elections.electionroll",
        "elections.electionballot",  # the published box: receipts and marks, never voters
        "elections.electionresult",  # with its stage-by-stage count
        "production.transferact",
        "production.unit",
        "production.product",
        "production.decisionlink",
        "production.outputrecord",
        "production.plan",
        "production.headcountsnapshot",
        "production.monthlyoutput",
        "production.colonymonthlyoutput",
        "production.unitoutputtotal",
        "recruitment.bureau",
        "recruitment.bureaumember",
        "recruitment.stage",
        "recruitment.refusalreason",
        "recruitment.call",
        "recruitment.calltrade",
        # Applications without who the applicant is (private fields below): the funnel by call,
        # source, trade and nationality can be counted again from the package; the person
        # linked on arrival is the registry's, public as every member is.
        "recruitment.application",
        "recruitment.stagemove",
        "recruitment.dispatchgroup",
        "recruitment.contribution",
        "recruitment.instalment",
        "recruitment.onboardingitem",
        "recruitment.onboardingdone",
        # Contracts with the state and others: the record of what each side owed the other.
        "contracts.party",
        "contracts.contract",
        "contracts.contractparty",
        "contracts.act",
        "contracts.signatory",
        "contracts.version",  # with the signed original's checksum, not the file
        "contracts.section",
        "contracts.clause",
        "contracts.obligation",
        "contracts.moneyline",
        "contracts.windingup",
        "contracts.windingupstep",
    }
)

# Private models, by label, with the reason they never leave the database.
PRIVATE: dict[str, str] = {
    "auth.permission": "Django's permission table, rebuilt by migrate",
    "auth.group": "Django's groups, unused: rights come from roles",
    "auth.group_permissions": "Django's groups, unused",
    "contenttypes.contenttype": "rebuilt by migrate; a citation names its table instead",
    "sessions.session": "login sessions",
    "axes.accessattempt": "failed logins, with addresses",
    "axes.accessattemptexpiration": "failed logins",
    "axes.accessfailurelog": "failed logins, with addresses",
    "axes.accesslog": "logins, with addresses",
    "audit.auditentry": "the audit trail: who did what, when",
    "members.user": "accounts: logins, password hashes, e-mail addresses",
    "members.user_groups": "accounts",
    "members.user_user_permissions": "accounts",
    "members.rolegrant": "rights granted to accounts",
    "members.apitoken": "API tokens",
    "governance.participation": "who took part in a secret vote, beside the box",
    "governance.sealedpaper": "sealed ballot papers, and their keys' work",
    "elections.electionparticipation": "who took part in a secret election, beside the box",
    "elections.sealedelectionpaper": "sealed election papers, and their keys' work",
    "meetings.noticedelivery": "who read a notice, and when",
    "production.importjob": "an upload's progress, with its account and token",
    "production.statisticsversion": "a cache's generation, rebuilt on the next write",
    "contracts.reminder": "reminders sent about obligations: the mail's recipients and errors",
    "background.job": "a background job: who started it, its file's progress and errors",
    "django_tasks_database.dbtaskresult": "the queue's own rows: task arguments and tracebacks",
    "recruitment.attachment": "files an applicant sent: certificates, letters",
    "recruitment.duplicateflag": "the bureau's matching of applicants against each other",
    "recruitment.affiliation": (
        "political affiliation: read only as counts per group, never per person"
    ),
}

# Private fields of public models, by `label.field`.
PRIVATE_FIELDS: dict[str, str] = {
    "members.person.email": "a person's e-mail address",
    "meetings.meeting.checkin_code": "the code that lets those present check in",
    "meetings.notice.mail_error": "the mail server's answer",
    "governance.ballot.key_digest": "a digest of the voter's client key",
    "recruitment.application.name": "who applied: named in the registry only once a member",
    "recruitment.application.name_original": "who applied",
    "recruitment.application.email": "an applicant's e-mail address",
    "recruitment.application.phone": "an applicant's phone number",
    "recruitment.application.city": "where an applicant lives",
    "recruitment.application.reference": "the reference the applicant quotes",
    "recruitment.application.skills": "an applicant's own account of themself",
    "recruitment.application.answers": "an applicant's answers to the call's questions",
    "recruitment.application.recommendation": "the bureau's assessment of a person",
    "recruitment.application.refusal_letter": "the letter sent to a refused applicant",
    "recruitment.stagemove.note": "the bureau's notes on a person",
    "recruitment.contribution.note": "the bureau's notes on a person",
    "recruitment.onboardingdone.note": "notes on a person",
}

# Public models whose rows are public only in part: the filter keeps the public ones.
PUBLIC_ROWS: dict[str, dict[str, object]] = {
    "record.document": {"public": True},
}


def classification_of(label: str) -> str:
    """Return "public", "private" or "" (not yet classified) for a model label."""
    if label in PUBLIC:
        return "public"
    if label in PRIVATE:
        return "private"
    return ""
