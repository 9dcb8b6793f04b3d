// Everything a scan needs from disk is loaded and judged before the first request: the rule catalogue and
// its overlays, the dictionaries and the check ids the config names. A mistake there is the user's to fix
// (exit 2), and it must surface in a second, not after a crawl of ten thousand pages.
import { ConfigError, type ScanConfig } from '../config.js';
import { allChecks } from '../checks/index.js';
import { CHECK_LABELS } from '../report/labels.js';
import { loadCatalogue, type Catalogue } from '../rules/index.js';
import { loadDictionaries, type Dictionaries } from '../text/dictionaries.js';

export interface PreparedScan {
  catalogue: Catalogue;
  /** The configured dictionaries; absent when every check that reads them is disabled. */
  dictionaries?: Dictionaries;
}

/** The checks that read the dictionaries (privacy-leak shares their one pass over the text). */
const DICTIONARY_CHECKS = ['typo', 'wrong-expression', 'sensitive-word', 'privacy-leak'];

/** Every check id a config may name: the registered checks and those the crawl reports itself. */
export function knownCheckIds(): Set<string> {
  return new Set([...allChecks.map((c) => c.id), ...Object.keys(CHECK_LABELS)]);
}

function checkIds(cfg: ScanConfig): void {
  const known = knownCheckIds();
  const unknown = cfg.checks.disabled.filter((id) => !known.has(id));
  if (unknown.length) {
    throw new ConfigError(`配置无效：checks.disabled 中有未知的检查项「${unknown.join('」「')}」（可用：${[...known].sort().join('、')}）`);
  }
}

function catalogue(cfg: ScanConfig): Catalogue {
  try {
    return loadCatalogue(cfg.rules.catalogue, cfg.rules.overlays);
  } catch (err) {
    throw new ConfigError(`指标体系无效（rules.catalogue / rules.overlays）：${(err as Error).message}`);
  }
}

function dictionaries(cfg: ScanConfig): Dictionaries | undefined {
  const disabled = new Set(cfg.checks.disabled);
  if (DICTIONARY_CHECKS.every((id) => disabled.has(id))) return undefined;
  try {
    return loadDictionaries(cfg.checks.dictionaryDir);
  } catch (err) {
    const where = cfg.checks.dictionaryDir ? `checks.dictionaryDir「${cfg.checks.dictionaryDir}」` : '内置词库';
    throw new ConfigError(`词库无法加载（${where}）：${(err as Error).message}`);
  }
}

/** Loads and validates what the scan reads from disk; throws ConfigError (a usage error, exit 2). */
export function prepareScan(cfg: ScanConfig): PreparedScan {
  checkIds(cfg);
  return { catalogue: catalogue(cfg), dictionaries: dictionaries(cfg) };
}
