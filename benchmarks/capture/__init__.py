"""Capture benchmarks (run.py): HTTP and browser captures against simple archivers."""
