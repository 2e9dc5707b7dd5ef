/**
 * The API's own OpenAPI document, as the security suites read it: routes, parameters and the
 * error statuses each operation lists (apps/api/src/platform/problem-responses.ts); whether it is
 * valid OpenAPI 3.0 (Redocly's struct rule); whether a live answer is what it documents (ajv).
 */
import Ajv, { type ValidateFunction } from 'ajv';
import type { ApiHarness } from './api-harness';

export interface OpenApiOperation {
  readonly parameters?: readonly { readonly name: string; readonly in: string; readonly required?: boolean }[];
  readonly requestBody?: { readonly content?: Record<string, { readonly schema?: unknown }> };
  readonly responses?: Record<string, { readonly content?: Record<string, { readonly schema?: unknown }> }>;
}
export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, OpenApiOperation>>;
  readonly components?: { readonly schemas?: Record<string, unknown> };
}

export async function openApiDocument(api: ApiHarness): Promise<OpenApiDocument> {
  return (await api.request('GET', '/docs/openapi.json', { role: null })).body as OpenApiDocument;
}

/** Whether the URL, resolved as a client sends it (dot segments, trailing spaces, the query dropped), names the path template. */
export function pathMatches(template: string, url: string): boolean {
  return new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(new URL(url, 'http://x').pathname);
}

/** The operation the request reaches (its path template and the statuses the document lists for it); undefined when none. */
export function documentedOperation(document: OpenApiDocument, method: string, url: string): { readonly template: string; readonly statuses: readonly string[] } | undefined {
  // A literal path (`/v1/reports/talks`) before a template that also matches it (`/v1/reports/{name}`).
  const templates = Object.entries(document.paths).sort(([a], [b]) => Number(a.includes('{')) - Number(b.includes('{')));
  for (const [template, byMethod] of templates) {
    const operation = byMethod[method.toLowerCase()];
    if (operation && pathMatches(template, url)) return { template, statuses: Object.keys(operation.responses ?? {}) };
  }
  return undefined;
}

/** What Redocly's `struct` rule finds wrong with the document as OpenAPI 3.0: a message and a JSON pointer each. */
export async function openApiStructureProblems(document: OpenApiDocument): Promise<string[]> {
  // Loaded here, not at the top: every spec over HTTP loads this file (api-harness.ts), one lints,
  // and loading Redocly cost each of them ≈ 0.3 s of CPU.
  const { createConfig, lintFromString } = await import('@redocly/openapi-core');
  const config = await createConfig({ rules: { struct: 'error' } });
  const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
  return problems.map((p) => `${p.message} ${p.location[0]?.pointer ?? ''}`);
}

const validators = new WeakMap<OpenApiDocument, { readonly ajv: Ajv; readonly compiled: Map<string, ValidateFunction | null> }>();

/** The validator of a schema the document gives (`#/components/...` refs resolved), compiled once per document; null when none. */
function validatorOf(document: OpenApiDocument, key: string, schema: unknown): ValidateFunction | null {
  let cache = validators.get(document);
  if (!cache) {
    // OpenAPI 3.0's schemas are JSON Schema with `nullable`, which ajv knows; its other keywords are tolerated.
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ $id: 'openapi.json', components: document.components });
    cache = { ajv, compiled: new Map() };
    validators.set(document, cache);
  }
  if (!cache.compiled.has(key)) {
    const rooted = schema === undefined ? undefined : JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi.json#/components/'));
    cache.compiled.set(key, rooted === undefined ? null : cache.ajv.compile(rooted));
  }
  return cache.compiled.get(key)!;
}

const departuresOf = (key: string, validate: ValidateFunction, value: unknown): string[] =>
  validate(value) ? [] : (validate.errors ?? []).map((e) => `${key}: ${e.instancePath || '/'} ${e.message ?? ''}`);

/**
 * How a live answer departs from the schema the document gives the operation for that status
 * (ajv's errors, each with its JSON pointer); [] when it conforms. An operation or status the
 * document does not list is itself a departure.
 */
export function undocumentedAnswer(document: OpenApiDocument, method: string, url: string, status: number, body: unknown): string[] {
  const operation = documentedOperation(document, method, url);
  if (!operation) return [`no operation documents ${method} ${url}`];
  const key = `${method.toUpperCase()} ${operation.template} ${status}`;
  const schema = document.paths[operation.template]?.[method.toLowerCase()]?.responses?.[String(status)]?.content?.['application/json']?.schema;
  const validate = validatorOf(document, key, schema);
  return validate ? departuresOf(key, validate, body) : [`the document gives ${key} no JSON schema`];
}

/** How a JSON body departs from the request schema the document gives the operation; [] when it conforms or the operation takes no JSON body. */
export function undocumentedRequest(document: OpenApiDocument, method: string, url: string, body: unknown): string[] {
  const operation = documentedOperation(document, method, url);
  if (!operation) return [`no operation documents ${method} ${url}`];
  const key = `${method.toUpperCase()} ${operation.template} request`;
  const schema = document.paths[operation.template]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
  const validate = validatorOf(document, key, schema);
  return validate ? departuresOf(key, validate, body) : [];
}
