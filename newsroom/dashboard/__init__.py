"""The newsroom's dashboard: figures counted periodically and kept (summary), drawn as charts
(charts) from what was counted (figures)."""
