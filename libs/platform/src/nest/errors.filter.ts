import { ArgumentsHost, Catch, HttpException, NotFoundException, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { FieldProblem } from '@aid/contracts';
import { HTTP_STATUS_OF_REFUSAL, InputError, Refusal } from '../errors';

/** The one shape of a 400: every bad field named in `problems`, never a value the caller sent. */
export function badRequest(res: Response, problems: FieldProblem[]): void {
  res.status(400).json({
    statusCode: 400,
    error: 'Bad Request',
    message: problems.map((p) => `${p.field}: ${p.message}`).join('; '),
    problems,
  });
}

/** What the body parser reports: its messages can quote the body, so only its type is read. */
function bodyParserError(error: unknown): string | null {
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === 'string' && typeof (error as { status?: unknown }).status === 'number' ? type : null;
}

/** Turns the platform's errors into clear HTTP answers; anything else is a 500 with no internals. */
@Catch()
export class ErrorsFilter implements ExceptionFilter {
  constructor(
    private readonly allowedMethods: (path: string) => string[] = () => [],
    private readonly bodyLimit = '100kb',
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    // The framework wraps the body parser's and the router's errors; their messages quote the input.
    const cause = error instanceof HttpException ? error.cause : undefined;
    const parserError = bodyParserError(cause ?? error);
    if (error instanceof InputError) {
      badRequest(res, error.problems);
    } else if (error instanceof Refusal) {
      const status = HTTP_STATUS_OF_REFUSAL[error.kind];
      res.status(status).json({ statusCode: status, error: error.code, message: error.message });
    } else if (parserError === 'entity.too.large') {
      const message = `must be at most ${this.bodyLimit}`;
      res.status(413).json({
        statusCode: 413,
        error: 'Payload Too Large',
        message: `body: ${message}`,
        problems: [{ field: 'body', message }],
      });
    } else if (parserError === 'entity.parse.failed') {
      badRequest(res, [{ field: 'body', message: 'is not valid JSON' }]);
    } else if (parserError !== null && ((cause ?? error) as { status: number }).status < 500) {
      const status = ((cause ?? error) as { status: number }).status;
      const message =
        parserError === 'encoding.unsupported' || parserError === 'charset.unsupported'
          ? 'must be JSON in UTF-8'
          : 'could not be read';
      res.status(status).json({
        statusCode: status,
        error: 'Bad Request',
        message: `body: ${message}`,
        problems: [{ field: 'body', message }],
      });
    } else if (cause instanceof URIError) {
      badRequest(res, [{ field: 'path', message: 'is not valid percent-encoded UTF-8' }]);
    } else if (error instanceof NotFoundException && req && this.methodNotAllowed(req, res)) {
      return;
    } else if (error instanceof NotFoundException && /^Cannot [A-Z]+ /.test(error.message)) {
      // The framework's own message repeats the path; the caller knows what they asked for.
      res.status(404).json({ statusCode: 404, error: 'Not Found', message: 'no such route' });
    } else if (error instanceof HttpException) {
      const body = error.getResponse();
      res
        .status(error.getStatus())
        .json(typeof body === 'string' ? { statusCode: error.getStatus(), message: body } : body);
    } else {
      process.stderr.write(`unhandled error: ${error instanceof Error ? error.stack : String(error)}\n`);
      res
        .status(500)
        .json({ statusCode: 500, error: 'Internal Server Error', message: 'internal error; see the service log' });
    }
  }

  /** A path that exists under other methods answers 405 with `Allow`, not 404. */
  private methodNotAllowed(req: Request, res: Response): boolean {
    const allowed = this.allowedMethods(req.path);
    if (allowed.length === 0 || allowed.includes(req.method)) return false;
    res.setHeader('Allow', allowed.join(', '));
    res.status(405).json({
      statusCode: 405,
      error: 'Method Not Allowed',
      message: `${req.method} is not allowed here; allowed: ${allowed.join(', ')}`,
    });
    return true;
  }
}
