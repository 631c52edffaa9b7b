// What every transport implements. A transport sends one document; it throws an Error whose message says
// why the destination did not take it (the dispatcher records that text as the attempt's Error).
import type { NotificationDocument } from "../../domain/notification-documents";

export interface OutgoingNotification {
  requesterId: string;
  document: NotificationDocument;
}

export interface SendContext {
  /** Aborted when the emulator stops, and after the send timeout. */
  signal: AbortSignal;
  /** The requester's secret access key (legacy signatures); undefined for accounts made with --auth off. */
  secretFor(requesterId: string): string | undefined;
  /** Wall clock, epoch ms. */
  now(): number;
}

export interface SendResult {
  /** An e-mail to keep in the outbox (GET /_emu/outbox), recorded with the delivery's outcome. */
  email?: { recipient: string; subject: string; messageText: string };
}

export interface Transport {
  send(notification: OutgoingNotification, ctx: SendContext): Promise<SendResult>;
  close?(): void | Promise<void>;
}

/** A readable one-line reason from whatever a client library threw. */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  const cause = (err as { cause?: unknown }).cause;
  let text = err.name && err.name !== "Error" && !err.message.startsWith(err.name) ? `${err.name}: ${err.message}` : err.message;
  if (cause instanceof Error && cause.message && !text.includes(cause.message)) text += ` (${cause.message})`;
  else if (typeof code === "string" && !text.includes(code)) text += ` (${code})`;
  return text || err.name || "unknown error";
}
