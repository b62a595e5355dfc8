/** Pluggable mail senders for the outbox: a log sender by default, SMTP (nodemailer) when configured. */
import type { Transporter } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Delivers one message; throws when it could not (the outbox row stays unsent and is retried). */
export interface MailSender {
  readonly kind: string;
  send(message: MailMessage): Promise<void>;
}

export interface MailLog {
  info(obj: unknown, msg?: string): void;
}

/** Writes each message to the log instead of mailing it: the default with no SMTP server configured. */
export function logMailSender(log: MailLog): MailSender {
  return {
    kind: 'log',
    send: async (m) => log.info({ to: m.to, subject: m.subject, chars: m.text.length }, 'mail (log sender, not sent)'),
  };
}

/** Sends through SMTP, e.g. `smtp://user:pass@host:587` or `smtps://…`. */
export function smtpMailSender(url: string, from: string): MailSender {
  // nodemailer loads with the first message, not at boot.
  let transport: Promise<Transporter> | undefined;
  return {
    kind: 'smtp',
    send: async (m) => {
      transport ??= import('nodemailer').then((mod) => mod.default.createTransport(url));
      await (await transport).sendMail({ from, to: m.to, subject: m.subject, text: m.text });
    },
  };
}

export interface MailOptions {
  smtpUrl?: string;
  from?: string;
}

/** SMTP when a URL is given, the log otherwise. */
export function createMailSender(opts: MailOptions, log: MailLog): MailSender {
  return opts.smtpUrl ? smtpMailSender(opts.smtpUrl, opts.from ?? 'Enlace <no-reply@localhost>') : logMailSender(log);
}
