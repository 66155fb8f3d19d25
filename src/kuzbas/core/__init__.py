"""The shared basics every app stands on; it imports no app of Kuzbas.

- `errors`: the domain errors, by meaning (pure Python: the statute engine raises them too)
- `actor`: who acts (an account, the operator, the system) and how to name them
- `rights`: rights, roles and `require`; apps register where roles come from
- `clock`: the colony's present day
- `dates`: partial dates (a year, a month, a day) and their precision
- `intervals`: dated intervals: the model base, covering and overlapping queries, the constraint
- `validation`: a model's validation errors as `Invalid`, naming each field
- `pagination`, `pdf`: what list pages and printed reports share
- `links`: the site's address for links in e-mails
"""
