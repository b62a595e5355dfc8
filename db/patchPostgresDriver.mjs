/**
 * Runs after `npm install` / `npm ci`: mends two faults in the PostgreSQL driver's write scheduler (postgres 3.4.9,
 * the latest release; reported upstream as porsager/postgres#1154 and #1208, fix not released yet).
 * Small writes wait for a setImmediate. When the server closes the connection first:
 *  - the waiting write ran on a null socket and threw from the immediate, where no caller can catch it, ending
 *    the whole process in a database outage;
 *  - the cleared timer was never reset, so the reconnected connection never scheduled a write again and its
 *    queries hung for ever.
 * And a query sent on a connection the server had already closed (a reserved connection, or a transaction's,
 * after a backend was terminated) was written into nothing and never settled; it is now rejected at once, and
 * releasing such a reserved connection no longer puts the dead connection back among the open ones. Last, a
 * `COPY … TO STDOUT` stream that ended while backpressure had paused the socket left it paused, so the connection
 * never read another answer (porsager/postgres#499); it now resumes at the end of the copy. And a copy failing as it
 * started threw its error from the driver (an 'error' event before anyone could listen).
 * Each edit is applied on its own and only once: a driver that no longer has the code an edit mends is left
 * alone for that edit, with a notice.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MARK = '/* enlace: write-scheduler patch */';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'postgres');
const EDITS = [
  {
    what: 'a query on a connection the server closed is rejected instead of never settling',
    from: "    if (terminated)\n      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))\n",
    // Answering true keeps the callers from moving the closed connection out of the pool's closed queue.
    to: "    if (terminated)\n      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))\n\n    /* enlace: closed-connection patch */\n    if (socket === null && initial === null)\n      return queryError(q, Errors.connection('CONNECTION_CLOSED', options)), true\n",
  },
  {
    file: 'index.js',
    what: 'releasing a reserved connection the server closed leaves it closed, not in the open queue',
    from: '    sql.release = () => {\n      c.reserved = null\n      onopen(c)\n    }',
    to: '    sql.release = () => {\n      c.reserved = null\n      c.queue === closed || onopen(c)\n    }',
  },
  {
    what: 'a write deferred past a close is dropped (its query was already rejected)',
    from: '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)',
    to: `  function nextWrite(fn) {\n    ${MARK}\n    if (socket === null) {\n      chunk = nextWriteTimer = null\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
  },
  {
    what: 'teardown resets the write timer, so a reconnected connection writes again',
    from: '    clearImmediate(nextWriteTimer)\n    if (socket) {',
    to: '    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    if (socket) {',
  },
  {
    // porsager/postgres#499 and #917: the stream pauses the socket when a chunk fills its buffer and resumes it only
    // when read again; a chunk that arrives with the end is never read again, so the connection never read another
    // answer. The document store reads stored plans this way (binary COPY).
    what: 'a COPY … TO STDOUT stream that ends while the socket is paused resumes it',
    from: '  function CopyDone() {\n    stream && stream.push(null)\n    stream = null\n  }',
    to: '  function CopyDone() {\n    /* enlace: copy-done patch */\n    stream && stream.push(null)\n    stream = null\n    socket.resume()\n  }',
  },
  {
    // A copy that fails as it starts (a backend terminated, a statement cancelled) destroyed its stream with the
    // error in the same turn that handed the stream over, before the caller could listen: an uncaught 'error' event,
    // which stops a node. Readers see the error all the same: finished() and async iteration read stream.errored.
    what: 'a COPY … TO STDOUT stream that fails before anyone listens does not throw from the driver',
    from: '  function CopyOutResponse() {\n    stream = new Stream.Readable({\n      read() { socket.resume() }\n    })\n    query.resolve(stream)\n  }',
    to: "  function CopyOutResponse() {\n    stream = new Stream.Readable({\n      read() { socket.resume() }\n    })\n    /* enlace: copy-error patch */\n    stream.on('error', () => { /* seen by readers as stream.errored */ })\n    query.resolve(stream)\n  }",
  },
  {
    what: 'close resets the write timer too',
    from: '    clearImmediate(nextWriteTimer)\n    socket.removeListener(\'data\', data)',
    to: "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    socket.removeListener('data', data)",
  },
];

let patched = 0;
for (const [dir, name] of ['src', 'cjs/src', 'cf/src'].flatMap((d) => [[d, 'connection.js'], [d, 'index.js']])) {
  const file = join(root, dir, name);
  if (!existsSync(file)) continue;
  let text = readFileSync(file, 'utf8');
  let changed = false;
  for (const e of EDITS.filter((edit) => (edit.file ?? 'connection.js') === name)) {
    if (text.includes(e.to)) continue;
    if (!text.includes(e.from)) {
      console.warn(`postgres driver: ${file} no longer has the code this patch mends (${e.what}); left as it is`);
      continue;
    }
    text = text.replace(e.from, e.to);
    changed = true;
  }
  if (!changed) continue;
  writeFileSync(file, text);
  patched++;
}
if (patched) console.log(`postgres driver: patches applied to ${patched} file(s)`);
