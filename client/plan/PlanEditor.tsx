/** The plan's prose: TipTap bound to the Yjs `body` fragment, with carets of everyone present. */
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { TableKit } from '@tiptap/extension-table';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { getBody } from '../../shared/planModel.js';
import { CommentHighlights } from '../components/comments/commentHighlights.js';
import { DocumentEnds } from './documentEnds.js';
import { EditorKeyboardExit } from './editorKeyboardExit.js';
import { NestingGuard } from './nestingGuard.js';
import { PlanHeading } from './planHeading.js';
import { EDITOR_KEYS_HINT_ID, EditorToolbar } from './EditorToolbar.js';
import type { AwarenessUser } from './usePlanSession.js';

/** A caret with a label "Name · ACRONYM" in the organization's colour. */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user.color === 'string' ? user.color : '#5b6472';
  const caret = document.createElement('span');
  caret.className = 'collaboration-carets__caret';
  caret.style.borderColor = color;
  const label = document.createElement('span');
  label.className = 'collaboration-carets__label';
  label.style.backgroundColor = color;
  const name = typeof user.name === 'string' ? user.name : '?';
  label.textContent = typeof user.acronym === 'string' && user.acronym ? `${name} · ${user.acronym}` : name;
  caret.append(label);
  return caret;
}

interface Props {
  ydoc: Y.Doc;
  provider: WebsocketProvider;
  user: AwarenessUser;
  editable: boolean;
  /** Receives the editor once created (the comment margin reads selections and draws highlights). */
  onEditor?: (editor: Editor | null) => void;
}

/**
 * Where ProseMirror brings the caret when it scrolls (typing, arrows, a collaborator's change keeping the caret in
 * view): clear of the pinned header and toolbar above the editor (~6.5rem on a desktop). With its default 5 px the
 * line being typed could sit under the toolbar.
 */
const EDITOR_SCROLL = {
  scrollThreshold: { top: 110, bottom: 24, left: 0, right: 0 },
  scrollMargin: { top: 120, bottom: 32, left: 5, right: 5 },
};

/** Toolbar plus editable area; `[data-testid="plan-editor"] [contenteditable="true"]` when editable. */
export function PlanEditor({ ydoc, provider, user, editable, onEditor }: Props) {
  const { t } = useTranslation();
  const attributes = {
    id: 'plan-editor-content',
    class: 'prose',
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-label': t('editor.label'),
    // How to leave the text by keyboard (Escape, then Tab), said by the toolbar: only where it can be typed in.
    ...(editable ? { 'aria-describedby': EDITOR_KEYS_HINT_ID } : {}),
    spellcheck: 'true',
  };
  const editor = useEditor(
    {
      editable,
      extensions: [
        // Yjs brings its own undo manager; trailing-node would write to the doc on load, so it is off.
        // Headings are the plan's own (planHeading.ts): drawn a level down, under the page's <h1>.
        StarterKit.configure({ undoRedo: false, trailingNode: false, heading: false, link: { openOnClick: false, autolink: true, defaultProtocol: 'https' } }),
        PlanHeading,
        TableKit.configure({ table: { resizable: false } }),
        Collaboration.configure({ fragment: getBody(ydoc) }),
        CollaborationCaret.configure({ provider, user, render: renderCaret }),
        CommentHighlights,
        DocumentEnds,
        EditorKeyboardExit,
        NestingGuard,
      ],
      editorProps: { attributes, ...EDITOR_SCROLL },
    },
    [ydoc, provider],
  );

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  useEffect(() => onEditor?.(editor), [editor, onEditor]);

  const label = attributes['aria-label'];
  const describedBy = attributes['aria-describedby'];
  useEffect(() => {
    // Keep the accessible name in the interface language, and the description only while the text can be typed in.
    const current = editor?.options.editorProps.attributes as Record<string, string> | undefined;
    if (editor && current && (current['aria-label'] !== label || current['aria-describedby'] !== describedBy)) {
      const next: Record<string, string> = { ...current, 'aria-label': label };
      if (describedBy) next['aria-describedby'] = describedBy;
      else delete next['aria-describedby'];
      editor.setOptions({ editorProps: { ...editor.options.editorProps, attributes: next } });
    }
  }, [editor, label, describedBy]);

  return (
    <div className="plan-editor" data-testid="plan-editor">
      {editor && editable && <EditorToolbar editor={editor} />}
      <EditorContent
        editor={editor}
        className="editor-surface"
        onMouseDown={(e) => {
          // A click in the margin around the text puts the cursor at the end, like a page would.
          if (e.target === e.currentTarget && editor && editable) {
            e.preventDefault();
            editor.commands.focus('end');
          }
        }}
      />
    </div>
  );
}
