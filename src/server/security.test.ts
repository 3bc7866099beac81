import { describe, expect, it } from 'vitest';
import { isLoopback, redactUrl } from './security.js';

describe('security helpers', () => {
  it('redacts secrets in logged URLs', () => {
    expect(redactUrl('/api/v1/x?apiKey=abc&rows=2&token=zz')).toBe('/api/v1/x?apiKey=[redacted]&rows=2&token=[redacted]');
    expect(redactUrl('/api/v1/heatmap?rows=2')).toBe('/api/v1/heatmap?rows=2');
  });
  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', 'localhost'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '::', '192.168.1.5'].some(isLoopback)).toBe(false);
  });
});
