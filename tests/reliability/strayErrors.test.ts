/**
 * Errors nothing caught, raised inside a real server process (a preloaded module raises them on a signal):
 * a failed promise nobody awaited is logged and the node keeps serving; a synchronous throw stops it the way
 * SIGTERM does (log flushed, sockets closed) with exit code 1, and what was typed is there after a restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { insertActivity, readActivities } from '../../shared/planModel.js';
import { createWorld } from '../helpers/api.js';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';
import { tempDir } from '../helpers/server.js';
import { connectYjs, waitFor, waitSynced } from '../helpers/yjsClient.js';

// SIGUSR2: a rejected promise no one handles; SIGHUP: a throw from a timer callback.
const PRELOAD = `data:text/javascript,${encodeURIComponent(
  "process.on('SIGUSR2', () => { Promise.reject(new Error('stray rejection')); });" +
    "process.on('SIGHUP', () => { setTimeout(() => { throw new Error('stray throw'); }, 0); });",
)}`;

let running: ServerProcess | undefined;
afterEach(async () => {
  await running?.kill();
  running = undefined;
});

describe('errors nothing caught', () => {
  it('logs a stray rejection and keeps serving; stops cleanly with exit 1 on a stray throw, losing nothing', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    const env = { DATA_DIR: dataDir, NODE_OPTIONS: `--import=${PRELOAD}` };
    running = await startServerProcess(env);
    const world = await createWorld(running.url);
    const ana = await world.user('Ana', 'SSPC');
    const doc = await world.document(ana.api, await world.workspace(ana.api), 'blank');
    const editor = connectYjs(running.wsUrl, doc, ana.api.token, { reconnect: false });
    await waitSynced(editor);

    running.child.kill('SIGUSR2');
    await waitFor(() => running!.output().includes('unhandled promise rejection'), 10_000, 'rejection logged');
    expect(running.output()).toContain('stray rejection');
    expect((await fetch(`${running.url}/api/health`)).status).toBe(200);
    insertActivity(editor.doc, { id: 'despues-del-rechazo', title: 'Sigue en pie' });
    const reader = connectYjs(running.wsUrl, doc, ana.api.token, { reconnect: false });
    await waitSynced(reader);
    await waitFor(() => readActivities(reader.doc).some((a) => a.id === 'despues-del-rechazo'), 10_000, 'edit after the rejection');

    // Applied on the node (the reader has them), then the throw.
    for (let i = 0; i < 20; i++) insertActivity(editor.doc, { id: `a-${i}`, title: `Actividad ${i}` });
    await waitFor(() => readActivities(reader.doc).length === 21, 10_000, 'edits applied');
    reader.destroy();
    const exited = new Promise<number | null>((resolve) => running!.child.once('exit', (code) => resolve(code)));
    running.child.kill('SIGHUP');
    expect(await exited).toBe(1);
    expect(running.output()).toContain('uncaught exception; shutting down');
    expect(running.output()).toContain('stray throw');
    editor.destroy();

    running = await startServerProcess({ DATA_DIR: dataDir });
    const after = connectYjs(running.wsUrl, doc, ana.api.token, { reconnect: false });
    await waitSynced(after);
    const ids = readActivities(after.doc).map((a) => a.id);
    expect(ids).toContain('despues-del-rechazo');
    expect(ids.filter((id) => id.startsWith('a-'))).toHaveLength(20);
    after.destroy();
  });
});
