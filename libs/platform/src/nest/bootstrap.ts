import 'reflect-metadata';
import { type INestApplication, type Type } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { TRACE_HEADERS, traceHeaderProblem } from '@aid/contracts';
import { readAuthConfig } from '../config';
import type { ServiceRuntime } from '../service-runtime';
import { AuthGuard, verifierFor } from './auth';
import { ErrorsFilter, badRequest } from './errors.filter';

export interface StartHttpOptions {
  runtime: ServiceRuntime;
  module: Type<unknown> | import('@nestjs/common').DynamicModule;
  title: string;
  description: string;
  port: number;
  host?: string;
}

/** The largest request body any service reads; named in the 413 answer. */
export const BODY_LIMIT = '100kb';

/** Starts one service's HTTP edge: the Nest app, its OpenAPI at /docs, and shutdown hooks. */
export async function startHttp(options: StartHttpOptions): Promise<{ app: INestApplication; url: string }> {
  // Read before anything starts: a service that cannot tell callers apart must not serve.
  const verifier = verifierFor(readAuthConfig(process.env));
  const app = await NestFactory.create<NestExpressApplication>(options.module, {
    logger: ['error', 'warn'],
    bodyParser: false,
  });
  app.enableShutdownHooks();
  const express = app.getHttpAdapter().getInstance() as import('express').Express;
  express.disable('x-powered-by');
  app.use(traceHeaders);
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useGlobalGuards(new AuthGuard(app.get(Reflector), verifier));
  app.useGlobalFilters(new ErrorsFilter((path) => allowedMethods(express, path), BODY_LIMIT));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(options.title).setDescription(options.description).setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });
  await app.listen(options.port, options.host ?? '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}` };
}

/** One rule for the trace headers in every service: a bad one is named, and nothing runs. */
function traceHeaders(req: Request, res: Response, next: NextFunction): void {
  const problems = TRACE_HEADERS.flatMap((name) => {
    const why = traceHeaderProblem(req.headers[name.toLowerCase()]);
    return why ? [{ field: name, message: why }] : [];
  });
  if (problems.length > 0) badRequest(res, problems);
  else next();
}

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
  match(path: string): boolean;
}

/** The methods the app routes for a path (empty: no such path), for a 405's `Allow`. */
function allowedMethods(express: import('express').Express, path: string): string[] {
  const router = (express as unknown as { router?: { stack: RouteLayer[] }; _router?: { stack: RouteLayer[] } }).router;
  const methods = new Set<string>();
  for (const layer of router?.stack ?? []) {
    if (!layer.route || !layer.match(path)) continue;
    for (const [m, on] of Object.entries(layer.route.methods)) if (on && m !== '_all') methods.add(m.toUpperCase());
  }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}
