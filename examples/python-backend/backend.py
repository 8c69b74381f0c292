#!/usr/bin/env python3
"""A small backend that asks Switchyard for answers over gRPC with the generated Python client.

It calls Complete, StreamComplete and CompleteBatch with an API key, then shows how a backend
tells the router's error codes apart: a bad key (UNAUTHENTICATED: fix the configuration), a bad
request (INVALID_ARGUMENT: fix the code, never retry) and a spending limit
(RESOURCE_EXHAUSTED: back off or raise the limit).

Run it against `npm start` from the repository root:

    PYTHONPATH=clients/python/src /usr/bin/python3 examples/python-backend/backend.py

Settings come from the environment: SWITCHYARD_TARGET (host:port of the router's gRPC port,
default 127.0.0.1:50051), SWITCHYARD_API_KEY (default the local dev key sk-switchyard-local)
and SWITCHYARD_MODEL (the model to pin, default sim-small).
"""
import os
import sys

import grpc

from switchyard.v1 import common_pb2, router_pb2, router_pb2_grpc

# What a backend does about each status the router returns (docs: the router's README).
ADVICE = {
    grpc.StatusCode.UNAUTHENTICATED: "check the API key; do not retry",
    grpc.StatusCode.PERMISSION_DENIED: "the key may not do this; do not retry",
    grpc.StatusCode.INVALID_ARGUMENT: "fix the request; do not retry",
    grpc.StatusCode.NOT_FOUND: "unknown model or strategy; do not retry",
    grpc.StatusCode.RESOURCE_EXHAUSTED: "budget or rate limit: back off, or raise the limit",
    grpc.StatusCode.UNAVAILABLE: "retry with backoff",
    grpc.StatusCode.DEADLINE_EXCEEDED: "retry with backoff, or allow more time",
}


def auth_metadata(api_key):
    """The router reads the tenant from this header, never from the request body."""
    return (("authorization", f"Bearer {api_key}"),)


def ask(question, model=None, max_cost_nano_usd=None):
    """A CompleteRequest for one user question; no model means the router's `auto` strategy."""
    request = router_pb2.CompleteRequest(messages=[common_pb2.ChatMessage(role="user", content=question)])
    if model:
        request.strategy.pinned.model = model
    if max_cost_nano_usd is not None:
        request.max_cost_nano_usd = max_cost_nano_usd
    return request


def complete(stub, api_key):
    """No strategy: the router picks the model (`auto`) and says which it chose and why."""
    response = stub.Complete(ask("Say hi in five words."), metadata=auth_metadata(api_key), timeout=30)
    print(f"complete: strategy={response.strategy} model={response.model} simulated={response.simulated} cost_nano_usd={response.total_cost_nano_usd} "
          f"attempts={len(response.attempts)} answer={response.answer!r}")


def stream(stub, api_key, model):
    text, deltas = [], 0
    for event in stub.StreamComplete(ask("Tell a short story.", model), metadata=auth_metadata(api_key), timeout=30):
        kind = event.WhichOneof("event")
        if kind == "start":
            print(f"stream: start model={event.start.model} simulated={event.start.simulated}")
        elif kind == "delta":
            deltas += 1
            text.append(event.delta.text)
        elif kind == "completed":
            print(f"stream: completed deltas={deltas} cost_nano_usd={event.completed.total_cost_nano_usd} "
                  f"same_text={''.join(text) == event.completed.answer} answer={event.completed.answer!r}")


def batch(stub, api_key, model):
    """Items fail one by one: a bad item comes back as an error, the others still answer."""
    items = [ask("What is 2 + 2?", model), ask("Name a colour.", model), router_pb2.CompleteRequest()]
    request = router_pb2.CompleteBatchRequest(items=items, max_concurrency=2)
    for result in stub.CompleteBatch(request, metadata=auth_metadata(api_key), timeout=60):
        if result.WhichOneof("result") == "response":
            print(f"batch[{result.index}]: model={result.response.model} answer={result.response.answer!r}")
        else:
            print(f"batch[{result.index}]: error code={result.error.code} message={result.error.message!r}")


def show_error(label, call):
    """Runs `call` and prints how a backend would treat the status it fails with."""
    try:
        call()
        print(f"error {label}: none (the call succeeded)")
    except grpc.RpcError as error:
        advice = ADVICE.get(error.code(), "unexpected: log it and alert")
        print(f"error {label}: code={error.code().name} ({advice}) message={error.details()!r}")


def errors(stub, api_key, model):
    show_error("bad-key", lambda: stub.Complete(ask("hi", model), metadata=auth_metadata("sk-not-a-key"), timeout=30))
    show_error("bad-request", lambda: stub.Complete(router_pb2.CompleteRequest(), metadata=auth_metadata(api_key), timeout=30))
    show_error("over-limit", lambda: stub.Complete(ask("hi", model, max_cost_nano_usd=1), metadata=auth_metadata(api_key), timeout=30))


def main():
    target = os.environ.get("SWITCHYARD_TARGET", "127.0.0.1:50051")
    api_key = os.environ.get("SWITCHYARD_API_KEY", "sk-switchyard-local")
    model = os.environ.get("SWITCHYARD_MODEL", "sim-small")
    # Plaintext, as the local stack serves; use grpc.secure_channel with TLS in front of a deployment.
    with grpc.insecure_channel(target) as channel:
        stub = router_pb2_grpc.RouterServiceStub(channel)
        try:
            complete(stub, api_key)
            stream(stub, api_key, model)
            batch(stub, api_key, model)
        except grpc.RpcError as error:
            print(f"backend: {target}: {error.code().name}: {error.details()}", file=sys.stderr)
            return 1
        errors(stub, api_key, model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
