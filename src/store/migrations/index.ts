// Every migration, in order. Listed statically (no directory scan) so it works from src (tsx) and dist alike.
// Add new ones at the end with the next number; never edit one that has shipped.
import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.js';
import * as m0002 from './0002_platform.js';
import * as m0003 from './0003_list_indexes.js';
import * as m0004 from './0004_probes.js';
import * as m0005 from './0005_rounds.js';
import * as m0006 from './0006_messages.js';
import * as m0007 from './0007_tasks.js';
import * as m0008 from './0008_notice.js';
import * as m0009 from './0009_page_cache.js';
import * as m0010 from './0010_page_cache_link_runs.js';
import * as m0011 from './0011_attachment_cache.js';
import * as m0012 from './0012_spam_word_memo.js';

export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_platform': m0002,
  '0003_list_indexes': m0003,
  '0004_probes': m0004,
  '0005_rounds': m0005,
  '0006_messages': m0006,
  '0007_tasks': m0007,
  '0008_notice': m0008,
  '0009_page_cache': m0009,
  '0010_page_cache_link_runs': m0010,
  '0011_attachment_cache': m0011,
  '0012_spam_word_memo': m0012,
};
