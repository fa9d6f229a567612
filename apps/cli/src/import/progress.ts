import type { Messages } from '../messages.js';

export interface ProgressCounts {
  done: number;
  failed: number;
  total: number;
}

/** `1:05`, or `1:02:03` past an hour; `--:--` when unknown. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

function rateAndEta(counts: ProgressCounts, elapsedMs: number): { rate: string; eta: string } {
  const perSecond = elapsedMs > 0 ? (counts.done * 1000) / elapsedMs : 0;
  const eta = perSecond > 0 ? (counts.total - counts.done) / perSecond : Number.NaN;
  return { rate: perSecond.toFixed(1), eta: formatDuration(eta) };
}

/** One plain progress line, for logs and pipes. */
export function progressLine(t: Messages, counts: ProgressCounts, elapsedMs: number): string {
  const { rate, eta } = rateAndEta(counts, elapsedMs);
  return t.progress(counts.done, counts.total, counts.failed, rate, eta);
}

/** A bar for a terminal: `[#####-----] 120/200  3 failed  41.2/s  ETA 0:02`. */
export function progressBar(
  t: Messages,
  counts: ProgressCounts,
  elapsedMs: number,
  width = 24,
): string {
  const { rate, eta } = rateAndEta(counts, elapsedMs);
  const share = counts.total > 0 ? counts.done / counts.total : 1;
  const filled = Math.min(width, Math.round(share * width));
  const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
  return `${bar} ${counts.done}/${counts.total}  ${counts.failed} ${t.barFailed}  ${rate}/s  ETA ${eta}`;
}

/**
 * Shows progress on `stream`: a bar redrawn in place on a terminal, a
 * plain line every `interval` ms otherwise. `finish` leaves the last state
 * on screen.
 */
export class ProgressReporter {
  readonly #started = Date.now();
  readonly #timer: NodeJS.Timeout;
  #drawn = false;

  constructor(
    /** Where to draw; nothing is drawn when absent. */
    private readonly stream: (NodeJS.WritableStream & { isTTY?: boolean }) | undefined,
    private readonly t: Messages,
    private readonly counts: () => ProgressCounts,
    interval = 2000,
  ) {
    this.#timer = setInterval(() => this.#draw(), this.stream?.isTTY ? 100 : interval);
    this.#timer.unref();
  }

  #draw(): void {
    if (!this.stream) return;
    const elapsed = Date.now() - this.#started;
    if (this.stream.isTTY) {
      this.stream.write(`\r\x1b[2K${progressBar(this.t, this.counts(), elapsed)}`);
      this.#drawn = true;
    } else {
      this.stream.write(`${progressLine(this.t, this.counts(), elapsed)}\n`);
    }
  }

  /** Clears the bar line so another message can be printed, then redraws later. */
  interrupt(): void {
    if (this.stream?.isTTY && this.#drawn) this.stream.write('\r\x1b[2K');
  }

  finish(): void {
    clearInterval(this.#timer);
    this.#draw();
    if (this.stream?.isTTY) this.stream.write('\n');
  }
}
