/**
 * `npm run bench:http-adapters`: Express against Fastify under Nest (HTTP_ADAPTER), on one store,
 * interleaved so that neither server gets the quieter machine, the warmer store or the shorter
 * streams. `npm run bench` measures the two one after the other, Express first with its first run
 * profiled, which is why its ratio swings (0.78 – 1.52 over a week); this is the fair comparison
 * issue 16 asks for ("keep the faster").
 *
 *   npm run bench:http-adapters                                   # 100 townships, 4 rounds; about 15 minutes
 *   npm run bench:http-adapters -- --townships 20 --rounds 2 --requests 2000
 *
 * Each round starts a fresh API process (live projections on, as `npm run bench`) per server, in
 * alternating order (round 1 Express first, round 2 Fastify first…), warms it with `--warm-up`
 * appends, then measures `--runs` runs of `--requests` single-event appends from 32 clients and
 * 200 unloaded single appends (one client, one at a time). Prints a Markdown section.
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { HTTP_ADAPTERS, type HttpAdapter } from '@ledger/config';
import { cannon, cell, countyForAppends, fmt, log, onFreshServer, runBench, serverName, spawnApi, stat, stopApi, wholeNumbers, type Cannon } from './harness';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      townships: { type: 'string', default: '100' },
      years: { type: 'string', default: '20' },
      rounds: { type: 'string', default: '4' },
      runs: { type: 'string', default: '2' },
      requests: { type: 'string', default: '4000' },
      'warm-up': { type: 'string', default: '1000' },
    },
  });
  const { townships, years, rounds, runs, requests, 'warm-up': warmUp } = wholeNumbers(values, { townships: 1, years: 1, rounds: 1, runs: 1, requests: 1, 'warm-up': 0 });
  await onFreshServer('ledger-bench-adapters', async (server) => {
    const { url, sql, events, token, training } = await countyForAppends(server, 'adapters', townships, years);
    const loaded: Record<HttpAdapter, Cannon[]> = { express: [], fastify: [] };
    const unloaded: Record<HttpAdapter, Cannon[]> = { express: [], fastify: [] };
    for (let round = 0; round < rounds; round++) {
      for (const adapter of round % 2 === 0 ? HTTP_ADAPTERS : [...HTTP_ADAPTERS].reverse()) {
        const { api, apiMessages, ready } = spawnApi(url, adapter);
        const base = await ready();
        if (warmUp > 0) await cannon({ url: base, connections: 32, amount: warmUp, maxSeconds: 90, token, request: training });
        for (let r = 0; r < runs; r++) {
          const h = await cannon({ url: base, connections: 32, amount: requests, maxSeconds: 120, token, request: training });
          if (h.non2xx + h.errors > 0) throw new Error(`${adapter}: ${h.non2xx} answers not 2xx, ${h.errors} errors`);
          loaded[adapter].push(h);
          log(`round ${round + 1} ${adapter} run ${r + 1}: ${fmt(h.requestsPerSecond)}/s p50 ${h.p50} ms p99 ${h.p99} ms`);
        }
        const u = await cannon({ url: base, connections: 1, amount: 200, maxSeconds: 60, token, request: training });
        unloaded[adapter].push(u);
        const rss = await stopApi(api, apiMessages);
        log(`round ${round + 1} ${adapter}: unloaded p50 ${u.p50} ms, API peak RSS ${rss} MB`);
      }
    }
    await sql.end({ timeout: 5 });

    const rate = (a: HttpAdapter) => stat(loaded[a].map((c) => c.requestsPerSecond));
    const ratios = loaded.express.map((e, i) => loaded.fastify[i]!.requestsPerSecond / e.requestsPerSecond);
    const row = (a: HttpAdapter) =>
      `| ${serverName(a)} | ${cell(rate(a))} | ${cell(stat(loaded[a].map((c) => c.p50)))} | ${cell(stat(loaded[a].map((c) => c.p99)))} | ${cell(stat(unloaded[a].map((c) => c.p50)), 1)} |`;
    process.stdout.write(
      [
        `## Express and Fastify, interleaved (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
        '',
        `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), load ${fmt(loadavg()[0]!, 2)} at the end. ${fmt(townships)} townships (${fmt(events)} events); ${rounds} round${rounds === 1 ? '' : 's'}, each a fresh API process per server in alternating order, ${fmt(warmUp)} appends to warm it, then ${runs} × ${fmt(requests)} appends from 32 clients and 200 unloaded single appends.`,
        '',
        '| server | appends/s, 32 clients | p50 ms | p99 ms | unloaded p50 ms |',
        '|---|---|---|---|---|',
        row('express'),
        row('fastify'),
        '',
        `Fastify ÷ Express, run by run in the same position: ${cell(stat(ratios), 2)}; of the medians: **${fmt(rate('fastify').median / rate('express').median, 2)}**.`,
        '',
      ].join('\n'),
    );
  });
}

runBench(main);
