import { apiUrl, request, type Query } from './request';
import type { InventoryKind } from './types';

export const templateUrl = (kind: InventoryKind) => apiUrl('/inventory/template', { kind });
export const exportUrl = (kind: InventoryKind, format: 'xlsx' | 'csv', filters: Query = {}) =>
  apiUrl('/inventory/export', { ...filters, kind, format });
/** All or nothing: 422 import_invalid carries details [{ row, column, message }]. */
export function importInventory(kind: InventoryKind, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<{ imported: number }>('POST', '/inventory/import', { query: { kind }, form, silent: true });
}
