import { describe, expect, it, vi } from 'vitest';
import { documentToPdf } from './renderPdf.js';
import { pdfShownText } from './testSupport.js';

// A server installed without the emoji font package: resolving its file fails as Node fails for a missing package.
vi.mock('node:module', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:module')>();
  return {
    ...actual,
    createRequire(from: string | URL): NodeJS.Require {
      const real = actual.createRequire(from);
      const realResolve = real.resolve;
      const resolve = Object.assign(
        (id: string, options?: { paths?: string[] }): string => {
          if (id.startsWith('@fontsource/noto-emoji/')) throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
          return realResolve(id, options);
        },
        { paths: realResolve.paths },
      );
      return Object.assign(real, { resolve });
    },
  };
});

describe('documentToPdf without the emoji font package', () => {
  it('renders emoji as "?" as before, drops U+FE0F, and still writes DejaVu text', async () => {
    const { buffer } = await documentToPdf({
      title: 'T',
      meta: [],
      titlePage: false,
      blocks: [{ type: 'paragraph', runs: [{ text: 'Voto 👍 listo ✅\uFE0F en Москва' }] }],
      pageLabel: '{n} / {total}',
      lang: 'es',
    });
    expect(pdfShownText(buffer).replace(/\n/g, '')).toContain('Voto ? listo ? en Москва');
    expect(buffer.toString('latin1')).not.toContain('NotoEmoji');
  });
});
