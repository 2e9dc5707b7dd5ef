import { lstatSync, mkdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileApps } from './compiled-apps';
import { scratchDir } from './scratch-dir';

/** A repository's skeleton: the compiled trees, one source file, the migrations, no web build. */
function skeleton(): string {
  const root = scratchDir('compiled-apps');
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { paths: {} } }));
  for (const tree of ['apps/cli/src', 'apps/api/src', 'apps/projector/src', 'libs/database/migrations']) mkdirSync(join(root, tree), { recursive: true });
  writeFileSync(join(root, 'apps/cli/src/main.ts'), 'export const answer: number = 42;\n');
  return root;
}

describe('compileApps (global setup: the apps compiled once per test run)', () => {
  it('given a checkout whose web app is not built, when a second run compiles, then it keeps the link it made the first time', () => {
    const root = skeleton();
    const out = compileApps(root);
    const link = join(out, 'apps/web/dist');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(join(root, 'apps/web/dist'));

    // The second run met the link dangling and failed with EEXIST (npm run test:soak, 2026-12-06).
    expect(compileApps(root)).toBe(out);
    expect(readlinkSync(link)).toBe(join(root, 'apps/web/dist'));
    expect(readFileSync(join(out, 'apps/cli/src/main.js'), 'utf8')).toContain('answer = 42');
  });

  it('given the web app built later, when the next run starts, then the same link reaches it', () => {
    const root = skeleton();
    const out = compileApps(root);
    mkdirSync(join(root, 'apps/web/dist'), { recursive: true });
    writeFileSync(join(root, 'apps/web/dist/index.html'), '<!doctype html>');
    compileApps(root);
    expect(readFileSync(join(out, 'apps/web/dist/index.html'), 'utf8')).toBe('<!doctype html>');
  });
});
