import { del, get, patch, post, type Page, type Query } from './request';
import type { User } from './types';

export type UserInput = Omit<User, 'id' | 'unitName'> & { password?: string };
export const listUsers = (q: Query) => get<Page<User>>('/users', q);
export const createUser = (u: UserInput) => post<User>('/users', u);
export const updateUser = (id: number, u: Partial<UserInput>) => patch<User>(`/users/${id}`, u);
export const deleteUser = (id: number) => del<void>(`/users/${id}`);
