import type { Permission } from '@dltt/contracts';

/** The console's sections, in menu order; each shows only to roles that carry its permission. */
export const SECTIONS = [
  { path: '/', key: 'home', permission: 'console.access' },
  { path: '/reports', key: 'reports', permission: 'reports.handle' },
  { path: '/counter', key: 'counter', permission: 'queue.serve' },
  { path: '/queue-stats', key: 'queueStats', permission: 'queue.stats' },
  { path: '/templates', key: 'templates', permission: 'templates.manage' },
  { path: '/staff', key: 'staff', permission: 'staff.manage' },
  { path: '/agencies', key: 'agencies', permission: 'agencies.manage' },
  { path: '/categories', key: 'categories', permission: 'categories.manage' },
  { path: '/routing', key: 'routing', permission: 'routing.manage' },
  { path: '/communes', key: 'communes', permission: 'routing.manage' },
  { path: '/calendar', key: 'calendar', permission: 'calendar.manage' },
  { path: '/centres', key: 'centres', permission: 'centres.manage' },
  { path: '/planning', key: 'planning', permission: 'planning.manage' },
  { path: '/land-use-codes', key: 'landUseCodes', permission: 'landuse.manage' },
  { path: '/api-clients', key: 'apiClients', permission: 'apiclients.manage' },
  { path: '/zalo', key: 'zalo', permission: 'zalo.manage' },
  { path: '/audit', key: 'audit', permission: 'audit.read' },
] as const satisfies readonly { path: string; key: string; permission: Permission }[];

export type Section = (typeof SECTIONS)[number];
