// The unit list, loaded once and shared by the filters, forms and the unit tree.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { listUnits } from '@/api/units';
import type { Unit } from '@/api/types';
import { buildUnitTree } from '@/utils/tree';

export const useUnitStore = defineStore('units', () => {
  const units = ref<Unit[]>([]);
  let loading: Promise<void> | null = null;

  const tree = computed(() => buildUnitTree(units.value));
  const byId = computed(() => new Map(units.value.map((u) => [u.id, u])));

  function load(force = false): Promise<void> {
    if (!force && loading) return loading;
    loading = listUnits()
      .then((page) => {
        units.value = page.items;
      })
      .catch(() => {
        loading = null;
      });
    return loading;
  }

  return { units, tree, byId, load };
});
