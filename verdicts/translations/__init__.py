"""Translations of published verdicts into the readers' site's other languages, each reviewed by a
second person: the workflow table, the services that take it, what the pages and the public read,
and who may do what."""
