/**
 * Why the guard refused a request (HTTP 400), in GraphQL's error shape: `extensions.code` for
 * programs, what was measured and the limit next to it, and a message that says what to reduce.
 */
export interface GuardRefusal {
  message: string;
  extensions: { code: string } & Record<string, number | string>;
}

function refusal(code: string, message: string, measures: Record<string, number> = {}): GuardRefusal {
  return { message, extensions: { code, ...measures } };
}

export const persistedQueriesNotSupported = () =>
  refusal(
    'PERSISTED_QUERY_NOT_SUPPORTED',
    'Automatic persisted queries are not supported: send the query text with every request.',
  );

export const subscriptionsNotSupported = () =>
  refusal(
    'SUBSCRIPTIONS_NOT_SUPPORTED',
    'This service has no subscriptions. To follow changes, poll directoryChanges with the endCursor of the last page.',
  );

export const documentTooLarge = (bytes: number, maxBytes: number) =>
  refusal(
    'DOCUMENT_TOO_LARGE',
    `The GraphQL document is ${bytes} bytes; the limit is ${maxBytes}. Send a shorter document: fewer fields, or several requests.`,
    { bytes, maxBytes },
  );

export const tooDeeplyNested = (nesting: number, maxNesting: number) =>
  refusal(
    'TOO_DEEPLY_NESTED',
    `The document nests brackets ({ [ and ( ) ${nesting} levels deep; the limit is ${maxNesting}. Nest selections, lists and input objects less deeply.`,
    { nesting, maxNesting },
  );

export const tooManyTokens = (maxTokens: number) =>
  refusal(
    'TOO_MANY_TOKENS',
    `The document has more than ${maxTokens} tokens (names, values and punctuation); the limit is ${maxTokens}. Send a shorter document.`,
    { maxTokens },
  );

// The variables are measured only up to the limits, so these say "more than".
export const variablesTooDeep = (maxDepth: number) =>
  refusal(
    'VARIABLES_TOO_DEEP',
    `A variable nests objects and lists more than ${maxDepth} levels deep; the limit is ${maxDepth}. Send flatter values: combine conditions in one and/or list instead of nesting them.`,
    { maxDepth },
  );

export const variablesTooLarge = (maxValues: number) =>
  refusal(
    'VARIABLES_TOO_LARGE',
    `The variables hold more than ${maxValues} values; the limit is ${maxValues}. Send fewer values, or split the request.`,
    { maxValues },
  );

export const inputTooDeep = (depth: number, maxDepth: number) =>
  refusal(
    'INPUT_TOO_DEEP',
    `An argument nests input objects and lists ${depth} levels deep; the limit is ${maxDepth}. Write flatter values: combine conditions in one and/or list instead of nesting them.`,
    { depth, maxDepth },
  );

export const tooManyFragments = (fragments: number, maxFragments: number) =>
  refusal(
    'TOO_MANY_FRAGMENTS',
    `The document defines ${fragments} fragments; the limit is ${maxFragments}. Use fewer fragments.`,
    { fragments, maxFragments },
  );

export const tooManyFragmentSpreads = (fragmentSpreads: number, maxFragmentSpreads: number) =>
  refusal(
    'TOO_MANY_FRAGMENTS',
    `The operation spreads fragments ${fragmentSpreads} times, counting a spread inside a fragment each time that fragment is spread; the limit is ${maxFragmentSpreads}. Spread fragments fewer times.`,
    { fragmentSpreads, maxFragmentSpreads },
  );

export const tooManyAliases = (aliases: number, maxAliases: number) =>
  refusal(
    'TOO_MANY_ALIASES',
    `The document uses ${aliases} aliases; the limit is ${maxAliases}. Ask for fewer aliased fields: page through a list instead of aliasing one field many times.`,
    { aliases, maxAliases },
  );

export const tooManyDirectives = (directives: number, maxDirectives: number) =>
  refusal(
    'TOO_MANY_DIRECTIVES',
    `The document uses ${directives} directives; the limit is ${maxDirectives}. Use fewer @include and @skip.`,
    { directives, maxDirectives },
  );

export const tooManyFields = (fields: number, maxFields: number) =>
  refusal(
    'TOO_MANY_FIELDS',
    `The operation selects ${fields} fields, counting a fragment's fields each time it is spread; the limit is ${maxFields}. Select fewer fields, or split the request.`,
    { fields, maxFields },
  );

export const tooManyRepeatedFields = (repeatedFields: number, maxRepeatedFields: number) =>
  refusal(
    'TOO_MANY_FIELDS',
    `The document selects a field or alias again in the same selection ${repeatedFields} times; the limit is ${maxRepeatedFields}. Select each field once.`,
    { repeatedFields, maxRepeatedFields },
  );

export const tooDeep = (depth: number, maxDepth: number) =>
  refusal('QUERY_TOO_DEEP', `The query is ${depth} levels deep; the limit is ${maxDepth}. Ask for less nesting.`, {
    depth,
    maxDepth,
  });

export const tooCostly = (cost: number, maxCost: number) =>
  refusal(
    'QUERY_TOO_COSTLY',
    `The query could return about ${cost} values (counts, searches and mutations weigh more); the limit is ${maxCost}. Ask for smaller pages (first), fewer nested lists, or fewer counts, searches and mutations.`,
    { cost, maxCost },
  );
