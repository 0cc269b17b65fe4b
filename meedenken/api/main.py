"""The REST API, /api/v1/, by the NL GOV API Design Rules (Logius): resources in JSON, the major
version in the URI, page-number pagination, problem+json errors, an `API-Version` header on every
response, and an OpenAPI 3 document at /api/v1/openapi.json generated from the typed schemas.

django-ninja rather than DRF + drf-spectacular: the schema comes straight from the type hints
(pydantic), which mypy checks too, so document and code cannot drift; one package instead of
two, and the views stay thin functions that call selectors and services."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from meedenken.api.problems import API_VERSION, PROBLEM_TYPE, Problem, install_handlers, problem
from meedenken.api.routes import public, staff

CONTACT = {
    "name": "Meedenken",
    "url": "https://github.com/meedenken/meedenken",
    "email": "meedenken@minbuza.nl",
}
VERSION_HEADER = {
    "description": "De volledige versie van de API",
    "schema": {"type": "string", "example": API_VERSION},
}
ERRORS = {
    "400": "Ongeldige invoer",
    "401": "Geen of geen geldige API-sleutel",
    "403": "Geen toegang",
    "404": "Niet gevonden",
    "500": "Serverfout",
}


class MeedenkenAPI(NinjaAPI):
    def create_response(
        self, request: HttpRequest, data: Any, *, status: int | None = None, **kwargs: Any
    ) -> HttpResponse:
        response = super().create_response(request, data, status=status, **kwargs)
        response["API-Version"] = API_VERSION
        return response

    def get_openapi_schema(  # type: ignore[override]
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return complete_schema(dict(schema))


def complete_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """What the generator leaves out and the rules ask for: the version header on every success,
    a problem+json response for every error an operation can give, the contact, the server."""
    schema["info"]["contact"] = CONTACT
    schema["servers"] = [{"url": "/api/v1", "description": "Deze installatie"}]
    schema.setdefault("components", {}).setdefault("schemas", {})
    _problem_schema(schema)
    for operations in schema["paths"].values():
        for operation in operations.values():
            secured = bool(operation.get("security"))
            # The generator keys responses by int, `openapi_extra` by str: merge them.
            responses: dict[str, Any] = {}
            for code, response in operation.get("responses", {}).items():
                responses.setdefault(str(code), {}).update(response)
            operation["responses"] = responses
            for code, response in responses.items():
                if str(code).startswith(("2", "3")):
                    response.setdefault("headers", {})["API-Version"] = VERSION_HEADER
            wanted = ["400", "404", "500"]
            if secured:
                wanted += ["401", "403"]
            for code in wanted:
                responses.setdefault(
                    code,
                    {
                        "description": ERRORS[code],
                        "headers": {"API-Version": VERSION_HEADER},
                        "content": {
                            PROBLEM_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}
                        },
                    },
                )
    openapi_path = "/openapi.json"
    schema["paths"][openapi_path] = {
        "get": {
            "operationId": "getOpenapi",
            "summary": "Dit OpenAPI-document",
            "tags": ["openapi"],
            "responses": {
                "200": {
                    "description": "OpenAPI 3",
                    "headers": {"API-Version": VERSION_HEADER},
                    "content": {"application/json": {"schema": {"type": "object"}}},
                }
            },
        }
    }
    return schema


def _problem_schema(schema: dict[str, Any]) -> None:
    defs = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, definition in defs.pop("$defs", {}).items():
        schema["components"]["schemas"][name] = definition
    schema["components"]["schemas"]["Problem"] = defs


api = MeedenkenAPI(
    title="Meedenken API",
    version=API_VERSION,
    description="Consultaties, gepubliceerde reacties en resultaten; voor medewerkers met een "
    "API-sleutel ook reacties met codes, exports en analyses.",
    urls_namespace="api-v1",
    openapi_url=None,  # served by `openapi_json` below, with the version header
    docs_url=None,  # the interactive docs load scripts from elsewhere; the document is enough
)
install_handlers(api)
api.add_router("", public.router)
api.add_router("", staff.router)


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other address under /api/v1/ answers in problem+json too (no HTML 404 page)."""
    return problem(request, 404, _("Deze bron bestaat niet."))


def openapi_json(request: HttpRequest) -> HttpResponse:
    response = JsonResponse(api.get_openapi_schema(path_prefix=""))
    response["API-Version"] = API_VERSION
    response["Access-Control-Allow-Origin"] = "*"
    return response
