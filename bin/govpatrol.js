#!/usr/bin/env node
// Entry point. Runs the compiled CLI; in a checkout without a build (or with GOVPATROL_FROM_SOURCE=1, as the
// tests do, so they never run a stale build), runs the TypeScript sources through tsx.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/src/cli/main.js', import.meta.url);
if (existsSync(compiled) && process.env.GOVPATROL_FROM_SOURCE !== '1') {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
