"""Every write of the contracts app, by what it changes; callers import the module they need
(`from kuzbas.contracts.services import versions` / `versions.submit(...)`).

- `parties`: the parties
- `agreements`: contracts, the parties' roles in them, dated acts with their signatories
- `clauses`: sections and clauses of a draft version
- `versions`: a new version (an amendment), submitting it, its coming into force (the
  `contract_version` effect of a carried motion, or the clerk's act)
- `obligations`: obligations, and their status recorded by hand
- `reminders`: reminders of what falls due, by e-mail through the queue
"""
