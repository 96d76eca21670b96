/** API methods of the vendors area ('vendors.<verb>'). Pure: zod and domain schemas only. */
import type { ContractFragment } from './shared';

export const vendorsContract = {} as const satisfies ContractFragment;
