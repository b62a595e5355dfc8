/** `React.lazy` for a page module that survives a redeploy: a failed chunk reloads once, then reports clearly. */
import { type ComponentType, lazy } from 'react';
import { PageLoadError, reloadForNewVersion, reloadPending } from './staleChunkReload.js';

/** Never settles: keeps the loading indicator up until the reload replaces the document. */
const untilReload = <T>() => new Promise<T>(() => {});

/** A lazy component for the export `name` of the module `load` imports. */
export function lazyPage<M extends Record<K, ComponentType>, K extends keyof M & string>(load: () => Promise<M>, name: K) {
  return lazy(async (): Promise<{ default: M[K] }> => {
    let mod: M | undefined;
    try {
      // Undefined only if something prevented Vite's throw on a failed preload.
      mod = (await load()) as M | undefined;
    } catch (err) {
      if (reloadPending() || (await reloadForNewVersion())) return untilReload();
      throw new PageLoadError(err);
    }
    if (!mod) {
      if (reloadPending()) return untilReload();
      throw new PageLoadError(new Error(`Page module for ${name} did not load`));
    }
    return { default: mod[name] };
  });
}
