import { get, patch } from './request';
import type { Settings } from './types';

export const getSettings = () => get<Settings>('/settings');
export const updateSettings = (s: Partial<Pick<Settings, 'defaultScheduleCron' | 'defaultMaxPages' | 'overlays' | 'probesPerDay' | 'probeTimeoutMs'>>) =>
  patch<Settings>('/settings', s);
