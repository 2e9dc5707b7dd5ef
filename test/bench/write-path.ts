/**
 * The single-command write path with and without the API's checked state cache: sequential
 * commands against cadres whose streams grow, on a fresh embedded server.
 * Usage: npm run bench:write-path [-- --commands 1500 --cadres 10]
 */
import { parseArgs } from 'node:util';
import { CareerCommandService, StateLoader } from '@ledger/application';
import { connect } from '@ledger/database';
import { calendarDate } from '@ledger/domain';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { migratedDatabase, onFreshServer, runBench } from './harness';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { commands: { type: 'string', default: '1500' }, cadres: { type: 'string', default: '10' } } });
  const commands = Number(values.commands);
  const cadres = Number(values.cadres);
  await onFreshServer('ledger-bench-write', async (server) => {
    for (const mode of ['uncached', 'checked'] as const) {
      const url = await migratedDatabase(server.adminUrl, `write_${mode}`);
      const sql = connect(url, 4);
      const store = new PostgresEventStore(sql);
      const loader = mode === 'checked' ? new StateLoader(store, 20_000, 'checked') : new StateLoader(store);
      const service = new CareerCommandService(store, () => calendarDate('2026-01-01'), loader);
      for (let c = 0; c < cadres; c++) {
        await service.execute(
          { id: `reg-${c}`, type: 'CadreRegistered', cadreId: `C${c}`, effectiveDate: '2000-01-01', data: { name: `干部${c}`, gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } },
          { actor: 'bench' },
        );
      }
      const started = process.hrtime.bigint();
      for (let i = 0; i < commands; i++) {
        await service.execute(
          { id: `t-${i}`, type: 'TrainingCompleted', cadreId: `C${i % cadres}`, effectiveDate: '2020-01-01', data: { programme: '乡镇党委书记培训班', level: 'COUNTY' } },
          { actor: 'bench' },
        );
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      process.stdout.write(`${mode}: ${commands} commands over ${cadres} cadres (streams grow to ${Math.ceil(commands / cadres)} events) in ${seconds.toFixed(2)} s = ${Math.round(commands / seconds)} commands/s\n`);
      await sql.end();
    }
  });
}

runBench(main);
