import fc from 'fast-check';

/**
 * Runs a fast-check property with a seed that is printed on failure, taken
 * from DIGITALPAYE_FC_SEED when set so a failure can be replayed exactly.
 */
export async function checkProperty<Ts>(
  property: fc.IRawProperty<Ts>,
  numRuns: number,
): Promise<void> {
  const given = process.env.DIGITALPAYE_FC_SEED;
  const seed = given ? Number(given) : Math.floor(Math.random() * 0x7fffffff);
  try {
    await fc.assert(property, { numRuns, seed });
  } catch (error) {
    throw new Error(
      `property failed with seed ${seed}; replay with DIGITALPAYE_FC_SEED=${seed} pnpm test:faults\n${
        (error as Error).message
      }`,
      { cause: error },
    );
  }
}
