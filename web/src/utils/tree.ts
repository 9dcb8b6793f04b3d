import type { Unit } from '../api/types.js';

export interface UnitNode { id: number; label: string; value: number; unit: Unit; children: UnitNode[] }

/** Flat units → a forest by parentId. A unit whose parent is not visible (a unit operator sees only part of the
 *  tree) becomes a root, so nothing disappears. */
export function buildUnitTree(units: Unit[]): UnitNode[] {
  const nodes = new Map<number, UnitNode>();
  for (const u of units) nodes.set(u.id, { id: u.id, label: u.name, value: u.id, unit: u, children: [] });
  const roots: UnitNode[] = [];
  for (const u of units) {
    const node = nodes.get(u.id)!;
    const parent = u.parentId != null ? nodes.get(u.parentId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** The ids of a unit and all its descendants (a unit cannot become its own ancestor). */
export function descendantIds(units: Unit[], id: number): Set<number> {
  const out = new Set<number>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units) {
      if (u.parentId != null && out.has(u.parentId) && !out.has(u.id)) {
        out.add(u.id);
        grew = true;
      }
    }
  }
  return out;
}
