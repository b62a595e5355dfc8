/** Catches what a page throws while rendering (a chunk that will not load included) and says so, calmly. */
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isChunkLoadError } from '../lib/staleChunkReload.js';

interface Props {
  children: ReactNode;
  /** When this changes (another address), the error is forgotten and the new page gets its chance. */
  resetKey?: string;
}

interface State {
  error: unknown;
  resetKey?: string;
}

/** Logs a render error React caught at a boundary, once, with where it happened (createRoot's onCaughtError). */
export function logCaughtError(error: unknown, info: { componentStack?: string }): void {
  console.error('A page failed to render', error, info.componentStack ?? '');
}

/** What the reader sees instead of a blank page: what happened and a way out. */
function PageErrorMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const kind = isChunkLoadError(error) ? 'pageLoad' : 'pageCrash';
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{t(`errors.${kind}.title`)}</p>
      <p className="notice-hint">{t(`errors.${kind}.hint`)}</p>
      {/* A full reload: React.lazy remembers a failed import, so only a fresh document can try it again. */}
      <button type="button" className="btn btn-primary btn-small" onClick={() => window.location.reload()}>
        {t('common.reload')}
      </button>
    </div>
  );
}

/**
 * An error boundary around page content; the header outside it stays usable. It does not log itself: createRoot's
 * onCaughtError (logCaughtError) replaces React's own logging, so each error is printed once.
 */
export class PageErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    // A thrown non-Error (or undefined) still counts as an error to show.
    return { error: error ?? new Error('Unknown render error') };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.resetKey === state.resetKey) return null;
    return { error: null, resetKey: props.resetKey };
  }

  override render() {
    return this.state.error ? <PageErrorMessage error={this.state.error} /> : this.props.children;
  }
}
