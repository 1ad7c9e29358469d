"""Validate: the checks that need several files at once, and quotations against the papers."""

from .names import linkable_names, validate_names
from .references import validate_references

__all__ = ["linkable_names", "validate_names", "validate_references"]
