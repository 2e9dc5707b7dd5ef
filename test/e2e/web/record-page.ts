/** The record page (录入履历事项) as the browser specs drive it: a date typed, and what the page said after 录入. */
import type { Page } from 'playwright-core';

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
