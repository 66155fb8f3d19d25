"""Fill the colony's monthly output and the units' totals from the monthly totals on record;
from now on `kuzbas.production.aggregates.refresh_months` keeps them with every write."""

from django.db import migrations

FILL = [
    "INSERT INTO production_colonymonthlyoutput (product_id, month, output, plan, illustrative) "
    "SELECT product_id, month, SUM(output), SUM(plan), "
    "MAX(CASE WHEN illustrative_records > 0 OR illustrative_plan THEN 1 ELSE 0 END) = 1 "
    "FROM production_monthlyoutput GROUP BY product_id, month",
    "INSERT INTO production_unitoutputtotal (unit_id, product_id, output, illustrative) "
    "SELECT unit_id, product_id, SUM(output), SUM(illustrative_records) > 0 "
    "FROM production_monthlyoutput GROUP BY unit_id, product_id",
]
EMPTY = [
    "DELETE FROM production_colonymonthlyoutput",
    "DELETE FROM production_unitoutputtotal",
]


class Migration(migrations.Migration):
    dependencies = [("production", "0005_colony_monthly_output_and_unit_totals")]

    operations = [migrations.RunSQL(FILL, reverse_sql=EMPTY)]
