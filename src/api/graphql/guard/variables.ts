export interface VariablesMeasures {
  /** The deepest nesting of objects and lists in one variable's value (a scalar is 0). */
  depth: number;
  /** Every value, scalars, objects and lists alike, in all variables. */
  values: number;
}

/**
 * Measures a request's variables without recursion, so a filter nested 10,000 `not`s deep is
 * measured, not a stack overflow. Stops once either limit is passed: a huge value costs no more
 * than the limits allow, and the answer is then only "over".
 */
export function measureVariables(
  variables: Record<string, unknown>,
  limits: { maxDepth: number; maxValues: number },
): VariablesMeasures {
  const measures: VariablesMeasures = { depth: 0, values: 0 };
  const pending: Array<{ value: unknown; depth: number }> = Object.values(variables).map((value) => ({
    value,
    depth: 0,
  }));
  for (let next = pending.pop(); next; next = pending.pop()) {
    measures.values++;
    if (measures.values > limits.maxValues) return measures;
    const { value, depth } = next;
    if (value === null || typeof value !== 'object') continue;
    measures.depth = Math.max(measures.depth, depth + 1);
    if (measures.depth > limits.maxDepth) return measures;
    for (const child of Object.values(value)) pending.push({ value: child, depth: depth + 1 });
  }
  return measures;
}
