import { isValidElement, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { renderCommentBody, safeHref } from '../../client/components/comments/renderCommentBody.js';

const html = (body: string, names: Record<string, string> = {}) => renderToStaticMarkup(renderCommentBody(body, { userName: (id) => names[id], unknownUser: 'usuario' }) as ReactElement);

/** Every element type and prop in a React tree: proof that nothing renders raw HTML. */
function walk(node: ReactNode, seen: Array<{ type: string; props: Record<string, unknown> }> = []) {
  if (Array.isArray(node)) node.forEach((n) => walk(n, seen));
  else if (isValidElement(node)) {
    const props = node.props as Record<string, unknown>;
    seen.push({ type: typeof node.type === 'string' ? node.type : 'component', props });
    walk(props.children as ReactNode, seen);
  }
  return seen;
}

describe('renderCommentBody', () => {
  it('renders the Markdown subset: bold, italic, code, links, paragraphs and line breaks', () => {
    expect(html('**Urgente**: revisar *meta* y _plazo_ con `código`\nsegunda línea\n\nOtro párrafo')).toBe(
      '<p><strong>Urgente</strong>: revisar <em>meta</em> y <em>plazo</em> con <code>código</code><br/>segunda línea</p><p>Otro párrafo</p>',
    );
    expect(html('Ver [la guía](https://unodc.org/guia?x=1&y=2) o https://gob.mx/sspc. Escriba a [nosotros](mailto:enlace@unodc.org)')).toBe(
      '<p>Ver <a href="https://unodc.org/guia?x=1&amp;y=2" target="_blank" rel="noopener noreferrer nofollow ugc">la guía</a> o ' +
        '<a href="https://gob.mx/sspc" target="_blank" rel="noopener noreferrer nofollow ugc">https://gob.mx/sspc</a>. Escriba a ' +
        '<a href="mailto:enlace@unodc.org" target="_blank" rel="noopener noreferrer nofollow ugc">nosotros</a></p>',
    );
  });

  it('shows mentions: users by name, organizations by acronym', () => {
    expect(html('Hola @{usr_1} y @{usr_gone}, pregunta de @SSPC.', { usr_1: 'Ana Torres' })).toBe(
      '<p>Hola <span class="mention mention-user" data-user-id="usr_1">@Ana Torres</span> y <span class="mention mention-user" data-user-id="usr_gone">@usuario</span>, pregunta de <span class="mention mention-org">@SSPC</span>.</p>',
    );
    expect(html('correo: ana@sspc.gob.mx')).toBe('<p>correo: ana@sspc.gob.mx</p>');
  });

  it('shows the group’s longest acronym whole, punctuation inside it or not, as the server reads the mention', () => {
    const acronyms = ['SRE', 'SRE/DGAJ', 'Red A.C.', 'FGE'];
    const render = (body: string) => renderToStaticMarkup(renderCommentBody(body, { acronyms }) as ReactElement);
    expect(render('Que lo vea @SRE/DGAJ y @RedA.C. hoy')).toBe(
      '<p>Que lo vea <span class="mention mention-org">@SRE/DGAJ</span> y <span class="mention mention-org">@RedA.C.</span> hoy</p>',
    );
    // A longer handle that is not the group's: only the acronym it starts with is the mention (what gets notified).
    expect(render('Copia a @FGE-CHIH y @SRE.')).toBe('<p>Copia a <span class="mention mention-org">@FGE</span>-CHIH y <span class="mention mention-org">@SRE</span>.</p>');
  });

  it('shows a person written as @[label](id) or as a member’s bare @id by name; the label as plain text when nobody can name them', () => {
    expect(html('Ver @[Ana](usr_1), @[Beto <b>](usr_gone) y @usr_1; @usr_x es otro', { usr_1: 'Ana Torres' })).toBe(
      '<p>Ver <span class="mention mention-user" data-user-id="usr_1">@Ana Torres</span>, @Beto &lt;b&gt; y <span class="mention mention-user" data-user-id="usr_1">@Ana Torres</span>; <span class="mention mention-org">@usr_x</span> es otro</p>',
    );
  });

  it('never dresses an unresolvable @[label](id) as a person: no chip, no link, the label as typed', () => {
    const out = html('Aviso de @[Admin](usr_fake): entra a @[**Soporte**](usr_x2) ya', { usr_1: 'Ana Torres' });
    expect(out).toBe('<p>Aviso de @Admin: entra a @**Soporte** ya</p>');
    // The same with no way to name anyone at all (the members not loaded).
    expect(renderToStaticMarkup(renderCommentBody('@[Admin](usr_1)') as ReactElement)).toBe('<p>@Admin</p>');
    const elements = walk(renderCommentBody('@[Admin](usr_fake)', { userName: () => undefined, unknownUser: 'usuario' }));
    expect(elements.map((e) => e.type)).toEqual(['component', 'p']);
  });

  it('never lets HTML through: tags are text, event handlers are text', () => {
    const out = html('<img src=x onerror=alert(1)> <script>alert(2)</script> **<b>x</b>**');
    expect(out).toBe('<p>&lt;img src=x onerror=alert(1)&gt; &lt;script&gt;alert(2)&lt;/script&gt; <strong>&lt;b&gt;x&lt;/b&gt;</strong></p>');
    const types = walk(renderCommentBody('<img src=x onerror=alert(1)> [a](https://x.org)')).map((e) => e.type);
    expect(types.filter((t) => !['component', 'p', 'a', 'strong', 'em', 'code', 'br', 'span'].includes(t))).toEqual([]);
    expect(walk(renderCommentBody('<img src=x onerror=alert(1)>')).some((e) => 'dangerouslySetInnerHTML' in e.props)).toBe(false);
  });

  it('keeps dangerous and relative link targets as plain text', () => {
    for (const body of [
      '[clic](javascript:alert(1))',
      '[clic](JaVaScRiPt:alert(1))',
      '[clic](data:text/html,<script>alert(1)</script>)',
      '[clic](vbscript:msgbox)',
      '[clic](/api/notifications/read)',
      '[clic](java\tscript:alert(1))',
    ]) {
      const out = html(body);
      expect(out, body).not.toContain('<a');
      expect(out, body).not.toMatch(/href/);
    }
    expect(html('javascript:alert(1)')).toBe('<p>javascript:alert(1)</p>');
  });

  it('safeHref accepts only absolute http, https and mailto URLs', () => {
    expect(safeHref('https://unodc.org')).toBe('https://unodc.org/');
    expect(safeHref('mailto:a@b.mx')).toBe('mailto:a@b.mx');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref(' https://x.org')).toBeNull();
    expect(safeHref('//evil.example')).toBeNull();
    expect(safeHref('ftp://x.org')).toBeNull();
  });
});
