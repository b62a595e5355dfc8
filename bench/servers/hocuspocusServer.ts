/** Child-process entry: `@hocuspocus/server` with default settings and no persistence extension. */
import { Server } from '@hocuspocus/server';

const port = Number(process.env.PORT);
const address = process.env.HOST ?? '127.0.0.1';

const server = new Server({ port, address, quiet: true, stopOnSignals: false });
await server.listen();
process.on('SIGTERM', () => process.exit(0));
