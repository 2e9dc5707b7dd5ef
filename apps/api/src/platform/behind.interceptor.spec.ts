/**
 * BehindInterceptor is applied per controller, not globally (behind.interceptor.ts): every
 * controller that answers a GET carries it, found by reading every controller file of the API, so
 * a new read controller cannot forget the X-Ledger-Behind header.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { BehindInterceptor } from './behind.interceptor';

const API = join(__dirname, '..');

function controllerFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return controllerFiles(path);
    return entry.name.endsWith('.controller.ts') ? [path] : [];
  });
}

/** The classes a file exports that Nest takes for controllers. */
function controllersIn(file: string): (new (...args: never[]) => unknown)[] {
  return Object.values(require(file) as Record<string, unknown>).filter(
    (value): value is new (...args: never[]) => unknown => typeof value === 'function' && Reflect.getMetadata(PATH_METADATA, value) !== undefined && Reflect.hasMetadata('__controller__', value),
  );
}

function answersGet(controller: new (...args: never[]) => unknown): boolean {
  const prototype = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype).some((name) => name !== 'constructor' && Reflect.getMetadata(METHOD_METADATA, prototype[name] as object) === RequestMethod.GET);
}

describe('the X-Ledger-Behind header on every read', () => {
  const controllers = controllerFiles(API).flatMap((file) => controllersIn(file).map((c) => ({ file, c })));

  it('finds the API’s controllers, the write-only ones among them', () => {
    expect(controllers.length).toBeGreaterThanOrEqual(11);
    expect(controllers.filter(({ c }) => !answersGet(c)).map(({ c }) => c.name).sort()).toEqual(['CareerController', 'ImportController']);
  });

  it('is set by BehindInterceptor on every controller that answers a GET', () => {
    const missing = controllers.filter(({ c }) => answersGet(c) && !((Reflect.getMetadata(INTERCEPTORS_METADATA, c) as unknown[] | undefined) ?? []).includes(BehindInterceptor));
    expect(missing.map(({ file }) => file)).toEqual([]);
  });
});
