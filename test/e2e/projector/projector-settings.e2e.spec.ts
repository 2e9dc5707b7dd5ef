/**
 * The projector's own settings refused as the ledger's are (libs/config's parseSettings): the
 * setting named, with what it allows, in Chinese and in English, exit 1, before any database is
 * opened. Found by an operations review: PROJECTOR_RETRY_MS=abc or =5 printed zod's raw JSON issues
 * after `错误：`, and an unknown name in PROJECTIONS was said in English only.
 */
import { runApp } from '../../support/run-cli';

const refusal = (env: NodeJS.ProcessEnv) => runApp('apps/projector/src/main.ts', [], { DATABASE_URL: '', ...env }, { killAfterMs: 20_000 });

describe('the projector given a bad setting of its own', () => {
  it.each(['abc', '5', '60001', '1.5', ''])('PROJECTOR_RETRY_MS=%p is refused naming it and its range, in Chinese and English, exit 1', async (value) => {
    const result = await refusal({ PROJECTOR_RETRY_MS: value });
    const said = value === '' ? ['PROJECTOR_RETRY_MS：不能为空', 'PROJECTOR_RETRY_MS: must not be empty'] : ['PROJECTOR_RETRY_MS：须为 100 到 60000 之间的整数', 'PROJECTOR_RETRY_MS: must be a whole number from 100 to 60000'];
    expect(result.stderr).toMatch(/^错误：配置无效：\n/);
    for (const text of said) expect(result.stderr).toContain(text);
    expect(result.stderr).not.toContain('"code"');
    expect(result.code).toBe(1);
  });

  it('PROJECTIONS naming a projection that does not exist is refused naming it and the known ones, in Chinese and English, exit 1', async () => {
    const result = await refusal({ PROJECTIONS: 'cadre-careers, nope' });
    expect(result.stderr).toContain('PROJECTIONS：没有这些投影：nope；可选：cadre-careers、org-units、policy-versions、compliance（逗号分隔）');
    expect(result.stderr).toContain('PROJECTIONS: unknown projection(s): nope; known: cadre-careers, org-units, policy-versions, compliance');
    expect(result.code).toBe(1);
  });
});
