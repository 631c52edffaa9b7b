// The delivery outbox in SQLite: which documents are to be delivered, who is sending which, and what each
// attempt gave. Every step is one transaction:
//   record  — (inside a domain transaction, after the clock has settled) the events and test notifications
//             recorded since the cursor become Pending deliveries, built by the domain's one decision
//             (notificationDocuments); the cursor moves in the same transaction, so nothing is lost or doubled.
//   claim   — Pending deliveries that are due become Sending under this process's claim.
//   finish  — after the transport answered: the attempt is recorded and the delivery becomes Delivered,
//             Pending again (a retry, later) or Failed; an e-mail goes into the outbox in the same transaction.
// A process killed between a transport's success and `finish` leaves the delivery Sending; the next start gives
// it back (Pending) and it is sent again: that is the only at-least-once window (receivers de-duplicate on the
// stable EventDocId).
import type { Ctx } from "../domain/context";
import { notificationDocuments } from "../domain/commands/notifications";
import type { Domain } from "../domain/domain";
import type { NotificationDocument } from "../domain/notification-documents";
import type { DeliveryAttempt, NotificationDelivery } from "../domain/records";
import type { Store } from "../domain/store";

export interface AttemptOutcome {
  ok: boolean;
  error?: string;
  email?: { recipient: string; subject: string; messageText: string };
}

export type NextState = { status: "Pending" | "Delivered" | "Failed"; nextAttemptMs: number };

/** Events read per dispatcher round, so a long backlog (a big database, a long pause) is taken in steps. */
const EVENTS_PER_ROUND = 1000;

export class DeliveryOutbox {
  constructor(
    private readonly store: Store,
    private readonly domain: Domain,
    /** Wall clock: retries wait real time, whatever the emulator clock says. */
    private readonly wall: () => number = Date.now,
  ) {}

  /** Within a domain transaction: records the new deliveries; returns them, test notifications marked. */
  record(ctx: Ctx): Array<{ docId: string; test: boolean }> {
    const cursor = ctx.store.getDeliveryCursor();
    const { documents, cursor: next } = notificationDocuments(ctx, cursor, EVENTS_PER_ROUND);
    const now = this.wall();
    const recorded: Array<{ docId: string; test: boolean }> = [];
    for (const document of documents) {
      const docId = document.Message.EventDocId;
      const inserted = ctx.store.insertDelivery({
        docId,
        requesterId: document.Message.CustomerId,
        destination: document.Destination,
        transport: document.Transport,
        document: JSON.stringify(document),
        status: "Pending",
        attempts: 0,
        nextAttemptMs: now,
        createdMs: now,
      });
      // Test documents carry no HIT: that tells them apart from event documents.
      if (inserted) recorded.push({ docId, test: document.Message.Events.every((e) => e.HITId === undefined) });
    }
    if (next.eventSeq !== cursor.eventSeq || next.testSeq !== cursor.testSeq) ctx.store.setDeliveryCursor(next);
    return recorded;
  }

  /** Settles the emulator clock (so clock-driven events are raised now) and records the new deliveries. */
  recordNew(): void {
    this.domain.run((ctx) => void this.record(ctx));
  }

  claimDue(limit: number, claim: string): NotificationDelivery[] {
    return this.store.transaction(() => this.store.claimDueDeliveries(this.wall(), limit, claim));
  }

  /** Records the attempt and the next state; false when the delivery is no longer held under `claim`. */
  finish(delivery: NotificationDelivery, claim: string, outcome: AttemptOutcome, next: NextState): boolean {
    return this.store.transaction(() => {
      const attempt: Omit<DeliveryAttempt, "seq" | "deliverySeq"> = { timeMs: this.wall(), outcome: outcome.ok ? "Delivered" : "Failed", error: outcome.error };
      if (!this.store.finishDeliveryAttempt(delivery.seq, claim, attempt, next)) return false;
      if (outcome.ok && outcome.email) {
        this.store.insertOutboxMessage({
          workerId: "",
          requesterId: delivery.requesterId,
          kind: "EventNotification",
          subject: outcome.email.subject,
          messageText: outcome.email.messageText,
          recipient: outcome.email.recipient,
          sentMs: this.domain.clock.now(),
        });
      }
      return true;
    });
  }

  release(delivery: NotificationDelivery, claim: string): void {
    this.store.transaction(() => this.store.releaseDelivery(delivery.seq, claim));
  }

  /** At start: deliveries left Sending by a process that is gone are given back. */
  releaseStale(claim: string): number {
    return this.store.transaction(() => this.store.releaseStaleDeliveries(claim, this.wall() + 1));
  }

  /** Status and attempts per EventDocId. */
  progress(): Map<string, { status: NotificationDelivery["status"]; attempts: DeliveryAttempt[] }> {
    return this.store.transaction(() => {
      const attempts = new Map<number, DeliveryAttempt[]>();
      for (const a of this.store.listDeliveryAttempts()) (attempts.get(a.deliverySeq) ?? attempts.set(a.deliverySeq, []).get(a.deliverySeq)!).push(a);
      return new Map(this.store.listDeliveries().map((d) => [d.docId, { status: d.status, attempts: attempts.get(d.seq) ?? [] }]));
    });
  }
}

export const parseDocument = (delivery: NotificationDelivery): NotificationDocument => JSON.parse(delivery.document) as NotificationDocument;
