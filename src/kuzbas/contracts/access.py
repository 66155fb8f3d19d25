"""The one way to fetch a contract's rows named by user input, checked against the user.

Contracts, their versions and obligations are as open as the right to read contracts
(`Right.CONTRACTS_VIEW`, every reader's); drafts are shown to those who read contracts too,
since the body that decides on them is the enterprise's own.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from kuzbas.contracts.models.contracts import Contract
from kuzbas.contracts.models.money import MoneyLine
from kuzbas.contracts.models.obligations import Obligation
from kuzbas.contracts.models.parties import Party
from kuzbas.contracts.models.versions import Clause, Section, Version
from kuzbas.core.errors import Invalid, NotFound, Problem
from kuzbas.core.rights import Right, require


def contract_for_user(user, key: str) -> Contract:
    require(user, Right.CONTRACTS_VIEW)
    found = Contract.objects.select_related("successor").filter(key=key).first()
    if found is None:
        raise NotFound(_("There is no contract “%(k)s”.") % {"k": key})
    return found


def version_for_user(user, key: str, number: int | str) -> Version:
    require(user, Right.CONTRACTS_VIEW)
    try:
        n = int(number)
    except (TypeError, ValueError):
        raise NotFound(_("There is no version %(n)s.") % {"n": number}) from None
    found = (
        Version.objects.select_related("contract", "replaces", "motion__body", "decision")
        .filter(contract__key=key, number=n)
        .first()
    )
    if found is None:
        raise NotFound(_("The contract “%(k)s” has no version %(n)s.") % {"k": key, "n": number})
    return found


def clause_for_user(user, version: Version, pk: int | str) -> Clause:
    """Return a clause of this version (a clause of another one is not found here)."""
    require(user, Right.CONTRACTS_VIEW)
    found = Clause.objects.select_related("version").filter(version=version, pk=pk).first()
    if found is None:
        raise NotFound(_("Version %(n)s has no such clause.") % {"n": version.number})
    return found


def obligation_for_user(user, pk: int | str) -> Obligation:
    require(user, Right.CONTRACTS_VIEW)
    found = (
        Obligation.objects.select_related(
            "contract", "version", "clause", "party", "product", "unit", "waived_by"
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise NotFound(_("There is no obligation No. %(n)s.") % {"n": pk})
    return found


def party_named(user, key: str, *, field: str = "party") -> Party:
    """Return the party a form or the API names by key; Invalid naming the field if none."""
    require(user, Right.CONTRACTS_VIEW)
    found = Party.objects.filter(key=key.strip()).first()
    if found is None:
        raise Invalid(problems=[Problem(_("There is no party “%(k)s”.") % {"k": key}, field=field)])
    return found


def section_named(version: Version, pk: int | str | None, *, field: str = "section"):
    """Return the version's section a form names by id, None for none."""
    if pk in (None, ""):
        return None
    found = Section.objects.filter(version=version, pk=pk).first()
    if found is None:
        raise Invalid(problems=[Problem(_("There is no such section."), field=field)])
    return found


def clause_named(version: Version, number: str | None, *, field: str = "clause"):
    """Return the version's clause a form or the API names by number, None for none."""
    if not number:
        return None
    found = Clause.objects.filter(version=version, number=number.strip()).first()
    if found is None:
        raise Invalid(
            problems=[
                Problem(
                    _("Version %(v)s has no clause %(n)s.") % {"v": version.number, "n": number},
                    field=field,
                )
            ]
        )
    return found


def contract_clause_named(
    contract: Contract, pk: int | str | None, *, field: str = "clause"
) -> Clause | None:
    """Return the clause of any of the contract's versions a form names by id, None for none."""
    if pk in (None, ""):
        return None
    found = (
        Clause.objects.select_related("version")
        .filter(version__contract=contract, pk=_number(pk))
        .first()
    )
    if found is None:
        raise Invalid([Problem(_("This contract has no such clause."), field=field)])
    return found


def contract_clause_numbered(
    contract: Contract, version: int | None, number: str | None, *, field: str = "clause"
) -> Clause | None:
    """Return the clause the API names by version and number, None for none."""
    if not number:
        return None
    found = (
        Clause.objects.select_related("version")
        .filter(version__contract=contract, version__number=version or 0, number=number.strip())
        .first()
    )
    if found is None:
        raise Invalid(
            [
                Problem(
                    _("Version %(v)s has no clause %(n)s.") % {"v": version, "n": number},
                    field=field,
                )
            ]
        )
    return found


def money_line_named(
    contract: Contract, pk: int | str | None, *, field: str = "settles"
) -> MoneyLine | None:
    """Return the contract's money line a form or the API names by id, None for none."""
    if pk in (None, ""):
        return None
    found = MoneyLine.objects.filter(contract=contract, pk=_number(pk)).first()
    if found is None:
        raise Invalid([Problem(_("This contract has no such money line."), field=field)])
    return found


def _number(pk: int | str) -> int:
    try:
        return int(pk)
    except (TypeError, ValueError):
        return 0
