/**
 * Every interface string is translated: the Spanish and English files have the same keys (plural
 * forms aside) and the same {{placeholders}}, every key the client asks for exists, and no JSX text
 * or user-facing attribute in the client is a hard-coded phrase instead of a `t(...)` call.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CONFLICT_REASONS } from '../../shared/constants.js';
import en from '../../client/i18n/en.json' with { type: 'json' };
import es from '../../client/i18n/es.json' with { type: 'json' };

const clientDir = fileURLToPath(new URL('../../client', import.meta.url));
const PLURAL = /_(zero|one|two|few|many|other)$/;
/** Attributes a person reads or hears. */
const VISIBLE_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label']);
/** Text that is the same in every language on purpose: the product's name, credits of the map's authors and licence. */
const UNTRANSLATED = new Set(['Enlace', '@svg-maps/mexico', '© Victor Cazanave,', 'CC BY 4.0']);

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const esKeys = flatten(es as Tree);
const enKeys = flatten(en as Tree);
const base = (key: string) => key.replace(PLURAL, '');
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1]).sort();
const parsed = sourceFiles(clientDir).map((file) => ({
  file: relative(clientDir, file),
  source: ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS),
}));

function visit(node: ts.Node, fn: (n: ts.Node) => void): void {
  fn(node);
  node.forEachChild((child) => visit(child, fn));
}

/** Whether JSX text sits inside an element marked `translate="no"` (names, codes: the HTML way to say "keep as is"). */
function insideNoTranslate(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isJsxElement(n)) {
      const attr = n.openingElement.attributes.properties.find((p) => ts.isJsxAttribute(p) && p.name.getText() === 'translate');
      if (attr && ts.isJsxAttribute(attr) && attr.initializer && ts.isStringLiteral(attr.initializer) && attr.initializer.text === 'no') return true;
    }
  }
  return false;
}

describe('translations', () => {
  it('have the same keys in Spanish and English, plural forms aside', () => {
    const esBases = new Set([...esKeys.keys()].map(base));
    const enBases = new Set([...enKeys.keys()].map(base));
    expect([...esBases].filter((k) => !enBases.has(k)), 'missing in en.json').toEqual([]);
    expect([...enBases].filter((k) => !esBases.has(k)), 'missing in es.json').toEqual([]);
    for (const keys of [esKeys, enKeys]) {
      const plurals = [...keys.keys()].filter((k) => PLURAL.test(k));
      expect(plurals.filter((k) => !keys.has(`${base(k)}_other`)), 'plural without _other').toEqual([]);
    }
  });

  it('are non-empty and use the same placeholders in both languages', () => {
    const problems: string[] = [];
    for (const [key, value] of esKeys) {
      if (!value.trim()) problems.push(`es ${key} is empty`);
      const other = enKeys.get(key) ?? enKeys.get(`${base(key)}_other`);
      if (other === undefined) continue;
      if (!other.trim()) problems.push(`en ${key} is empty`);
      if (placeholders(value).join() !== placeholders(other).join()) problems.push(`${key}: {{${placeholders(value)}}} vs {{${placeholders(other)}}}`);
    }
    expect(problems).toEqual([]);
  });

  it('cover every key the client asks for', () => {
    const missing: string[] = [];
    const has = (key: string) => esKeys.has(key) || esKeys.has(`${key}_other`);
    const hasPrefix = (prefix: string) => [...esKeys.keys()].some((k) => k.startsWith(prefix));
    for (const { file, source } of parsed) {
      visit(source, (node) => {
        if (!ts.isCallExpression(node) || node.arguments.length === 0) return;
        const callee = node.expression;
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
        if (name !== 't') return;
        const arg = node.arguments[0];
        if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) {
          if (!has(arg.text)) missing.push(`${file}: t('${arg.text}')`);
        } else if (ts.isTemplateExpression(arg) && arg.head.text) {
          // t(`mandateAreas.${area}`): the fixed part must name an existing group of keys.
          if (!hasPrefix(arg.head.text)) missing.push(`${file}: t(\`${arg.head.text}…\`)`);
        }
      });
    }
    expect(missing).toEqual([]);
  });

  it('are asked for with a count wherever they have plural forms (else "1 de 1 instituciones" reads wrong)', () => {
    const countless: string[] = [];
    for (const { file, source } of parsed) {
      visit(source, (node) => {
        if (!ts.isCallExpression(node) || node.arguments.length === 0) return;
        const callee = node.expression;
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
        const arg = node.arguments[0];
        if (name !== 't' || !(ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) || !esKeys.has(`${arg.text}_other`)) return;
        const options = node.arguments[1];
        const hasCount =
          options !== undefined &&
          (!ts.isObjectLiteralExpression(options) ||
            options.properties.some((p) => ts.isSpreadAssignment(p) || (p.name !== undefined && ts.isIdentifier(p.name) && p.name.text === 'count')));
        if (!hasCount) countless.push(`${file}: t('${arg.text}')`);
      });
    }
    expect(countless).toEqual([]);
  });

  it('leave no hard-coded words in JSX text or user-facing attributes', () => {
    const found: string[] = [];
    // URLs (a link field's "https://" hint) are the same in every language.
    const wordy = (s: string) => /\p{L}{2,}/u.test(s) && !UNTRANSLATED.has(s.trim()) && !/^[a-z][a-z0-9+.-]*:\/\/\S*$/i.test(s.trim());
    for (const { file, source } of parsed) {
      if (!file.endsWith('.tsx')) continue;
      visit(source, (node) => {
        if (ts.isJsxText(node) && wordy(node.text) && !insideNoTranslate(node)) found.push(`${file}: text "${node.text.trim()}"`);
        if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText(source)) && node.initializer) {
          const init = node.initializer;
          const literal = ts.isStringLiteral(init) ? init : ts.isJsxExpression(init) && init.expression && ts.isStringLiteral(init.expression) ? init.expression : undefined;
          if (literal && wordy(literal.text)) found.push(`${file}: ${node.name.getText(source)}="${literal.text}"`);
        }
      });
    }
    expect(found).toEqual([]);
  });
});

/**
 * Field names an action's PATCH body may carry: the route records `Object.keys(body)` as they are, which no source walk
 * can read (server/routes/actions/routes.ts; its body schema lists them).
 */
const AUDITED_BODY_FIELDS = ['status', 'title', 'dueDate', 'assigneeId'];

/** Property names of an object literal, with those of object literals spread into it. */
function literalKeys(o: ts.ObjectLiteralExpression): string[] {
  return o.properties.flatMap((p) => {
    if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && ts.isIdentifier(p.name)) return [p.name.text];
    if (ts.isSpreadAssignment(p)) {
      let inner: ts.Expression = p.expression;
      while (ts.isParenthesizedExpression(inner) || ts.isConditionalExpression(inner)) inner = ts.isParenthesizedExpression(inner) ? inner.expression : inner.whenTrue;
      return ts.isObjectLiteralExpression(inner) ? literalKeys(inner) : [];
    }
    return [];
  });
}

/**
 * The field names the server writes into audit entries' `changes`: object literals given as or assigned to `changes`,
 * `changes.x = …`, and `changes[key] = …` inside a loop over a literal list of keys.
 */
function auditChangeFields(): Map<string, string> {
  const serverDir = fileURLToPath(new URL('../../server', import.meta.url));
  const found = new Map<string, string>(AUDITED_BODY_FIELDS.map((f) => [f, 'routes/actions/routes.ts']));
  for (const file of sourceFiles(serverDir).filter((f) => !f.endsWith('.test.ts'))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const add = (keys: string[]) => keys.forEach((k) => found.set(k, relative(serverDir, file)));
    visit(source, (n) => {
      const named = (ts.isPropertyAssignment(n) || ts.isVariableDeclaration(n)) && n.name.getText() === 'changes';
      if (named && n.initializer && ts.isObjectLiteralExpression(n.initializer)) add(literalKeys(n.initializer));
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && n.left.expression.getText() === 'changes') add([n.left.name.text]);
      if (ts.isForOfStatement(n) && /\bchanges\[/.test(n.statement.getText())) {
        let list: ts.Expression = n.expression;
        if (ts.isAsExpression(list)) list = list.expression;
        if (ts.isArrayLiteralExpression(list)) add(list.elements.filter(ts.isStringLiteral).map((e) => e.text));
      }
    });
  }
  return found;
}

describe('audit wording', () => {
  it('labels every field the server records in an audit entry, in both languages (the audit page showed raw names)', () => {
    const fields = auditChangeFields();
    // A floor: the walk finds fields of each kind it reads (a change that found none would pass with nothing checked).
    for (const known of ['role', 'facilitatorsNamed', 'replaces', 'stateCode', 'body', 'active', 'resolution']) expect(fields.has(known), known).toBe(true);
    const missing = (keys: Map<string, string>) => [...fields].filter(([f]) => !keys.has(`audit.fields.${f}`)).map(([f, file]) => `${f} (${file})`);
    expect(missing(esKeys), 'es.json').toEqual([]);
    expect(missing(enKeys), 'en.json').toEqual([]);
  });
});

describe('conflict wording', () => {
  it('says what each 409 reason the server gives means and what to do, in both languages (a missing one showed its raw key)', () => {
    const missing = (keys: Map<string, string>) => CONFLICT_REASONS.flatMap((r) => ['title', 'hint'].map((part) => `errors.conflictReasons.${r}.${part}`)).filter((k) => !keys.has(k));
    expect(missing(esKeys), 'es.json').toEqual([]);
    expect(missing(enKeys), 'en.json').toEqual([]);
  });
});
