"""Fetch production records named by user input, after checking the user may see them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kuzbas.core.errors import NotFound
from kuzbas.core.rights import Right, require
from kuzbas.production import selectors
from kuzbas.production.models.catalogue import Product, TransferAct, Unit
from kuzbas.production.models.decisions import DecisionLink
from kuzbas.production.models.statistics import Plan


def unit_for_user(user, key: str) -> Unit:
    require(user, Right.PRODUCTION_VIEW)
    try:
        return selectors.unit_detail(key)
    except Unit.DoesNotExist:
        raise NotFound(_("No unit with key %(k)s.") % {"k": key}) from None


def product_for_user(user, key: str | None) -> Product | None:
    """Return the product named, or the first product (coal in the demo) when none is named."""
    require(user, Right.PRODUCTION_VIEW)
    products = Product.objects.order_by("name")
    if key:
        found = products.filter(key=key).first()
        if found is None:
            raise NotFound(_("No product with key %(k)s.") % {"k": key})
        return found
    return products.filter(key="coal").first() or products.first()


def decision_link_named(pk: int) -> DecisionLink | None:
    """Return a link by its number; links are as public as the production pages that show them."""
    return DecisionLink.objects.select_related("unit").filter(pk=pk).first()


def decision_link_for_user(user, pk: int) -> DecisionLink:
    """Fetch a decision link for someone who may change the links."""
    require(user, Right.PRODUCTION_EDIT)
    link = DecisionLink.objects.select_related("unit").filter(pk=pk).first()
    if link is None:
        raise NotFound(_("No decision link No. %(n)s.") % {"n": pk})
    return link


def product_named(user, key: str) -> Product:
    """Return the product with this key (unlike `product_for_user`, no first one instead)."""
    require(user, Right.PRODUCTION_VIEW)
    found = Product.objects.filter(key=key).first()
    if found is None:
        raise NotFound(_("No product with key %(k)s.") % {"k": key})
    return found


def plan_for_user(user, pk: int) -> Plan:
    require(user, Right.PRODUCTION_VIEW)
    found = Plan.objects.select_related("unit", "product").filter(pk=pk).first()
    if found is None:
        raise NotFound(_("No plan No. %(n)s.") % {"n": pk})
    return found


def transfer_act_for_user(user, key: str) -> TransferAct:
    require(user, Right.PRODUCTION_VIEW)
    found = TransferAct.objects.filter(key=key).first()
    if found is None:
        raise NotFound(_("No transfer act with key %(k)s.") % {"k": key})
    return found
