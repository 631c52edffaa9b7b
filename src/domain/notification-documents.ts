// The notification messages MTurk would deliver (MODERN-API.md §6.2), as a pure function of the recorded events,
// the HIT types' notification settings over time and the test notifications. The delivery (src/notifications:
// SQS, SNS, e-mail, legacy REST and SOAP) sends exactly these documents.
import { createHash } from "node:crypto";
import type { DomainEvent, NotificationSetting, NotificationSpec, NotificationTransport, StoredEvent, TestNotification } from "./records";

export interface NotificationEvent {
  EventType: string;
  /** ISO 8601 without fractions: "2019-08-09T21:17:16Z". */
  EventTimestamp: string;
  HITId?: string;
  AssignmentId?: string;
  HITTypeId?: string;
  WorkerId?: string;
}

export interface EventDocument {
  EventDocVersion: string;
  EventDocId: string;
  SourceAccount: string;
  CustomerId: string;
  Events: NotificationEvent[];
}

export interface NotificationDocument {
  Destination: string;
  Transport: NotificationTransport;
  Version: string;
  Message: EventDocument;
}

/** Looks up the 12-digit AWS account of a requester (the SourceAccount). */
export type AccountOf = (requesterId: string) => string;

export const eventTimestamp = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");

/** A stable 40-hex id, so the same document always has the same EventDocId (the key consumers de-duplicate on). */
const docId = (...parts: Array<string | number>): string => createHash("sha1").update(parts.join("\u0000")).digest("hex");

export function eventDocument(spec: NotificationSpec, customerId: string, sourceAccount: string, id: string, events: NotificationEvent[]): NotificationDocument {
  return {
    Destination: spec.destination,
    Transport: spec.transport,
    Version: spec.version,
    Message: { EventDocVersion: spec.version, EventDocId: id, SourceAccount: sourceAccount, CustomerId: customerId, Events: events },
  };
}

export function notificationEvent(event: DomainEvent): NotificationEvent {
  return {
    EventType: event.type,
    EventTimestamp: eventTimestamp(event.timeMs),
    HITId: event.hitId,
    AssignmentId: event.assignmentId,
    HITTypeId: event.hitTypeId,
    WorkerId: event.workerId,
  };
}

/**
 * One document per event whose HIT type had, when the event happened, an active specification listing the
 * event's type, and one per test notification, in the order they happened. (The real service may batch
 * several events in one document; the emulator never does.)
 */
export function buildNotificationDocuments(
  events: readonly StoredEvent[],
  settings: readonly NotificationSetting[],
  tests: readonly TestNotification[],
  accountOf: AccountOf,
): NotificationDocument[] {
  const documents: NotificationDocument[] = [];
  const current = new Map<string, NotificationSetting>();
  let s = 0;
  let t = 0;
  const testDocument = (test: TestNotification) =>
    eventDocument(test.spec, test.requesterId, accountOf(test.requesterId), docId("test", test.seq, test.spec.destination), [
      { EventType: test.eventType, EventTimestamp: eventTimestamp(test.timeMs) },
    ]);
  for (const event of events) {
    while (s < settings.length && settings[s].afterEventSeq < event.seq) current.set(settings[s].hitTypeId, settings[s++]);
    while (t < tests.length && tests[t].afterEventSeq < event.seq) documents.push(testDocument(tests[t++]));
    const setting = current.get(event.hitTypeId);
    if (!setting?.active || !setting.spec || setting.requesterId !== event.requesterId || !setting.spec.eventTypes.includes(event.type)) continue;
    const id = docId("event", event.seq, setting.spec.destination);
    documents.push(eventDocument(setting.spec, event.requesterId, accountOf(event.requesterId), id, [notificationEvent(event)]));
  }
  while (t < tests.length) documents.push(testDocument(tests[t++]));
  return documents;
}
