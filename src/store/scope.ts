// Unit isolation, in one place. Every query on a unit-owned table (units, users, websites, accounts, jobs,
// scans through their website) goes through a UnitScope built for the acting user: a unit operator sees
// its own unit, plus the sub-units below it when the supervisor set includeSubunits on its unit; every
// other role sees all units. Writes to a row outside the scope behave as if the row did not exist.
import { sql, type Kysely } from 'kysely';
import type { Database } from './types.js';
import type { Role } from './platform-types.js';
import { notFound } from './errors.js';

export interface Actor {
  /** null for the system (scheduler, bootstrap, demo seeding). */
  id: number | null;
  username: string;
  role: Role;
  unitId: number | null;
  ip?: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, username: 'system', role: 'supervisor', unitId: null };

type Filterable = { where(...args: any[]): any };

export class UnitScope {
  private readonly visible: ReadonlySet<number> | null;

  private constructor(
    readonly actor: Actor,
    unitIds: number[] | null,
  ) {
    this.visible = unitIds === null ? null : new Set(unitIds);
  }

  /** All units are visible to supervisors, inspectors and viewers; a unit operator gets its subtree or unit. */
  static async of(db: Kysely<Database>, actor: Actor): Promise<UnitScope> {
    if (actor.role !== 'unit') return new UnitScope(actor, null);
    if (actor.unitId == null) return new UnitScope(actor, []);
    const units = await db.selectFrom('units').select(['id', 'parentId', 'includeSubunits']).execute();
    const own = units.find((u) => u.id === actor.unitId);
    if (!own) return new UnitScope(actor, []);
    if (!own.includeSubunits) return new UnitScope(actor, [own.id]);
    return new UnitScope(actor, descendantsOf(own.id, units));
  }

  get all(): boolean {
    return this.visible === null;
  }

  /** The unit ids visible, or null for all. */
  get unitIds(): number[] | null {
    return this.visible === null ? null : [...this.visible];
  }

  canSee(unitId: number | null | undefined): boolean {
    if (this.visible === null) return true;
    return unitId != null && this.visible.has(unitId);
  }

  /** Adds "column in the visible units" to a query; the only filter for unit isolation. */
  filter<Q extends Filterable>(query: Q, unitColumn: string): Q {
    if (this.visible === null) return query;
    if (this.visible.size === 0) return query.where(sql<boolean>`1 = 0`) as Q;
    return query.where(unitColumn, 'in', [...this.visible]) as Q;
  }

  /** A unit given in input (a new row's owner, a move) must be visible too; else it "does not exist". */
  assertUnit(unitId: number | null | undefined, what = '单位'): void {
    if (!this.canSee(unitId)) throw notFound(what);
  }
}

export function descendantsOf(rootId: number, units: Array<{ id: number; parentId: number | null }>): number[] {
  const children = new Map<number, number[]>();
  for (const u of units) {
    if (u.parentId == null) continue;
    const list = children.get(u.parentId) ?? [];
    list.push(u.id);
    children.set(u.parentId, list);
  }
  const out: number[] = [];
  const seen = new Set<number>();
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue; // a cycle in bad data must not loop forever
    seen.add(id);
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}
