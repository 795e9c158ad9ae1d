import path from 'node:path';
import fs from 'node:fs';
import type { Request, Response, Server } from 'restify';

/** The built tab (npm run build:tab): dist/tab from the sources, or beside the server bundle in dist/. */
export const TAB_DIST = [path.resolve(__dirname, '..', '..', 'dist', 'tab'), path.resolve(__dirname, '..', 'tab')].find((dir) => fs.existsSync(path.join(dir, 'index.html'))) ?? path.resolve(__dirname, '..', '..', 'dist', 'tab');

// Teams, Outlook and the Microsoft 365 app host tabs in frames from these origins.
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' https:; " +
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.teams.microsoft.us https://*.office.com https://*.cloud.microsoft https://*.skype.com https://*.microsoft365.com";

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

function serveTabFile(req: Request, res: Response, mode: 'local' | 'production'): void {
  const requested = String(req.params['*'] ?? '') || 'index.html';
  const file = path.resolve(TAB_DIST, requested);
  // Source maps are for debugging here; in production they would hand out the tab's source.
  const hidden = mode === 'production' && file.endsWith('.map');
  if (hidden || !file.startsWith(TAB_DIST + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.send(404);
    return;
  }
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': file.endsWith('.html') ? 'no-cache' : 'public, max-age=300',
  });
  fs.createReadStream(file).pipe(res);
}

/** The tab's own files under /tab/, framed only by Microsoft 365's hosts. */
export function registerTabFiles(server: Server, mode: 'local' | 'production'): void {
  server.get('/tab', async (_req, res) => {
    res.redirect(301, '/tab/', () => undefined);
  });
  server.get('/tab/*', async (req, res) => serveTabFile(req, res, mode));
}
