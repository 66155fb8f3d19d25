"""`python -m kuzbas.cli`: the `kuzbas` command."""

from kuzbas.cli import main

main()
