import type { Request, Response, Server } from 'restify';
import { languageFromLocale } from '../src/i18n/languages';
import { translator } from '../src/i18n/translate';
import type { Config } from './config';

type LegalSettings = Pick<Config, 'defaultLanguage' | 'retention'>;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The privacy and terms pages the Teams manifest links to, in the reader's language. */
function legalPage(config: LegalSettings, kind: 'privacy' | 'terms') {
  return async (req: Request, res: Response) => {
    const query = (req.query ?? {}) as Record<string, string | undefined>;
    const language = languageFromLocale(query.locale ?? req.header('accept-language'), config.defaultLanguage);
    const t = translator(language);
    const vars = { hideDays: config.retention.hideAfterDays, deleteDays: config.retention.deleteAfterDays };
    const paragraphs = Object.values(t(`legal.${kind}`, { returnObjects: true, ...vars }) as unknown as Record<string, string>);
    const title = t(`legal.${kind}Title`);
    const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:'Segoe UI',system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#242424}h1{font-size:1.5rem}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</main></body></html>`;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'", 'Cache-Control': 'no-cache' });
    res.end(html);
  };
}

export function registerLegalPages(server: Server, config: LegalSettings): void {
  server.get('/privacy', legalPage(config, 'privacy'));
  server.get('/terms', legalPage(config, 'terms'));
  server.get('/', async (_req: Request, res: Response) => {
    res.redirect(302, '/privacy', () => undefined);
  });
}
