// Notification settings per HIT type and test notifications (MODERN-API.md §2.34, §2.38, §6.1). Which events
// go where is decided here, once (notificationDocuments): GET /_emu/notifications shows those documents, and
// src/notifications delivers exactly them.
import type { Ctx, RequesterCtx } from "../context";
import { errors } from "../errors";
import { buildNotificationDocuments, type NotificationDocument } from "../notification-documents";
import type { DeliveryCursor, EventType, NotificationSpec } from "../records";
import { ownHitType } from "./hit-types";

const VERSIONS = ["2006-05-05", "2014-08-15"];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SNS_TOPIC = /^arn:aws(-[a-z]+)*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;

/**
 * Destination must suit the Transport: an e-mail address, an SQS queue URL (https://sqs.<region>.amazonaws.com/
 * <account>/<queue>, or any http(s) URL so that local SQS emulators work) or an SNS topic ARN. Version is
 * 2006-05-05 (the model's) or 2014-08-15 (the 2017 documentation's). EventTypes may not be empty, and Ping only
 * goes to SendTestEventNotification.
 */
export function checkNotificationSpec(spec: NotificationSpec, options: { allowPing: boolean } & LegacyOption): void {
  const destination = spec.destination;
  switch (spec.transport) {
    case "REST":
    case "SOAP":
      if (!options.legacyTransports) {
        throw errors.invalidParameter("Transport", spec.transport, "The REST and SOAP transports belong to the legacy API (SetHITTypeNotification); use Email, SQS or SNS.");
      }
      if (!isHttpUrl(destination)) {
        throw errors.invalidParameter("Destination", destination, `For the ${spec.transport} transport, Destination must be an http(s) URL that receives the notifications.`);
      }
      break;
    case "Email":
      if (!EMAIL.test(destination)) throw errors.invalidParameter("Destination", destination, "For the Email transport, Destination must be an e-mail address.");
      break;
    case "SQS":
      if (!isHttpUrl(destination)) {
        throw errors.invalidParameter(
          "Destination",
          destination,
          "For the SQS transport, Destination must be a queue URL such as https://sqs.us-east-1.amazonaws.com/123456789012/my-queue.",
        );
      }
      break;
    case "SNS":
      if (!SNS_TOPIC.test(destination)) {
        throw errors.invalidParameter("Destination", destination, "For the SNS transport, Destination must be a topic ARN such as arn:aws:sns:us-east-1:123456789012:my-topic.");
      }
      break;
  }
  if (!VERSIONS.includes(spec.version)) throw errors.invalidParameter("Version", spec.version, `Use ${VERSIONS.map((v) => `"${v}"`).join(" or ")}.`);
  if (spec.eventTypes.length === 0) throw errors.parameter("EventTypes must list at least one event type.");
  if (!options.allowPing && spec.eventTypes.includes("Ping")) {
    throw errors.invalidParameter("EventTypes", "Ping", "Ping can only be sent with SendTestEventNotification.");
  }
}

/** The legacy front end (SetHITTypeNotification, 2006-05-05) may also store the REST and SOAP transports. */
export interface LegacyOption {
  legacyTransports?: boolean;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/**
 * A new specification replaces the old one; Active alone switches an existing one on or off. A HIT type's
 * specification starts inactive, and giving a specification without Active keeps the previous state (as the
 * legacy SetHITTypeNotification documented), so send Active: true to switch notifications on.
 */
export function updateNotificationSettings(
  ctx: RequesterCtx,
  hitTypeId: string,
  spec: NotificationSpec | undefined,
  active: boolean | undefined,
  options: LegacyOption = {},
): void {
  const type = ownHitType(ctx, hitTypeId);
  if (spec === undefined && active === undefined) throw errors.parameter("Give a Notification specification, Active, or both.");
  if (spec) checkNotificationSpec({ ...spec, eventTypes: [...new Set(spec.eventTypes)] }, { allowPing: false, ...options });
  const current = ctx.store.currentNotificationSetting(type.id);
  const nextSpec = spec ? { ...spec, eventTypes: [...new Set(spec.eventTypes)] } : current?.spec;
  if (!nextSpec) {
    throw errors.parameter(`The HIT type ${type.id} has no notification specification yet: give a Notification to set one before switching it with Active.`);
  }
  ctx.store.insertNotificationSetting({
    hitTypeId: type.id,
    requesterId: type.requesterId,
    spec: nextSpec,
    active: active ?? current?.active ?? false,
    updatedMs: ctx.now,
    afterEventSeq: ctx.store.lastEventSeq(),
  });
}

/** Sends one test event to the given specification, whatever event types it lists. */
export function sendTestEventNotification(ctx: RequesterCtx, spec: NotificationSpec, eventType: EventType, options: LegacyOption = {}): void {
  checkNotificationSpec(spec, { allowPing: true, ...options });
  ctx.store.insertTestNotification({
    requesterId: ctx.requester.requesterId,
    spec,
    eventType,
    timeMs: ctx.now,
    afterEventSeq: ctx.store.lastEventSeq(),
  });
}

/**
 * The notification documents of the events and test notifications recorded after `after` (all of them by
 * default), oldest first, with the cursor that covers them. The one place that decides which events go where.
 */
export function notificationDocuments(
  ctx: Ctx,
  after: DeliveryCursor = { eventSeq: 0, testSeq: 0 },
  /** At most this many events are read (the rest wait for the next call); all when absent. */
  limit?: number,
): { documents: NotificationDocument[]; cursor: DeliveryCursor } {
  const accounts = new Map<string, string>();
  const accountOf = (requesterId: string) => {
    if (!accounts.has(requesterId)) accounts.set(requesterId, ctx.store.getAccount(requesterId)?.awsAccountId ?? "");
    return accounts.get(requesterId)!;
  };
  const settings = ctx.store.listNotificationSettings();
  // Without any notification settings, ever, no event makes a document: they are passed over unread.
  const events = settings.length ? ctx.store.listEventsAfter(after.eventSeq, limit) : [];
  const lastEventSeq = settings.length ? events[events.length - 1]?.seq : ctx.store.lastEventSeq();
  const tests = ctx.store.listTestNotificationsAfter(after.testSeq);
  const documents = events.length || tests.length ? buildNotificationDocuments(events, settings, tests, accountOf) : [];
  const cursor = {
    eventSeq: Math.max(after.eventSeq, lastEventSeq ?? 0),
    testSeq: tests.length ? tests[tests.length - 1].seq : after.testSeq,
  };
  return { documents, cursor };
}

/** Every notification document recorded so far, oldest first (delivered or not). */
export function pendingNotifications(ctx: Ctx): NotificationDocument[] {
  return notificationDocuments(ctx).documents;
}
