// The lease book keeps ended faults readable by id, bounded, until POST /reset.
import assert from "node:assert/strict";
import { test } from "node:test";
import { pino } from "pino";
import { LeaseBook, MAX_ENDED } from "../../../stack/faults/leases.ts";

const record = (n: number) => ({ id: `http-${n}`, kind: "http", target: "provider-a", createdAt: Date.now(), expiresAt: Date.now() + 60_000, fields: {}, tally: { affected: n } });

test(`ended faults stay readable with their final affected count, the oldest forgotten past ${MAX_ENDED}, all forgotten at reset`, async () => {
  const book = new LeaseBook(pino({ level: "silent" }));
  const total = MAX_ENDED + 5;
  for (let n = 1; n <= total; n++) {
    book.add(record(n), { end: () => {} });
    await book.end(`http-${n}`, "deleted");
  }
  assert.deepEqual(book.list(), []);
  for (let n = 1; n <= 5; n++) assert.equal(book.get(`http-${n}`), undefined, `http-${n} is past the bound`);
  const last = book.get(`http-${total}`);
  assert.deepEqual([last?.state, last?.endReason, last?.affected, last?.remainingMs], ["ended", "deleted", total, 0]);
  assert.equal(book.get("http-6")?.state, "ended", "the oldest kept one");
  book.add(record(0), { end: () => {} });
  await book.endAll("reset");
  assert.equal(book.get(`http-${total}`), undefined);
  assert.equal(book.get("http-0"), undefined);
});
