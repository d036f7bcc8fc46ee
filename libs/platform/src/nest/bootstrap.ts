import 'reflect-metadata';
import { type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { ServiceRuntime } from '../service-runtime';
import { ErrorsFilter } from './errors.filter';

export interface StartHttpOptions {
  runtime: ServiceRuntime;
  module: Type<unknown> | import('@nestjs/common').DynamicModule;
  title: string;
  description: string;
  port: number;
  host?: string;
}

/** Starts one service's HTTP edge: the Nest app, its OpenAPI at /docs, and shutdown hooks. */
export async function startHttp(options: StartHttpOptions): Promise<{ app: INestApplication; url: string }> {
  const app = await NestFactory.create(options.module, { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  app.useGlobalFilters(new ErrorsFilter());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(options.title).setDescription(options.description).setVersion('1').build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });
  await app.listen(options.port, options.host ?? '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}` };
}
