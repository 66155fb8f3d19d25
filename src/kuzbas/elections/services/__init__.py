"""Every write to an election: calling it, candidates, opening, ballots, the count, the seats.

`calling` (create, candidates, nominations), `polling` (opening, marks, casting), `count`
(closing, quorum, lot, seats, result, receipts); `authority` (who elects), `rows` (the
election under lock) and `agenda` (its item on a meeting's agenda) serve them.

The statute decides which seats are elected, by which matter, which body elects and who votes on
the day; the engine (`kuzbas.statute.elections`) counts. A ballot is secret: the database keeps
that a member voted and, apart, the ballot sealed with the election's key until the count opens
the box and writes it under receipts in random order (`governance/ballot_box.py`).

The result enters the decision register as the decision of the electing body: a motion of the
election's matter is filed through governance when the count is made, and governance records
it as carried (the meeting declared the result) with the count as its arithmetic. The register's
model fits because `counts` and `payload` are free JSON and an entry needs only a motion; the
election keeps its own tables for the ballots, the stages and the seats filled, and the entry's
grounds cover the box as counted (`elections/box_grounds.py`).
"""
