import { describe, expect, it } from 'vitest';
import { attachmentHeader } from './contentDisposition.js';

describe('attachmentHeader', () => {
  it('names the file alike in both forms: unsafe characters become one "_", accents stay only in the UTF-8 name', () => {
    expect(attachmentHeader('Plan "Norte"/Sur: año 2027 é', 'md')).toBe(
      `attachment; filename="Plan _Norte_Sur_ ano 2027 e.md"; filename*=UTF-8''Plan%20_Norte_Sur_%20a%C3%B1o%202027%20%C3%A9.md`,
    );
  });

  it('never names a path or a parent folder, and falls back when nothing is left', () => {
    expect(attachmentHeader('../../etc/passwd', 'pdf')).toBe(`attachment; filename="_._etc_passwd.pdf"; filename*=UTF-8''_._etc_passwd.pdf`);
    expect(attachmentHeader(' ... ', 'pdf')).toBe(`attachment; filename="documento.pdf"; filename*=UTF-8''documento.pdf`);
  });
});
