"""Kuzbas: the operating system of a self-governing, worker-run industrial enterprise."""

__version__ = "0.1.0"
