import type { z } from 'zod';
import type { AppInfo } from '../../shared/contract/channels.ts';

export type AppInfoTransport = z.infer<typeof AppInfo>['transport'];
