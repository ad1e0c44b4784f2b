import type { ScimError } from '../errors';
import type { AttrPath } from '../schema/attribute-path';
import type { CompareOperator, Filter, FilterValue, PatchPathSyntax } from './filter-ast';

const compareOperators: ReadonlySet<string> = new Set<CompareOperator>([
  'eq',
  'ne',
  'co',
  'sw',
  'ew',
  'gt',
  'ge',
  'lt',
  'le',
]);

/** Deeper nesting is no filter a client means; the limit keeps hostile input off the call stack. */
const maxNesting = 32;

/** Characters of `[URI ":"] ATTRNAME ["." subAttr]`; the URI of a SCIM extension is a URN. */
const pathCharacter = /[A-Za-z0-9_$:.-]/;
/** RFC 7643 ATTRNAME (ALPHA *(nameChar)), plus the `$ref` sub-attribute. */
const attributeName = /^\$?[A-Za-z][A-Za-z0-9_-]*$/;
/** A token that ends an unquoted value: whitespace, grouping or a quote. */
const valueDelimiter = /[\s()[\]"]/;
/** `not` only when a "(" follows: an attribute may be called "not". */
const notKeyword = /not\s*\(/iy;
const jsonNumber = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const simpleEscapes: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * Recursive-descent parser for the RFC 7644 §3.4.2.2 filter grammar and the §3.5.2 PATCH path
 * grammar built on it. Precedence: `or` < `and` < `not`/grouping; keywords, operators and literals
 * ignore case. It is lenient where Entra and hand-written filters need it (any run of whitespace
 * between tokens, unquoted values, `emails[type eq "work"].value eq "x"`) and reports
 * everything else through `fail` with the character position, so an admin reading Entra's
 * provisioning log can see what to fix.
 */
export class FilterGrammar {
  private position = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly fail: (detail: string) => ScimError,
    private readonly subject: 'filter' | 'path',
  ) {}

  /** FILTER, up to the end of the text. */
  filter(): Filter {
    this.skipSpace();
    if (this.atEnd()) throw this.error(`the ${this.subject} is empty`);
    const filter = this.orExpression(false);
    this.skipSpace();
    if (!this.atEnd())
      throw this.error(`expected "and", "or" or the end of the ${this.subject}, found ${this.found()}`);
    return filter;
  }

  /** PATH = attrPath / valuePath ["." subAttr], up to the end of the text. */
  patchPath(): PatchPathSyntax {
    this.skipSpace();
    if (this.atEnd()) throw this.error('the path is empty');
    const path = this.attrPath(false);
    let filter: Filter | undefined;
    if (this.peek() === '[') {
      filter = this.bracketedFilter(path);
      if (this.peek() === '.') {
        this.position++;
        path.subAttribute = this.name();
      }
    }
    this.skipSpace();
    if (!this.atEnd()) throw this.error(`expected the end of the path, found ${this.found()}`);
    return filter ? { path, filter } : { path };
  }

  private orExpression(inValuePath: boolean): Filter {
    const filters = [this.andExpression(inValuePath)];
    while (this.keyword('or')) filters.push(this.andExpression(inValuePath));
    return filters.length === 1 ? filters[0]! : { kind: 'or', filters };
  }

  private andExpression(inValuePath: boolean): Filter {
    const filters = [this.term(inValuePath)];
    while (this.keyword('and')) filters.push(this.term(inValuePath));
    return filters.length === 1 ? filters[0]! : { kind: 'and', filters };
  }

  private term(inValuePath: boolean): Filter {
    this.skipSpace();
    if (this.peek() === '(') return this.group(inValuePath);
    notKeyword.lastIndex = this.position;
    const negation = notKeyword.exec(this.text);
    if (negation) {
      this.position += negation[0].length - 1;
      return { kind: 'not', filter: this.group(inValuePath) };
    }
    const path = this.attrPath(inValuePath);
    if (this.peek() !== '[') return this.comparison(path);
    if (inValuePath) throw this.error('a filter inside [ ] cannot contain another [ ]');
    const inner = this.bracketedFilter(path);
    if (this.peek() !== '.') return { kind: 'valuePath', path, filter: inner };
    // Entra's form: the condition after ".sub" holds for the same element as the brackets.
    this.position++;
    const condition = this.comparison({ attribute: this.name() });
    const filters = inner.kind === 'and' ? [...inner.filters, condition] : [inner, condition];
    return { kind: 'valuePath', path, filter: { kind: 'and', filters } };
  }

  /** "(" FILTER ")", the cursor on the "(". */
  private group(inValuePath: boolean): Filter {
    const open = this.position;
    this.enter();
    this.position++;
    const inner = this.orExpression(inValuePath);
    this.skipSpace();
    if (this.peek() !== ')') {
      throw this.error(`expected ")" to close the "(" at character ${open + 1}, found ${this.found()}`);
    }
    this.position++;
    this.depth--;
    return inner;
  }

  /** "[" valFilter "]" after a multi-valued attribute, the cursor on the "[". */
  private bracketedFilter(path: AttrPath): Filter {
    const open = this.position;
    if (path.subAttribute !== undefined) {
      throw this.error(`"[" must follow an attribute name, not the sub-attribute "${path.subAttribute}"`);
    }
    this.enter();
    this.position++;
    const inner = this.orExpression(true);
    this.skipSpace();
    if (this.peek() !== ']') {
      throw this.error(`expected "]" to close the "[" at character ${open + 1}, found ${this.found()}`);
    }
    this.position++;
    this.depth--;
    return inner;
  }

  private comparison(path: AttrPath): Filter {
    const afterPath = this.position;
    this.skipSpace();
    if (this.position === afterPath && !this.atEnd()) {
      throw this.error(`expected a space and an operator after the attribute name, found ${this.found()}`);
    }
    const operatorStart = this.position;
    const operator = this.readWhile((character) => /[A-Za-z]/.test(character)).toLowerCase();
    if (operator === 'pr') return { kind: 'present', path };
    if (!compareOperators.has(operator)) {
      this.position = operatorStart;
      throw this.error(`expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le or pr), found ${this.found()}`);
    }
    this.skipSpace();
    return { kind: 'compare', path, operator: operator as CompareOperator, ...this.value(operator) };
  }

  private value(operator: string): { value: FilterValue; raw?: string } {
    if (this.atEnd()) throw this.error(`expected a value after "${operator}", but the ${this.subject} ends`);
    if (this.peek() === '"') return { value: this.quotedString() };
    const raw = this.readWhile((character) => !valueDelimiter.test(character));
    if (raw === '') throw this.error(`expected a value after "${operator}", found ${this.found()}`);
    const lower = raw.toLowerCase();
    if (lower === 'true' || lower === 'false') return { value: lower === 'true', raw };
    if (lower === 'null') return { value: null, raw };
    if (jsonNumber.test(raw)) return { value: Number(raw), raw };
    return { value: raw, raw };
  }

  /**
   * A JSON string. An unknown escape keeps its backslash rather than failing, so a value such as
   * "DOMAIN\user" still means what its sender meant.
   */
  private quotedString(): string {
    const open = this.position;
    this.position++;
    let decoded = '';
    for (;;) {
      if (this.atEnd()) {
        this.position = open;
        throw this.error('the string that starts here has no closing double quote');
      }
      const character = this.text[this.position]!;
      if (character === '"') {
        this.position++;
        return decoded;
      }
      if (character !== '\\') {
        decoded += character;
        this.position++;
        continue;
      }
      const escaped = this.text[this.position + 1] ?? '';
      const hex = this.text.slice(this.position + 2, this.position + 6);
      if (Object.hasOwn(simpleEscapes, escaped)) {
        decoded += simpleEscapes[escaped];
        this.position += 2;
      } else if (escaped === 'u' && /^[0-9a-fA-F]{4}$/.test(hex)) {
        decoded += String.fromCharCode(parseInt(hex, 16));
        this.position += 6;
      } else {
        decoded += character;
        this.position++;
      }
    }
  }

  private attrPath(inValuePath: boolean): AttrPath {
    const start = this.position;
    const token = this.readWhile((character) => pathCharacter.test(character));
    if (token === '') throw this.error(`expected an attribute name, found ${this.found()}`);
    const colon = token.lastIndexOf(':');
    const uri = colon >= 0 ? token.slice(0, colon) : undefined;
    const names = token.slice(colon + 1).split('.');
    const invalid = names.find((name) => !attributeName.test(name));
    if (uri === '' || names.length > 2 || invalid !== undefined) {
      this.position = start;
      throw this.error(
        `"${token}" is not an attribute path; write attribute, attribute.subAttribute or schemaUrn:attribute`,
      );
    }
    const path: AttrPath = { attribute: names[0]! };
    if (uri !== undefined) path.uri = uri;
    if (names[1] !== undefined) path.subAttribute = names[1];
    if (inValuePath && (uri !== undefined || names.length > 1)) {
      this.position = start;
      throw this.error(`inside [ ] name a sub-attribute such as "type" or "value", not "${token}"`);
    }
    return path;
  }

  /** A sub-attribute name after "]." */
  private name(): string {
    const name = this.readWhile((character) => /[A-Za-z0-9_$-]/.test(character));
    if (!attributeName.test(name)) throw this.error(`expected a sub-attribute name after ".", found ${this.found()}`);
    return name;
  }

  /** Consumes `and`/`or` when it comes next as a whole word. */
  private keyword(word: 'and' | 'or'): boolean {
    const start = this.position;
    this.skipSpace();
    const end = this.position + word.length;
    const after = this.text[end];
    if (this.text.slice(this.position, end).toLowerCase() === word && (after === undefined || /[\s(]/.test(after))) {
      this.position = end;
      return true;
    }
    this.position = start;
    return false;
  }

  private enter(): void {
    if (++this.depth > maxNesting) throw this.error(`the ${this.subject} nests more than ${maxNesting} levels deep`);
  }

  private readWhile(accept: (character: string) => boolean): string {
    const start = this.position;
    while (!this.atEnd() && accept(this.text[this.position]!)) this.position++;
    return this.text.slice(start, this.position);
  }

  private skipSpace(): void {
    this.readWhile((character) => /\s/.test(character));
  }

  private peek(): string | undefined {
    return this.text[this.position];
  }

  private atEnd(): boolean {
    return this.position >= this.text.length;
  }

  private found(): string {
    if (this.atEnd()) return 'the end';
    return JSON.stringify(this.text.slice(this.position, this.position + 20));
  }

  private error(message: string): ScimError {
    const shown = this.text.length > 200 ? `${this.text.slice(0, 200)}…` : this.text;
    return this.fail(
      `Invalid ${this.subject} ${JSON.stringify(shown)}: ${message} (at character ${this.position + 1}).`,
    );
  }
}
