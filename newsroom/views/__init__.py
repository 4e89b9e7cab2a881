"""The newsroom's pages, one module a page group: thin views over the services and selectors that
the admin and the API use too. Every action is checked again by its service; a refusal becomes a
message."""
