#!/usr/bin/env python3
"""Cuts the response schemas mixserve answers with out of OpenAI's openapi.json.

Usage: extract.py OPENAPI_JSON > schemas.json  (openapi.json of github.com/openai/openai-openapi)
Keeps each root below and every schema it references, as JSON Schema 2020-12 $defs; drops
descriptions and examples; turns OpenAPI 3.0's leftover `nullable: true` into "or null", which is
what it means (3.1 dropped the keyword, so a 2020-12 validator would ignore it and refuse null).
"""
import json
import sys

ROOTS = [
    "CreateEmbeddingResponse", "CreateChatCompletionResponse", "CreateChatCompletionStreamResponse",
    "CreateCompletionResponse", "ListModelsResponse", "Model", "ErrorResponse",
    "CreateTranscriptionResponseJson", "CreateTranscriptionResponseVerboseJson",
    "CreateTranscriptionResponseStreamEvent", "CreateTranslationResponseJson",
    "CreateTranslationResponseVerboseJson", "CreateSpeechResponseStreamEvent",
]
DROP = {"x-oaiMeta", "x-oaiTypeLabel", "x-stainless-const", "example", "examples"}


def refs(o):
    if isinstance(o, dict):
        for k, v in o.items():
            if k == "$ref":
                yield v
            else:
                yield from refs(v)
    elif isinstance(o, list):
        for v in o:
            yield from refs(v)


def rewrite(o):
    if isinstance(o, list):
        return [rewrite(v) for v in o]
    if not isinstance(o, dict):
        return o
    out = {}
    for k, v in o.items():
        if k in DROP or (k == "description" and isinstance(v, str)):
            continue
        out[k] = v.replace("#/components/schemas/", "#/$defs/") if k == "$ref" else rewrite(v)
    if out.pop("nullable", False):
        if "enum" in out:
            out["enum"] = out["enum"] + [None]
        out = {"anyOf": [out, {"type": "null"}]}
    return out


def main():
    schemas = json.load(open(sys.argv[1]))["components"]["schemas"]
    need, stack = set(), list(ROOTS)
    while stack:
        name = stack.pop()
        if name not in need:
            need.add(name)
            stack.extend(r.split("/")[-1] for r in refs(schemas[name]))
    defs = {n: rewrite(schemas[n]) for n in sorted(need)}
    # OpenAI streams legacy completions with finish_reason null until the last chunk, as its API
    # does, but the document reuses the whole answer's schema for the chunks, which forbids null:
    # one derived schema says what the stream really is.
    stream = json.loads(json.dumps(defs["CreateCompletionResponse"]))
    reason = stream["properties"]["choices"]["items"]["properties"]["finish_reason"]
    reason["enum"] = reason["enum"] + [None]
    reason["type"] = [reason["type"], "null"]
    defs["CreateCompletionStreamResponse"] = stream
    out = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$defs": defs}
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    print()


main()
