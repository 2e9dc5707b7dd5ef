// Builds the web app (apps/web/dist) when it is missing or older than its sources: `npm run demo`
// and the browser tests serve it. `npm test` always builds it (npm run build:web).
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..');
const index = join(root, 'apps/web/dist/index.html');
const sources = ['apps/web/src', 'apps/web/index.html', 'apps/web/vite.config.mts', 'libs/domain/src'];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const builtAt = existsSync(index) ? statSync(index).mtimeMs : 0;
if (sources.some((s) => newest(join(root, s)) > builtAt)) {
  process.stdout.write('正在构建网页版（apps/web）…\n');
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}
