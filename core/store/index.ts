/** The encrypted PHI store. See engine.ts (operations), open.ts (data folder), keys.ts (key management). */
export * from './errors.js';
export * from './types.js';
export { StoreEngine, STORE_OPS, DEFAULT_RETENTION, ftsQuery, type StoreOp, type EngineOptions } from './engine.js';
export {
  initStore,
  unlockStore,
  unwrapDataKey,
  openUnlocked,
  rewrapKey,
  removeKeySlot,
  storePaths,
  storeExists,
  DB_FILE,
  KEY_FILE,
  type UnlockOptions,
} from './open.js';
export {
  PassphraseProtector,
  DEFAULT_SCRYPT_LOG2N,
  readKeyFile,
  type KeyProtector,
  type KeySlot,
  type KeyFile,
  type SlotName,
  type SafeStorageLike,
} from './keys.js';
export {
  AUDIT_ACTIONS,
  AUDIT_ENTITIES,
  type AuditAction,
  type AuditEntity,
  type AuditRow,
  type AuditVerifyResult,
} from './audit.js';
export { StoreClient, directStore, type AsyncStore } from './client.js';
export { LATEST_SCHEMA_VERSION } from './migrations/index.js';
export { openDesktopStore, RecoveryNeededError, type DesktopUnlock } from './desktop.js';
export { StoreSession } from './session.js';
