/** Formatting toolbar of the plan editor: headings, marks, lists, link, table, undo/redo. */
import { useEditorState, type Editor } from '@tiptap/react';
import { useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BulletListIcon, ColumnAddIcon, ColumnDeleteIcon, LinkIcon, OrderedListIcon, RedoIcon, RowAddIcon, RowDeleteIcon, TableDeleteIcon, TableIcon, UndoIcon } from './icons.js';
import { LinkForm } from './LinkForm.js';

interface ToolProps {
  label: string;
  onClick: () => void;
  active?: boolean;
  disabled?: boolean;
  children: ReactNode;
}

function Tool({ label, onClick, active, disabled, children }: ToolProps) {
  return (
    <button
      type="button"
      className={active ? 'tool tool-active' : 'tool'}
      aria-label={label}
      title={label}
      aria-pressed={active === undefined ? undefined : active}
      disabled={disabled}
      // Keep the editor's selection: act on mousedown's default being prevented.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

/** Arrow keys move between toolbar buttons (the ARIA toolbar pattern). */
function onToolbarKeyDown(e: KeyboardEvent<HTMLDivElement>) {
  if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
  const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button.tool:not(:disabled)')];
  const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (i < 0) return;
  e.preventDefault();
  const next = e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : (i + (e.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length;
  buttons[next].focus();
}

/**
 * One Tab stop for the whole toolbar (the ARIA toolbar pattern): the button last focused, or the first enabled
 * one; the others are reached with the arrow keys. A dozen stops or more stood between the page and the text.
 */
function setTabStop(toolbar: HTMLElement | null, preferred: string | null): void {
  if (!toolbar) return;
  const buttons = [...toolbar.querySelectorAll<HTMLButtonElement>('button.tool')];
  const enabled = buttons.filter((b) => !b.disabled);
  const stop = enabled.find((b) => b.getAttribute('aria-label') === preferred) ?? enabled[0];
  for (const b of buttons) b.tabIndex = b === stop ? 0 : -1;
}

/** The editor's description (its `aria-describedby`): how to leave the text by keyboard, see editorKeyboardExit.ts. */
export const EDITOR_KEYS_HINT_ID = 'plan-editor-keys';

/** The toolbar; hidden entirely for read-only viewers by the caller. */
export function EditorToolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const [linkOpen, setLinkOpen] = useState(false);
  const s = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      h1: e.isActive('heading', { level: 1 }),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      paragraph: e.isActive('paragraph'),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      link: e.isActive('link'),
      inTable: e.isActive('table'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const run = (fn: (c: ReturnType<Editor['chain']>) => ReturnType<Editor['chain']>) => fn(editor.chain().focus()).run();
  const toolbarRef = useRef<HTMLDivElement>(null);
  const lastFocused = useRef<string | null>(null);
  // After every render: buttons come and go (table tools) and are enabled or not (undo, redo).
  useLayoutEffect(() => setTabStop(toolbarRef.current, lastFocused.current));
  const onFocus = (e: FocusEvent<HTMLDivElement>) => {
    if (!(e.target instanceof HTMLButtonElement)) return;
    lastFocused.current = e.target.getAttribute('aria-label');
    setTabStop(toolbarRef.current, lastFocused.current);
  };

  return (
    <div className="editor-toolbar-wrap">
      <div className="editor-toolbar" role="toolbar" aria-label={t('editor.toolbar')} aria-controls="plan-editor-content" ref={toolbarRef} onKeyDown={onToolbarKeyDown} onFocus={onFocus}>
        <div className="tool-group">
          <Tool label={t('editor.undo')} onClick={() => run((c) => c.undo())} disabled={!s.canUndo}><UndoIcon /></Tool>
          <Tool label={t('editor.redo')} onClick={() => run((c) => c.redo())} disabled={!s.canRedo}><RedoIcon /></Tool>
        </div>
        <div className="tool-group">
          <Tool label={t('editor.paragraph')} active={s.paragraph} onClick={() => run((c) => c.setParagraph())}><span aria-hidden="true">¶</span></Tool>
          <Tool label={`H1: ${t('editor.heading', { level: 1 })}`} active={s.h1} onClick={() => run((c) => c.toggleHeading({ level: 1 }))}><span aria-hidden="true">H1</span></Tool>
          <Tool label={`H2: ${t('editor.heading', { level: 2 })}`} active={s.h2} onClick={() => run((c) => c.toggleHeading({ level: 2 }))}><span aria-hidden="true">H2</span></Tool>
          <Tool label={`H3: ${t('editor.heading', { level: 3 })}`} active={s.h3} onClick={() => run((c) => c.toggleHeading({ level: 3 }))}><span aria-hidden="true">H3</span></Tool>
        </div>
        <div className="tool-group">
          <Tool label={t('editor.bold')} active={s.bold} onClick={() => run((c) => c.toggleBold())}>
            <strong aria-hidden="true">B</strong>
          </Tool>
          <Tool label={t('editor.italic')} active={s.italic} onClick={() => run((c) => c.toggleItalic())}>
            <em aria-hidden="true">I</em>
          </Tool>
          <Tool label={t('editor.link')} active={s.link || linkOpen} onClick={() => setLinkOpen((o) => !o)}><LinkIcon /></Tool>
        </div>
        <div className="tool-group">
          <Tool label={t('editor.bulletList')} active={s.bullet} onClick={() => run((c) => c.toggleBulletList())}><BulletListIcon /></Tool>
          <Tool label={t('editor.orderedList')} active={s.ordered} onClick={() => run((c) => c.toggleOrderedList())}><OrderedListIcon /></Tool>
        </div>
        <div className="tool-group">
          <Tool label={t('editor.insertTable')} onClick={() => run((c) => c.insertTable({ rows: 3, cols: 3, withHeaderRow: true }))} disabled={s.inTable}><TableIcon /></Tool>
          {s.inTable && (
            <>
              <Tool label={t('editor.addRow')} onClick={() => run((c) => c.addRowAfter())}><RowAddIcon /></Tool>
              <Tool label={t('editor.addColumn')} onClick={() => run((c) => c.addColumnAfter())}><ColumnAddIcon /></Tool>
              <Tool label={t('editor.deleteRow')} onClick={() => run((c) => c.deleteRow())}><RowDeleteIcon /></Tool>
              <Tool label={t('editor.deleteColumn')} onClick={() => run((c) => c.deleteColumn())}><ColumnDeleteIcon /></Tool>
              <Tool label={t('editor.deleteTable')} onClick={() => run((c) => c.deleteTable())}><TableDeleteIcon /></Tool>
            </>
          )}
        </div>
      </div>
      {linkOpen && <LinkForm editor={editor} onDone={() => setLinkOpen(false)} />}
      {/* Always there for screen readers; on screen while the caret is in a table, where Tab moves between cells. */}
      <p id={EDITOR_KEYS_HINT_ID} className={s.inTable ? 'editor-keys-hint' : 'visually-hidden'} data-testid="editor-keys-hint">
        {t('editor.keysHint')}
      </p>
    </div>
  );
}
