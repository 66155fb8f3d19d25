"""The contracts' pages, by what they show: `contracts` (the list, parties, a contract and its
acts), `versions` (a version's clauses, the diff, the signed original) and `obligations`
(what is due, an obligation)."""
