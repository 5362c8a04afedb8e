"""Wagtail pages and workflows for a Swedish municipality's international work."""

__version__ = "0.1.0"
