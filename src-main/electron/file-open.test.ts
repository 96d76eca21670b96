import { describe, expect, it } from 'vitest';
import { FileOpenQueue, isWorkspacePath, workspaceFromArgv } from './file-open';

describe('workspaceFromArgv', () => {
  it.each<[string[], string, string | null, NodeJS.Platform?]>([
    [['/opt/Vigie/vigie', '/home/dpo/acme.vigie'], '/tmp', '/home/dpo/acme.vigie'],
    [['C:\\Program Files\\Vigie\\Vigie.exe', 'C:\\Users\\dpo\\Documents\\Vigie\\acme.vigie'], 'C:\\', 'C:\\Users\\dpo\\Documents\\Vigie\\acme.vigie', 'win32'],
    [['C:\\Program Files\\Vigie\\Vigie.exe', 'acme.vigie'], 'D:\\Partage', 'D:\\Partage\\acme.vigie', 'win32'],
    [['/opt/Vigie/vigie', 'acme.vigie'], '/home/dpo/Documents', '/home/dpo/Documents/acme.vigie'],
    [['/opt/Vigie/vigie', '--original-process-start-time=1234', '--no-sandbox', '/w/ACME.VIGIE'], '/', '/w/ACME.VIGIE'],
    [['electron', 'out/main/index.js', '/w/x.vigie'], '/', '/w/x.vigie'],
    [['/opt/Vigie/vigie', '--open=/w/x.vigie'], '/', null],
    [['/opt/Vigie/vigie', '/w/x.vigie.txt'], '/', null],
    [['/opt/Vigie/vigie'], '/', null],
    [['/w/first.vigie'], '/', null], // argv[0] is the executable, never a document
    // Linux desktop entry with %U: the file manager may pass a file: URL.
    [['/opt/Vigie/vigie', 'file:///home/dpo/Mes%20documents/acme.vigie'], '/', '/home/dpo/Mes documents/acme.vigie'],
    [['/opt/Vigie/vigie', 'file://localhost/home/dpo/acme.vigie'], '/', '/home/dpo/acme.vigie'],
    [['/opt/Vigie/vigie', 'file://fileserver/share/acme.vigie'], '/', null],
    [['/opt/Vigie/vigie', 'file:///home/dpo/bad%E0.vigie'], '/', null],
    [['Vigie.exe', 'file:///C:/Users/dpo/acme.vigie'], 'C:\\', 'C:\\Users\\dpo\\acme.vigie', 'win32'],
  ])('%j in %s → %s', (argv, cwd, expected, platform = 'linux') => {
    expect(workspaceFromArgv(argv, cwd, platform)).toBe(expected);
  });

  it('isWorkspacePath refuses non-strings, bare extensions, NUL bytes and huge values', () => {
    expect(isWorkspacePath('/a.vigie')).toBe(true);
    expect(isWorkspacePath('.vigie')).toBe(false);
    expect(isWorkspacePath(42)).toBe(false);
    expect(isWorkspacePath('/a\0.vigie')).toBe(false);
    expect(isWorkspacePath(`/${'a'.repeat(2000)}.vigie`)).toBe(false);
  });
});

describe('FileOpenQueue', () => {
  it('holds the file until the window attaches, then delivers directly; detach holds again', () => {
    const q = new FileOpenQueue();
    const got: string[] = [];
    q.request('/w/a.vigie');
    q.request('/w/b.vigie'); // the latest wins while nothing can take it
    expect(q.peek()).toBe('/w/b.vigie');
    q.attach((p) => got.push(p));
    expect(got).toEqual(['/w/b.vigie']);
    q.request('/w/c.vigie');
    q.request('/w/readme.txt');
    expect(got).toEqual(['/w/b.vigie', '/w/c.vigie']);
    q.detach();
    q.request('/w/d.vigie');
    expect(got).toHaveLength(2);
    expect(q.peek()).toBe('/w/d.vigie');
  });
});
