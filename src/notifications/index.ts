// Real notification delivery (issue 7). The domain only records events; this module turns them into deliveries
// in SQLite and sends them: SQS, SNS, Email (SMTP), and the legacy REST and SOAP transports. The dispatcher runs
// from Emulator.listen() to Emulator.close(); SendTestEventNotification is the one API call that waits for a
// transport (sendTest). See outbox.ts for the claim/send/finish steps and the at-least-once window.
import { randomUUID } from "node:crypto";
import type { Config } from "../config";
import type { RequesterCtx } from "../domain/context";
import type { Domain } from "../domain/domain";
import { DomainError } from "../domain/errors";
import type { NotificationDocument } from "../domain/notification-documents";
import type { Account, NotificationDelivery, NotificationTransport } from "../domain/records";
import type { Store } from "../domain/store";
import type { LogLevel } from "../harness/request-log";
import { Dispatcher } from "./dispatcher";
import { DeliveryOutbox, parseDocument, type AttemptOutcome, type NextState } from "./outbox";
import { EmailTransport } from "./transports/email";
import { LegacyRestTransport } from "./transports/legacy-rest";
import { LegacySoapTransport } from "./transports/legacy-soap";
import { SnsTransport } from "./transports/sns";
import { SqsTransport } from "./transports/sqs";
import { describeError, type SendContext, type Transport } from "./transports/transport";

/** The TurkErrorCode of a SendTestEventNotification whose destination did not take the message. */
export const TRANSPORT_ERROR_CODE = "AWS.MechanicalTurk.InvalidTransportEndpoint";

export interface RetryPolicy {
  /** Attempts per delivery, the first included. */
  attempts: number;
  /** Wait before the first retry; it doubles after each further failure. */
  firstDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, firstDelayMs: 4000 }; // 4 + 8 + 16 + 32 s: a minute
const BATCH = 50;
const LEVELS: LogLevel[] = ["debug", "info", "warn", "error", "silent"];

export interface AttemptView {
  /** Wall-clock epoch seconds. */
  Time: number;
  Outcome: "Delivered" | "Failed";
  Error?: string;
}

export type DocumentWithProgress = NotificationDocument & { Status: "Pending" | "Delivered" | "Failed"; Attempts: AttemptView[] };

export class NotificationService {
  readonly outbox: DeliveryOutbox;
  /** Claims made by this process; another value in the database is a process that is gone. */
  private readonly claim = `${process.pid}:${randomUUID()}`;
  private readonly stopping = new AbortController();
  private readonly sending = new Set<Promise<unknown>>();
  private readonly transports: Record<NotificationTransport, Transport>;
  private dispatcher?: Dispatcher;

  constructor(
    private readonly deps: { store: Store; domain: Domain; config: Config },
    private readonly wall: () => number = Date.now,
  ) {
    const { config } = deps;
    const timeoutMs = config.notificationTimeoutMs ?? 10_000;
    this.outbox = new DeliveryOutbox(deps.store, deps.domain, wall);
    this.transports = {
      SQS: new SqsTransport({ endpoint: config.sqsEndpoint, timeoutMs }),
      SNS: new SnsTransport({ endpoint: config.snsEndpoint, timeoutMs }),
      Email: new EmailTransport({ smtpUrl: config.smtpUrl, from: config.smtpFrom, timeoutMs }),
      REST: new LegacyRestTransport(),
      SOAP: new LegacySoapTransport(),
    };
  }

  /** Whether notifications leave the emulator (false: they are only recorded, as GET /_emu/notifications shows). */
  get enabled(): boolean {
    return this.deps.config.notificationDelivery;
  }

  private get retry(): RetryPolicy {
    const c = this.deps.config;
    return { attempts: c.notificationAttempts ?? DEFAULT_RETRY.attempts, firstDelayMs: c.notificationRetryMs ?? DEFAULT_RETRY.firstDelayMs };
  }

  /** Starts the dispatcher (Emulator.listen). Deliveries a killed process left in flight are sent again. */
  start(): void {
    if (!this.enabled || this.dispatcher || this.stopping.signal.aborted) return;
    const released = this.outbox.releaseStale(this.claim);
    if (released > 0) this.log("warn", `${released} notification(s) were being sent when the emulator last stopped: sending them again`);
    this.dispatcher = new Dispatcher(() => this.round(), this.deps.config.notificationPollMs ?? 250, (err) =>
      this.log("error", `notification dispatcher: ${describeError(err)}`),
    );
    this.dispatcher.start();
  }

  /** Stops the dispatcher and aborts the sends in flight (their deliveries stay Pending); Emulator.close. */
  async stop(): Promise<void> {
    this.stopping.abort(new Error("the emulator is stopping"));
    await this.dispatcher?.stop();
    await Promise.allSettled([...this.sending]);
    await Promise.allSettled(Object.values(this.transports).map(async (t) => t.close?.()));
  }

  /**
   * SendTestEventNotification: records the test notification and its delivery in one transaction, sends it at
   * once and answers with the outcome: a destination that does not take it is a RequestError
   * (AWS.MechanicalTurk.InvalidTransportEndpoint) naming the transport's error. Not retried.
   */
  async sendTest(requester: Account, record: (ctx: RequesterCtx) => void): Promise<void> {
    const { domain, store } = this.deps;
    if (!this.enabled || this.stopping.signal.aborted) {
      domain.asRequester(requester, record);
      return;
    }
    const delivery = domain.asRequester(requester, (ctx) => {
      record(ctx);
      const test = this.outbox.record(ctx).filter((d) => d.test).pop();
      if (!test || !store.claimDelivery(test.docId, this.claim, this.wall())) return undefined;
      return store.getDelivery(test.docId);
    });
    if (!delivery) return;
    const outcome = await this.deliver(delivery, { final: true });
    if (!outcome.ok) {
      throw new DomainError(
        "RequestError",
        TRANSPORT_ERROR_CODE,
        `The test notification could not be delivered to ${delivery.destination} (${delivery.transport}): ${outcome.error}`,
      );
    }
  }

  /** The documents with their delivery status and attempts (GET /_emu/notifications). */
  withProgress(documents: NotificationDocument[]): DocumentWithProgress[] {
    const progress = this.outbox.progress();
    return documents.map((document) => {
      const p = progress.get(document.Message.EventDocId);
      const status = p?.status === "Delivered" || p?.status === "Failed" ? p.status : "Pending";
      const attempts = (p?.attempts ?? []).map((a) => ({ Time: a.timeMs / 1000, Outcome: a.outcome, ...(a.error !== undefined ? { Error: a.error } : {}) }));
      return { ...document, Status: status, Attempts: attempts };
    });
  }

  /** One dispatcher round: record what is new, claim what is due, send it (in order per destination). */
  private async round(): Promise<boolean> {
    if (this.stopping.signal.aborted) return false;
    this.outbox.recordNew();
    const batch = this.outbox.claimDue(BATCH, this.claim);
    const byDestination = new Map<string, NotificationDelivery[]>();
    for (const d of batch) (byDestination.get(d.destination) ?? byDestination.set(d.destination, []).get(d.destination)!).push(d);
    await Promise.all(
      [...byDestination.values()].map(async (deliveries) => {
        for (const delivery of deliveries) await this.deliver(delivery, { final: false });
      }),
    );
    return batch.length === BATCH;
  }

  /** Sends one claimed delivery and records the attempt. `final`: no retry after a failure. */
  private deliver(delivery: NotificationDelivery, options: { final: boolean }): Promise<AttemptOutcome> {
    const promise = this.attempt(delivery, options);
    this.sending.add(promise);
    void promise.finally(() => this.sending.delete(promise));
    return promise;
  }

  private async attempt(delivery: NotificationDelivery, { final }: { final: boolean }): Promise<AttemptOutcome> {
    const timeoutMs = this.deps.config.notificationTimeoutMs ?? 10_000;
    const signal = AbortSignal.any([this.stopping.signal, AbortSignal.timeout(timeoutMs)]);
    const ctx: SendContext = { signal, now: this.wall, secretFor: (requesterId) => this.deps.store.getAccount(requesterId)?.secretAccessKey };
    let outcome: AttemptOutcome;
    try {
      const document = parseDocument(delivery);
      const result = await this.transports[delivery.transport].send({ requesterId: delivery.requesterId, document }, ctx);
      outcome = { ok: true, email: result.email };
    } catch (err) {
      if (this.stopping.signal.aborted) {
        // Not an attempt: the emulator is stopping. The delivery waits, Pending, for the next start.
        this.safely(() => this.outbox.release(delivery, this.claim));
        return { ok: false, error: "the emulator stopped before the notification was sent" };
      }
      outcome = { ok: false, error: signal.aborted ? `no answer within ${timeoutMs} ms` : describeError(err) };
    }
    const attempts = delivery.attempts + 1;
    const now = this.wall();
    let next: NextState;
    if (outcome.ok) next = { status: "Delivered", nextAttemptMs: now };
    else if (final || attempts >= this.retry.attempts) next = { status: "Failed", nextAttemptMs: now };
    else next = { status: "Pending", nextAttemptMs: now + this.retry.firstDelayMs * 2 ** (attempts - 1) };
    this.safely(() => this.outbox.finish(delivery, this.claim, outcome, next));
    const where = `${delivery.transport} ${delivery.destination}`;
    if (outcome.ok) this.log("info", `notification ${delivery.docId} delivered to ${where}`);
    else if (next.status === "Failed") this.log("error", `notification ${delivery.docId} to ${where} failed (attempt ${attempts}, giving up): ${outcome.error}`);
    else this.log("warn", `notification ${delivery.docId} to ${where} failed (attempt ${attempts} of ${this.retry.attempts}, next in ${next.nextAttemptMs - now} ms): ${outcome.error}`);
    return outcome;
  }

  /** The store may be gone under a send that outlived a reset or close: nothing to record then. */
  private safely(step: () => void): void {
    try {
      step();
    } catch (err) {
      if (!this.stopping.signal.aborted) this.log("error", `notification outbox: ${describeError(err)}`);
    }
  }

  private log(level: LogLevel, message: string): void {
    const { logLevel, logFormat } = this.deps.config;
    if (LEVELS.indexOf(level) < LEVELS.indexOf(logLevel)) return;
    const time = new Date(this.wall()).toISOString();
    process.stdout.write((logFormat === "json" ? JSON.stringify({ time, level, component: "notifications", message }) : `${time} notifications ${level} ${message}`) + "\n");
  }
}
