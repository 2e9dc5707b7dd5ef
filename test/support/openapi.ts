/**
 * The API's own OpenAPI document, as the security suites read it: routes, parameters and the
 * error statuses each operation lists (apps/api/src/platform/problem-responses.ts).
 */
import type { ApiHarness } from './api-harness';

export interface OpenApiOperation {
  readonly parameters?: readonly { readonly name: string; readonly in: string }[];
  readonly responses?: Record<string, { readonly content?: Record<string, { readonly schema?: unknown }> }>;
}
export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, OpenApiOperation>>;
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
  for (const [template, byMethod] of Object.entries(document.paths)) {
    const operation = byMethod[method.toLowerCase()];
    if (operation && pathMatches(template, url)) return { template, statuses: Object.keys(operation.responses ?? {}) };
  }
  return undefined;
}
