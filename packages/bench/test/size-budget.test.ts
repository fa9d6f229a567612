import { describe, expect, it } from 'vitest';
import { measureProgram } from '../src/bundle/measure.js';
import { programs } from '../src/bundle/programs.js';
import { KB, sizeBudgets } from '../src/targets.js';

function program(id: string) {
  const found = programs.find((p) => p.id === id);
  if (!found) throw new Error(`no program ${id}`);
  return found;
}

describe('bundle size budget', () => {
  it.each(Object.entries(sizeBudgets))(
    'keeps the one-line program using %s within its gzip budget',
    async (id, budget) => {
      const size = await measureProgram(program(id));

      expect(size.gzip, `${id} is ${size.gzip} B gzip, budget ${budget} B`).toBeLessThanOrEqual(
        budget,
      );
    },
  );

  it('holds the client class to 8 kB gzip and the generated function to 4 kB', () => {
    expect(sizeBudgets).toEqual({ client: 8 * KB, generated: 4 * KB });
  });

  it('leaves valibot out of a program that imports only the generated function', async () => {
    const generated = await measureProgram(program('generated'));
    const withValibot = await measureProgram(program('generated-valibot'));

    expect(withValibot.gzip - generated.gzip).toBeGreaterThan(1.5 * KB);
  });
});
