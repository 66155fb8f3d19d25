"""The public record as a Frictionless Data Package: the export, and the import into an empty
database (see docs/record.md)."""

from kuzbas.datapackage.exporting import export_datapackage
from kuzbas.datapackage.importing import import_datapackage

__all__ = ["export_datapackage", "import_datapackage"]
