// Venue modules by convention: src/exchanges/<id>/index.ts exports `adapter`, mock.ts exports
// `createMockProtocol`. Loaded lazily so a venue's code is only read when it is used.
// (`@vite-ignore`: vitest cannot expand a variable `.js` import onto the `.ts` sources itself.)
import { VENUE_IDS, type VenueId } from '../core/events.js';
import type { VenueAdapter } from '../core/venue.js';
import type { MockProtocol } from './mock/server.js';

interface AdapterModule {
  readonly adapter: VenueAdapter;
}
interface MockModule {
  createMockProtocol(): MockProtocol;
}

export async function loadAdapter(id: VenueId): Promise<VenueAdapter> {
  const mod = (await import(/* @vite-ignore */ `./${id}/index.js`)) as Partial<AdapterModule>;
  if (!mod.adapter || mod.adapter.id !== id) throw new Error(`src/exchanges/${id}/index.ts does not export adapter for ${id}`);
  return mod.adapter;
}

export async function loadMockProtocol(id: VenueId): Promise<MockProtocol> {
  const mod = (await import(/* @vite-ignore */ `./${id}/mock.js`)) as Partial<MockModule>;
  if (typeof mod.createMockProtocol !== 'function') throw new Error(`src/exchanges/${id}/mock.ts does not export createMockProtocol`);
  return mod.createMockProtocol();
}

/** Parse a `--venues` value: comma list of ids or `all`. */
export function parseVenueList(spec: string): VenueId[] {
  if (spec.trim() === 'all') return [...VENUE_IDS];
  const out: VenueId[] = [];
  for (const raw of spec.split(',')) {
    const v = raw.trim();
    if (!v) continue;
    if (!(VENUE_IDS as readonly string[]).includes(v)) {
      throw new Error(`unknown venue "${v}"; known: ${VENUE_IDS.join(', ')} or all`);
    }
    out.push(v as VenueId);
  }
  if (out.length === 0) throw new Error('no venue given');
  return out;
}
