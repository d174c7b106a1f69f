"""The demo's KPIs: the measures of domain/nhs_kpis.md with complete performance
measure sheets, their targets and how their figures are drawn, one module per
perspective; `by_unit` holds what differs by unit."""

from scorecard.sample_data.demo.kpis import customer, financial, learning, local, processes

# In this order: a unit's measures are created in it.
KPIS = [*customer.KPIS, *processes.KPIS, *financial.KPIS, *learning.KPIS, *local.KPIS]
KPI = {kpi.code: kpi for kpi in KPIS}
TRUST_KPI_CODES = [kpi.code for kpi in KPIS if kpi.on_trust]
