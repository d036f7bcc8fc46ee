import { CATEGORIES, type Category } from './vocabulary';

/**
 * A policy parameter `x` together with its `xFor` overrides. An override may be `null` where
 * the parameter is a cap ("no cap"), so absence is told apart from null by key presence.
 */
export interface Overridable<T> {
  readonly value: T;
  readonly overrides: Readonly<Partial<Record<Category, T>>>;
}

export function fixed<T>(value: T): Overridable<T> {
  return { value, overrides: {} };
}

/**
 * The value that applies to a member: the override of their highest-precedence category
 * that has one for this parameter, else the parameter itself. Each parameter is resolved on
 * its own, so a member may take one parameter from POOR and another from LOW_INCOME.
 */
export function resolve<T>(parameter: Overridable<T>, categories: readonly Category[]): T {
  const overrides = parameter.overrides;
  for (const category of CATEGORIES) {
    if (categories.includes(category) && Object.hasOwn(overrides, category)) return overrides[category] as T;
  }
  return parameter.value;
}
