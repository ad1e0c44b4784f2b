import { MikroORM } from '@mikro-orm/postgresql';
import { connectDatabase } from '../../src/database';
import { ENTITIES } from '../../src/model';
import { KEPT_IN_SQL } from '../../src/model/kept-in-sql';

/**
 * The entities in src/model are the schema of record: the migrated database must match them, and
 * what only SQL holds must be exactly what src/model/kept-in-sql.ts lists.
 */
let orm: MikroORM;

beforeAll(async () => {
  const database = await connectDatabase({ url: process.env.DATABASE_URL!, poolMax: 2 });
  await database.migrate();
  await database.close();
  orm = await MikroORM.init({
    clientUrl: process.env.DATABASE_URL,
    entities: ENTITIES,
    // The job queue's schema belongs to graphile-worker, which migrates it itself (see kept-in-sql.ts).
    schemaGenerator: { ignoreSchema: [...KEPT_IN_SQL.librarySchemas] },
    allowGlobalContext: true,
  });
});
afterAll(() => orm.close());

const rows = <T>(sql: string) => orm.em.getConnection().execute<T[]>(sql, [], 'all');

describe('the schema of record', () => {
  it('is the migrated database: MikroORM finds nothing to change', async () => {
    expect(await orm.schema.getUpdateSchemaSQL({ wrap: false })).toBe('');
  });

  it('has every table as an entity (only MikroORM’s own migrations table is not)', async () => {
    const tables = await rows<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' order by 1`,
    );
    const entityTables = ENTITIES.map((entity) => orm.getMetadata().get(entity.name).tableName);
    expect(tables.map((t) => t.name).filter((name) => name !== 'mikro_orm_migrations')).toEqual(
      [...entityTables].sort(),
    );
  });

  it('has no schema besides public and the ones libraries own', async () => {
    const schemas = await rows<{ name: string }>(
      `select nspname as name from pg_namespace
        where nspname not like 'pg\\_%' and nspname not in ('information_schema', 'public') order by 1`,
    );
    for (const { name } of schemas) expect(KEPT_IN_SQL.librarySchemas).toContain(name);
  });

  it('keeps in SQL exactly the functions, triggers and table options it lists', async () => {
    const functions = await rows<{ name: string }>(
      `select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and p.proname like 'directory\\_%' order by 1`,
    );
    const triggers = await rows<{ name: string }>(
      `select c.relname || '.' || t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
        where not t.tgisinternal order by 1`,
    );
    const unlogged = await rows<{ name: string }>(
      `select relname as name from pg_class where relpersistence = 'u' and relkind = 'r' order by 1`,
    );
    expect(functions.map((f) => f.name)).toEqual([...KEPT_IN_SQL.functions]);
    expect(triggers.map((t) => t.name)).toEqual([...KEPT_IN_SQL.triggers]);
    expect(unlogged.map((t) => t.name)).toEqual([...KEPT_IN_SQL.unloggedTables]);
  });
});
