"""Recruitment and admission: bureaus, calls, applications, screening, dispatch groups,
contributions, arrival (docs/recruitment.md)."""
