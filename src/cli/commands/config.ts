import type { Command } from 'commander';
import { loadConfig } from '../../config/load.js';

export function registerConfig(program: Command): void {
  program
    .command('config')
    .description('print the effective configuration (defaults < --config file < env < flags)')
    .action(() => {
      const cfg = loadConfig({ file: program.opts<{ config?: string }>().config });
      process.stdout.write(`${JSON.stringify(cfg, null, 2)}\n`);
    });
}
