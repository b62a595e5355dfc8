/** Load-generator child process: runs the client roles the parent asks for, one IPC call at a time or in parallel. */
import { handlers } from './handlers.js';

interface Call {
  id: number;
  method: string;
  args: object;
}

process.on('message', (msg: Call) => {
  const handler = handlers[msg.method];
  if (!handler) {
    process.send?.({ id: msg.id, error: `no handler ${msg.method}` });
    return;
  }
  handler(msg.args as never).then(
    (result) => process.send?.({ id: msg.id, result }),
    (err: unknown) => process.send?.({ id: msg.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
// y-websocket adds a process 'exit' listener per provider; hundreds of clients are intended here.
process.setMaxListeners(0);
process.on('SIGTERM', () => process.exit(0));
process.send?.({ ready: true });
