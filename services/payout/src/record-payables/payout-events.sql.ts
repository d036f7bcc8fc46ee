/**
 * The upcast of payout's stored events (upcastPayoutEvent), in SQL, for the projections'
 * set-based statements: `e` is a row of payout's `events` table. Payables stored before
 * `programme` and `payee` were recorded read as MEDICAL, paid to whom their type says.
 */
export const sqlProgramme = (e: string): string => `coalesce(${e}.data->>'programme', 'MEDICAL')`;

export const sqlPayee = (e: string): string =>
  `coalesce(${e}.data->>'payee', case ${e}.event_type when 'HospitalReimbursementOwed' then 'HOSPITAL' when 'BankCardPaymentDue' then 'HOUSEHOLD_BANK_CARD' end)`;

/** When the obligation arose: the metadata's occurredAt, else when it was stored (storedPayoutEvent). */
export const sqlOccurredAt = (e: string): string =>
  `coalesce((${e}.metadata->>'occurredAt')::timestamptz, ${e}.recorded_at)`;
