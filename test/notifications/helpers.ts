// Shared by the notification delivery suites: a real local SQS/SNS (moto_server, started per file on a free
// port), queue readers, and waiting.
import { spawn, type ChildProcess } from "node:child_process";
import { CreateQueueCommand, DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";

export const AWS_TEST_CREDENTIALS = { accessKeyId: "testing", secretAccessKey: "testing" };

const MOTO_MISSING =
  "moto_server is not on the PATH: the notification delivery tests need a real local SQS/SNS. " +
  "Install it with `pip install 'moto[server]'` (it provides the moto_server command) and run the tests again.";

export interface Moto {
  url: string;
  sqs: SQSClient;
  sns: SNSClient;
  stop(): Promise<void>;
}

/** Starts moto_server on a free port of 127.0.0.1 and waits until it answers. Fails (never skips) without it. */
export async function startMoto(): Promise<Moto> {
  let child: ChildProcess;
  try {
    child = spawn("moto_server", ["-H", "127.0.0.1", "-p", "0"], { detached: true, stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    throw new Error(`${MOTO_MISSING} (${(err as Error).message})`);
  }
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`moto_server did not start within 30 s. Its output:\n${output}`)), 30_000);
    const onData = (data: Buffer) => {
      output += data.toString();
      const match = /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("error", (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new Error(err.code === "ENOENT" ? MOTO_MISSING : `moto_server could not be started: ${err.message}`));
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`moto_server exited (code ${code}) before listening. ${code === 127 ? MOTO_MISSING : ""}\nIts output:\n${output}`));
    });
  });
  // Should the suite end without stop() (a hook timed out), the worker's exit still takes moto_server down.
  const killOnExit = () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  };
  process.once("exit", killOnExit);
  const sqs = new SQSClient({ endpoint: url, region: "us-east-1", credentials: AWS_TEST_CREDENTIALS });
  const sns = new SNSClient({ endpoint: url, region: "us-east-1", credentials: AWS_TEST_CREDENTIALS });
  return {
    url,
    sqs,
    sns,
    stop: async () => {
      sqs.destroy();
      sns.destroy();
      process.off("exit", killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid!, "SIGTERM"); // its process group: moto_server may run under a wrapper
      await exited;
    },
  };
}

let counter = 0;
export const uniqueName = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;

export async function createQueue(moto: Moto, name = uniqueName("q")): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await moto.sqs.send(new CreateQueueCommand({ QueueName: name }));
  const { Attributes } = await moto.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
  return { url: QueueUrl!, arn: Attributes!.QueueArn! };
}

/** A topic with a queue subscribed to it (SNS envelopes, not raw delivery). */
export async function createTopicWithQueue(moto: Moto): Promise<{ topicArn: string; queueUrl: string }> {
  const { TopicArn } = await moto.sns.send(new CreateTopicCommand({ Name: uniqueName("topic") }));
  const queue = await createQueue(moto);
  await moto.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: queue.arn }));
  return { topicArn: TopicArn!, queueUrl: queue.url };
}

/** Reads a queue into `bodies`, deleting what it read. */
export class QueueReader {
  readonly bodies: string[] = [];

  constructor(
    private readonly moto: Moto,
    readonly queueUrl: string,
  ) {}

  async poll(): Promise<number> {
    const { Messages = [] } = await this.moto.sqs.send(new ReceiveMessageCommand({ QueueUrl: this.queueUrl, MaxNumberOfMessages: 10 }));
    for (const m of Messages) {
      this.bodies.push(m.Body!);
      await this.moto.sqs.send(new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: m.ReceiptHandle! }));
    }
    return Messages.length;
  }

  /** Reads until `done(bodies)` holds; fails after `timeoutMs` saying what arrived. */
  async until(done: (bodies: string[]) => boolean, what: string, timeoutMs = 15_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (done(this.bodies)) return this.bodies;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the queue had:\n${this.bodies.join("\n")}`);
      if ((await this.poll()) === 0) await sleep(100);
    }
  }

  /** Reads for `ms` more and returns what arrived meanwhile. */
  async quietFor(ms: number): Promise<string[]> {
    const before = this.bodies.length;
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) if ((await this.poll()) === 0) await sleep(100);
    return this.bodies.slice(before);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a value (not undefined); fails with `what` after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ""}`);
    await sleep(50);
  }
}
