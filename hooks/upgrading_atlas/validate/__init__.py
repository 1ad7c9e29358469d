"""Validate: the checks that need several files at once, and quotations against the papers."""

from .references import linkable_names, validate_references

__all__ = ["linkable_names", "validate_references"]
