// The legacy SOAP transport (LEGACY-API.md §5): the Notify envelope POSTed to the Destination.
import { legacySoapEnvelope, legacyTimestamp } from "../format";
import type { OutgoingNotification, SendContext, SendResult, Transport } from "./transport";

export class LegacySoapTransport implements Transport {
  async send({ requesterId, document }: OutgoingNotification, ctx: SendContext): Promise<SendResult> {
    const body = legacySoapEnvelope(document, ctx.secretFor(requesterId) ?? "", legacyTimestamp(ctx.now()));
    const res = await fetch(document.Destination, {
      method: "POST",
      body,
      signal: ctx.signal,
      headers: { "content-type": "text/xml; charset=utf-8", soapaction: '"http://soap.amazon.com"', "user-agent": "mturk-emu notifications" },
    });
    await res.arrayBuffer().catch(() => undefined);
    if (!res.ok) throw new Error(`The SOAP notification receiver answered HTTP ${res.status} ${res.statusText}`.trim());
    return {};
  }
}
