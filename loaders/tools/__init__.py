"""Reviewed, re-runnable tools that write curated source files from reference data (never imported by the api)."""
