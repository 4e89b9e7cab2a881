"""Fetching cited pages safely: the address gate, the HTTP client, and its errors."""
