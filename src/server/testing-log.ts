// A logger that writes nothing (tests and benches).
import { pino } from 'pino';
import type { Logger } from '../log.js';

export const silentLogger: Logger = pino({ level: 'silent' });
