import type { BuildOptions } from 'esbuild';

/** esbuild options that bundle the server from the repository at `root` into `outdir` (main.js, renderWorker.js, foldWorker.js). */
export function serverBuildOptions(root: string, outdir: string): BuildOptions;
