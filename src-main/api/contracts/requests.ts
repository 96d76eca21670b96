/** API methods of the requests area ('requests.<verb>'). Pure: zod and domain schemas only. */
import type { ContractFragment } from './shared';

export const requestsContract = {} as const satisfies ContractFragment;
