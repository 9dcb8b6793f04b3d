import { get, post } from './request';
import type { Session } from './types';

export const login = (username: string, password: string) =>
  post<Session>('/auth/login', { username, password }, { silent: true });
export const logout = () => post<void>('/auth/logout', undefined, { silent: true });
export const me = () => get<Session>('/auth/me', undefined, { silent: true });
export const changePassword = (oldPassword: string, newPassword: string) =>
  post<void>('/auth/password', { oldPassword, newPassword });
