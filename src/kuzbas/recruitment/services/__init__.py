"""The recruitment app's writes, by what they change: `bureaus`, `calls`, `applying` (the
public form), `screening`, `admission`. Callers import the module they need."""
