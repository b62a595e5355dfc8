/** The one-time list of demo accounts created at setup, with a copy button. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DemoCredential } from '../api/session.js';

/** Shown after a setup with demo data; `onContinue` leaves the page. */
export function DemoCredentials({ accounts, onContinue }: { accounts: DemoCredential[]; onContinue: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const asText = accounts.map((a) => `${a.name}\t${a.organization}\t${a.email}\t${a.password}`).join('\n');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(asText);
      setCopied(true);
    } catch (err) {
      // Clipboard access can be denied; the table stays selectable by hand.
      console.warn('Clipboard unavailable', err);
    }
  };

  return (
    <div className="page">
      <section className="card" aria-labelledby="demo-title" data-testid="demo-credentials">
        <h1 id="demo-title">{t('setup.demoAccounts.title')}</h1>
        <p className="notice notice-warning">{t('setup.demoAccounts.intro')}</p>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('setup.demoAccounts.name')}</th>
                <th scope="col">{t('setup.demoAccounts.organization')}</th>
                <th scope="col">{t('setup.demoAccounts.email')}</th>
                <th scope="col">{t('setup.demoAccounts.password')}</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.email}>
                  <th scope="row">{a.name}</th>
                  <td>{a.organization}</td>
                  <td>
                    <code>{a.email}</code>
                  </td>
                  <td>
                    <code>{a.password}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="inline-controls">
          <button type="button" className="btn btn-secondary" onClick={() => void copy()}>
            {copied ? t('setup.demoAccounts.copied') : t('setup.demoAccounts.copy')}
          </button>
          <button type="button" className="btn btn-primary" onClick={onContinue}>
            {t('setup.demoAccounts.continue')}
          </button>
        </div>
      </section>
    </div>
  );
}
