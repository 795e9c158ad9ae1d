import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { catalogues } from '../src/i18n/catalogues';
import { LANGUAGES, languageFromLocale } from '../src/i18n/languages';
import { hasKey, i18nextTranslator, translator } from '../src/i18n/translate';

const ROOT = path.join(__dirname, '..');

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const result = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') result.set(full, value);
    else for (const [k, v] of leaves(value, full)) result.set(k, v);
  }
  return result;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string, extensions: string[]): string[] {
  const full = path.join(ROOT, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((file) => extensions.some((ext) => file.endsWith(ext)) && !file.endsWith('.test.ts') && !file.endsWith('.d.ts'))
    .map((file) => path.join(full, file));
}

const CODE = [...sourceFiles('src', ['.ts']), ...sourceFiles('bot', ['.ts']), ...sourceFiles('tab', ['.ts', '.tsx'])];

describe('the message catalogue', () => {
  const english = leaves(catalogues.en as Tree);

  for (const language of LANGUAGES.filter((l) => l !== 'en')) {
    it(`has every English key in ${language}, with the same placeholders`, () => {
      const translated = leaves(catalogues[language] as Tree);
      const missing: string[] = [];
      const mismatched: string[] = [];
      for (const [key, text] of english) {
        const candidates = [key, key.replace(/_other$/, '_many')];
        const value = translated.get(key);
        if (value === undefined || value.trim() === '') {
          missing.push(key);
          continue;
        }
        if (placeholders(value).join() !== placeholders(text).join()) mismatched.push(`${key} (${candidates[0]})`);
      }
      expect(missing, `missing in ${language}`).to.deep.equal([]);
      expect(mismatched, `placeholders differ in ${language}`).to.deep.equal([]);
    });
  }

  it('translates every key exactly as i18next does, in every language, with and without variables', () => {
    for (const language of LANGUAGES) {
      const fast = translator(language);
      const reference = i18nextTranslator(language);
      for (const [key, text] of english) {
        if (/_(zero|one|two|few|many|other)$/.test(key)) continue;
        const names = placeholders(text);
        const vars = Object.fromEntries(names.map((name, i) => [name, i % 2 ? i * 7 : `v<${name}>&`]));
        expect(fast(key, vars), `${language} ${key}`).to.equal(reference(key, vars));
        if (names.length > 0) expect(fast(key, {}), `${language} ${key} without values`).to.equal(reference(key, {}));
      }
    }
  });

  it('returns whole sections as i18next does', () => {
    for (const language of LANGUAGES) {
      for (const section of ['alerts.form', 'alerts.card', 'plan.status', 'help.commands']) {
        expect(translator(language)(section, { returnObjects: true }), `${language} ${section}`).to.deep.equal(i18nextTranslator(language)(section, { returnObjects: true }));
      }
    }
  });

  it('picks the language from the Teams locale and falls back to English', () => {
    expect(languageFromLocale('fr-FR')).to.equal('fr');
    expect(languageFromLocale('pt-BR')).to.equal('pt');
    expect(languageFromLocale('es-419')).to.equal('es');
    expect(languageFromLocale('IT')).to.equal('it');
    expect(languageFromLocale('de-DE')).to.equal('en');
    expect(languageFromLocale(undefined)).to.equal('en');
  });

  it('has every key the code asks for', () => {
    const used = new Set<string>();
    for (const file of CODE) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)) used.add(match[1]);
      for (const match of text.matchAll(/\)\(\s*'([a-zA-Z][\w.]*\.[\w.]+)'/g)) used.add(match[1]);
    }
    expect(used.size).to.be.greaterThan(10);
    const missing = [...used].filter((key) => !hasKey('en', key) && !hasKey('en', `${key}_one`));
    expect(missing).to.deep.equal([]);
  });
});

/** Text a person would read: letters and a space, or a capitalised word, not an identifier or a path. */
function looksLikeProse(text: string): boolean {
  const trimmed = text.trim();
  if (!/\p{L}/u.test(trimmed)) return false;
  if (/^[\w.:/@#${}-]+$/.test(trimmed) && !/^\p{Lu}\p{Ll}+$/u.test(trimmed)) return false;
  return /\p{L}{2,}\s+\p{L}{2,}/u.test(trimmed) || /^\p{Lu}\p{Ll}{2,}[.!?]?$/u.test(trimmed);
}

const USER_FACING_PROPERTIES = new Set(['text', 'title', 'label', 'placeholder', 'errorMessage', 'altText', 'message', 'value', 'summary', 'subtitle']);
const USER_FACING_CALLS = new Set(['sendActivity', 'text', 'setTitle', 'alert']);

describe('no user-facing text outside the catalogue', () => {
  it('has no prose literal in JSX, replies or card data in the code', () => {
    const offenders: string[] = [];
    for (const file of CODE) {
      const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
      const where = (node: ts.Node) => `${path.relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      const visit = (node: ts.Node) => {
        if (ts.isJsxText(node) && looksLikeProse(node.text)) offenders.push(`${where(node)} JSX text "${node.text.trim()}"`);
        if (ts.isJsxAttribute(node) && node.initializer && ts.isStringLiteral(node.initializer) && ['aria-label', 'title', 'placeholder', 'alt', 'label'].includes(node.name.getText()) && looksLikeProse(node.initializer.text)) {
          offenders.push(`${where(node)} JSX attribute "${node.initializer.text}"`);
        }
        if (ts.isPropertyAssignment(node) && USER_FACING_PROPERTIES.has(node.name.getText()) && (ts.isStringLiteral(node.initializer) || ts.isNoSubstitutionTemplateLiteral(node.initializer)) && looksLikeProse(node.initializer.text)) {
          offenders.push(`${where(node)} property ${node.name.getText()}: "${node.initializer.text}"`);
        }
        if (ts.isCallExpression(node)) {
          const name = ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : node.expression.getText();
          const first = node.arguments[0];
          if (USER_FACING_CALLS.has(name) && first && (ts.isStringLiteral(first) || ts.isTemplateExpression(first) || ts.isNoSubstitutionTemplateLiteral(first)) && looksLikeProse(first.getText().slice(1, -1))) {
            offenders.push(`${where(node)} ${name}(${first.getText()})`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(offenders).to.deep.equal([]);
  });

  it('has only bindings in the text of card templates', () => {
    const offenders: string[] = [];
    const walk = (node: unknown, file: string, trail: string) => {
      if (Array.isArray(node)) node.forEach((item, i) => walk(item, file, `${trail}[${i}]`));
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (typeof value === 'string' && USER_FACING_PROPERTIES.has(key) && looksLikeProse(value.replace(/\$\{[^}]*\}/g, ''))) offenders.push(`${file} ${trail}.${key}: "${value}"`);
          else walk(value, file, `${trail}.${key}`);
        }
      }
    };
    for (const file of sourceFiles('bot/cards', ['.json'])) walk(JSON.parse(fs.readFileSync(file, 'utf8')), path.relative(ROOT, file), '$');
    expect(offenders).to.deep.equal([]);
  });

  it('catches prose when it is there (the scanner can fail)', () => {
    expect(looksLikeProse('Something went wrong')).to.equal(true);
    expect(looksLikeProse('Sorry')).to.equal(true);
    expect(looksLikeProse('help.title')).to.equal(false);
    expect(looksLikeProse('application/json')).to.equal(false);
    expect(looksLikeProse('AdaptiveCard')).to.equal(false);
  });
});
