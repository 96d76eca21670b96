import type { SecretStore } from '../services/platform';
import type { ElectronApi, Platform } from './electron-api';

/**
 * "Remember passphrase on this computer": wraps it with the OS keychain through safeStorage.
 * On Linux a 'basic_text' (or 'unknown') backend means no real keychain — safeStorage would
 * "encrypt" with a hard-coded key: we refuse and keep asking for the passphrase.
 */
export function electronSecrets(safeStorage: ElectronApi['safeStorage'], platform: Platform): SecretStore {
  return {
    available() {
      if (!safeStorage.isEncryptionAvailable()) return false;
      if (platform === 'linux') {
        const backend = safeStorage.getSelectedStorageBackend();
        if (backend === 'basic_text' || backend === 'unknown') return false;
      }
      return true;
    },
    encrypt(plain) {
      if (!this.available()) throw new Error('No OS keychain on this computer: the passphrase cannot be remembered.');
      return safeStorage.encryptString(plain).toString('base64');
    },
    decrypt(wrapped) {
      if (!this.available()) throw new Error('No OS keychain on this computer: the passphrase cannot be read back.');
      return safeStorage.decryptString(Buffer.from(wrapped, 'base64'));
    },
  };
}
