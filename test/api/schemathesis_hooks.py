"""Rules of the api that JSON Schema cannot state, told to schemathesis.

The OpenAPI document states each in its operation's description and the api refuses a
request that breaks one with a 400. Without these hooks schemathesis would draw such
requests as schema-valid and report them as valid data refused. Only positive cases are
changed, and only in what the rule is about: negative cases must still be refused.
Loaded by test/api/openapi.schemathesis.test.ts through SCHEMATHESIS_HOOKS.
"""

import schemathesis


def _is_positive(case) -> bool:
    meta = case.meta
    return meta is not None and meta.generation.mode.is_positive


def _drop_non_integer_actor(headers) -> None:
    """X-Actor-Id is an integer (the document says so); the stateful phase may carry a
    response's string id into it, which is not schema-valid data."""
    if not headers:
        return
    for name in [k for k in headers if k.lower() == "x-actor-id"]:
        try:
            int(str(headers[name]))
        except (TypeError, ValueError):
            del headers[name]


@schemathesis.hook
def before_call(ctx, case, kwargs):
    # Links fill parameters after map_case ran, so the same rule is applied once more here.
    if _is_positive(case):
        _drop_non_integer_actor(case.headers)
        _drop_non_integer_actor(kwargs.get("headers"))


@schemathesis.hook
def map_case(ctx, case):
    if not _is_positive(case):
        return case
    body = case.body
    _drop_non_integer_actor(case.headers)
    # Lists: a cursor is only ever the next_cursor a list answered; a made-up one is refused.
    if isinstance(case.query, dict):
        case.query.pop("cursor", None)
    # POST users:bulk: each user_id at most once per call.
    if case.operation.path.endswith("/users:bulk") and isinstance(body, dict) and isinstance(body.get("users"), list):
        seen = set()
        unique = []
        for entry in body["users"]:
            key = entry.get("user_id") if isinstance(entry, dict) else None
            if key in seen:
                continue
            seen.add(key)
            unique.append(entry)
        body["users"] = unique
    # POST actions: a service names the acting admin in X-Actor-Id or admin_id, never two different ones.
    if case.method.upper() == "POST" and case.operation.path.endswith("/actions") and isinstance(body, dict):
        actor = (case.headers or {}).get("X-Actor-Id")
        admin = body.get("admin_id")
        if actor is not None and admin is not None and float(actor) != float(admin):
            body["admin_id"] = None
    return case
