export * from '@aid/auth';
export { Allow, Public, CurrentActor } from './allow';
export { requireRegion, requireFacility, requireTownship, forbidden } from './scope';
export { AuthGuard } from './auth.guard';
export { verifierFor } from './key-source';
