"""The published OpenAPI document describes each operation with its own schemas.

django-ninja files every model under its class name in one `components.schemas` table, the last
one of a name winning: two `BallotIn`s made the document promise one endpoint's body for another.
"""

from __future__ import annotations

import enum
import typing
from collections import defaultdict

import pydantic

from kuzbas.web.api import api


def _operations():
    for bound_router in api._get_bound_routers():
        for path_view in bound_router.path_operations.values():
            yield from (op for op in path_view.operations if op.include_in_schema)


def _named_types(annotation, seen: set) -> None:
    """Collect the models and enums an annotation names, and those their fields name."""
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        seen.add(annotation)
        return
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        if annotation in seen:
            return
        seen.add(annotation)
        for field in annotation.model_fields.values():
            _named_types(field.annotation, seen)
        return
    for argument in typing.get_args(annotation):
        _named_types(argument, seen)


def _schema_types() -> set[type]:
    seen: set[type] = set()
    for op in _operations():
        for model in [*op.models, *op.response_models.values()]:
            _named_types(model, seen)
    # ninja's own wrappers (one per operation, flattened away) do not reach the document.
    return {t for t in seen if t.__module__.startswith("kuzbas")}


def _body_model(op):
    for model in op.models:
        if model.__ninja_param_source__ == "body":
            (field,) = model.model_fields.values()
            return field.annotation
    return None


def _resolve(document: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def test_no_two_schemas_of_the_api_share_a_name():
    by_name: dict[str, list[str]] = defaultdict(list)
    for kind in _schema_types():
        by_name[kind.__name__].append(f"{kind.__module__}.{kind.__qualname__}")

    shared = {name: sorted(where) for name, where in by_name.items() if len(where) > 1}

    assert shared == {}


def test_each_json_request_body_resolves_to_the_fields_its_endpoint_reads():
    document = api.get_openapi_schema()
    wrong = {}
    for op in _operations():
        model = _body_model(op)
        if model is None:
            continue
        operation_id = api.get_openapi_operation_id(op)
        published = next(
            details
            for methods in document["paths"].values()
            for details in methods.values()
            if details["operationId"] == operation_id
        )
        body = published["requestBody"]["content"]["application/json"]["schema"]
        described = set(_resolve(document, body).get("properties", {}))
        reads = {field.alias or name for name, field in model.model_fields.items()}
        if described != reads:
            wrong[operation_id] = (sorted(described), sorted(reads))

    assert wrong == {}
