"""Helpers for the API tests: the generated OpenAPI document, and a check of a JSON answer
against the schema that document gives for it."""

from __future__ import annotations

from typing import Any

from openapi_schema_validator import OAS31Validator

from meedenken.api.main import api


def openapi() -> dict[str, Any]:
    return api.get_openapi_schema(path_prefix="")


def check_against_schema(body: Any, path: str, method: str, status: int) -> None:
    """Raise unless `body` matches the response schema the document declares for this call."""
    document = openapi()
    response = document["paths"][path][method]["responses"][str(status)]
    content = response["content"]
    media = next(iter(content))
    schema = {**content[media]["schema"], "components": document["components"]}
    OAS31Validator(schema).validate(body)
