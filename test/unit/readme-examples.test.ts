import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';

/**
 * The README's GraphQL examples are what a frontend developer pastes into GraphiQL first; they
 * must stay valid against the committed schema as the API evolves.
 */
const root = path.resolve(__dirname, '../..');
const schema = buildSchema(readFileSync(path.join(root, 'schema/schema.graphql'), 'utf8'));
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

// A block may hold several operations, each starting at the beginning of a line.
const operations = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)]
  .flatMap((block) => block[1]!.split(/\n(?=query|mutation|\{)/))
  .filter((text) => text.replace(/#.*$/gm, '').trim() !== '');

describe('README GraphQL examples', () => {
  it('has examples', () => {
    expect(operations.length).toBeGreaterThan(5);
  });

  it.each(operations.map((text) => [text.replace(/#.*$/gm, '').replace(/\s+/g, ' ').trim().slice(0, 70), text]))(
    'validates against schema/schema.graphql: %s',
    (_title, text) => {
      expect(validate(schema, parse(text)).map((error) => error.message)).toEqual([]);
    },
  );
});
