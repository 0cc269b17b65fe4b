"""Meedenken: a platform for government stakeholder consultations."""

__version__ = "0.1.0"
