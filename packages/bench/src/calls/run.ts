import { schemas, validateCreateCustomer } from '@digitalpaye/client';
import * as v from 'valibot';
import { customerInput } from '../fixtures.js';
import { CUSTOMER_ID, customerBody } from '../server/envelopes.js';
import { startApiServer } from '../server/launch.js';
import type { Settings } from '../settings.js';
import { type Summary, summarize } from '../stats.js';
import { inProcessFetch } from './in-process-fetch.js';
import { type Call, type Peer, peers } from './peers.js';

/**
 * - `sequential`: one call after the other over HTTP to the stand-in server;
 * - `concurrent`: `concurrency` calls in flight over HTTP;
 * - `in-process`: sequential, against a fetch that answers without a socket.
 */
export type CallMode = 'sequential' | 'concurrent' | 'in-process';

export interface MeasuredPeer {
  id: string;
  label: string;
  /** Client-process CPU (user + system) per call, in µs. */
  cpuUs: Summary;
  /** Wall time per call, in µs (at concurrency, elapsed time divided by calls). */
  wallUs: Summary;
  /** Per-round ratios to the baseline measured in the same round. */
  cpuRatio: Summary;
  wallRatio: Summary;
}

export interface CallTable {
  mode: CallMode;
  concurrency: number;
  peers: MeasuredPeer[];
}

export interface CallResults {
  calls: number;
  rounds: number;
  tables: CallTable[];
  unavailable: { id: string; label: string; reason: string }[];
  /**
   * CPU of one schema check, in process, in µs: `input` is `validateCreateCustomer`
   * on the customer input, `response` the generated `vCustomerResponse` on the reply.
   */
  checksUs: { input: Summary; response: Summary };
}

interface Sample {
  cpuUs: number;
  wallUs: number;
}

async function measure(call: Call, calls: number, concurrency: number): Promise<Sample> {
  let started = 0;
  const worker = async () => {
    while (started < calls) {
      started += 1;
      await call();
    }
  };

  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - wallBefore;

  return { cpuUs: (cpu.user + cpu.system) / calls, wallUs: (wallMs * 1000) / calls };
}

async function checkedCall(peer: Peer, call: Call): Promise<void> {
  const customer = (await call()) as { id?: unknown } | undefined;
  if (customer?.id !== CUSTOMER_ID) {
    throw new Error(`${peer.id} did not return the created customer: ${JSON.stringify(customer)}`);
  }
}

async function runMode(
  mode: CallMode,
  available: readonly Peer[],
  baseUrl: string,
  settings: Settings,
): Promise<CallTable> {
  const concurrency = mode === 'concurrent' ? settings.concurrency : 1;
  const fetchImpl = mode === 'in-process' ? inProcessFetch() : globalThis.fetch;
  const calls: Call[] = [];
  for (const peer of available) {
    const call = await peer.setup(baseUrl, fetchImpl);
    await checkedCall(peer, call);
    await measure(call, settings.warmup, concurrency);
    calls.push(call);
  }

  const samples: Sample[][] = available.map(() => []);
  for (let round = 0; round < settings.rounds; round++) {
    // Each round starts with a different peer, so none always runs first or last.
    for (let turn = 0; turn < available.length; turn++) {
      const index = (round + turn) % available.length;
      samples[index]?.push(await measure(calls[index] as Call, settings.calls, concurrency));
    }
  }

  const baseline = samples[0] as Sample[];
  return {
    mode,
    concurrency,
    peers: available.map((peer, index) => {
      const own = samples[index] as Sample[];
      return {
        id: peer.id,
        label: peer.label,
        cpuUs: summarize(own.map((s) => s.cpuUs)),
        wallUs: summarize(own.map((s) => s.wallUs)),
        cpuRatio: summarize(own.map((s, round) => s.cpuUs / (baseline[round] as Sample).cpuUs)),
        wallRatio: summarize(own.map((s, round) => s.wallUs / (baseline[round] as Sample).wallUs)),
      };
    }),
  };
}

const customerReply: unknown = JSON.parse(customerBody(customerInput));

/** The two schema checks a validating client can run per call, each on its own. */
const checks = {
  input: () => validateCreateCustomer(customerInput).success,
  response: () => v.safeParse(schemas.vCustomerResponse, customerReply).success,
};

function measureCheck(check: () => boolean, settings: Settings): Summary {
  const repeats = settings.calls * 10;
  const perRound: number[] = [];
  for (let round = 0; round < settings.rounds; round++) {
    const before = process.cpuUsage();
    for (let i = 0; i < repeats; i++) {
      if (!check()) throw new Error('the benchmark bodies break the spec');
    }
    const cpu = process.cpuUsage(before);
    perRound.push((cpu.user + cpu.system) / repeats);
  }
  return summarize(perRound);
}

/** Runs every available peer against a stand-in server in another process, then stops it. */
export async function runCallBenchmarks(settings: Settings): Promise<CallResults> {
  const server = await startApiServer();
  try {
    const available: Peer[] = [];
    const unavailable: CallResults['unavailable'] = [];
    for (const peer of peers) {
      const reason = await peer.unavailable?.(server.url);
      if (reason) unavailable.push({ id: peer.id, label: peer.label, reason });
      else available.push(peer);
    }

    const tables: CallTable[] = [];
    for (const mode of ['sequential', 'concurrent', 'in-process'] as const) {
      tables.push(await runMode(mode, available, server.url, settings));
    }
    const checksUs = {
      input: measureCheck(checks.input, settings),
      response: measureCheck(checks.response, settings),
    };
    return { calls: settings.calls, rounds: settings.rounds, tables, unavailable, checksUs };
  } finally {
    await server.stop();
  }
}
