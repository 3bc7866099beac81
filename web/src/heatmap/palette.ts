// Colour ramps for the heatmap as 256-entry lookup tables of packed RGBA (little-endian ImageData words).

export interface Palette {
  readonly id: string;
  readonly label: string;
  readonly colourBlindSafe: boolean;
  /** Colour stops, low to high, evenly spaced. */
  readonly stops: readonly string[];
}

export const PALETTES: readonly Palette[] = [
  // The look traders know: deep indigo → purple → blue → teal → yellow → orange → red.
  { id: 'classic', label: 'Classic', colourBlindSafe: false, stops: ['#0c0a1f', '#2a1060', '#4b1d9a', '#2b5cc7', '#1ea3b8', '#45c97a', '#d8e43a', '#ffb22e', '#ff5a2a', '#ff1f4f'] },
  // Viridis and cividis are perceptually uniform and readable with red-green colour blindness.
  { id: 'viridis', label: 'Viridis (CB-safe)', colourBlindSafe: true, stops: ['#0d0a26', '#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'] },
  { id: 'cividis', label: 'Cividis (CB-safe)', colourBlindSafe: true, stops: ['#00122e', '#00204d', '#31446b', '#575c6e', '#7c7b78', '#a69d75', '#d3c164', '#ffe945'] },
  { id: 'inferno', label: 'Inferno (CB-safe)', colourBlindSafe: true, stops: ['#07051a', '#1f0c48', '#550f6d', '#88226a', '#ba3655', '#e35933', '#f98e09', '#f8c931', '#fcffa4'] },
];

export function palette(id: string): Palette {
  return PALETTES.find((p) => p.id === id) ?? PALETTES[0]!;
}

function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const luts = new Map<string, Uint32Array>();

/** 256 packed colours (ABGR in memory order for a Uint32 view of ImageData on little-endian machines). */
export function lut(id: string): Uint32Array {
  const hit = luts.get(id);
  if (hit) return hit;
  const stops = palette(id).stops.map(rgb);
  const out = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    const x = (i / 255) * (stops.length - 1);
    const k = Math.min(stops.length - 2, Math.floor(x));
    const t = x - k;
    const a = stops[k]!;
    const b = stops[k + 1]!;
    const ch = (j: number): number => Math.round(a[j]! + (b[j]! - a[j]!) * t);
    out[i] = (255 << 24) | (ch(2) << 16) | (ch(1) << 8) | ch(0);
  }
  luts.set(id, out);
  return out;
}

/** CSS colour of the ramp at u ∈ [0, 1]. */
export function cssColour(id: string, u: number): string {
  const v = lut(id)[Math.max(0, Math.min(255, Math.round(u * 255)))]!;
  return `rgb(${v & 255},${(v >> 8) & 255},${(v >>> 16) & 255})`;
}
