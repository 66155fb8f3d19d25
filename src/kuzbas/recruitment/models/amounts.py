"""The money field every amount of the app uses: kuzbas.money's, in two columns (`x` and
`x_currency`)."""

from kuzbas.money.fields import money_field

__all__ = ["money_field"]
