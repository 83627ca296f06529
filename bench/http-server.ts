import 'reflect-metadata';
import { Body, Controller, Get, HttpCode, Module, Param, Post } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory.js';
import { AuthService } from '../src/auth/auth.service.js';
import { findFreePort } from '../src/common/free-port.js';
import { loadEnvironment } from '../src/config/environment.js';
import { startRuntime } from '../src/config/start-runtime.js';
import type { LotPlan } from '../src/lots/lot-engine.service.js';
import { ProgrammesService } from '../src/programmes/programmes.service.js';
import { inParallel, measureLoad, type ProcessLoad } from './support.js';

/**
 * The server side of `npm run bench:http`, forked by http.bench.ts so that the load generator
 * does not share its event loop: `soczakaz` is the real API (createApp, as main.ts serves
 * ROLE=api), `bare` a Nest app with one controller of the same routes answering a fixed body.
 * Tells the parent its port, measures its own load between `measure` and `report`.
 * `node http-server.js soczakaz` (configured by the environment, as main.ts) or
 * `node http-server.js bare '<json>'`.
 */
export type ServerKind = 'soczakaz' | 'bare';

/** Draft lots to add, `count` of them spread over the programmes, numbered 1…count. */
export interface LotsToAdd {
  userId: string;
  programmeIds: string[];
  count: number;
  plan: Omit<LotPlan, 'number'>;
}

export type ToServer =
  { type: 'measure' } | { type: 'report' } | { type: 'stop' } | ({ type: 'addLots' } & LotsToAdd);
export type FromServer =
  | { type: 'ready'; port: number }
  | { type: 'load'; load: ProcessLoad }
  | { type: 'lotsAdded'; lotIds: string[] }
  | { type: 'failed'; error: string };

const LISTEN_ATTEMPTS = 5;
/** Lots added per transaction: one commit for many, where the API commits each. */
const LOTS_PER_TRANSACTION = 250;

/**
 * Through the service POST /programmes/{id}/lots calls (programme locked, budget checked, lot and
 * its first audit entry written by the engine), many lots per transaction; concurrent
 * transactions take distinct programmes.
 */
async function addLots(app: INestApplication, order: LotsToAdd): Promise<string[]> {
  const actor = await app.get(AuthService).actorOf(order.userId);
  if (!actor) throw new Error(`no active user ${order.userId}`);
  const programmes = app.get(ProgrammesService);
  const dataSource = app.get(DataSource);
  const lotIds = new Array<string>(order.count);
  const batches = Math.ceil(order.count / LOTS_PER_TRANSACTION);
  await inParallel(batches, order.programmeIds.length, async (batch) => {
    const programmeId = order.programmeIds[batch % order.programmeIds.length];
    await dataSource.transaction(async (manager) => {
      const end = Math.min(order.count, (batch + 1) * LOTS_PER_TRANSACTION);
      for (let index = batch * LOTS_PER_TRANSACTION; index < end; index++) {
        const plan = { ...order.plan, number: String(index + 1) };
        lotIds[index] = (await programmes.addLotIn(manager, programmeId, plan, actor)).id;
      }
    });
  });
  return lotIds;
}

function bareModule(body: unknown) {
  @Controller('lots')
  class BareLotsController {
    @Get(':id')
    get(@Param('id') _id: string): unknown {
      return body;
    }

    @Post(':id/events')
    @HttpCode(200)
    send(@Param('id') _id: string, @Body() _event: unknown): unknown {
      return body;
    }
  }

  @Module({ controllers: [BareLotsController] })
  class BareModule {}
  return BareModule;
}

/** `bare` answers `bareBody` (JSON), a real lot view handed over by the parent. */
async function start(
  kind: ServerKind,
  bareBody: string,
): Promise<{ app: INestApplication; stop(): Promise<void> }> {
  if (kind === 'bare') {
    const body: unknown = JSON.parse(bareBody);
    const app = await NestFactory.create(bareModule(body), { logger: false });
    return { app, stop: () => app.close() };
  }
  const environment = loadEnvironment(process.env);
  const started = await startRuntime(environment, () => undefined);
  try {
    const app = await createApp(environment, started.runtime);
    return {
      app,
      stop: async () => {
        await app.close();
        await started.stop();
      },
    };
  } catch (error) {
    await started.stop();
    throw error;
  }
}

/** A port found free may be taken before it is bound: try another. */
async function listen(app: INestApplication): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = await findFreePort();
    try {
      await app.listen(port, '127.0.0.1');
      return port;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= LISTEN_ATTEMPTS) {
        throw error;
      }
    }
  }
}

async function main(): Promise<void> {
  const [kind, bareBody = '{}'] = process.argv.slice(2) as [ServerKind, string?];
  if (kind !== 'soczakaz' && kind !== 'bare') throw new Error(`unknown server kind ${kind}`);
  const send = (message: FromServer) => process.send?.(message);
  const server = await start(kind, bareBody);
  const port = await listen(server.app);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void server.stop().finally(() => process.exit(0));
  };
  let stopMeasuring: (() => ProcessLoad) | undefined;
  process.on('message', (message: ToServer) => {
    if (message.type === 'measure') stopMeasuring = measureLoad();
    if (message.type === 'report' && stopMeasuring) {
      send({ type: 'load', load: stopMeasuring() });
      stopMeasuring = undefined;
    }
    if (message.type === 'addLots') {
      addLots(server.app, message).then(
        (lotIds) => send({ type: 'lotsAdded', lotIds }),
        (error: unknown) =>
          send({ type: 'failed', error: (error as Error).stack ?? String(error) }),
      );
    }
    if (message.type === 'stop') stop();
  });
  // The bench died: nobody will stop this server.
  process.on('disconnect', stop);
  send({ type: 'ready', port });
}

main().catch((error: unknown) => {
  const failed: FromServer = { type: 'failed', error: (error as Error).stack ?? String(error) };
  if (process.send) process.send(failed, () => process.exit(1));
  else process.exit(1);
});
