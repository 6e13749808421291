/** The receiver `conduit try` subscribes for triggers, over real HTTP on 127.0.0.1, as an app's deliveries reach it. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { startReceiver } from "../../scripts/try/receiver.js";

function post(url: string, body: unknown, id?: string): Promise<number> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json", ...(id === undefined ? {} : { "webhook-id": id }) }, body: JSON.stringify(body) }).then((r) => r.status);
}

describe("the receiver of conduit try", () => {
  test("each trigger's callback gets its own events once; after unsubscribing, it answers 410 and a new event there is late", async () => {
    const receiver = await startReceiver();
    try {
      const created = receiver.callback("OnCreated");
      const assigned = receiver.callback("OnAssigned");
      assert.match(created.url, /^http:\/\/127\.0\.0\.1:\d+\/conduit-try\/[0-9a-f]{24}\/OnCreated$/);

      // Already arrived, then taken; a repeat of the same event (at least once) is answered and not taken again.
      assert.equal(await post(created.url, { n: 1 }, "e1"), 202);
      assert.equal(await post(created.url, { n: 1 }, "e1"), 202);
      const first = await created.next(1_000);
      assert.deepEqual(JSON.parse(first!.text), { n: 1 });
      assert.equal(first!.headers["webhook-id"], "e1");
      assert.equal(await created.next(50), undefined, "the repeat was dropped");
      // Arriving while waited for; the other trigger's callback gets nothing of it.
      const waiting = assigned.next(2_000);
      assert.equal(await post(assigned.url, { n: 2 }, "e2"), 202);
      assert.deepEqual(JSON.parse((await waiting)!.text), { n: 2 });

      created.close();
      assert.equal(await post(created.url, { n: 1 }, "e1"), 410, "a flow turned off answers 410 Gone");
      assert.deepEqual(receiver.late(), [], "a repeat of an event taken before is not late");
      assert.equal(await post(created.url, { n: 3 }, "e3"), 410);
      assert.deepEqual(receiver.late().map((e) => [e.name, e.headers["webhook-id"]]), [["OnCreated", "e3"]]);

      assert.equal(await post(created.url.replace("OnCreated", "Other"), {}), 404, "nothing else is a callback");
    } finally {
      await receiver.close();
    }
  });
});
