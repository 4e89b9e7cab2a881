"""How the API's own authentication appears in the OpenAPI schema. Imported by the API's URLs, so
that drf-spectacular's schema machinery (and the test client it brings, about 15 MB) is loaded by
the processes that serve the schema, not by every worker that imports the API keys."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiKeyScheme(OpenApiAuthenticationExtension):
    """How API keys appear in the OpenAPI schema."""

    target_class = "factcheck.apikeys.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Api-Key fck_…`, as shown once when an admin created the key.",
        }
