/** API methods of the breaches area ('breaches.<verb>'). Pure: zod and domain schemas only. */
import type { ContractFragment } from './shared';

export const breachesContract = {} as const satisfies ContractFragment;
