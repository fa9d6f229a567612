import type { CallTable, MeasuredPeer } from './calls/run.js';
import { otherWorkWasRunning } from './machine.js';
import type { BenchResults } from './results.js';
import type { Summary } from './stats.js';
import { cpuTargets, earlierMeasurements, KB, sizeBudgets } from './targets.js';

const x = (ratio: number) => `${ratio.toFixed(2)}x`;
const range = (s: Summary, digits: number, unit = '') =>
  `${s.median.toFixed(digits)}${unit} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
const ratioRange = (s: Summary) => `${x(s.median)} (${x(s.min)}–${x(s.max)})`;
const kb = (bytes: number) => `${(bytes / KB).toFixed(2)} kB`;
const percent = (part: number, whole: number) => `${Math.round((part / whole) * 100)}%`;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  // Columns padded to their widest cell, as the repository's formatter lays tables out.
  const widths = header.map((_, column) =>
    Math.max(3, ...[header, ...rows].map((cells) => (cells[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${widths.map((width, column) => (cells[column] ?? '').padEnd(width)).join(' | ')} |`;
  const rule = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function find<T extends { id: string }>(items: readonly T[], id: string): T | undefined {
  return items.find((item) => item.id === id);
}

const MODE_TITLES: Record<CallTable['mode'], string> = {
  sequential: 'Sequential calls over HTTP',
  concurrent: 'Concurrent calls over HTTP',
  'in-process': 'Library code only (sequential, in-process fetch, no socket)',
};

function callTable(results: BenchResults, mode: CallTable['mode']): string {
  const found = results.calls.tables.find((t) => t.mode === mode);
  if (!found) return '';
  const title =
    mode === 'concurrent'
      ? `${MODE_TITLES[mode]}, ${found.concurrency} in flight`
      : MODE_TITLES[mode];
  const rows = found.peers.map((p) => [
    p.label,
    range(p.cpuUs, 0),
    ratioRange(p.cpuRatio),
    range(p.wallUs, 0),
    ratioRange(p.wallRatio),
  ]);
  const header = ['peer', 'CPU µs/call', 'CPU vs raw fetch', 'wall µs/call', 'wall vs raw fetch'];
  return `### ${title}\n\n${table(header, rows)}`;
}

function peersOf(results: BenchResults, mode: CallTable['mode']): readonly MeasuredPeer[] {
  return results.calls.tables.find((t) => t.mode === mode)?.peers ?? [];
}

interface TargetCheck {
  what: string;
  target: string;
  measured: string;
  met: boolean | undefined;
}

function targetChecks(results: BenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const [id, limit] of Object.entries(cpuTargets)) {
    const peer = find(peersOf(results, 'sequential'), id);
    const label = peer?.label ?? find(results.calls.unavailable, id)?.label ?? id;
    checks.push({
      what: `CPU per sequential call, ${label}`,
      target: `≤ ${x(limit)}`,
      measured: peer ? x(peer.cpuRatio.median) : 'not measurable (see below)',
      met: peer ? peer.cpuRatio.median <= limit : undefined,
    });
  }
  for (const [id, budget] of Object.entries(sizeBudgets)) {
    const size = find(results.bundles.sizes, id);
    checks.push({
      what: `gzip bundle, ${size?.label ?? id}`,
      target: `≤ ${kb(budget)}`,
      measured: size ? kb(size.gzip) : 'missing',
      met: size ? size.gzip <= budget : false,
    });
  }
  return checks;
}

function machineSection(results: BenchResults): string {
  const m = results.machine;
  const lines = [
    `- Date: ${m.date.slice(0, 16).replace('T', ' ')} UTC`,
    `- Machine: ${m.cores} cores (${m.cpuModel}), ${m.platform}, Node ${m.node}`,
    `- Client measured: \`@digitalpaye/client\` ${results.client.version} at commit ${results.client.commit}`,
    `- Per-call: ${results.calls.calls} calls per peer per round, ${results.calls.rounds} rounds, peers taking turns within each round; start-up: ${results.startup.runs} fresh processes per package; codegen: ${results.codegen.runs} runs per generator`,
    `- One-minute load average: ${m.loadBefore.toFixed(2)} before the run, ${m.loadAfter.toFixed(2)} after`,
  ];
  if (otherWorkWasRunning(m)) {
    lines.push(
      '- **Other work was running on this machine during the run.** Wall times are noisy; CPU per call (counted for the client process alone) and the per-round ratios are the figures to trust.',
    );
  }
  return lines.join('\n');
}

function targetsSection(results: BenchResults): string {
  const rows = targetChecks(results).map((c) => [
    c.what,
    c.target,
    c.measured,
    c.met === undefined ? 'not measured' : c.met ? 'met' : '**missed**',
  ]);
  const earlier = earlierMeasurements;
  return [
    table(['target', 'limit', 'measured', ''], rows),
    `Peers as measured before these benchmarks existed: CPU per call \`openapi-fetch\` ${x(earlier.cpuRatio['openapi-fetch'])}, generated function ${x(earlier.cpuRatio.generated)}, generated function + valibot ${x(earlier.cpuRatio['generated-valibot'])}; gzip \`openapi-fetch\` ${earlier.gzipKb['openapi-fetch']} kB, generated function ${earlier.gzipKb.generated} kB, + valibot ${earlier.gzipKb['generated-valibot']} kB.`,
  ].join('\n\n');
}

function bundleSection(results: BenchResults): string {
  const { sizes, clientParts } = results.bundles;
  const raw = find(sizes, 'raw-fetch');
  const rows = sizes.map((s) => [
    s.label,
    s.raw.toLocaleString('en'),
    s.gzip.toLocaleString('en'),
    kb(s.gzip),
    raw ? x(s.gzip / raw.gzip) : '',
    sizeBudgets[s.id] ? `≤ ${kb(sizeBudgets[s.id] as number)}` : '',
  ]);
  const total = clientParts.reduce((sum, p) => sum + p.bytes, 0);
  const parts = clientParts.map((p) => [
    p.part,
    p.bytes.toLocaleString('en'),
    percent(p.bytes, total),
  ]);
  return [
    'A one-line program that creates a customer, bundled by esbuild (`--bundle --minify`, ESM, browser platform) against the published build of each package; gzip at level 9. 1 kB = 1024 bytes.',
    table(['program', 'minified B', 'gzip B', 'gzip', 'gzip vs raw fetch', 'budget'], rows),
    "Where the client class's bytes come from (minified, before gzip; built from the client's sources, so each module shows):",
    table(['part', 'bytes', 'share'], parts),
  ].join('\n\n');
}

function startupSection(results: BenchResults): string {
  const bare = find(results.startup.targets, 'node');
  const rows = results.startup.targets.map((t) => [
    t.label,
    range(t.importMs, 1),
    range(t.readyMs, 1),
    range(t.processMs, 1),
    bare ? x(t.processMs.median / bare.processMs.median) : '',
  ]);
  return [
    "Each run is a fresh `node` process that imports the package and then touches `Headers`, which loads Node's fetch stack (undici loads lazily, and every peer needs it before its first call). Median (min–max) in ms.",
    table(
      ['package', 'import', 'import + fetch stack', 'process start to ready', 'vs bare Node'],
      rows,
    ),
  ].join('\n\n');
}

function codegenSection(results: BenchResults): string {
  const reference = find(results.codegen.generators, 'openapi-typescript');
  const rows = results.codegen.generators.map((g) => [
    g.label,
    range(g.wallMs, 0),
    String(g.files),
    reference ? x(g.wallMs.median / reference.wallMs.median) : '',
  ]);
  return [
    'Regenerating from `spec/openapi.yaml` into a temporary folder with the committed configuration (a fresh process per run, as `pnpm generate` does). Median (min–max) in ms.',
    table(['generator', 'wall ms', 'files written', 'vs openapi-typescript'], rows),
  ].join('\n\n');
}

const us = (value: number) => `${Math.round(value)} µs`;

/** "12 µs more" or "3 µs less": a difference that reads right whichever way it goes. */
function moreOrLess(difference: number): string {
  return difference >= 0 ? `${us(difference)} more` : `${us(-difference)} less`;
}

/** The overhead paragraph, with every figure taken from this run. */
function overheadSection(results: BenchResults): string {
  const median = (peers: readonly MeasuredPeer[], id: string) => find(peers, id)?.cpuUs.median;
  const http = peersOf(results, 'sequential');
  const local = peersOf(results, 'in-process');
  const figures = {
    raw: median(http, 'raw-fetch'),
    request: median(http, 'raw-fetch-request'),
    timeout: median(http, 'raw-fetch-timeout'),
    client: median(http, 'client'),
    rawLocal: median(local, 'raw-fetch'),
    clientLocal: median(local, 'client'),
    openApiLocal: median(local, 'openapi-fetch'),
    generatedLocal: median(local, 'generated'),
  };
  if (Object.values(figures).some((value) => value === undefined)) return '';
  const { raw, request, timeout, client, rawLocal, clientLocal, openApiLocal, generatedLocal } =
    figures as Record<keyof typeof figures, number>;

  const { input, response } = results.calls.checksUs;
  const parts = results.bundles.clientParts;
  const total = parts.reduce((sum, p) => sum + p.bytes, 0);
  const largest = parts[0];
  const handWritten = parts
    .filter((p) => p.part.startsWith('hand-written'))
    .reduce((sum, p) => sum + p.bytes, 0);

  return [
    `Over HTTP, raw \`fetch\` costs ${us(raw)} of client CPU per sequential call (undici, the socket, JSON) and \`dp.customers.create\` ${us(client)}, ${moreOrLess(client - raw)}.`,
    `With a fetch that answers in process, without a socket, each library's own code shows alone: \`dp.customers.create\` spends ${moreOrLess(clientLocal - rawLocal)} per call than the hand-built call, \`openapi-fetch\` ${moreOrLess(openApiLocal - rawLocal)} and the generated \`createCustomer\` ${moreOrLess(generatedLocal - rawLocal)}.`,
    `For scale, the valibot checks a validating client runs, measured on their own in process: ${input.median.toFixed(1)} µs for the input, ${response.median.toFixed(1)} µs for the reply.`,
    `Two costs sit in the HTTP stack rather than in any library's code, so only the runs over HTTP show them (raw fetch each way): an abort signal and a timer per call, which any per-attempt timeout needs, cost ${moreOrLess(timeout - raw)} per call;`,
    `handing \`fetch\` a \`Request\` object rather than a URL and an init, as \`openapi-fetch\` and the generated client do, costs ${moreOrLess(request - raw)}, because undici builds a second \`Request\` around it, follows its \`AbortSignal\` and streams its body back out.`,
    largest
      ? `In the bundle, the largest single part of the client class is ${largest.part}, ${percent(largest.bytes, total)} of its minified bytes; the hand-written runtime together is ${percent(handWritten, total)}. Parts a program does not import are left out, because the ESM build keeps one file per module.`
      : '',
    `At start-up, Node's fetch stack (undici) loads on first use of \`Headers\` or \`fetch\`; every peer pays that before its first call, so "import + fetch stack" is the column to compare.`,
  ]
    .filter(Boolean)
    .join(' ');
}

function unavailableSection(results: BenchResults): string {
  if (results.calls.unavailable.length === 0) return '';
  return results.calls.unavailable
    .map((u) => `- Not measured: ${u.label}: ${u.reason}.`)
    .join('\n');
}

/** Renders the whole of BENCHMARKS.md from one run's results. */
export function renderReport(results: BenchResults, notes = ''): string {
  return [
    '# Benchmarks',
    'Written by `pnpm bench` (`packages/bench`); do not edit by hand. Ratios are to raw `fetch` with hand-built headers and body unless said otherwise; each figure is the median of the rounds, with the min–max range in brackets. CPU is user + system time of the client process only (the server runs in another process), which holds up on a shared machine better than wall time.',
    machineSection(results),
    `## Targets\n\n${targetsSection(results)}`,
    notes,
    '## Per-call overhead',
    [
      callTable(results, 'sequential'),
      callTable(results, 'concurrent'),
      callTable(results, 'in-process'),
      unavailableSection(results),
      `The valibot checks alone, in process: \`validateCreateCustomer\` on the input ${range(results.calls.checksUs.input, 1, ' µs')}, \`schemas.vCustomerResponse\` on the reply ${range(results.calls.checksUs.response, 1, ' µs')} CPU per check.`,
    ]
      .filter(Boolean)
      .join('\n\n'),
    `## Bundle size\n\n${bundleSection(results)}`,
    `## Start-up\n\n${startupSection(results)}`,
    `## Codegen\n\n${codegenSection(results)}`,
    `## Where our overhead comes from\n\n${overheadSection(results)}`,
  ]
    .filter(Boolean)
    .join('\n\n')
    .concat('\n');
}
