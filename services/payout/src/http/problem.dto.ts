import { ApiProperty } from '@nestjs/swagger';

export class ProblemDto {
  @ApiProperty({ example: 'year' }) field!: string;
  @ApiProperty({ example: 'must be a year from 2000 to 2100, e.g. year=2019' }) message!: string;
}

/** The 400 answer: every bad field named. */
export class BadRequestDto {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'Bad Request' }) error!: string;
  @ApiProperty({ example: 'year: must be a year from 2000 to 2100, e.g. year=2019' }) message!: string;
  @ApiProperty({ type: [ProblemDto] }) problems!: ProblemDto[];
}

export class NotFoundDto {
  @ApiProperty({ example: 404 }) statusCode!: number;
  @ApiProperty({ example: 'CLAIM_NOT_FOUND' }) error!: string;
  @ApiProperty({ example: 'payout has recorded nothing for claim claim-1' }) message!: string;
}
