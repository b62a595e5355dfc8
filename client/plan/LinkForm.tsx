/** Inline form to set or remove the link on the current selection. */
import type { Editor } from '@tiptap/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** Only web and mail links; anything else (javascript:, data:) is refused. */
export function normalizeHref(raw: string): string | null {
  const v = raw.trim();
  if (!v) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(v) ? v : `https://${v}`;
  try {
    const url = new URL(withScheme);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** Shown under the toolbar while editing a link; `onDone` closes it. */
export function LinkForm({ editor, onDone }: { editor: Editor; onDone: () => void }) {
  const { t } = useTranslation();
  const current = (editor.getAttributes('link').href as string | undefined) ?? '';
  const [value, setValue] = useState(current);
  const [invalid, setInvalid] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => inputRef.current?.focus(), []);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const href = normalizeHref(value);
    if (!href) {
      setInvalid(true);
      return;
    }
    editor.chain().focus().extendMarkRange('link').setLink({ href }).run();
    onDone();
  };
  const remove = () => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    onDone();
  };

  return (
    // noValidate: the browser would refuse "ejemplo.org" in its own words before normalizeHref adds https://.
    <form className="link-form" noValidate onSubmit={apply} onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), onDone(), editor.commands.focus())}>
      <label htmlFor="plan-link-url">{t('editor.linkUrl')}</label>
      <input
        id="plan-link-url"
        ref={inputRef}
        type="url"
        inputMode="url"
        placeholder="https://"
        value={value}
        aria-invalid={invalid}
        aria-describedby={invalid ? 'plan-link-error' : undefined}
        onChange={(e) => {
          setValue(e.target.value);
          setInvalid(false);
        }}
      />
      <button type="submit" className="btn btn-primary btn-small">
        {t('editor.linkApply')}
      </button>
      {current && (
        <button type="button" className="btn btn-ghost btn-small" onClick={remove}>
          {t('editor.linkRemove')}
        </button>
      )}
      {/* As Escape does: back to the text, where the link was being made (its removal dropped focus to the page). */}
      <button
        type="button"
        className="btn btn-ghost btn-small"
        onClick={() => {
          onDone();
          editor.commands.focus();
        }}
      >
        {t('common.cancel')}
      </button>
      {invalid && (
        <p id="plan-link-error" className="field-error">
          {t('editor.linkInvalid')}
        </p>
      )}
    </form>
  );
}
