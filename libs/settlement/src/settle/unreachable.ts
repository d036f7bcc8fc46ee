/** Ends a switch that has handled every member of a union; a new member fails to compile. */
export function unreachable(value: never): never {
  throw new Error(`unhandled case ${JSON.stringify(value)}`);
}
