// The request log keeps the newest 10,000 calls, oldest first, in a ring (recording stays O(1)).
import { RequestLog } from "../../src/harness/request-log";

const entry = (operation: string) => ({ time: "2026-01-01T00:00:00.000Z", protocol: "json", operation, status: 200, ms: 1 });

describe("the request log", () => {
  it("keeps the newest 10,000 entries in order", () => {
    const log = new RequestLog("human", "silent");
    for (let i = 1; i <= 25_003; i++) log.record(entry(`Op${i}`));
    const all = log.list();
    expect(all).toHaveLength(10_000);
    expect([all[0].seq, all[0].operation, all[9999].seq, all[9999].operation]).toEqual([15_004, "Op15004", 25_003, "Op25003"]);
    expect(all.every((e, i) => i === 0 || e.seq === all[i - 1].seq + 1)).toBe(true);
    expect(log.list({ since: 25_001 }).map((e) => e.operation)).toEqual(["Op25002", "Op25003"]);
    expect(log.list({ operation: "Op20000" })).toHaveLength(1);
  });

  it("empties on clear and numbers on", () => {
    const log = new RequestLog("human", "silent");
    log.record(entry("A"));
    log.record(entry("B"));
    log.clear();
    expect(log.list()).toEqual([]);
    log.record(entry("C"));
    expect(log.list().map((e) => [e.seq, e.operation])).toEqual([[3, "C"]]);
  });
});
