"""Every write to a meeting, one module per concern.

`agenda` convenes a meeting and puts items and amendments on its agenda; `chair` takes the
chair, opens and closes the meeting; `attendance` checks members in; `speakers` keeps the
speakers' list; `votes` puts an item's motions to the vote, records counts and takes ballots;
`notices` gives notice of a meeting. `preconditions` holds the checks they share.

Motions, ballots and decisions go through `kuzbas.governance.services`, so admissibility,
the electorate and the count are the statute's; these modules decide only what a meeting adds:
the order of business, who is present, who speaks, and that amendments come first.
"""
