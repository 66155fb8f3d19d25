"""Another app moves an agenda item only through the meetings' services and its lifecycle."""

from __future__ import annotations

import pytest

from kuzbas.audit.models import AuditEntry
from kuzbas.core.lifecycle import IllegalTransition
from kuzbas.meetings.models import AgendaItem, ItemStatus
from kuzbas.meetings.services import agenda

pytestmark = pytest.mark.django_db


def test_an_item_moves_to_voting_and_then_done_with_an_audit_entry_for_each(assembly, pumps_item):
    agenda.move_item(actor=assembly.chair, item=pumps_item, to=ItemStatus.VOTING)
    moved = agenda.move_item(actor=assembly.chair, item=pumps_item, to=ItemStatus.DONE)

    assert moved.status == AgendaItem.objects.get(pk=pumps_item.pk).status == ItemStatus.DONE
    assert AuditEntry.objects.filter(action="meetings.item.move").count() == 2


def test_an_item_already_there_stays_without_an_audit_entry(assembly, pumps_item):
    moved = agenda.move_item(actor=assembly.chair, item=pumps_item, to=ItemStatus.PENDING)

    assert moved.status == ItemStatus.PENDING
    assert not AuditEntry.objects.filter(action="meetings.item.move").exists()


def test_an_item_never_moves_back_to_pending(assembly, pumps_item):
    agenda.move_item(actor=assembly.chair, item=pumps_item, to=ItemStatus.VOTING)

    with pytest.raises(IllegalTransition) as refused:
        agenda.move_item(actor=assembly.chair, item=pumps_item, to=ItemStatus.PENDING)

    assert refused.value.rule == "item.voting"
    assert AgendaItem.objects.get(pk=pumps_item.pk).status == ItemStatus.VOTING
