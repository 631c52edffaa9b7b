// SNS: the document as the Message of a Publish to the topic ARN; SNS wraps it in its envelope for subscribers.
// The Subject is the epoch-ms string a real MTurk post carried (MODERN-API.md §6.2).
import type { SNSClient } from "@aws-sdk/client-sns";
import { clientSettings, credentialsFor, isAwsHost } from "./aws";
import type { OutgoingNotification, SendContext, SendResult, Transport } from "./transport";

export class SnsTransport implements Transport {
  private readonly clients = new Map<string, SNSClient>();

  constructor(private readonly options: { endpoint?: string; timeoutMs: number }) {}

  async send({ document }: OutgoingNotification, ctx: SendContext): Promise<SendResult> {
    const { PublishCommand } = await import("@aws-sdk/client-sns");
    const region = document.Destination.split(":")[3];
    const client = await this.client(region);
    await client.send(new PublishCommand({ TopicArn: document.Destination, Message: JSON.stringify(document.Message), Subject: String(ctx.now()) }), {
      abortSignal: ctx.signal,
    });
    return {};
  }

  private async client(region: string): Promise<SNSClient> {
    let client = this.clients.get(region);
    if (!client) {
      const { SNSClient } = await import("@aws-sdk/client-sns");
      const endpoint = this.options.endpoint;
      const local = endpoint !== undefined && !isAwsHost(new URL(endpoint).hostname);
      client = new SNSClient({ region, endpoint, credentials: credentialsFor(local), ...clientSettings(this.options.timeoutMs) });
      this.clients.set(region, client);
    }
    return client;
  }

  close(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}
