/** Programs a ledger line can belong to. Only MEDICAL is paid today; the others have room. */
export const PROGRAMS = ['MEDICAL', 'PREMIUM_SUBSIDY', 'TEMPORARY_ASSISTANCE', 'LIVING_ALLOWANCE'] as const;
export type Program = (typeof PROGRAMS)[number];

/** Who received the money: the hospital that advanced it, or the household's bank card (打卡结算). */
export const PAYEE_KINDS = ['HOSPITAL', 'HOUSEHOLD_BANK_CARD'] as const;
export type PayeeKind = (typeof PAYEE_KINDS)[number];
