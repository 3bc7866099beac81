import type { Command } from 'commander';
import { loadConfig } from '../../config/load.js';

export function registerConfig(program: Command): void {
  program
    .command('config')
    .description('print the effective configuration (defaults < --config file < env < flags)')
    .action(() => {
      const cfg = loadConfig({ file: program.opts<{ config?: string }>().config });
      // Secrets are shown as set or not, never printed.
      const shown = { ...cfg, ...(cfg.apiKey ? { apiKey: '[set]' } : {}), ...(cfg.db ? { db: cfg.db.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:[redacted]@') } : {}) };
      process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
    });
}
