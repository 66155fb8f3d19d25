"""Meeting pages, one module per concern.

`meeting` lists and convenes meetings and shows a meeting to its chair and members (opening,
closing, the chair, notice); `attendance` checks people in and records proxies; `agenda` adds
items and runs them (votes, counts, speakers, amendments); `voting` is a member's phone; `minutes`
the minutes as a page and a PDF. `act` runs a form's action and reports its outcome.
"""
