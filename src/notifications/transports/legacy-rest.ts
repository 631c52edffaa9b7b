// The legacy REST transport (LEGACY-API.md §5): an HTTP GET of the Destination with the signed Notify query.
import { legacyRestUrl, legacyTimestamp } from "../format";
import type { OutgoingNotification, SendContext, SendResult, Transport } from "./transport";

export class LegacyRestTransport implements Transport {
  async send({ requesterId, document }: OutgoingNotification, ctx: SendContext): Promise<SendResult> {
    const url = legacyRestUrl(document, ctx.secretFor(requesterId) ?? "", legacyTimestamp(ctx.now()));
    const res = await fetch(url, { method: "GET", signal: ctx.signal, headers: { "user-agent": "mturk-emu notifications" } });
    await res.arrayBuffer().catch(() => undefined);
    if (!res.ok) throw new Error(`The REST notification receiver answered HTTP ${res.status} ${res.statusText}`.trim());
    return {};
  }
}
