"""Every model is public (a table of the package) or private (never exported), on purpose."""

from __future__ import annotations

from django.apps import apps

from kuzbas.datapackage.classification import PRIVATE, PRIVATE_FIELDS, PUBLIC, classification_of


def _concrete_models() -> set[str]:
    return {
        m._meta.label_lower
        for m in apps.get_models(include_auto_created=True)
        if not m._meta.abstract and not m._meta.proxy
    }


def test_every_concrete_model_is_either_exported_or_declared_private():
    unclassified = sorted(label for label in _concrete_models() if not classification_of(label))

    assert unclassified == [], (
        "Classify each in kuzbas/datapackage/classification.py: PUBLIC to export it, "
        "PRIVATE (with why) to keep it out of the data package."
    )


def test_no_model_is_both_public_and_private():
    assert PUBLIC & set(PRIVATE) == set()


def test_the_lists_name_only_models_that_exist():
    assert (PUBLIC | set(PRIVATE)) - _concrete_models() == set()


def test_every_private_field_is_a_field_of_a_public_model():
    for name in PRIVATE_FIELDS:
        label, _, field = name.rpartition(".")
        assert label in PUBLIC, name
        apps.get_model(label)._meta.get_field(field)


def test_no_public_table_has_a_field_named_like_the_evidence_column():
    # The package adds an "evidence" column to every table, its rows' citations: a field of the
    # same name would make two columns of one name, and the package would not validate.
    from kuzbas.datapackage.tables import EVIDENCE, public_tables

    clashing = [t.name for t in public_tables() if EVIDENCE in {c.name for c in t.columns}]
    assert clashing == []
