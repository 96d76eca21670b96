import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { orgProfileSchema } from '../../domain/org-profile';
import { contract } from '../contract';
import { issueFromZod, normaliseIssues } from './errors';

const issues = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('expected a failure');
  return r.error.issues.map(issueFromZod).map(({ path, code, params }) => ({ path, code, ...(params ? { params } : {}) }));
};

describe('zod issues → field-issue codes', () => {
  it.each([
    ['too short passphrase', contract['workspace.create'].input, { path: 'w.vigie', passphrase: 'short' }, [{ path: ['passphrase'], code: 'too_short', params: { min: 8 } }]],
    ['not a .vigie file', contract['workspace.create'].input, { path: 'w.txt', passphrase: 'long enough' }, [{ path: ['path'], code: 'invalid_workspace_file' }]],
    ['missing path', contract['workspace.create'].input, { path: '', passphrase: 'long enough' }, [{ path: ['path'], code: 'required' }, { path: ['path'], code: 'invalid_workspace_file' }]],
    ['unknown key', contract['workspace.create'].input, { path: 'w.vigie', passphrase: 'long enough', extra: 1 }, [{ path: [], code: 'unknown_field', params: { keys: 'extra' } }]],
    ['invalid SIREN', orgProfileSchema.partial(), { siren: '12345' }, [{ path: ['siren'], code: 'invalid_siren' }]],
    ['invalid e-mail', orgProfileSchema.partial(), { dpo_email: 'x@' }, [{ path: ['dpo_email'], code: 'invalid_email' }]],
    ['unknown jurisdiction', orgProfileSchema.partial(), { jurisdiction: 'ZZ' }, [{ path: ['jurisdiction'], code: 'invalid_jurisdiction' }]],
    ['unknown time zone', orgProfileSchema.partial(), { time_zone: 'Mars/Olympus' }, [{ path: ['time_zone'], code: 'invalid_time_zone' }]],
    ['too long', orgProfileSchema.partial(), { city: 'x'.repeat(101) }, [{ path: ['city'], code: 'too_long', params: { max: 100 } }]],
    ['number too big', orgProfileSchema.partial(), { breach_notification_hours: 300 }, [{ path: ['breach_notification_hours'], code: 'too_big', params: { max: 240 } }]],
    ['not an integer', orgProfileSchema.partial(), { breach_notification_hours: 1.5 }, [{ path: ['breach_notification_hours'], code: 'not_integer' }]],
    ['enum', orgProfileSchema.partial(), { language: 'de' }, [{ path: ['language'], code: 'invalid_choice', params: { options: 'fr, en' } }]],
    ['wrong type', orgProfileSchema.partial(), { siren: 42 }, [{ path: ['siren'], code: 'invalid_type' }]],
  ])('%s', (_name, schema, value, expected) => {
    expect(issues(schema as z.ZodType, value)).toEqual(expected);
  });

  it('normalises issues a service sends: unknown codes become invalid_value, params keep plain values only', () => {
    expect(normaliseIssues([{ path: 'a.b', message: 'x' }, { path: ['c'], code: 'date_in_future', params: { date: '2062-01-01', nested: { no: 1 } }, message: 'y' }])).toEqual([
      { path: ['a', 'b'], code: 'invalid_value', message: 'x' },
      { path: ['c'], code: 'date_in_future', params: { date: '2062-01-01' }, message: 'y' },
    ]);
    expect(normaliseIssues(undefined)).toBeUndefined();
  });
});

describe('issues kept by the domain parsers reach the bridge with their codes', () => {
  it('a DomainError from parseDsarCase / parseActivityInput carries zod fields that normalise to issue codes', async () => {
    const { parseDsarCase } = await import('../../domain/requests/case');
    const { parseActivityInput } = await import('../../domain/register/activity');
    const grab = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return normaliseIssues((e as { details?: { issues?: unknown } }).details?.issues)!.map(({ path, code, params }) => ({ path, code, ...(params ? { params } : {}) }));
      }
      throw new Error('expected a refusal');
    };
    expect(grab(() => parseDsarCase({ requester: { name: 'x'.repeat(201), email: 'nope' }, rights: ['access'], channel: 'email', receivedOn: '2026-01-05' }))).toEqual([
      { path: ['requester', 'name'], code: 'too_long', params: { max: 200 } },
      { path: ['requester', 'email'], code: 'invalid_email' },
    ]);
    expect(grab(() => parseActivityInput({ role: 'owner' }))).toContainEqual({ path: ['role'], code: 'invalid_choice', params: { options: 'controller, joint-controller, processor' } });
  });
});
