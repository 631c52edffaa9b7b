// What the transports send besides the §6.2 JSON document, which the domain builds (notification-documents.ts):
// the legacy REST query and SOAP envelope (LEGACY-API.md §5) and the e-mail of the Email transport.
import { createHmac } from "node:crypto";
import { eventTimestamp, type NotificationDocument, type NotificationEvent } from "../domain/notification-documents";

/** The legacy notification signature: base64(HMAC-SHA1(secret, "AWSMechanicalTurkRequesterNotification" + "Notify" + Timestamp)). */
export function legacySignature(secret: string, timestamp: string): string {
  return createHmac("sha1", secret).update(`AWSMechanicalTurkRequesterNotification` + `Notify` + timestamp).digest("base64");
}

/** The legacy Timestamp: ISO 8601 without fractions, from the wall clock (it is when the message is sent). */
export const legacyTimestamp = (wallMs: number): string => eventTimestamp(wallMs);

const EVENT_FIELDS = [
  ["EventType", (e: NotificationEvent) => e.EventType],
  ["EventTime", (e: NotificationEvent) => e.EventTimestamp],
  ["HITTypeId", (e: NotificationEvent) => e.HITTypeId],
  ["HITId", (e: NotificationEvent) => e.HITId],
  ["AssignmentId", (e: NotificationEvent) => e.AssignmentId],
] as const;

/** The REST transport: a GET of the Destination with method=Notify, Signature, Timestamp, Version and Event.N.* (N from 1). */
export function legacyRestUrl(document: NotificationDocument, secret: string, timestamp: string): string {
  const url = new URL(document.Destination);
  const params = url.searchParams;
  params.set("method", "Notify");
  params.set("Signature", legacySignature(secret, timestamp));
  params.set("Timestamp", timestamp);
  params.set("Version", document.Version);
  document.Message.Events.forEach((event, i) => {
    for (const [name, value] of EVENT_FIELDS) {
      const v = value(event);
      if (v !== undefined) params.set(`Event.${i + 1}.${name}`, v);
    }
  });
  return url.toString();
}

const xmlEscape = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The SOAP transport: the Notify operation of the 2006-05-05 notification WSDL, in a SOAP 1.1 envelope. */
export function legacySoapEnvelope(document: NotificationDocument, secret: string, timestamp: string): string {
  const leaf = (name: string, value: string | undefined) => (value === undefined ? "" : `<${name}>${xmlEscape(value)}</${name}>`);
  const events = document.Message.Events.map((e) => `<Event>${EVENT_FIELDS.map(([name, value]) => leaf(name, value(e))).join("")}</Event>`).join("");
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>` +
    `<Notify xmlns="http://requester.mturk.amazonaws.com/doc/${xmlEscape(document.Version)}">` +
    leaf("Signature", legacySignature(secret, timestamp)) +
    leaf("Timestamp", timestamp) +
    leaf("Version", document.Version) +
    events +
    `</Notify></soapenv:Body></soapenv:Envelope>`
  );
}

/** The e-mail of the Email transport. The real wording is not documented: this one names every event and carries the document. */
export function notificationEmail(document: NotificationDocument): { subject: string; text: string } {
  const events = document.Message.Events;
  const types = [...new Set(events.map((e) => e.EventType))].join(", ");
  const lines = events.flatMap((e) => [
    `Event: ${e.EventType}`,
    `Time: ${e.EventTimestamp}`,
    ...(e.HITTypeId ? [`HIT type: ${e.HITTypeId}`] : []),
    ...(e.HITId ? [`HIT: ${e.HITId}`] : []),
    ...(e.AssignmentId ? [`Assignment: ${e.AssignmentId}`] : []),
    ...(e.WorkerId ? [`Worker: ${e.WorkerId}`] : []),
    "",
  ]);
  const text = [
    `Amazon Mechanical Turk sent this notification for requester ${document.Message.CustomerId} (mturk-emu).`,
    "",
    ...lines,
    `Event document ${document.Message.EventDocId}:`,
    JSON.stringify(document.Message, null, 2),
    "",
  ].join("\n");
  return { subject: `Amazon Mechanical Turk notification: ${types}`, text };
}
