// KuCoin's public WebSocket token: POST /api/v1/bullet-public (no body, no auth) → endpoint,
// token, pingInterval, pingTimeout (kucoin.md §1.1). The token is temporary: fetch one per connect.
import { arr, FrameError, obj, positive, str } from '../../core/fields.js';
import type { HttpClient } from '../../core/venue.js';
import { kucoinData } from './markets.js';

export interface Bullet {
  readonly endpoint: string;
  readonly token: string;
  /** Client ping period the server asks for, ms. */
  readonly pingIntervalMs: number;
  /** No pong for this long → the connection is considered dead, ms. */
  readonly pingTimeoutMs: number;
}

export function parseBullet(body: string): Bullet {
  const data = obj(kucoinData(body), 'data');
  const servers = arr(data['instanceServers'], 'data.instanceServers');
  const first = servers.map((s, i) => obj(s, `data.instanceServers[${i}]`)).find((s) => s['protocol'] === 'websocket');
  if (!first) throw new FrameError('data.instanceServers', 'no websocket server offered');
  return {
    endpoint: str(first, 'endpoint', 'instanceServers.endpoint'),
    token: str(data, 'token', 'data.token'),
    pingIntervalMs: positive(first, 'pingInterval', 'instanceServers.pingInterval'),
    pingTimeoutMs: positive(first, 'pingTimeout', 'instanceServers.pingTimeout'),
  };
}

export async function requestBullet(http: HttpClient): Promise<Bullet> {
  const res = await http.request({ method: 'POST', path: '/api/v1/bullet-public' });
  if (res.status !== 200) throw new Error(`bullet-public: HTTP ${res.status} ${res.body.slice(0, 120)}`);
  return parseBullet(res.body);
}

/** `<endpoint>?token=…&connectId=…` (kucoin.md §1.2). */
export function connectUrl(endpoint: string, token: string, connectId: string): string {
  const u = new URL(endpoint);
  u.searchParams.set('token', token);
  u.searchParams.set('connectId', connectId);
  return u.toString();
}
