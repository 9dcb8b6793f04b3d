#!/usr/bin/env -S MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=131072 node --max-semi-space-size=2 --max-old-space-size=1024 --heap-growing-percent=30 --liftoff-only
// (The flags, measured on the 20,000-page bench site: a smaller young generation, since the crawl allocates many
// short-lived objects per page and V8's default semi-space growth costs ~40 MB of resident memory for no speed
// (240 → 198 MB). And a 1 GB old-space cap: V8 lets the heap grow by a factor of up to 4 before a full GC when
// the cap is large (the default follows the machine's memory), but by less below 1 GB, so garbage is collected
// sooner — peak RSS 190 → 131 MB for the same CPU time (26 s). The scan's live heap stays far below the cap,
// ~20 MB after 20,000 pages; a million pages fit in ~300 MB because the frontier spills to disk. And
// --liftoff-only: undici parses HTTP with llhttp compiled to WebAssembly, and once it runs hot V8 recompiles it
// with its optimising compiler, which mallocs ~35 MB for a moment early in the crawl: that moment was the scan's
// peak RSS. The baseline-compiled parser only reads headers: CPU time did not change measurably. And
// --heap-growing-percent=30: between full GCs V8 let the main heap run to ~1.6× its ~35 MB of live data (page
// data promoted while fetches are in flight); growing by 30 % instead cut peak RSS by 8-9 MB in paired runs, CPU
// time within the noise of a loaded machine. MALLOC_ARENA_MAX=1: glibc gives each thread that mallocs (parse
// worker, GC and libuv threads) its own arena, each keeping freed memory; two arenas measured 4-6 MB less peak RSS
// than the default, one a little less again. MALLOC_MMAP_THRESHOLD_=131072 is glibc's default threshold, set so
// that it stays put: glibc raises it to the size of every large mmapped block that is freed (the 4.6 MB char
// model file, its 6.7 MB unpacked copy), and from then on buffers up to that size come from the arena, where
// freed memory stays resident. One arena and a fixed threshold: peak RSS 148.5 → 144.7 MB (means of 10 and 6
// interleaved runs), CPU time unchanged. Semi-spaces of 3 or 4 MB measured 1-3 CPU-s less for 7 MB more; the
// parse worker cannot have a young generation of its own: --max-semi-space-size overrides a worker's
// resourceLimits.)
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
