// Email: with an SMTP server (--smtp-url) the notification is mailed to the Destination address; with or
// without one it is kept in the outbox (GET /_emu/outbox, Kind EventNotification) once delivered.
import type { Transporter } from "nodemailer";
import { notificationEmail } from "../format";
import type { OutgoingNotification, SendContext, SendResult, Transport } from "./transport";

export const DEFAULT_SMTP_FROM = "Amazon Mechanical Turk (mturk-emu) <no-reply@mturk-emu.localhost>";

export class EmailTransport implements Transport {
  private transporter?: Transporter;

  constructor(private readonly options: { smtpUrl?: string; from?: string; timeoutMs: number }) {}

  async send({ document }: OutgoingNotification, ctx: SendContext): Promise<SendResult> {
    const { subject, text } = notificationEmail(document);
    if (this.options.smtpUrl) {
      const transporter = await this.smtp();
      const sent = transporter.sendMail({ from: this.options.from ?? DEFAULT_SMTP_FROM, to: document.Destination, subject, text });
      await abortable(sent, ctx.signal);
    }
    return { email: { recipient: document.Destination, subject, messageText: text } };
  }

  private async smtp(): Promise<Transporter> {
    if (!this.transporter) {
      const nodemailer = await import("nodemailer");
      const t = this.options.timeoutMs;
      this.transporter = nodemailer.createTransport({ url: this.options.smtpUrl, connectionTimeout: t, greetingTimeout: t, socketTimeout: t } as never);
    }
    return this.transporter;
  }

  close(): void {
    this.transporter?.close();
    this.transporter = undefined;
  }
}

/** nodemailer cannot be cancelled: stop waiting for it when the signal fires. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
