import { get } from './request';
import type { Overview } from './types';

export const getOverview = () => get<Overview>('/overview');
