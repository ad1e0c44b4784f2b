/** Documents from the issue "One tenant, or one token, must never stall the others", built to size. */

/** `{...F0}`, each fragment spreading the next one twice: 2^levels selections once expanded. */
export function fragmentFanOut(levels: number, leaf = '__typename'): string {
  let text = '{ ...F0 }';
  for (let i = 0; i < levels - 1; i++) text += ` fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`;
  return `${text} fragment F${levels - 1} on Query { ${leaf} }`;
}

/** `{...F0}`, each fragment spreading the next one once. */
export function fragmentChain(length: number): string {
  let text = '{ ...F0 }';
  for (let i = 0; i < length - 1; i++) text += ` fragment F${i} on Query { ...F${i + 1} }`;
  return `${text} fragment F${length - 1} on Query { __typename }`;
}

/** A user filter nested `levels` `not`s deep, as JSON text: JSON.stringify would recurse that deep. */
export function nestedNotFilterJson(levels: number): string {
  return `${'{"not":'.repeat(levels)}{"active":true}${'}'.repeat(levels)}`;
}

/** `{ a0: field a1: field … }` */
export function aliased(count: number, field: string, operation = ''): string {
  return `${operation} { ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
}
