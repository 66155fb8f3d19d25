from django.urls import path

from kuzbas.contracts import winding_up_views
from kuzbas.contracts.views import contracts, money, obligations, reports, versions

app_name = "contracts"

V = "<slug:key>/v<int:number>/"

urlpatterns = [
    path("", contracts.contract_list, name="list"),
    path("parties/", contracts.party_list, name="parties"),
    path("due/", obligations.due, name="due"),
    path("due/remind/", obligations.send_reminders, name="remind"),
    path("obligations/<int:pk>/", obligations.obligation_detail, name="obligation"),
    path("obligations/<int:pk>/status/", obligations.record_status, name="obligation_status"),
    # The winding-up's pages, before "<slug:key>/" would take "winding-up" for a contract.
    path("winding-up/", winding_up_views.winding_up, name="winding_up"),
    path("winding-up/decide/", winding_up_views.winding_up_decide, name="winding_up_decide"),
    path("winding-up/run/", winding_up_views.winding_up_run, name="winding_up_run"),
    path("winding-up/report/", winding_up_views.winding_up_report, name="winding_up_report"),
    path("winding-up/report.pdf", winding_up_views.winding_up_report_pdf, name="winding_up_pdf"),
    path("<slug:key>/", contracts.contract_detail, name="contract"),
    path("<slug:key>/acts/", contracts.record_act, name="record_act"),
    path("<slug:key>/parties/", contracts.add_role, name="add_role"),
    path("<slug:key>/versions/new/", contracts.new_version, name="new_version"),
    path("<slug:key>/money/", money.money_page, name="money"),
    path("<slug:key>/report/", reports.report_page, name="report"),
    path("<slug:key>/report.pdf", reports.report_file, name="report_pdf"),
    path(V, versions.version_detail, name="version"),
    path(V + "diff/", versions.version_diff, name="diff"),
    path(V + "sections/", versions.add_section, name="add_section"),
    path(V + "clauses/", versions.add_clause, name="add_clause"),
    path(V + "clauses/<int:pk>/", versions.clause_edit, name="clause"),
    path(V + "clauses/<int:pk>/remove/", versions.remove_clause, name="remove_clause"),
    path(V + "submit/", versions.submit_version, name="submit"),
    path(V + "reopen/", versions.reopen_version, name="reopen"),
    path(V + "original/", versions.original_file, name="original"),
    path(V + "original/upload/", versions.upload_original, name="upload_original"),
    path(V + "obligations/", obligations.add_obligation, name="add_obligation"),
]
