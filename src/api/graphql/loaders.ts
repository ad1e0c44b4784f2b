import DataLoader from 'dataloader';

/**
 * The request's DataLoaders, created on first use. A loader is keyed by what it loads and by the
 * arguments of the field that uses it, so every `directReports(first: 5)` in one response is
 * answered by one statement, whatever the number of parents.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, args: unknown, batch: (keys: readonly K[]) => Promise<Array<V | Error>>): DataLoader<K, V> {
    const key = args === undefined ? name : `${name}:${JSON.stringify(args)}`;
    let loader = this.loaders.get(key) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 1000 });
      this.loaders.set(key, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }

  /** Forgets everything loaded: after a mutation, later reads in the request must see its effect. */
  clear(): void {
    this.loaders.clear();
  }
}

/** Orders batch results by key, as DataLoader requires; missing keys become undefined. */
export function byKey<K, V>(keys: readonly K[], values: readonly V[], keyOf: (value: V) => K): Array<V | undefined> {
  const map = new Map(values.map((value) => [keyOf(value), value] as const));
  return keys.map((key) => map.get(key));
}
