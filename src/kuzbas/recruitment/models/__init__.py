"""The recruitment app's models, by concern.

- `bureaus`: bureaus, their members, stages of screening, reasons for refusal
- `calls`: calls for members and the trades they want
- `applications`: applications, attachments, possible duplicates, affiliation (kept apart)
- `screening`: moves between stages
- `dispatch`: dispatch groups
- `contributions`: contributions in cash and in kind, instalments
- `onboarding`: the checklist and what each arrived member has done

Callers import from those modules; Django loads the app's models by importing this package.
"""

from kuzbas.recruitment.models.applications import (
    Affiliation,
    Application,
    Attachment,
    DuplicateFlag,
)
from kuzbas.recruitment.models.bureaus import Bureau, BureauMember, RefusalReason, Stage
from kuzbas.recruitment.models.calls import Call, CallTrade
from kuzbas.recruitment.models.contributions import Contribution, Instalment
from kuzbas.recruitment.models.dispatch import DispatchGroup
from kuzbas.recruitment.models.onboarding import OnboardingDone, OnboardingItem
from kuzbas.recruitment.models.screening import StageMove

__all__ = [
    "Affiliation",
    "Application",
    "Attachment",
    "Bureau",
    "BureauMember",
    "Call",
    "CallTrade",
    "Contribution",
    "DispatchGroup",
    "DuplicateFlag",
    "Instalment",
    "OnboardingDone",
    "OnboardingItem",
    "RefusalReason",
    "Stage",
    "StageMove",
]
