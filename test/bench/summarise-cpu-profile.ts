/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self time per function, top N.
 * Usage: node -r @swc-node/register test/bench/summarise-cpu-profile.ts FILE.cpuprofile [N]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export function summariseCpuProfile(file: string, top = 25): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const url = node.callFrame.url.replace(/^.*\/(node_modules\/)/, '$1').replace(/^.*\/work\/main\//, '');
    const key = `${node.callFrame.functionName || '(anonymous)'} ${url}:${node.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
}

/** Self time by area: idle (waiting for PostgreSQL), GC, module loading, each lib, the PostgreSQL driver, … */
export function summariseByArea(file: string): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const areas = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const { functionName, url } = byId.get(id)!.callFrame;
    const area =
      functionName === '(idle)' ? 'idle (waiting: PostgreSQL, network)'
      : functionName === '(garbage collector)' ? 'garbage collector'
      : /\/(libs|apps)\/([^/]+)\//.exec(url)?.slice(1, 3).join('/') ??
        /node_modules\/((@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ??
        (url.startsWith('node:internal/modules') || functionName === 'wrapSafe' ? 'module loading' : url.startsWith('node:') ? 'node core' : '(native/other)');
    areas.set(area, (areas.get(area) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...areas.values()].reduce((a, b) => a + b, 0);
  return [...areas.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
}

/** Frames every sample passes through, or only the event loop's own: they say nothing about where time goes. */
const PLUMBING = /^\((root|program)\)|^runMicrotasks |^processTicksAndRejections |^processImmediate |^listOnTimeout |^emit node:events|node:internal\/(modules|main|process|streams|stream_base)|^Module\.|^require |node_modules\/(pirates|@swc-node|@swc\/core)\/|^wrapSafe |^callbackTrampoline |^dispatch :|node:inspector|test\/bench\/|node:internal\/readline|^ondata /;

/**
 * Total time per function, callees included (each sample counted once per function on its stack),
 * for the functions of this repository and its dependencies: where a step's time goes.
 */
export function summariseInclusive(file: string, top = 15): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules\/)/, '$1').replace(/^.*\/(libs|apps|test)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
  const inclusive = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    total += us;
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(byId.get(cur)!);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + us);
    }
  });
  return [...inclusive.entries()]
    .filter(([k]) => !PLUMBING.test(k) && !k.endsWith(':1') /* a module's top level */)
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
}

if (require.main === module) {
  const [file, n] = process.argv.slice(2);
  if (!file) throw new Error('usage: summarise-cpu-profile FILE [N]');
  process.stdout.write(
    `by area:\n${summariseByArea(file).join('\n')}\n\nby function, callees included:\n${summariseInclusive(file, Number(n ?? 25)).join('\n')}\n\n` +
      `by function (self time):\n${summariseCpuProfile(file, Number(n ?? 25)).join('\n')}\n`,
  );
}
