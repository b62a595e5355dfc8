/** The repository root, found from this module whether it runs from source (tsx) or from the bundle in dist/server. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The nearest folder above this module that holds package.json and db/migrations. */
export function projectRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!(existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'db', 'migrations')))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the Enlace project root');
    dir = up;
  }
  return (cached = dir);
}
