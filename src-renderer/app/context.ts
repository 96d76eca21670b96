import { createContext, useContext } from 'react';
import type { MethodOutput } from '../../src-main/api/contract';

export interface AppState {
  status: MethodOutput<'workspace.status'> | undefined;
  info: MethodOutput<'app.info'> | undefined;
  setStatus: (s: MethodOutput<'workspace.status'>) => void;
  refresh: () => Promise<void>;
}

export const AppContext = createContext<AppState>({ status: undefined, info: undefined, setStatus: () => undefined, refresh: async () => undefined });

export function useAppState(): AppState {
  return useContext(AppContext);
}
