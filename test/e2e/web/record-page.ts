/** The record page (录入履历事项) as the browser specs drive it: a date typed, and what the page said after 录入. */
import type { Page } from 'playwright-core';
import { EVENT_TYPE_NAMES_ZH } from '@ledger/domain';
import { chooseOption } from './browser';

/** The page's last 录入 button: the form's own, or the one a notice offers beside it. */
export const recordButton = (page: Page) => page.getByRole('button', { name: /录\s*入/ }).last();

/** Types a date into the picker labelled `label` and leaves the field, as a clerk does. */
export async function setDate(page: Page, label: string, date: string): Promise<void> {
  await page.getByLabel(label).fill(date);
  await page.getByLabel(label).press('Tab');
}

/** What the page says after 录入: recorded, a conflict, a refusal, or a failure. */
export const OUTCOMES = '[data-testid=recorded],[data-testid=conflict],[data-testid=refusal],[data-testid=record-failed]';

/** The text of the first outcome the page shows, once it shows one. */
export async function outcome(page: Page): Promise<string> {
  await page.locator(OUTCOMES).first().waitFor();
  return (await page.locator(OUTCOMES).first().innerText()).trim();
}

/** Fills in a county-level training (培训) for `cadreId` on `date`. */
export async function fillTraining(page: Page, cadreId: string, date: string, programme: string): Promise<void> {
  await chooseOption(page, '事项', EVENT_TYPE_NAMES_ZH.TrainingCompleted);
  await page.getByLabel('干部编号').fill(cadreId);
  await setDate(page, '生效日期', date);
  await page.getByLabel('培训项目').fill(programme);
  await chooseOption(page, '培训级别', '县级');
}
