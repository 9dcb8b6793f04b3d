import { del, get, patch, post, type Page } from './request';
import type { Unit } from './types';

export type UnitInput = Omit<Unit, 'id'>;
export const listUnits = () => get<Page<Unit>>('/units', { page: 1, pageSize: 200 });
export const createUnit = (u: UnitInput) => post<Unit>('/units', u);
export const updateUnit = (id: number, u: Partial<UnitInput>) => patch<Unit>(`/units/${id}`, u);
export const deleteUnit = (id: number) => del<void>(`/units/${id}`);
