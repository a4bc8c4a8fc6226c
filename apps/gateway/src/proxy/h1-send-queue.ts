/** What the queue sends: a connection whose request is ready to be written. */
interface Sendable {
  send(): void;
}

/** One setImmediate for every request dispatched in a loop turn, not one each. */
let sendQueue: Sendable[] = [];

export function queueSend(conn: Sendable): void {
  if (sendQueue.push(conn) === 1) setImmediate(flushSends);
}

function flushSends(): void {
  const batch = sendQueue;
  sendQueue = [];
  for (const conn of batch) conn.send();
}
