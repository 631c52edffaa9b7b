// Seeds a database file with many HITs in minutes rather than hours: one real HIT is created through the
// emulator's own domain (so its HIT type, question and columns are exactly what CreateHIT writes), then its
// row and its HITCreated event are copied with plain SQL into the store's own tables, each copy with a fresh
// HITId. The result is what the file would hold after that many identical CreateHIT calls.
"use strict";
const { join } = require("node:path");
const { ROOT } = require("./processes");

const dist = (path) => require(join(ROOT, "dist/src", path));

const QUESTION = `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA[<!DOCTYPE html><html><body><form name="mturk_form" method="post" action="https://workersandbox.mturk.com/mturk/externalSubmit"><input type="hidden" name="assignmentId" value=""/><input name="answer"/></form></body></html>]]></HTMLContent><FrameHeight>450</FrameHeight></HTMLQuestion>`;

/** The CreateHIT body the bench sends (and the template of seeded HITs). */
const CREATE_HIT = {
  Title: "Tag an image",
  Description: "Look at an image and type one word",
  Keywords: "image, tagging",
  Reward: "0.25",
  AssignmentDurationInSeconds: 600,
  LifetimeInSeconds: 30 * 86400,
  AutoApprovalDelayInSeconds: 3 * 86400,
  MaxAssignments: 3,
  Question: QUESTION,
};

/** Creates (or extends) the database at `path` with `count` HITs of the default account. Returns the seconds it took. */
function seedHits(path, count) {
  const started = Date.now();
  const { SqliteStore } = dist("store/sqlite-store.js");
  const { Accounts, DEFAULT_CREDENTIALS } = dist("protocols/auth/accounts.js");
  const { Clock } = dist("domain/clock.js");
  const { Domain } = dist("domain/domain.js");
  const hits = dist("domain/commands/hits.js");

  const store = new SqliteStore(path);
  try {
    const clock = new Clock();
    const accounts = new Accounts(store, true, () => clock.now());
    accounts.register([DEFAULT_CREDENTIALS]);
    const requester = accounts.forKey(DEFAULT_CREDENTIALS.accessKeyId);
    const domain = new Domain(store, clock);
    const type = {
      title: CREATE_HIT.Title,
      description: CREATE_HIT.Description,
      keywords: CREATE_HIT.Keywords,
      reward: CREATE_HIT.Reward,
      assignmentDurationS: CREATE_HIT.AssignmentDurationInSeconds,
      autoApprovalDelayS: CREATE_HIT.AutoApprovalDelayInSeconds,
      qualificationRequirements: [],
    };
    const template = domain.asRequester(requester, (ctx) =>
      hits.createHit(ctx, { type, lifetimeS: CREATE_HIT.LifetimeInSeconds, maxAssignments: CREATE_HIT.MaxAssignments, question: QUESTION }),
    );
    const db = store.db;
    const columns = db
      .prepare("SELECT name FROM pragma_table_info('hits')")
      .all()
      .map((c) => c.name)
      .filter((name) => name !== "seq" && name !== "id");
    const eventColumns = db
      .prepare("SELECT name FROM pragma_table_info('events')")
      .all()
      .map((c) => c.name)
      .filter((name) => name !== "seq" && name !== "hit_id");
    // HITIds shaped like the real ones: 30 characters of [0-9A-F] starting with a digit, random so the
    // unique index is as scattered as a real one.
    const copyHits = db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @count)
       INSERT INTO hits (id, ${columns.join(", ")})
       SELECT '3' || substr(hex(randomblob(15)), 2), ${columns.join(", ")} FROM n, (SELECT * FROM hits WHERE id = @id)`,
    );
    const copyEvents = db.prepare(
      `INSERT INTO events (hit_id, ${eventColumns.join(", ")})
       SELECT hits.id, ${eventColumns.map((c) => "e." + c).join(", ")} FROM hits, (SELECT * FROM events WHERE hit_id = @id) e
       WHERE hits.seq > @after ORDER BY hits.seq`,
    );
    const after = template.seq;
    db.transaction(() => {
      copyHits.run({ count: count - 1, id: template.id });
      copyEvents.run({ id: template.id, after });
      // A running emulator turns each event into notification deliveries (none here: no HIT type has
      // notification settings) and moves its cursor past it; the copied events are as far along.
      if (typeof store.getDeliveryCursor === "function") {
        const lastEvent = db.prepare("SELECT coalesce(max(seq), 0) AS seq FROM events").get().seq;
        store.setDeliveryCursor({ ...store.getDeliveryCursor(), eventSeq: lastEvent });
      }
    })();
    db.pragma("wal_checkpoint(TRUNCATE)");
    const total = db.prepare("SELECT COUNT(*) AS n FROM hits").get().n;
    return { seconds: (Date.now() - started) / 1000, total };
  } finally {
    store.close();
  }
}

module.exports = { seedHits, CREATE_HIT, QUESTION };
