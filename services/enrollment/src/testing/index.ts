// Test and demo helpers; nothing here imports a framework, so Jest and seed scripts can load it.
export { validIdNumber, type ValidIdNumberSpec } from './valid-id-number';
