// Where the saved real government pages live: ../shared beside the checkout (as in CI), else the workspace copy.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const candidates = [
  resolve(import.meta.dirname, '../../shared/fixtures/real-pages'),
  '/work/shared/fixtures/real-pages',
];

export const REAL_PAGES_DIR = (candidates.find((d) => existsSync(d)) ?? candidates[0]) + '/';
