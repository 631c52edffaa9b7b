// Notification delivery to a real local SQS and SNS (moto_server): every event type arrives in the documented
// format (MODERN-API.md §6.2), straight to a queue and through a topic subscribed to a queue; clock-driven
// events arrive when the control clock moves, with no API call; SendTestEventNotification is synchronous and
// fails on a destination that does not exist; failed deliveries are retried with backoff.
import {
  ApproveAssignmentCommand,
  CreateHITTypeCommand,
  CreateHITWithHITTypeCommand,
  DeleteHITCommand,
  RejectAssignmentCommand,
  SendTestEventNotificationCommand,
  UpdateExpirationForHITCommand,
  UpdateNotificationSettingsCommand,
  type EventType,
  type NotificationSpecification,
} from "@aws-sdk/client-mturk";
import { HTML_QUESTION, T0, accept, advance, expectError, freezeAt, startTestEmu, submit, type TestEmu } from "../helpers/emu";
import { createQueue, createTopicWithQueue, eventually, QueueReader, startMoto, uniqueName, type Moto } from "./helpers";

const ALL_EVENTS: EventType[] = [
  "AssignmentAccepted",
  "AssignmentAbandoned",
  "AssignmentReturned",
  "AssignmentSubmitted",
  "AssignmentRejected",
  "AssignmentApproved",
  "HITCreated",
  "HITExtended",
  "HITDisposed",
  "HITReviewable",
  "HITExpired",
];
const ASSIGNMENT_EVENTS = new Set(ALL_EVENTS.filter((e) => e.startsWith("Assignment")));

let moto: Moto;
let t: TestEmu;

beforeAll(async () => {
  moto = await startMoto();
  t = await startTestEmu({
    notificationDelivery: true,
    sqsEndpoint: moto.url,
    snsEndpoint: moto.url,
    notificationPollMs: 50,
    notificationRetryMs: 200,
    notificationAttempts: 3,
  });
});
afterAll(async () => {
  await t?.close();
  await moto?.stop();
});
beforeEach(async () => {
  await t.ctl("POST", "/_emu/reset");
  await freezeAt(t, T0);
});

const spec = (Transport: "SQS" | "SNS", Destination: string, EventTypes: EventType[] = ALL_EVENTS): NotificationSpecification => ({
  Destination,
  Transport,
  Version: "2006-05-05",
  EventTypes,
});
const notifications = async () => (await t.ctl("GET", "/_emu/notifications")).Notifications as any[];

/** Every event document the reader has, unwrapped from its SNS envelope when `sns`. */
function documentsOf(bodies: string[], sns?: { topicArn: string }): any[] {
  return bodies.map((body) => {
    const parsed = JSON.parse(body);
    if (!sns) return parsed;
    expect(parsed).toMatchObject({ Type: "Notification", TopicArn: sns.topicArn, Subject: expect.stringMatching(/^\d{13}$/) });
    return JSON.parse(parsed.Message);
  });
}

describe.each(["SQS", "SNS"] as const)("every event type arrives over %s", (transport) => {
  test("assignment and HIT events, clock-driven ones included, and Ping; one document each, in the documented format", async () => {
    let destination: string;
    let reader: QueueReader;
    let sns: { topicArn: string } | undefined;
    if (transport === "SQS") {
      destination = (await createQueue(moto)).url;
      reader = new QueueReader(moto, destination);
    } else {
      const { topicArn, queueUrl } = await createTopicWithQueue(moto);
      destination = topicArn;
      sns = { topicArn };
      reader = new QueueReader(moto, queueUrl);
    }
    const docs = () => documentsOf(reader.bodies, sns);
    const arrived = (type: string, pred: (e: any) => boolean = () => true) =>
      reader.until(() => docs().some((d) => d.Events[0].EventType === type && pred(d.Events[0])), `${type} over ${transport}`);

    const { HITTypeId } = await t.sdk.send(
      new CreateHITTypeCommand({ Title: "Tag", Description: "One word", Reward: "0.10", AssignmentDurationInSeconds: 600, AutoApprovalDelayInSeconds: 1000 }),
    );
    await t.sdk.send(new UpdateNotificationSettingsCommand({ HITTypeId, Notification: spec(transport, destination), Active: true }));
    const { HIT } = await t.sdk.send(new CreateHITWithHITTypeCommand({ HITTypeId, LifetimeInSeconds: 3600, MaxAssignments: 5, Question: HTML_QUESTION }));
    const hitId = HIT!.HITId!;

    const approved = await accept(t, hitId);
    await submit(t, approved.AssignmentId);
    await t.sdk.send(new ApproveAssignmentCommand({ AssignmentId: approved.AssignmentId }));
    const rejected = await accept(t, hitId);
    await submit(t, rejected.AssignmentId);
    await t.sdk.send(new RejectAssignmentCommand({ AssignmentId: rejected.AssignmentId, RequesterFeedback: "Off topic" }));
    const returned = await accept(t, hitId);
    await t.ctl("POST", `/_emu/assignments/${returned.AssignmentId}/return`);
    const abandoned = await accept(t, hitId);
    const autoApproved = await accept(t, hitId);
    await submit(t, autoApproved.AssignmentId);

    // Clock-driven events are delivered when the clock moves, with no API call in between.
    await advance(t, 700); // past the 600 s assignment duration
    await arrived("AssignmentAbandoned", (e) => e.AssignmentId === abandoned.AssignmentId);
    await advance(t, 400); // past the 1000 s auto-approval delay
    await arrived("AssignmentApproved", (e) => e.AssignmentId === autoApproved.AssignmentId);

    await t.sdk.send(new UpdateExpirationForHITCommand({ HITId: hitId, ExpireAt: new Date((T0 + 4200) * 1000) }));
    await advance(t, 3200); // past the extended expiry: HITExpired, then HITReviewable (nothing is left to do)
    await arrived("HITReviewable");
    await t.sdk.send(new DeleteHITCommand({ HITId: hitId }));
    await t.sdk.send(new SendTestEventNotificationCommand({ Notification: spec(transport, destination, ["HITCreated"]), TestEventType: "Ping" }));

    // Everything GET /_emu/notifications lists has arrived exactly once, and is marked Delivered.
    const listed = await eventually(async () => {
      const all = await notifications();
      return all.every((n) => n.Status === "Delivered") ? all : undefined;
    }, "every notification Delivered");
    await reader.until((b) => b.length >= listed.length, `${listed.length} messages`);
    expect(await reader.quietFor(500)).toEqual([]);
    const received = docs();
    expect(received.map((d) => d.EventDocId).sort()).toEqual(listed.map((n) => n.Message.EventDocId).sort());
    expect(new Set(received.map((d) => d.Events[0].EventType))).toEqual(new Set([...ALL_EVENTS, "Ping"]));
    for (const n of listed) expect(n.Attempts).toEqual([{ Time: expect.any(Number), Outcome: "Delivered" }]);

    const byType = (type: string) => received.filter((d) => d.Events[0].EventType === type);
    const account = /^\d{12}$/;
    for (const doc of received) {
      expect(Object.keys(doc).sort()).toEqual(["CustomerId", "EventDocId", "EventDocVersion", "Events", "SourceAccount"]);
      expect(doc).toMatchObject({ EventDocVersion: "2006-05-05", EventDocId: expect.stringMatching(/^[0-9a-f]{40}$/), SourceAccount: expect.stringMatching(account) });
      expect(doc.CustomerId).toMatch(/^A[A-Z0-9]+$/);
      expect(doc.Events).toHaveLength(1);
      const [event] = doc.Events;
      expect(event.EventTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      if (event.EventType === "Ping") {
        expect(Object.keys(event).sort()).toEqual(["EventTimestamp", "EventType"]);
      } else if (ASSIGNMENT_EVENTS.has(event.EventType)) {
        expect(event).toEqual({ EventType: event.EventType, EventTimestamp: event.EventTimestamp, HITId: hitId, HITTypeId, AssignmentId: expect.any(String), WorkerId: expect.any(String) });
      } else {
        expect(event).toEqual({ EventType: event.EventType, EventTimestamp: event.EventTimestamp, HITId: hitId, HITTypeId });
      }
    }
    const ts = (s: number) => new Date(s * 1000).toISOString().replace(".000Z", "Z");
    expect(byType("HITCreated")[0].Events[0].EventTimestamp).toBe(ts(T0));
    expect(byType("AssignmentAbandoned")[0].Events[0]).toMatchObject({ AssignmentId: abandoned.AssignmentId, WorkerId: abandoned.WorkerId, EventTimestamp: ts(T0 + 600) });
    expect(byType("AssignmentApproved").map((d) => d.Events[0].AssignmentId).sort()).toEqual([approved.AssignmentId, autoApproved.AssignmentId].sort());
    expect(byType("AssignmentApproved").find((d) => d.Events[0].AssignmentId === autoApproved.AssignmentId).Events[0].EventTimestamp).toBe(ts(T0 + 1000));
    expect(byType("AssignmentRejected")[0].Events[0]).toMatchObject({ AssignmentId: rejected.AssignmentId, WorkerId: rejected.WorkerId });
    expect(byType("AssignmentReturned")[0].Events[0]).toMatchObject({ AssignmentId: returned.AssignmentId, WorkerId: returned.WorkerId });
    expect(byType("AssignmentAccepted")).toHaveLength(5);
    expect(byType("AssignmentSubmitted")).toHaveLength(3);
    expect(byType("HITExpired")[0].Events[0].EventTimestamp).toBe(ts(T0 + 4200));
  });
});

describe("SendTestEventNotification", () => {
  const send = (Notification: NotificationSpecification, TestEventType: EventType = "Ping") =>
    t.sdk.send(new SendTestEventNotificationCommand({ Notification, TestEventType }));

  test("has the message in the queue when it answers, whatever event types the specification lists", async () => {
    const queue = await createQueue(moto);
    await send(spec("SQS", queue.url, ["HITCreated"]), "AssignmentSubmitted");
    const reader = new QueueReader(moto, queue.url);
    expect(await reader.poll()).toBe(1); // no waiting: it was sent before the call answered
    const [doc] = documentsOf(reader.bodies);
    expect(doc.Events).toEqual([{ EventType: "AssignmentSubmitted", EventTimestamp: "2030-03-17T17:46:40Z" }]);
    const [listed] = await notifications();
    expect(listed).toMatchObject({ Status: "Delivered", Attempts: [{ Outcome: "Delivered" }], Message: { EventDocId: doc.EventDocId } });
  });

  test("a queue that does not exist: RequestError AWS.MechanicalTurk.InvalidTransportEndpoint with SQS's reason; not retried", async () => {
    const missing = `${moto.url}/123456789012/${uniqueName("missing")}`;
    const error = await expectError(send(spec("SQS", missing)), "RequestError", "AWS.MechanicalTurk.InvalidTransportEndpoint", `The test notification could not be delivered to ${missing} (SQS):`);
    expect(error.message).toContain("The specified queue does not exist.");
    await new Promise((r) => setTimeout(r, 600)); // past a retry, had there been one
    const [listed] = await notifications();
    expect(listed).toMatchObject({ Destination: missing, Status: "Failed", Attempts: [{ Outcome: "Failed", Error: expect.stringContaining("The specified queue does not exist.") }] });
    expect(listed.Attempts).toHaveLength(1);
  });

  test("a topic that does not exist, and an endpoint nobody listens on, fail the same way", async () => {
    const topic = `arn:aws:sns:us-east-1:123456789012:${uniqueName("missing")}`;
    const error = await expectError(send(spec("SNS", topic)), "RequestError", "AWS.MechanicalTurk.InvalidTransportEndpoint", `could not be delivered to ${topic} (SNS)`);
    expect(error.message).toMatch(/not ?found|does not exist/i);

    const dead = await startTestEmu({ notificationDelivery: true, sqsEndpoint: "http://127.0.0.1:9", notificationPollMs: 50 });
    try {
      const queue = await createQueue(moto);
      const refused = await expectError(
        dead.sdk.send(new SendTestEventNotificationCommand({ Notification: spec("SQS", queue.url), TestEventType: "Ping" })),
        "RequestError",
        "AWS.MechanicalTurk.InvalidTransportEndpoint",
      );
      expect(refused.message).toContain("ECONNREFUSED");
    } finally {
      await dead.close();
    }
  });

  test("specifications are still checked first, with the usual errors", async () => {
    await expectError(send(spec("SQS", "not a url")), "ParameterValidationError", undefined, "parameter Destination");
    expect(await notifications()).toEqual([]);
  });
});

describe("retries", () => {
  test("a failed delivery is retried with growing waits until the destination takes it, and sent once", async () => {
    const name = uniqueName("late");
    const queueUrl = `${moto.url}/123456789012/${name}`;
    const { HITTypeId } = await t.sdk.send(new CreateHITTypeCommand({ Title: "Late queue", Description: "d", Reward: "0.10", AssignmentDurationInSeconds: 600 }));
    await t.sdk.send(new UpdateNotificationSettingsCommand({ HITTypeId, Notification: spec("SQS", queueUrl, ["HITCreated"]), Active: true }));
    await t.sdk.send(new CreateHITWithHITTypeCommand({ HITTypeId, LifetimeInSeconds: 3600, MaxAssignments: 1, Question: HTML_QUESTION }));
    // The queue does not exist yet: the first attempt fails and a retry is scheduled 200 ms later.
    const [pending] = await eventually(async () => {
      const all = await notifications();
      return all[0]?.Attempts.length === 1 ? all : undefined;
    }, "a first failed attempt");
    expect(pending).toMatchObject({ Status: "Pending", Attempts: [{ Outcome: "Failed", Error: expect.stringContaining("QueueDoesNotExist") }] });
    await createQueue(moto, name);
    const [done] = await eventually(async () => {
      const all = await notifications();
      return all[0]?.Status === "Delivered" ? all : undefined;
    }, "the delivery after the queue was created");
    expect(done.Attempts.map((a: any) => a.Outcome).slice(-1)).toEqual(["Delivered"]);
    expect(done.Attempts.slice(0, -1).every((a: any) => a.Outcome === "Failed")).toBe(true);
    const reader = new QueueReader(moto, queueUrl);
    await reader.until((b) => b.length === 1, "the HITCreated document");
    expect(await reader.quietFor(500)).toEqual([]);
  });

  test("after the last attempt the delivery is Failed, each attempt timed, the waits doubling", async () => {
    const queueUrl = `${moto.url}/123456789012/${uniqueName("never")}`;
    const { HITTypeId } = await t.sdk.send(new CreateHITTypeCommand({ Title: "No queue", Description: "d", Reward: "0.10", AssignmentDurationInSeconds: 600 }));
    await t.sdk.send(new UpdateNotificationSettingsCommand({ HITTypeId, Notification: spec("SQS", queueUrl, ["HITCreated"]), Active: true }));
    await t.sdk.send(new CreateHITWithHITTypeCommand({ HITTypeId, LifetimeInSeconds: 3600, MaxAssignments: 1, Question: HTML_QUESTION }));
    const [failed] = await eventually(async () => {
      const all = await notifications();
      return all[0]?.Status === "Failed" ? all : undefined;
    }, "the delivery to give up");
    expect(failed.Attempts).toHaveLength(3);
    expect(failed.Attempts.every((a: any) => a.Outcome === "Failed" && a.Error.includes("The specified queue does not exist."))).toBe(true);
    const [a, b, c] = failed.Attempts.map((x: any) => x.Time * 1000);
    expect(b - a).toBeGreaterThanOrEqual(190); // 200 ms, then 400 ms
    expect(c - b).toBeGreaterThanOrEqual(390);
  });
});

test("without --sqs-endpoint, a queue URL on a local server is sent to that server", async () => {
  const local = await startTestEmu({ notificationDelivery: true, notificationPollMs: 50 });
  try {
    const queue = await createQueue(moto);
    await local.sdk.send(new SendTestEventNotificationCommand({ Notification: spec("SQS", queue.url), TestEventType: "Ping" }));
    const reader = new QueueReader(moto, queue.url);
    expect(await reader.poll()).toBe(1);
  } finally {
    await local.close();
  }
});
