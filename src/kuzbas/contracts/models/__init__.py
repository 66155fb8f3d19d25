"""The contracts app's models, by concern.

- `parties`: the parties (state bodies, municipalities, buyers, lenders, the enterprise)
- `contracts`: contracts, the parties' roles in them, dated acts and their signatories
- `versions`: versions (an amendment replaces one), sections and clauses
- `obligations`: obligations with their targets, and the reminders sent about them
- `money`: money lines (support, loans, debts taken over, repayments)
- `winding_up`: a liquidation or reorganisation and its steps

Callers import from those modules; Django loads the app's models by importing this package.
"""

from kuzbas.contracts.models.contracts import Act, Contract, ContractParty, Signatory
from kuzbas.contracts.models.money import MoneyLine
from kuzbas.contracts.models.obligations import Obligation, Reminder
from kuzbas.contracts.models.parties import Party
from kuzbas.contracts.models.versions import Clause, Section, Version
from kuzbas.contracts.models.winding_up import WindingUp, WindingUpStep

__all__ = [
    "Act",
    "Clause",
    "Contract",
    "ContractParty",
    "MoneyLine",
    "Obligation",
    "Party",
    "Reminder",
    "Section",
    "Signatory",
    "Version",
    "WindingUp",
    "WindingUpStep",
]
