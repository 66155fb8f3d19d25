"""Long work in the background: a job a page or the API starts, run by `kuzbas worker`.

- `models`: the job (who started it, its state, how far it got, what it did or why it failed)
- `kinds`: what each kind of job runs, filled by the apps that own the work
- `running`: starting a job (queued on django-tasks after the commit) and the task that runs it
- `progress`: how far a running job has got, where another process can read it
- `access`: the one way to fetch a job named by a page or the API
"""
