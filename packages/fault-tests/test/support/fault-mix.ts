import type { Fault, FaultPlan, Route } from '@digitalpaye/testkit';

/** The seed of every random fault mix; DIGITALPAYE_FAULT_SEED replays another. */
export const FAULT_SEED = Number(process.env.DIGITALPAYE_FAULT_SEED ?? 20261204);

/** The timeout, in ms, the slow faults below are meant to exceed. */
export const MIX_TIMEOUT = 400;

/**
 * Every fault `/v1/customer` can meet in a mix, but `token-expired`: revoked
 * at random under concurrency, a fresh token is soon refused twice, which
 * rightly stops an import; it is tested on its own.
 */
export const CUSTOMER_FAULTS: readonly Fault[] = [
  { type: 'delay', ms: 30 },
  { type: 'delay', ms: MIX_TIMEOUT * 2 },
  { type: 'stall-body' },
  { type: 'reset-before-body' },
  { type: 'reset-after-body' },
  { type: 'truncated-json' },
  { type: 'html-502' },
  { type: 'empty-500' },
  { type: 'server-error', acts: true },
  { type: 'huge-body', bytes: 1024 * 1024 },
  { type: 'rate-limit', retryAfter: '0' },
  { type: 'bad-request' },
  { type: 'echo-auth' },
];

/** Passing faults only on `/v1/auth`: a 401 there means bad credentials. */
export const AUTH_FAULTS: readonly Fault[] = [
  { type: 'delay', ms: MIX_TIMEOUT * 2 },
  { type: 'reset-after-body' },
  { type: 'html-502' },
  { type: 'empty-500' },
  { type: 'rate-limit', retryAfter: '0' },
  { type: 'echo-auth' },
];

/** A small seeded generator (mulberry32): the same seed gives the same faults. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A plan that gives each request a fault with probability `rate`, picked
 * from the faults listed for its route, from a generator seeded with `seed`.
 * Requests are numbered as they arrive, so with concurrency the same seed
 * gives the same mix of faults, not always to the same rows.
 */
export function randomFaults(
  seed: number,
  rate: number,
  faults: Partial<Record<Route, readonly Fault[]>>,
): { plan: FaultPlan; given: Map<string, number> } {
  const random = seededRandom(seed);
  const given = new Map<string, number>();
  const plan: FaultPlan = (request) => {
    const choices = faults[request.route];
    if (!choices || choices.length === 0 || random() >= rate) return undefined;
    const fault = choices[Math.floor(random() * choices.length)] as Fault;
    const key = `${request.route} ${fault.type}`;
    given.set(key, (given.get(key) ?? 0) + 1);
    return fault;
  };
  return { plan, given };
}
