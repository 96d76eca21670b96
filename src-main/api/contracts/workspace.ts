/**
 * Inputs of the workspace and profile methods, in their own fragment so forms validate with the very
 * schema the router applies (the renderer imports this file, not the whole contract). Pure: zod only.
 */
import { z } from 'zod';
import { orgProfileSchema } from '../../domain/org-profile';

export const workspacePath = z
  .string()
  .trim()
  .min(1, { message: 'Choose where to save the workspace.' })
  .max(1024)
  .refine((p) => p.endsWith('.vigie'), { message: 'A workspace file name must end with .vigie.', params: { code: 'invalid_workspace_file' } });

export const workspaceCreateInput = z
  .object({
    path: workspacePath,
    passphrase: z.string().min(8, { message: 'The passphrase must have at least 8 characters.' }).max(1024),
    controllerName: z.string().trim().max(200).optional(),
    language: z.enum(['fr', 'en']).optional(),
    demo: z.boolean().optional(),
  })
  .strict();

export const profileUpdateInput = z.object({ values: orgProfileSchema.partial().strict() }).strict();
