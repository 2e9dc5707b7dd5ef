/**
 * The methods each documented path answers, read from the OpenAPI document the app builds: a
 * request with another method on a known path is a 405 naming them (`Allow`), not the router's
 * 404 (found 2026-12-02: `PUT /v1/cadres/C1/events` said the path did not exist).
 */
const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

export class RouteMethods {
  private routes: { readonly pattern: RegExp; readonly methods: readonly string[] }[] = [];

  /** Reads the paths once the app's document is built (create-app.ts). */
  load(document: { readonly paths: Record<string, object> }): void {
    this.routes = Object.entries(document.paths).map(([template, byMethod]) => ({
      // Path parameters match one segment; the routers take paths case-insensitively, a trailing slash ignored.
      pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`, 'i'),
      methods: Object.keys(byMethod).filter((key) => HTTP_METHODS.has(key)).map((m) => m.toUpperCase()),
    }));
  }

  /** The methods the path answers (HEAD with GET), or [] when no documented path matches. */
  allowed(url: string): string[] {
    const path = url.split('?')[0] ?? '';
    const methods = new Set(this.routes.filter((r) => r.pattern.test(path)).flatMap((r) => r.methods));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  }
}
