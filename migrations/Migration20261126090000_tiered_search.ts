import { Migration } from '@mikro-orm/migrations';

/**
 * Type-ahead without ranking every candidate. Ranking all matches and cutting to the page sorted
 * 20,000 rows for "ann" on a 100,000-user tenant (25 ms; 120 ms for a two-letter word, which the
 * trigram index cannot serve). Most type-ahead answers come from the best tier alone, names that
 * start with the first word, so that tier is now read in order from a btree index and stops at the
 * page size; only when it runs out are the other matches found and sorted.
 *
 * The rank and the keyset key (the one definition of them), compared in the "C" collation:
 * - tier 0, search text starting with the first word: '0' || left(search_text, 64) || chr(1) ||
 *   unique name. Ordered by the folded name, as a type-ahead list reads; the index holds exactly
 *   this key. chr(1) separates the parts so that a shorter name sorts before its extensions.
 * - tier 1, another word starts with it, and tier 2, any other match: '1' or '2' || unique name.
 * Arguments: LIKE patterns that must all match ('%word%', escaped and folded), the folded first
 * word (not escaped), the key to continue after (or null), and how many rows (or null for all).
 * Current tenant only.
 */
const PREFIX_LENGTH = 64;

export class Migration20261126090000_tiered_search extends Migration {
  override async up(): Promise<void> {
    for (const [name, table, alias, uniqueName] of [
      ['directory_search_users', 'users', 'u', 'user_name_key'],
      ['directory_search_groups', 'groups', 'g', 'display_name_key'],
    ] as const) {
      const prefixKey = `((left(${alias}.search_text, ${PREFIX_LENGTH}) || chr(1) || ${alias}.${uniqueName}) collate "C")`;
      this.addSql(
        `create index ${table}_search_prefix_idx on ${table} ` +
          `(tenant_id, ((left(search_text, ${PREFIX_LENGTH}) || chr(1) || ${uniqueName}) collate "C"));`,
      );
      this.addSql(`drop function ${name}(text[], text, text, integer);`);
      this.addSql(`
        create function ${name}(patterns text[], first_word text, after_key text, max_rows integer)
        returns table (id uuid, sort_key text)
        language sql stable security definer
        set search_path = pg_catalog, public
        as $$
          (select ${alias}.id, '0' || ${prefixKey}
             from public.${table} ${alias}
            where (after_key is null or left(after_key, 1) = '0')
              and ${alias}.tenant_id = public.directory_current_tenant()
              and ${prefixKey} >= left(first_word, ${PREFIX_LENGTH})
              and ${prefixKey} < left(first_word, ${PREFIX_LENGTH}) || chr(1114111)
              and ${prefixKey} > coalesce(substr(after_key, 2), '')
              and starts_with(${alias}.search_text, first_word)
              and ${alias}.search_text like all (patterns)
            order by ${prefixKey}
            limit max_rows)
          union all
          (select ${alias}.id, ranked.sort_key
             from public.${table} ${alias},
                  lateral (select (case when position(' ' || first_word in ${alias}.search_text) > 0 then '1' else '2' end)
                                  || ${alias}.${uniqueName} collate "C" as sort_key) ranked
            where ${alias}.tenant_id = public.directory_current_tenant()
              and ${alias}.search_text like patterns[1]
              and ${alias}.search_text like all (patterns)
              and not starts_with(${alias}.search_text, first_word)
              and (after_key is null or ranked.sort_key > (after_key collate "C"))
            order by ranked.sort_key
            limit max_rows)
          limit max_rows
        $$;`);
      this.addSql(`revoke all on function ${name}(text[], text, text, integer) from public;`);
      this.addSql(`grant execute on function ${name}(text[], text, text, integer) to evercate_directory_request;`);
    }
  }

  // Down leaves the functions in this form (they answer the same without the index, only slower).
  override async down(): Promise<void> {
    this.addSql(`drop index if exists users_search_prefix_idx;`);
    this.addSql(`drop index if exists groups_search_prefix_idx;`);
  }
}
