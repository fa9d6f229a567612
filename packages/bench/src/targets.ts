/** 1 kB in this report: 1024 bytes. */
export const KB = 1024;

/** Largest gzip size, in bytes, each bundled program may reach; `pnpm test` fails past it. */
export const sizeBudgets: Readonly<Record<string, number>> = {
  client: 8 * KB,
  generated: 4 * KB,
};

/** Largest client-process CPU per sequential call, as a ratio to raw fetch. */
export const cpuTargets: Readonly<Record<string, number>> = {
  'client-no-validation': 1.15,
  client: 1.25,
};

/** What peers measured on this kind of machine before the benchmarks existed (issue #7). */
export const earlierMeasurements = {
  cpuRatio: { 'openapi-fetch': 1.38, generated: 1.27, 'generated-valibot': 1.36 },
  gzipKb: { 'openapi-fetch': 2.7, generated: 4.0, 'generated-valibot': 6.3 },
} as const;
