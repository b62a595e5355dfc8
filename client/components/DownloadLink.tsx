/**
 * A download link that shows it is being prepared (exports can take seconds) and, if the server
 * refuses or fails, says why and what to do, instead of a silent failed download in the browser bar.
 */
import { useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { workingDay } from '../../shared/calendar.js';
import { fetchFile } from '../api/http.js';
import { ErrorNotice } from './ErrorNotice.js';

interface Props {
  href: string;
  label: string;
  className?: string;
  testId?: string;
  /** Waited on before the file is asked for (a plan's export waits for this tab's last edits to be stored). */
  ready?: () => Promise<void>;
}

/** Saves a Blob under a name through a temporary object URL (what a plain download link would do). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // The click has started the download; the URL is no longer needed once this task ends.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Saves CSV text made in the page as `<baseName>-<today in Mexico City>.csv`. */
export function saveCsv(text: string, baseName: string): void {
  saveBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), `${baseName}-${workingDay()}.csv`);
}

/** `<a download>` that fetches the file itself; modified clicks (new tab, save as) keep the browser's own behaviour. */
export function DownloadLink({ href, label, className, testId, ready }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const onClick = async (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await ready?.();
      const { blob, fileName } = await fetchFile(href);
      saveBlob(blob, fileName ?? 'enlace');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <a href={href} download className={className} data-testid={testId} aria-busy={busy || undefined} aria-disabled={busy || undefined} onClick={(e) => void onClick(e)}>
        {busy ? (
          <span className="download-busy">
            <span className="spinner spinner-small" aria-hidden="true" />
            {t('common.preparing', { name: label })}
          </span>
        ) : (
          label
        )}
      </a>
      <ErrorNotice error={error} compact />
    </>
  );
}
