/**
 * The application id, also `appId` in build/electron-builder.yml (packaging.test.ts checks they
 * agree). Windows ties notifications, the taskbar and the jump list (recent documents) to it.
 */
export const APP_ID = 'fr.vigie.workbench';
