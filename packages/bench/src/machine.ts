import { cpus, loadavg } from 'node:os';

/** What the numbers were measured on. */
export interface Machine {
  date: string;
  cpuModel: string;
  cores: number;
  node: string;
  platform: string;
  /** One-minute load average when the run started and when it ended. */
  loadBefore: number;
  loadAfter: number;
}

export function describeMachine(): Omit<Machine, 'loadAfter'> {
  const cores = cpus();
  return {
    date: new Date().toISOString(),
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadBefore: loadavg()[0] ?? 0,
  };
}

export function finishMachine(start: Omit<Machine, 'loadAfter'>): Machine {
  return { ...start, loadAfter: loadavg()[0] ?? 0 };
}

/** Load measured before the benchmark started is other work: this run had not begun yet. */
export function otherWorkWasRunning(machine: Machine): boolean {
  return machine.loadBefore >= 0.5;
}
