import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse, type SchemaObject } from '@nestjs/swagger';
import { ID_HINT, ID_PATTERN } from '@aid/contracts';
import { YUAN_PATTERN } from '@aid/money';

/** OpenAPI pieces shared by the controllers (the Nest edge only: never imported by tests). */
export const ID_SCHEMA: SchemaObject = { type: 'string', pattern: ID_PATTERN.source, description: ID_HINT };
export const DATE_SCHEMA: SchemaObject = { type: 'string', format: 'date', example: '2019-03-01' };
export const YUAN_SCHEMA: SchemaObject = {
  type: 'string',
  pattern: YUAN_PATTERN,
  description: 'yuan, at most two decimals, no leading zeros, at most 1000000000.00',
};
export const CATEGORIES_SCHEMA: SchemaObject = {
  type: 'array',
  uniqueItems: true,
  items: { type: 'string', enum: ['EXTREME_POOR', 'POOR', 'LOW_INCOME', 'MARGINAL'] },
};
export const RELATION_SCHEMA: SchemaObject = {
  type: 'string',
  enum: ['HEAD', 'SPOUSE', 'CHILD', 'PARENT', 'GRANDPARENT', 'GRANDCHILD', 'SIBLING', 'OTHER'],
};
export const SEX_SCHEMA: SchemaObject = {
  type: 'string',
  enum: ['MALE', 'FEMALE'],
  description: 'optional; must agree with the 17th digit of idNumber',
};
export const ID_NUMBER_SCHEMA: SchemaObject = {
  type: 'string',
  pattern: '^\\d{17}[\\dXx]$',
  description:
    '18-character resident ID number (居民身份证), ISO 7064 MOD 11-2 check digit; kept out of events, shown masked',
};

const BAD_REQUEST: SchemaObject = {
  type: 'object',
  properties: {
    statusCode: { type: 'integer', example: 400 },
    error: { type: 'string', example: 'Bad Request' },
    message: { type: 'string' },
    problems: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
  },
  example: {
    statusCode: 400,
    error: 'Bad Request',
    message: 'idNumber: has a wrong check digit (ISO 7064 MOD 11-2)',
    problems: [{ field: 'idNumber', message: 'has a wrong check digit (ISO 7064 MOD 11-2)' }],
  },
};

const refusal = (status: number, code: string, message: string): SchemaObject => ({
  type: 'object',
  properties: {
    statusCode: { type: 'integer' },
    error: { type: 'string', description: 'the refusal code' },
    message: { type: 'string' },
  },
  example: { statusCode: status, error: code, message },
});

/** The optional headers of every command, and the 400 answer naming each bad field. */
export function ApiCommand(): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'X-Correlation-Id',
      required: false,
      description:
        "optional: 1-64 letters, digits or . _ : -; carried into the events' metadata (default: the command's id)",
    }),
    ApiHeader({
      name: 'X-Causation-Id',
      required: false,
      description: 'optional, same shape: the message that caused this command (default: the command id)',
    }),
    ApiResponse({ status: 400, description: 'bad input: every bad field named', schema: BAD_REQUEST }),
  );
}

export function ApiBadRequest(): MethodDecorator {
  return applyDecorators(ApiResponse({ status: 400, description: 'a malformed id', schema: BAD_REQUEST }));
}

export function ApiRefusal(
  status: 404 | 409 | 422,
  description: string,
  code: string,
  message: string,
): MethodDecorator {
  return applyDecorators(ApiResponse({ status, description, schema: refusal(status, code, message) }));
}
