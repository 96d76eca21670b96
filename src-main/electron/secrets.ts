import { safeStorage } from 'electron';
import type { SecretStore } from '../services/platform';

/**
 * "Remember passphrase on this computer": wraps it with the OS keychain through safeStorage.
 * On Linux a 'basic_text' backend means no real keychain: we refuse and keep asking.
 */
export const electronSecrets: SecretStore = {
  available() {
    if (!safeStorage.isEncryptionAvailable()) return false;
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return false;
    return true;
  },
  encrypt(plain) {
    return safeStorage.encryptString(plain).toString('base64');
  },
  decrypt(wrapped) {
    return safeStorage.decryptString(Buffer.from(wrapped, 'base64'));
  },
};
