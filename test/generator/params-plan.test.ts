/**
 * The calling convention the plan settles: path parameters positional, then one `params` object
 * (the body's fields flattened beside the query and header parameters, or the body under
 * `params.body` when it is not object-like or a field clashes with a parameter), then `options`.
 * Each case is one operation; want its signature, its exported params type and the descriptor
 * facts the runtime splits `params` by.
 */
import { describe, expect, it } from "vitest";
import { emptyFacts } from "../../generator/conventions/convention.js";
import type { IRBody, IRDocument, IRParameter, IRProperty, IRSchema, IRType } from "../../generator/ir.js";
import { plan } from "../../generator/plan/plan.js";
import { prop } from "../helpers/ir.js";

const str: IRType = { kind: "primitive", type: "string" };
const int: IRType = { kind: "primitive", type: "integer" };
const object = (...properties: IRProperty[]): IRType => ({ kind: "object", properties, additional: undefined });
const param = (name: string, where: "path" | "query" | "header", required = false, type: IRType = str): IRParameter => ({
  name,
  in: where,
  required,
  type,
  description: undefined,
  deprecated: false,
  style: undefined,
  explode: undefined,
});
const json = (type: IRType, required = true): IRBody => ({ mediaType: "application/json", type, required, description: undefined });

const SCHEMAS: IRSchema[] = [
  { name: "NewPet", type: object(prop("name", str, true), prop("tag", str)), description: undefined, deprecated: false, pointer: [] },
  { name: "Tagged", type: object(prop("tag", str)), description: undefined, deprecated: false, pointer: [] },
];

interface Given {
  readonly method?: "get" | "post" | "patch";
  readonly path?: string;
  readonly parameters?: IRParameter[];
  readonly body?: IRBody;
}

/** The one method planned for the operation: its parameter list, its params type and its descriptor. */
function planned(given: Given): { signature: string; paramsType: string | undefined; descriptor: string } {
  const path = given.path ?? "/pets";
  const ir: IRDocument = {
    file: "spec.yaml",
    title: "T",
    version: "1",
    description: undefined,
    servers: ["https://api.example.com"],
    tags: new Map(),
    schemas: SCHEMAS,
    operations: [
      {
        operationId: "Pets_Act",
        method: given.method ?? "post",
        path,
        tags: ["Pets"],
        summary: undefined,
        description: undefined,
        deprecated: false,
        parameters: given.parameters ?? [],
        body: given.body,
        responses: [],
        pointer: [],
      },
    ],
  };
  const resource = plan({ ir, facts: emptyFacts(), specName: "spec.yaml", stem: "spec" }).resources[0];
  const method = resource?.methods[0];
  const type = resource?.paramsTypes[0];
  // Comments aside, on one line: what the declaration says.
  const flat = (text: string): string => text.replace(/\/\*\*[\s\S]*?\*\//g, "").replace(/\s+/g, " ").trim();
  return {
    signature: method?.parameters.text ?? "?",
    paramsType: type === undefined ? undefined : flat(type.isInterface ? `interface ${type.name} extends ${type.heritage?.text ?? ""} ${type.body.text}` : `type ${type.name} = ${type.body.text}`),
    descriptor: flat(method?.descriptor.text ?? "?"),
  };
}

describe("the params of an operation", () => {
  const cases: { name: string; given: Given; want: { signature: string; paramsType: string | undefined; descriptor: RegExp } }[] = [
    {
      name: "body only (a model): params extends the model, required as the model is",
      given: { body: json({ kind: "ref", schema: "NewPet" }) },
      want: { signature: "params: PetsActParams, options?: RequestOptions", paramsType: "interface PetsActParams extends NewPet {}", descriptor: /body: "json"/ },
    },
    {
      name: "body + query: the query parameter sits beside the body's fields",
      given: { path: "/pets/{petId}", parameters: [param("petId", "path", true), param("expand", "query")], body: json({ kind: "ref", schema: "NewPet" }) },
      want: {
        signature: "petId: string, params: PetsActParams, options?: RequestOptions",
        paramsType: "interface PetsActParams extends NewPet { expand?: string; }",
        descriptor: /query: \[{ key: "expand", name: "expand" }\], body: "json"/,
      },
    },
    {
      name: "body + header (an inline object): one object type, the header keyed by its name",
      given: { parameters: [param("Idempotency-Key", "header")], body: json(object(prop("amount", int, true))) },
      want: {
        signature: "params: PetsActParams, options?: RequestOptions",
        paramsType: 'type PetsActParams = { amount: number; "Idempotency-Key"?: string; }',
        descriptor: /headers: \[{ key: "Idempotency-Key", name: "Idempotency-Key" }\], body: "json", response: "none", idempotencyHeader: "Idempotency-Key"/,
      },
    },
    {
      name: "an optional body whose fields are all optional: params optional, no body sent without fields",
      given: { parameters: [param("expand", "query")], body: json({ kind: "ref", schema: "Tagged" }, false) },
      want: {
        signature: "params?: PetsActParams, options?: RequestOptions",
        paramsType: "interface PetsActParams extends Tagged { expand?: string; }",
        descriptor: /body: "json", optionalBody: true/,
      },
    },
    {
      name: "a non-object body (an array) goes under params.body",
      given: { method: "patch", parameters: [param("expand", "query")], body: json({ kind: "array", items: str }) },
      want: {
        signature: "params: PetsActParams, options?: RequestOptions",
        paramsType: "type PetsActParams = { body: string[]; expand?: string; }",
        descriptor: /body: "json", bodyKey: "body"/,
      },
    },
    {
      name: "a body field clashing with a query parameter: the body goes under params.body",
      given: { parameters: [param("tag", "query", true)], body: json({ kind: "ref", schema: "NewPet" }, false) },
      want: {
        signature: "params: PetsActParams, options?: RequestOptions",
        paramsType: "type PetsActParams = { body?: NewPet; tag: string; }",
        descriptor: /body: "json", bodyKey: "body"/,
      },
    },
    {
      name: "… and a query parameter named `body` pushes it to another key",
      given: { parameters: [param("body", "query")], body: json(str) },
      want: {
        signature: "params: PetsActParams, options?: RequestOptions",
        paramsType: "type PetsActParams = { body2: string; body?: string; }",
        descriptor: /body: "json", bodyKey: "body2"/,
      },
    },
    {
      name: "a union of objects is flattened as an intersection",
      given: { parameters: [param("expand", "query")], body: json({ kind: "union", members: [{ kind: "ref", schema: "NewPet" }, { kind: "ref", schema: "Tagged" }] }) },
      want: {
        signature: "params?: PetsActParams, options?: RequestOptions",
        paramsType: "type PetsActParams = (NewPet | Tagged) & { expand?: string; }",
        descriptor: /query: \[{ key: "expand", name: "expand" }\], body: "json"/,
      },
    },
    {
      name: "query only: params as before",
      given: { method: "get", parameters: [param("limit", "query", false, int)] },
      want: { signature: "params?: PetsActParams, options?: RequestOptions", paramsType: "type PetsActParams = { limit?: number; }", descriptor: /query: \[{ key: "limit", name: "limit" }\]/ },
    },
    {
      name: "no input: no params at all",
      given: { method: "get", path: "/pets/{petId}", parameters: [param("petId", "path", true)] },
      want: { signature: "petId: string, options?: RequestOptions", paramsType: undefined, descriptor: /pathParams: \[{ key: "petId", name: "petId" }\]/ },
    },
  ];
  it.each(cases)("$name", ({ given, want }) => {
    const got = planned(given);
    expect({ signature: got.signature, paramsType: got.paramsType }).toEqual({ signature: want.signature, paramsType: want.paramsType });
    expect(got.descriptor).toMatch(want.descriptor);
  });
});
