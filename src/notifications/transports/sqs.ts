// SQS: the document as the message body (MODERN-API.md §6.2). Destination is the queue URL.
import type { SQSClient } from "@aws-sdk/client-sqs";
import { clientSettings, credentialsFor, defaultRegion, isAwsHost } from "./aws";
import type { OutgoingNotification, SendContext, SendResult, Transport } from "./transport";

export class SqsTransport implements Transport {
  private readonly clients = new Map<string, SQSClient>();

  /** `endpoint`: every queue is reached there (e.g. a local moto_server); otherwise the queue URL says where. */
  constructor(private readonly options: { endpoint?: string; timeoutMs: number }) {}

  async send({ document }: OutgoingNotification, ctx: SendContext): Promise<SendResult> {
    const { SendMessageCommand } = await import("@aws-sdk/client-sqs");
    const client = await this.client(document.Destination);
    await client.send(new SendMessageCommand({ QueueUrl: document.Destination, MessageBody: JSON.stringify(document.Message) }), { abortSignal: ctx.signal });
    return {};
  }

  private async client(queueUrl: string): Promise<SQSClient> {
    const url = new URL(queueUrl);
    // A queue URL on a local server (no --sqs-endpoint) is reached at that server.
    const endpoint = this.options.endpoint ?? (isAwsHost(url.hostname) ? undefined : url.origin);
    const region = /^sqs\.([a-z0-9-]+)\.amazonaws\.com/i.exec(url.hostname)?.[1] ?? /^([a-z0-9-]+)\.queue\.amazonaws\.com/i.exec(url.hostname)?.[1] ?? defaultRegion();
    const key = `${region} ${endpoint ?? ""}`;
    let client = this.clients.get(key);
    if (!client) {
      const { SQSClient } = await import("@aws-sdk/client-sqs");
      const local = endpoint !== undefined && !isAwsHost(new URL(endpoint).hostname);
      client = new SQSClient({ region, endpoint, credentials: credentialsFor(local), ...clientSettings(this.options.timeoutMs) });
      this.clients.set(key, client);
    }
    return client;
  }

  close(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}
