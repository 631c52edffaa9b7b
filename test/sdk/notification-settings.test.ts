// UpdateNotificationSettings and SendTestEventNotification (MODERN-API.md §2.34, §2.38, §6), and the documents
// that would be delivered, read from GET /_emu/notifications.
import {
  CreateHITTypeCommand,
  CreateHITWithHITTypeCommand,
  SendTestEventNotificationCommand,
  UpdateNotificationSettingsCommand,
  type EventType,
  type NotificationSpecification,
} from "@aws-sdk/client-mturk";
import { HTML_QUESTION, T0, accept, advance, expectError, hitInput, submit, useEmu } from "../helpers/emu";

const QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/mturk-events";
const TOPIC = "arn:aws:sns:us-east-1:123456789012:mturk-events";

const t = useEmu({ frozenAt: T0 });

const spec = (more: Partial<NotificationSpecification> = {}): NotificationSpecification => ({
  Destination: QUEUE,
  Transport: "SQS",
  Version: "2006-05-05",
  EventTypes: ["AssignmentAccepted", "AssignmentSubmitted", "HITReviewable"],
  ...more,
});
const hitType = async (Title = "Tag an image") => {
  const { Description, Reward, AssignmentDurationInSeconds } = hitInput();
  return (await t.sdk.send(new CreateHITTypeCommand({ Title, Description, Reward, AssignmentDurationInSeconds }))).HITTypeId!;
};
const createHit = async (HITTypeId: string, MaxAssignments = 1) =>
  (await t.sdk.send(new CreateHITWithHITTypeCommand({ HITTypeId, LifetimeInSeconds: 3600, MaxAssignments, Question: HTML_QUESTION }))).HIT!.HITId!;
const settings = (HITTypeId: string, Notification?: NotificationSpecification, Active?: boolean) =>
  t.sdk.send(new UpdateNotificationSettingsCommand({ HITTypeId, Notification, Active }));
const sendTest = (Notification: NotificationSpecification, TestEventType: EventType) => t.sdk.send(new SendTestEventNotificationCommand({ Notification, TestEventType }));
const documents = async (query = "") => (await t.ctl("GET", `/_emu/notifications${query}`)).Notifications as any[];
const eventTypes = async (query = "") => (await documents(query)).map((d) => d.Message.Events[0].EventType);


describe("UpdateNotificationSettings", () => {
  it("accepts a destination that suits each transport and both versions", async () => {
    const type = await hitType();
    await settings(type, spec(), true);
    await settings(type, spec({ Destination: "http://localhost:9324/000000000000/local-queue" }));
    await settings(type, spec({ Transport: "SNS", Destination: TOPIC, Version: "2014-08-15" }));
    await settings(type, spec({ Transport: "Email", Destination: "requester@example.com" }));
    await settings(type, undefined, false);
  });

  it("refuses bad specifications", async () => {
    const type = await hitType();
    const bad = (s: NotificationSpecification, message: string) => expectError(settings(type, s, true), "ParameterValidationError", undefined, message);
    await bad(spec({ Transport: "Email", Destination: "not-an-address" }), 'The value "not-an-address" is not valid for the parameter Destination. For the Email transport');
    await bad(spec({ Destination: "sqs://queue" }), "For the SQS transport, Destination must be a queue URL");
    await bad(spec({ Transport: "SNS", Destination: QUEUE }), "For the SNS transport, Destination must be a topic ARN");
    await bad(spec({ Version: "2020-01-01" }), 'The value "2020-01-01" is not valid for the parameter Version. Use "2006-05-05" or "2014-08-15".');
    await bad(spec({ EventTypes: [] }), "EventTypes must list at least one event type.");
    await bad(spec({ EventTypes: ["Ping"] }), "Ping can only be sent with SendTestEventNotification.");
    await bad(spec({ Transport: "Pigeon" as never }), 'The value "Pigeon" is not valid for the parameter Transport.');
    await bad(spec({ EventTypes: ["HITEaten" as never] }), 'The value "HITEaten" is not valid for the parameter EventTypes.');
  });

  it("needs Notification or Active, and Active alone needs a specification set before", async () => {
    const type = await hitType();
    await expectError(settings(type), "ParameterValidationError", undefined, "Give a Notification specification, Active, or both.");
    await expectError(settings(type, undefined, true), "ParameterValidationError", undefined, `The HIT type ${type} has no notification specification yet`);
    await expectError(settings("3NOSUCHTYPE0000000000000000000", spec(), true), "RequestError", "AWS.MechanicalTurk.HITTypeDoesNotExist");
  });
});

describe("notification documents", () => {
  it("records a document per event of a HIT type with an active specification listing the event", async () => {
    const type = await hitType();
    const before = await createHit(type); // before any specification: never notified
    await accept(t, before);
    await settings(type, spec(), true);
    const hit = await createHit(type);
    await advance(t, 5);
    const { WorkerId, AssignmentId } = await accept(t, hit);
    await advance(t, 10);
    await submit(t, AssignmentId);

    const docs = await documents();
    // The domain raises HITReviewable as the submission's counters settle, before AssignmentSubmitted.
    expect(docs.map((d) => d.Message.Events[0].EventType)).toEqual(["AssignmentAccepted", "HITReviewable", "AssignmentSubmitted"]);
    expect(docs[0]).toEqual({
      Destination: QUEUE,
      Transport: "SQS",
      Version: "2006-05-05",
      Message: {
        EventDocVersion: "2006-05-05",
        EventDocId: expect.stringMatching(/^[0-9a-f]{40}$/),
        SourceAccount: expect.stringMatching(/^\d{12}$/),
        CustomerId: expect.stringMatching(/^A[A-Z0-9]+$/),
        Events: [{ EventType: "AssignmentAccepted", EventTimestamp: "2030-03-17T17:46:45Z", HITId: hit, AssignmentId, HITTypeId: type, WorkerId }],
      },
      // This suite only records notifications (delivery is tested in test/notifications).
      Status: "Pending",
      Attempts: [],
    });
    expect(docs[1].Message.Events[0]).toEqual({ EventType: "HITReviewable", EventTimestamp: "2030-03-17T17:46:55Z", HITId: hit, HITTypeId: type });
    expect(new Set(docs.map((d) => d.Message.EventDocId)).size).toBe(3);
    expect((await documents()).map((d) => d.Message.EventDocId)).toEqual(docs.map((d) => d.Message.EventDocId)); // stable ids
  });

  it("follows the settings in force when each event happened", async () => {
    const type = await hitType();
    const quiet = await hitType("Another type");
    await settings(type, spec({ EventTypes: ["HITCreated"] })); // a new specification starts inactive
    await createHit(type);
    expect(await documents()).toEqual([]);
    await settings(type, undefined, true);
    await createHit(type);
    await createHit(quiet);
    await settings(type, undefined, false);
    await createHit(type);
    await settings(type, spec({ EventTypes: ["HITCreated"], Transport: "SNS", Destination: TOPIC, Version: "2014-08-15" })); // stays inactive
    await createHit(type);
    await settings(type, undefined, true);
    await createHit(type);
    const docs = await documents();
    expect(docs.map((d) => [d.Message.Events[0].EventType, d.Transport, d.Message.EventDocVersion])).toEqual([
      ["HITCreated", "SQS", "2006-05-05"],
      ["HITCreated", "SNS", "2014-08-15"],
    ]);
    expect(await eventTypes(`?Destination=${encodeURIComponent(TOPIC)}`)).toEqual(["HITCreated"]);
  });
});

describe("SendTestEventNotification", () => {
  it("records one test document of the given type, even one the specification does not list, in event order", async () => {
    const type = await hitType();
    await settings(type, spec({ EventTypes: ["HITCreated"] }), true);
    await createHit(type);
    await advance(t, 1);
    await sendTest(spec({ Transport: "Email", Destination: "me@example.com", EventTypes: ["AssignmentSubmitted"] }), "Ping");
    await createHit(type);
    const docs = await documents();
    expect(docs.map((d) => [d.Destination, d.Message.Events[0].EventType])).toEqual([
      [QUEUE, "HITCreated"],
      ["me@example.com", "Ping"],
      [QUEUE, "HITCreated"],
    ]);
    expect(docs[1].Message.Events).toEqual([{ EventType: "Ping", EventTimestamp: "2030-03-17T17:46:41Z" }]);
  });

  it("validates the specification", async () => {
    await expectError(sendTest(spec({ Destination: "nowhere" }), "Ping"), "ParameterValidationError", undefined, "parameter Destination");
    await expectError(sendTest(spec({ EventTypes: [] }), "HITCreated"), "ParameterValidationError", undefined, "EventTypes must list at least one event type.");
    await expectError(sendTest(spec(), "Nope" as never), "ParameterValidationError", undefined, 'The value "Nope" is not valid for the parameter TestEventType.');
    expect(await documents()).toEqual([]);
  });
});
