// Crash safety: under a concurrent CreateHIT load the emulator is killed with SIGKILL at a random moment, 20
// times over on the same database file. After each kill, before anything reopens it for writing, the file
// passes PRAGMA integrity_check (opened read-only); the restarted emulator serves again and still has every
// HIT whose CreateHIT got a 200. The kill moments come from a fixed seed, so a failure can be replayed.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { api, ensureBuilt, hitInput, mulberry32, pool, startChild, type Child } from "./helpers";

const ROUNDS = 20;
const WRITERS = 8;
const SEED = 20261122;

let dir: string;
let child: Child | undefined;

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), "mturk-emu-crash-"));
}, 200_000);

afterAll(async () => {
  await child?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** CreateHIT from `WRITERS` loops until the child dies; the HITIds of the calls answered 200. */
async function writeUntilKilled(emu: Child, acknowledged: Set<string>, stopped: () => boolean): Promise<void> {
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      for (let i = 0; !stopped(); i++) {
        try {
          const res = await api(emu, "CreateHIT", hitInput({ RequesterAnnotation: `writer ${writer} call ${i}` }));
          if (res.status !== 200) throw new Error(`CreateHIT → ${res.status} ${res.text}`);
          acknowledged.add(res.json.HIT.HITId);
        } catch (err) {
          if (stopped()) return; // the connection died with the process: this call's fate is unknown
          throw err;
        }
      }
    }),
  );
}

function integrityOf(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.pragma("integrity_check") as Array<{ integrity_check: string }>).map((row) => row.integrity_check).join("; ");
  } finally {
    db.close();
  }
}

it(
  `keeps every acknowledged CreateHIT and a sound file across ${ROUNDS} SIGKILLs under write load`,
  async () => {
    const file = join(dir, "crash.db");
    const random = mulberry32(SEED);
    const acknowledged = new Set<string>();
    const missingFrom = async (emu: Child, hitIds: string[]) =>
      (await pool(16, hitIds.map((hitId) => async () => ((await api(emu, "GetHIT", { HITId: hitId })).status === 200 ? undefined : hitId)))).filter(
        (id) => id !== undefined,
      );
    child = await startChild(file);
    for (let round = 0; round < ROUNDS; round++) {
      const before = new Set(acknowledged);
      let killed = false;
      const load = writeUntilKilled(child, acknowledged, () => killed);
      // Somewhere between 50 and 400 ms into the load.
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.floor(random() * 350)));
      killed = true;
      await child.kill9();
      await load;

      expect({ round, integrity: integrityOf(file) }).toEqual({ round, integrity: "ok" });

      // What this round acknowledged survived the kill (earlier rounds' HITs are checked once more at the end).
      child = await startChild(file);
      const fresh = [...acknowledged].filter((id) => !before.has(id));
      expect({ round, missing: await missingFrom(child, fresh) }).toEqual({ round, missing: [] });
    }
    // The last restart serves writes too, and the whole history is there.
    expect((await api(child, "CreateHIT", hitInput())).status).toBe(200);
    expect(await missingFrom(child, [...acknowledged])).toEqual([]);
    expect(acknowledged.size).toBeGreaterThan(ROUNDS * WRITERS);
  },
  120_000,
);
