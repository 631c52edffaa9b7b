// The Email transport: mailed over SMTP (a real smtp-server receives it) when --smtp-url is set, and kept in the
// outbox (GET /_emu/outbox, Kind EventNotification) either way.
import type { AddressInfo } from "node:net";
import { CreateHITTypeCommand, CreateHITWithHITTypeCommand, SendTestEventNotificationCommand, UpdateNotificationSettingsCommand } from "@aws-sdk/client-mturk";
import { SMTPServer } from "smtp-server";
import { HTML_QUESTION, T0, expectError, freezeAt, startTestEmu, type TestEmu } from "../helpers/emu";
import { eventually } from "./helpers";

interface Mail {
  from: string;
  to: string[];
  headers: Record<string, string>;
  body: string;
}

let smtp: SMTPServer;
let smtpUrl: string;
const mails: Mail[] = [];
let t: TestEmu;

/** Undoes quoted-printable (soft line breaks and =XX escapes). */
const fromQuotedPrintable = (s: string) =>
  Buffer.from(s.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8");

function parseMail(raw: string, from: string, to: string[]): Mail {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const i = line.indexOf(":");
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = rest.join("\n\n");
  if (/quoted-printable/i.test(headers["content-transfer-encoding"] ?? "")) body = fromQuotedPrintable(body);
  return { from, to, headers, body: body.replace(/\r\n/g, "\n") };
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith("@refused.example")) return callback(new Error("550 No such user here"));
      callback();
    },
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        mails.push(parseMail(raw, (session.envelope.mailFrom as { address: string }).address, session.envelope.rcptTo.map((r) => r.address)));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  t = await startTestEmu({ notificationDelivery: true, smtpUrl, smtpFrom: "MTurk <mturk@example.org>", notificationPollMs: 50 });
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});
beforeEach(async () => {
  mails.length = 0;
  await t.ctl("POST", "/_emu/reset");
  await freezeAt(t, T0);
});

const emailSpec = (Destination: string) => ({ Destination, Transport: "Email" as const, Version: "2006-05-05", EventTypes: ["HITCreated" as const] });

test("an event of a HIT type with an Email specification is mailed to the Destination, and kept in the outbox", async () => {
  const { HITTypeId } = await t.sdk.send(new CreateHITTypeCommand({ Title: "Mail me", Description: "d", Reward: "0.10", AssignmentDurationInSeconds: 600 }));
  await t.sdk.send(new UpdateNotificationSettingsCommand({ HITTypeId, Notification: emailSpec("requester@example.com"), Active: true }));
  const { HIT } = await t.sdk.send(new CreateHITWithHITTypeCommand({ HITTypeId, LifetimeInSeconds: 3600, MaxAssignments: 1, Question: HTML_QUESTION }));

  const mail = await eventually(() => mails[0], "the e-mail");
  expect(mail.to).toEqual(["requester@example.com"]);
  expect(mail.from).toBe("mturk@example.org");
  expect(mail.headers.subject).toBe("Amazon Mechanical Turk notification: HITCreated");
  expect(mail.headers.to).toBe("requester@example.com");
  expect(mail.body).toContain("Event: HITCreated\nTime: 2030-03-17T17:46:40Z\n");
  expect(mail.body).toContain(`HIT: ${HIT!.HITId}`);
  expect(mail.body).toContain(`HIT type: ${HITTypeId}`);
  const [listed] = (await t.ctl("GET", "/_emu/notifications")).Notifications;
  expect(mail.body).toContain(JSON.stringify(listed.Message, null, 2));
  expect(listed).toMatchObject({ Transport: "Email", Status: "Delivered" });

  const { Messages } = await t.ctl("GET", "/_emu/outbox?Kind=EventNotification");
  expect(Messages).toEqual([
    { Recipient: "requester@example.com", Kind: "EventNotification", Subject: mail.headers.subject, MessageText: mail.body, SentTime: T0, RequesterId: listed.Message.CustomerId },
  ]);
  expect(await new Promise((r) => setTimeout(() => r(mails.length), 300))).toBe(1);
});

test("SendTestEventNotification by Email is mailed before the call answers; an address the server refuses fails the call", async () => {
  await t.sdk.send(new SendTestEventNotificationCommand({ Notification: emailSpec("me@example.com"), TestEventType: "Ping" }));
  expect(mails.map((m) => [m.to, m.headers.subject])).toEqual([[["me@example.com"], "Amazon Mechanical Turk notification: Ping"]]);

  const error = await expectError(
    t.sdk.send(new SendTestEventNotificationCommand({ Notification: emailSpec("nobody@refused.example"), TestEventType: "Ping" })),
    "RequestError",
    "AWS.MechanicalTurk.InvalidTransportEndpoint",
    "could not be delivered to nobody@refused.example (Email)",
  );
  expect(error.message).toContain("No such user here");
  const outbox = await t.ctl("GET", "/_emu/outbox?Kind=EventNotification");
  expect(outbox.Messages.map((m: any) => m.Recipient)).toEqual(["me@example.com"]); // the refused one was not sent
});

test("without --smtp-url an Email notification is delivered to the outbox only", async () => {
  const quiet = await startTestEmu({ notificationDelivery: true, notificationPollMs: 50 });
  try {
    await quiet.sdk.send(new SendTestEventNotificationCommand({ Notification: emailSpec("me@example.com"), TestEventType: "Ping" }));
    const { Messages } = await quiet.ctl("GET", "/_emu/outbox");
    expect(Messages).toEqual([expect.objectContaining({ Recipient: "me@example.com", Kind: "EventNotification", Subject: "Amazon Mechanical Turk notification: Ping" })]);
    expect((await quiet.ctl("GET", "/_emu/notifications")).Notifications[0]).toMatchObject({ Status: "Delivered" });
    expect(mails).toEqual([]);
  } finally {
    await quiet.close();
  }
});
