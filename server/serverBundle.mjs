// The server bundle's esbuild options, shared by `npm start`, the test setup and the bench: one list of entry
// points (the server, and its worker threads: exports rendering DOCX, PDF and XLSX, and compaction's folds).
import { join } from 'node:path';

/** esbuild options that bundle the server from the repository at `root` into `outdir` (main.js, renderWorker.js, foldWorker.js, diffWorker.js, restoreWorker.js). */
export function serverBuildOptions(root, outdir) {
  return {
    entryPoints: [join(root, 'server/main.ts'), join(root, 'server/exports/renderWorker.ts'), join(root, 'server/sync/foldWorker.ts'), join(root, 'server/versions/diffWorker.ts'), join(root, 'server/versions/restoreWorker.ts')],
    outdir,
    entryNames: '[name]',
    bundle: true,
    // Lazy imports (PGlite, DOCX/PDF, Redis) stay separate chunks, loaded only when used.
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  };
}
