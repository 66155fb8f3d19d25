"""Every write to governance, one module for each thing it changes.

`bodies` (the record of institutions), `statute_book` (the statute's versions and what they
admit), `seat_holdings`, `proxies`, `motions` (filing and withdrawing), `ballots` (opening a vote
and casting), `decisions` (counting and the register), `appeals`; `authority` answers what
authorises a body to decide a motion, for the modules that count and appeal.

The statute engine (`kuzbas.statute`) answers every question of the statute; these functions
ask it, refuse with its reason and rule, and record what it allowed.
"""
