"""Extractors: pure functions from an analysed document to records (no I/O)."""
