import { luhnCheckDigit } from '../domain/bank-card-number';
import { validIdNumber } from './valid-id-number';

/** Request bodies for handler and HTTP tests; ID numbers are made up (valid check digits). */
let nextSequence = 0;

/** A fresh made-up ID number each call (sequence 0-499 per sex and birth date, then the next day). */
export function freshIdNumber(birthDate = '1968-04-12', sex: 'MALE' | 'FEMALE' = 'MALE'): string {
  const n = nextSequence++;
  const day = new Date(Date.parse(`${birthDate}T00:00:00Z`) + Math.floor(n / 500) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return validIdNumber({ regionCode: '152201', birthDate: day, sequence: n % 500, sex });
}

export function registerHouseholdBody(overrides: Record<string, unknown> = {}, head: Record<string, unknown> = {}) {
  return {
    region: 'xingan-league',
    address: {
      province: '内蒙古自治区',
      city: '兴安盟',
      county: '乌兰浩特市',
      township: '义勒力特镇',
      village: '前进村',
    },
    registeredOn: '2019-03-01',
    categories: ['POOR'],
    head: { name: '张三', idNumber: freshIdNumber(), ...head },
    ...overrides,
  };
}

export function addMemberBody(overrides: Record<string, unknown> = {}) {
  return {
    name: '李四',
    idNumber: freshIdNumber('1971-09-03', 'FEMALE'),
    relation: 'SPOUSE',
    addedOn: '2019-03-01',
    ...overrides,
  };
}

let nextCard = 0;

/** A fresh made-up 19-digit card number each call (a made-up issuer prefix, a valid Luhn digit). */
export function freshCardNumber(): string {
  const body = `999900${String(nextCard++).padStart(12, '0')}`;
  return body + luhnCheckDigit(body);
}

export function bankCardBody(overrides: Record<string, unknown> = {}) {
  return { cardNumber: freshCardNumber(), bankName: '中国农业银行乌兰浩特支行', holderName: '张三', ...overrides };
}
