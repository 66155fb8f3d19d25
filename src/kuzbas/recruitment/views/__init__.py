"""The recruitment pages: `public` (the landing page, a call and its form, for anyone),
`calls` (the bureau writes and opens calls, keeps its stages and reasons), `applications`
(screening, for those who may read applications), `groups` (dispatch groups, their manifest and
what they carry), `admitted` (an admitted applicant's contributions, arrival and onboarding),
`figures` (the funnel, retention, the exports)."""
