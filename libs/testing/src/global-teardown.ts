/** Stops only what the global setup started; servers given through the environment stay up. */
export default async function globalTeardown(): Promise<void> {
  const started = globalThis.__aidLedgerInfra;
  if (!started) return;
  globalThis.__aidLedgerInfra = undefined;
  await started.kafka?.stop();
  const pg = started.postgres;
  if (pg && pg.exitCode === null) {
    await new Promise<void>((resolve) => {
      pg.once('exit', () => resolve());
      pg.kill('SIGTERM');
    });
  }
}
