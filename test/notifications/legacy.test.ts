// The legacy transports (LEGACY-API.md §5), stored by the legacy front end (SetHITTypeNotification, 2006-05-05):
// REST is a signed GET of the Destination, SOAP a Notify envelope POSTed to it. Local HTTP servers receive them
// and check the signature with the requester's secret. The JSON API keeps refusing both transports.
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CreateHITTypeCommand, CreateHITWithHITTypeCommand, SendTestEventNotificationCommand, UpdateNotificationSettingsCommand } from "@aws-sdk/client-mturk";
import { sendTestEventNotification, updateNotificationSettings } from "../../src/domain/commands/notifications";
import type { Account, EventType, NotificationSpec } from "../../src/domain/records";
import { CREDENTIALS, HTML_QUESTION, T0, accept, expectError, freezeAt, startTestEmu, type TestEmu } from "../helpers/emu";
import { eventually } from "./helpers";
import { firstError, legacy } from "../legacy/helpers";

interface Received {
  method: string;
  url: URL;
  headers: IncomingMessage["headers"];
  body: string;
}

let receiver: Server;
let base: string;
const received: Received[] = [];
let status = 200;
let t: TestEmu;
let account: Account;

/** What a receiver computes to check a notification (boto 2's NotificationMessage.verify). */
const expectedSignature = (secret: string, timestamp: string) =>
  createHmac("sha1", secret).update("AWSMechanicalTurkRequesterNotification" + "Notify" + timestamp).digest("base64");

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push({ method: req.method!, url: new URL(req.url!, base), headers: req.headers, body });
      res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "OK" : "no");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  t = await startTestEmu({ notificationDelivery: true, notificationPollMs: 50, notificationRetryMs: 100, notificationAttempts: 2 });
  account = t.emu.accounts.forKey(CREDENTIALS.accessKeyId)!;
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});
beforeEach(async () => {
  received.length = 0;
  status = 200;
  await t.ctl("POST", "/_emu/reset");
  await freezeAt(t, T0);
});

const legacySpec = (transport: "REST" | "SOAP", path: string, eventTypes: EventType[] = ["HITCreated", "AssignmentAccepted"]): NotificationSpec => ({
  destination: `${base}${path}`,
  transport,
  version: "2006-05-05",
  eventTypes,
});

/** What the legacy SetHITTypeNotification stores: the domain command with the legacy transports allowed. */
async function hitTypeNotifying(spec: NotificationSpec): Promise<string> {
  const { HITTypeId } = await t.sdk.send(new CreateHITTypeCommand({ Title: "Legacy", Description: "d", Reward: "0.10", AssignmentDurationInSeconds: 600 }));
  t.emu.domain.asRequester(account, (ctx) => updateNotificationSettings(ctx, HITTypeId!, spec, true, { legacyTransports: true }));
  return HITTypeId!;
}

const createHit = async (HITTypeId: string) =>
  (await t.sdk.send(new CreateHITWithHITTypeCommand({ HITTypeId, LifetimeInSeconds: 3600, MaxAssignments: 1, Question: HTML_QUESTION }))).HIT!.HITId!;

test("REST: a GET of the Destination with method=Notify, the event parameters and a signature made with the requester's secret", async () => {
  const typeId = await hitTypeNotifying(legacySpec("REST", "/mturk/notify?app=1"));
  const hitId = await createHit(typeId);
  const { WorkerId, AssignmentId } = await accept(t, hitId);
  await eventually(() => (received.length === 2 ? true : undefined), "two REST notifications");

  const [created, accepted] = received;
  for (const r of received) {
    expect(r.method).toBe("GET");
    expect(r.url.pathname).toBe("/mturk/notify");
    const q = r.url.searchParams;
    expect(q.get("app")).toBe("1"); // the Destination's own query is kept
    expect(q.get("method")).toBe("Notify");
    expect(q.get("Version")).toBe("2006-05-05");
    expect(q.get("Timestamp")).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(q.get("Signature")).toBe(expectedSignature(CREDENTIALS.secretAccessKey, q.get("Timestamp")!));
    expect(q.get("Signature")).not.toBe(expectedSignature("another secret", q.get("Timestamp")!));
  }
  const events = (r: Received) => Object.fromEntries([...r.url.searchParams].filter(([k]) => k.startsWith("Event.")));
  expect(events(created)).toEqual({ "Event.1.EventType": "HITCreated", "Event.1.EventTime": "2030-03-17T17:46:40Z", "Event.1.HITTypeId": typeId, "Event.1.HITId": hitId });
  expect(events(accepted)).toEqual({
    "Event.1.EventType": "AssignmentAccepted",
    "Event.1.EventTime": "2030-03-17T17:46:40Z",
    "Event.1.HITTypeId": typeId,
    "Event.1.HITId": hitId,
    "Event.1.AssignmentId": AssignmentId,
  });
  expect(WorkerId).toBeDefined();
  const listed = (await t.ctl("GET", "/_emu/notifications")).Notifications;
  expect(listed.map((n: any) => [n.Transport, n.Status])).toEqual([
    ["REST", "Delivered"],
    ["REST", "Delivered"],
  ]);
});

test("SOAP: the Notify envelope POSTed to the Destination, signed the same way", async () => {
  const typeId = await hitTypeNotifying(legacySpec("SOAP", "/soap", ["HITCreated"]));
  const hitId = await createHit(typeId);
  const [r] = await eventually(() => (received.length === 1 ? received : undefined), "the SOAP notification");
  expect(r.method).toBe("POST");
  expect(r.headers["content-type"]).toBe("text/xml; charset=utf-8");
  expect(r.body).toContain('<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><Notify xmlns="http://requester.mturk.amazonaws.com/doc/2006-05-05">');
  const timestamp = /<Timestamp>([^<]+)<\/Timestamp>/.exec(r.body)![1];
  expect(r.body).toContain(`<Signature>${expectedSignature(CREDENTIALS.secretAccessKey, timestamp)}</Signature>`);
  expect(r.body).toContain(
    `<Version>2006-05-05</Version><Event><EventType>HITCreated</EventType><EventTime>2030-03-17T17:46:40Z</EventTime><HITTypeId>${typeId}</HITTypeId><HITId>${hitId}</HITId></Event></Notify>`,
  );
});

test("a receiver that answers an error status: the attempt fails with it and is retried, then Failed", async () => {
  status = 500;
  const typeId = await hitTypeNotifying(legacySpec("REST", "/broken", ["HITCreated"]));
  await createHit(typeId);
  const [n] = await eventually(async () => {
    const all = (await t.ctl("GET", "/_emu/notifications")).Notifications;
    return all[0]?.Status === "Failed" ? all : undefined;
  }, "the delivery to give up");
  expect(n.Attempts.map((a: any) => [a.Outcome, a.Error])).toEqual([
    ["Failed", "The REST notification receiver answered HTTP 500 Internal Server Error"],
    ["Failed", "The REST notification receiver answered HTTP 500 Internal Server Error"],
  ]);
  expect(received).toHaveLength(2);
});

test("a legacy test notification goes out at once (what the legacy SendTestEventNotification calls)", async () => {
  await t.emu.notifications.sendTest(account, (ctx) => sendTestEventNotification(ctx, legacySpec("REST", "/ping"), "Ping", { legacyTransports: true }));
  expect(received).toHaveLength(1);
  const q = received[0].url.searchParams;
  expect(Object.fromEntries([...q].filter(([k]) => k.startsWith("Event.")))).toEqual({ "Event.1.EventType": "Ping", "Event.1.EventTime": "2030-03-17T17:46:40Z" });
  expect(q.get("Signature")).toBe(expectedSignature(CREDENTIALS.secretAccessKey, q.get("Timestamp")!));
});

test("the JSON API and the domain without the legacy option refuse the REST and SOAP transports", async () => {
  const { HITTypeId } = await t.sdk.send(new CreateHITTypeCommand({ Title: "Modern", Description: "d", Reward: "0.10", AssignmentDurationInSeconds: 600 }));
  const Notification = { Destination: `${base}/x`, Transport: "REST" as never, Version: "2006-05-05", EventTypes: ["HITCreated" as const] };
  await expectError(t.sdk.send(new UpdateNotificationSettingsCommand({ HITTypeId, Notification, Active: true })), "ParameterValidationError", undefined, "parameter Transport");
  await expectError(t.sdk.send(new SendTestEventNotificationCommand({ Notification, TestEventType: "Ping" })), "ParameterValidationError", undefined, "parameter Transport");
  expect(() => t.emu.domain.asRequester(account, (ctx) => updateNotificationSettings(ctx, HITTypeId!, legacySpec("SOAP", "/x"), true))).toThrow(
    'The value "SOAP" is not valid for the parameter Transport. The REST and SOAP transports belong to the legacy API',
  );
  expect(() =>
    t.emu.domain.asRequester(account, (ctx) => updateNotificationSettings(ctx, HITTypeId!, { ...legacySpec("REST", "/x"), destination: "mailto:x@example.com" }, true, { legacyTransports: true })),
  ).toThrow("For the REST transport, Destination must be an http(s) URL");
  expect(received).toEqual([]);
});

describe("the legacy SendTestEventNotification", () => {
  it("sends before it answers, and a destination that refuses fails the call in the result", async () => {
    const ok = await legacy(t, "SendTestEventNotification", {
      "Notification.1.Destination": `${base}/sync`,
      "Notification.1.Transport": "REST",
      "Notification.1.Version": "2006-05-05",
      TestEventType: "Ping",
    });
    expect(firstError(ok)).toBeUndefined();
    // Delivered by the time the call answered: no waiting here.
    expect(received.map((r) => [r.url.pathname, r.url.searchParams.get("Event.1.EventType")])).toEqual([["/sync", "Ping"]]);

    status = 500;
    const refused = await legacy(t, "SendTestEventNotification", {
      "Notification.1.Destination": `${base}/sync`,
      "Notification.1.Transport": "REST",
      "Notification.1.Version": "2006-05-05",
    });
    expect(firstError(refused)?.Code).toBe("AWS.MechanicalTurk.InvalidTransportEndpoint");
  });
});
