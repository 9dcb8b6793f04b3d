import { del, get, patch, post, type Page, type Query } from './request';
import type { Account } from './types';

export type AccountInput = Pick<Account, 'platform' | 'name' | 'platformId' | 'unitId' | 'status'>;
export const listAccounts = (q: Query) => get<Page<Account>>('/accounts', q);
export const createAccount = (a: AccountInput) => post<Account>('/accounts', a);
export const updateAccount = (id: number, a: Partial<AccountInput>) => patch<Account>(`/accounts/${id}`, a);
export const deleteAccount = (id: number) => del<void>(`/accounts/${id}`);
