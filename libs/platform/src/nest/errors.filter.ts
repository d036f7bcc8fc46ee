import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { HTTP_STATUS_OF_REFUSAL, InputError, Refusal } from '../errors';

/** Turns the platform's errors into clear HTTP answers; anything else is a 500 with no internals. */
@Catch()
export class ErrorsFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (error instanceof InputError) {
      res.status(400).json({ statusCode: 400, error: 'Bad Request', message: error.message, problems: error.problems });
    } else if (error instanceof Refusal) {
      const status = HTTP_STATUS_OF_REFUSAL[error.kind];
      res.status(status).json({ statusCode: status, error: error.code, message: error.message });
    } else if (error instanceof HttpException) {
      const body = error.getResponse();
      res.status(error.getStatus()).json(typeof body === 'string' ? { statusCode: error.getStatus(), message: body } : body);
    } else if (error instanceof SyntaxError && 'body' in error) {
      res.status(400).json({ statusCode: 400, error: 'Bad Request', message: 'body: is not valid JSON' });
    } else {
      process.stderr.write(`unhandled error: ${error instanceof Error ? error.stack : String(error)}\n`);
      res.status(500).json({ statusCode: 500, error: 'Internal Server Error', message: 'internal error; see the service log' });
    }
  }
}
