import { inspect } from 'node:util';
import { expect } from 'vitest';
import { canaryStrings } from '../../src/canary.js';
import { findLeaks } from '../../src/sweep.js';
import { captureError } from './capture.js';

/** Every way an error is commonly printed, causes included. */
function printed(error: unknown): string {
  const forms: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    forms.push(String(current), inspect(current, { depth: 6, showHidden: true }));
    try {
      forms.push(JSON.stringify(current) ?? '');
    } catch {
      // A cycle: inspect above already shows it.
    }
    if (current instanceof Error && current.stack) forms.push(current.stack);
    current = current instanceof Error ? current.cause : undefined;
  }
  return forms.join('\n');
}

/**
 * Asserts that no canary (secret, Basic credentials, canary token, any token
 * the server issued) shows in the error however it is printed, and captures
 * it for the final sweep.
 */
export function expectNoSecret(error: unknown, issuedTokens: readonly string[] = []): void {
  captureError('errors.log', error);
  const leaks = findLeaks(printed(error), 'error', canaryStrings(issuedTokens));
  expect(leaks.map((leak) => leak.canary)).toEqual([]);
}
