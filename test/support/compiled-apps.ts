/**
 * The apps and libs compiled once per test run (SWC, the same transform and path mapping
 * `@swc-node/register` applies), for the specs that start the CLI as a child process: about 300
 * starts in `npm test`. Each start through `-r @swc-node/register` first loads TypeScript (to read
 * tsconfig.json) and looks up every module in its transform cache: ≈ 0.45 s of CPU before the
 * CLI's first line, measured on two cores. The compiled tree mirrors the repository's layout under
 * node_modules/.cache, so relative requires, the packages in node_modules and the two folders the
 * code finds beside itself (the SQL migrations, the web app's build) resolve as they do from source.
 * The README's commands still run through `@swc-node/register`; readme-claims.e2e.spec.ts runs them so.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Options } from '@swc/core';

export const COMPILED_ROOT_ENV = 'LEDGER_COMPILED_ROOT';

const SOURCE_TREES = ['apps/cli/src', 'apps/api/src', 'apps/projector/src', 'libs'];
/** Folders the code reads beside itself (`__dirname`): linked, not compiled. */
const LINKED = ['libs/database/migrations', 'apps/web/dist'];

/** Whether `source` (a path from the repository's root) is in the compiled tree. */
export function isCompiledSource(source: string): boolean {
  return SOURCE_TREES.some((tree) => source.startsWith(`${tree}/`));
}

/** The TypeScript sources to compile, and the plain CommonJS (`.cjs`) beside them to copy. */
function typeScriptSources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'migrations') typeScriptSources(path, out);
    } else if ((entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) || entry.name.endsWith('.cjs')) out.push(path);
  }
  return out;
}

function swcOptions(root: string): Options {
  const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
  return {
    swcrc: false,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      // Nest resolves constructor parameters by the types decorator metadata records.
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
      baseUrl: root,
      paths: tsconfig.compilerOptions.paths,
    },
    module: { type: 'commonjs' },
  };
}

/**
 * Compiles what changed since the last run (a file's output is kept while it is newer than its
 * source) and returns the compiled tree's root. Files deleted from the sources are left behind,
 * unreachable: nothing requires them.
 */
export function compileApps(root: string): string {
  // Required here, not at the top: the specs read COMPILED_ROOT_ENV without loading SWC.
  const { transformFileSync } = require('@swc/core') as typeof import('@swc/core');
  const out = join(root, 'node_modules', '.cache', 'ledger-compiled');
  const options = swcOptions(root);
  const tsconfigChanged = existsSync(join(out, '.tsconfig.json')) && readFileSync(join(out, '.tsconfig.json'), 'utf8') !== readFileSync(join(root, 'tsconfig.json'), 'utf8');
  if (tsconfigChanged) rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, '.tsconfig.json'), readFileSync(join(root, 'tsconfig.json')));
  for (const tree of SOURCE_TREES) {
    for (const source of typeScriptSources(join(root, tree))) {
      const target = join(out, relative(root, source)).replace(/\.ts$/, '.js');
      if (existsSync(target) && statSync(target).mtimeMs >= statSync(source).mtimeMs) continue;
      mkdirSync(dirname(target), { recursive: true });
      // Plain CommonJS beside the TypeScript (a worker thread's script, what it loads): copied as it is.
      writeFileSync(target, source.endsWith('.cjs') ? readFileSync(source) : transformFileSync(source, { ...options, filename: source }).code);
    }
  }
  for (const linked of LINKED) {
    const link = join(out, linked);
    // The link itself, not its target: apps/web/dist is missing until the web app is built, and a
    // second run would otherwise meet the dangling link as EEXIST (found by `npm run test:soak`).
    if (lstatSync(link, { throwIfNoEntry: false })) continue;
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(root, linked), link, 'dir');
  }
  return out;
}
