// Settlement reads and rounds money through the project's one codec.
export * from '@aid/money';
