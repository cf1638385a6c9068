import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { contextOn, type Context } from '../src/context.js';
import { MasterKey } from '../src/credentials/keys/master-key.js';
import { openTestDatabase } from '../src/db/testing.js';
import { buildServer } from '../src/http/server.js';

export interface RunningServer {
  url: string;
  context: Context;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** The real HTTP server on a free port, on a fresh database with the default library loaded. */
export async function startServer(options: { publicUrl?: string } = {}): Promise<RunningServer> {
  // A fresh master key per server: keys sealed in one test database open in no other.
  const masterKey = new MasterKey(randomBytes(32), { kind: 'environment' });
  const context = await contextOn(await openTestDatabase(), { masterKey, publicUrl: options.publicUrl ?? 'https://openler.test' });
  const app = await buildServer(context);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    context,
    app,
    async close() {
      await app.close();
      await context.close();
    },
  };
}
