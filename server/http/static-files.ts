import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';

/**
 * Serves the built SPA: precompressed files when the browser accepts them, hashed assets
 * cached forever, everything else revalidated, and every unknown path answered with the app's
 * fallback page so that deep links work.
 */
export function staticFiles(buildDir: string): (req: IncomingMessage, res: ServerResponse) => void {
	if (!existsSync(join(buildDir, 'index.html'))) {
		return (_req, res) => {
			res.statusCode = 503;
			res.setHeader('Content-Type', 'text/plain; charset=utf-8');
			res.end('The app is not built. Run `npm run build` (npm start does it for you).\n');
		};
	}
	const serve = sirv(buildDir, {
		dev: false,
		etag: true,
		brotli: true,
		gzip: true,
		single: true,
		setHeaders: (res, pathname) => {
			res.setHeader(
				'Cache-Control',
				pathname.startsWith('/_app/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache'
			);
		}
	});
	return (req, res) => {
		serve(req, res);
	};
}
