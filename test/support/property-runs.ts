/**
 * How property tests run: with a fixed seed, so CI is repeatable and a failure can be replayed,
 * and a number of runs that FC_RUNS overrides (the abuse benchmark asks for thousands; CI tries
 * the default of each property).
 */
export const PROPERTY_SEED = 20_261_201;

export function propertyRuns(defaultRuns: number): { numRuns: number; seed: number } {
  return { numRuns: Number(process.env.FC_RUNS ?? defaultRuns), seed: PROPERTY_SEED };
}

/** What any single answer may take, even to the most hostile input (PROPERTY_MAX_ANSWER_MS overrides). */
export const MAX_ANSWER_MS = Number(process.env.PROPERTY_MAX_ANSWER_MS ?? 2_000);
