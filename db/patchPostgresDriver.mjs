/**
 * Runs after `npm install` / `npm ci`: mends two faults in the PostgreSQL driver's write scheduler (postgres 3.4.9,
 * the latest release; reported upstream as porsager/postgres#1154 and #1208, fix not released yet).
 * Small writes wait for a setImmediate. When the server closes the connection first:
 *  - the waiting write ran on a null socket and threw from the immediate, where no caller can catch it, ending
 *    the whole process in a database outage;
 *  - the cleared timer was never reset, so the reconnected connection never scheduled a write again and its
 *    queries hung for ever.
 * Each edit is checked: a driver that no longer has the faulty code is left alone, with a notice.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MARK = '/* enlace: write-scheduler patch */';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'postgres');
const EDITS = [
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
    what: 'close resets the write timer too',
    from: '    clearImmediate(nextWriteTimer)\n    socket.removeListener(\'data\', data)',
    to: "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    socket.removeListener('data', data)",
  },
];

let patched = 0;
for (const file of ['src/connection.js', 'cjs/src/connection.js', 'cf/src/connection.js'].map((f) => join(root, f))) {
  if (!existsSync(file)) continue;
  let text = readFileSync(file, 'utf8');
  if (text.includes(MARK)) continue;
  const missing = EDITS.filter((e) => !text.includes(e.from));
  if (missing.length) {
    console.warn(`postgres driver: ${file} no longer has the code this patch mends (${missing.map((e) => e.what).join('; ')}); left as it is`);
    continue;
  }
  for (const e of EDITS) text = text.replace(e.from, e.to);
  writeFileSync(file, text);
  patched++;
}
if (patched) console.log(`postgres driver: write-scheduler patch applied to ${patched} file(s)`);
